"""The routine edits of a year (harness/staff_edits.py) go live: each alone builds and shows on
every page that should change; all nine together build, and no page keeps an old value.

The edits are made on copies of the company fixture; nothing here reads the shipped sources,
so the same edits made to them by staff can never make these tests fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness import staff_edits
from harness.cli import run_cli
from harness.project import Project, fresh_project

Check = Callable[[Path], None]


def text_of(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_bytes(), "html.parser")
    for hidden in soup(["script", "style", "head"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" "))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def every_page_has(site: Path, words: str) -> None:
    missing = [
        p.relative_to(site).as_posix() for p in html_pages(site) if words not in p.read_text()
    ]
    assert missing == [], f"{words!r} missing from {missing}"


def no_page_has(site: Path, words: str) -> None:
    found = [p.relative_to(site).as_posix() for p in html_pages(site) if words in p.read_text()]
    assert found == [], f"{words!r} still in {found}"


def silver_hours(site: Path) -> None:
    for page in ("piani/silver/index.html", "piani/index.html", "tempi-di-risposta/index.html"):
        assert "dalle 8:00 alle 21:00" in text_of(site, page), page
    data = json.loads((site / "api/plans.json").read_text())
    assert [p["coverage"]["closes"] for p in data["plans"] if p["id"] == "silver"] == [21 * 60]
    assert 'value="21:00"' in (site / "piani/index.html").read_text()


def gold_backup(site: Path) -> None:
    assert staff_edits.NEW_SERVICE in text_of(site, "piani/gold/index.html")
    listing = BeautifulSoup((site / "piani/index.html").read_bytes(), "html.parser")
    row = listing.find("tr", attrs={"data-row": "altri-services"})
    assert row.th.get_text(strip=True) == "Altri servizi inclusi"
    assert (
        row.find("td", attrs={"data-plan": "gold"}).get_text(strip=True) == staff_edits.NEW_SERVICE
    )


def bronze_drops_a_service(site: Path) -> None:
    no_page_has(site, staff_edits.DROPPED_SERVICE)


def bronze_six_hours(site: Path) -> None:
    for page in ("index.html", "piani/index.html", "piani/bronze/index.html"):
        assert "entro 6 ore lavorative" in text_of(site, page), page
    no_page_has(site, "entro 8 ore")


def platinum(site: Path) -> None:
    assert (site / "piani/platinum/index.html").is_file()
    assert "Quattro livelli di servizio: Bronze, Silver, Gold, Platinum." in text_of(
        site, "piani/index.html"
    )
    for page in ("index.html", "piani/index.html", "tempi-di-risposta/index.html"):
        assert "Platinum" in text_of(site, page), page
    assert "entro 30 minuti" in text_of(site, "piani/platinum/index.html")
    assert "7 giorni su 7, 24 ore su 24" in text_of(site, "piani/platinum/index.html")
    for page in html_pages(site):
        assert not re.search(r"\btre\b", text_of(site, page.relative_to(site).as_posix()), re.I)


def principles(site: Path) -> None:
    for page in ("index.html", "piani/index.html", "piani/gold/index.html"):
        assert f"« {staff_edits.NEW_QUOTE} »" in text_of(site, page), page
    assert staff_edits.NEW_PRINCIPLE in text_of(site, "codice-etico/index.html")
    no_page_has(site, staff_edits.OLD_QUOTE)


def about_page(site: Path) -> None:
    every_page_has(site, '<a href="/chi-siamo/"')
    assert text_of(site, "chi-siamo/index.html").count("Chi siamo") >= 1


def legal_data(site: Path) -> None:
    every_page_has(site, staff_edits.PARTITA_IVA)
    every_page_has(site, "Via dell’Esempio 1, 00100 Roma")


def company_email(site: Path) -> None:
    every_page_has(site, f"mailto:{staff_edits.NEW_EMAIL}")
    no_page_has(site, staff_edits.OLD_EMAIL)


CHECKS: dict[str, Check] = {
    "Silver's hours": silver_hours,
    "a service added": gold_backup,
    "a service removed": bronze_drops_a_service,
    "Bronze's response time": bronze_six_hours,
    "a fourth plan": platinum,
    "a principle reworded and one added": principles,
    "a page in the menu": about_page,
    "the legal data": legal_data,
    "the company email": company_email,
}


def test_every_edit_has_its_check() -> None:
    assert list(CHECKS) == list(staff_edits.EDITS)


@pytest.mark.parametrize("name", staff_edits.EDITS)
def test_each_edit_alone_builds_and_shows(project: Project, name: str) -> None:
    staff_edits.EDITS[name](project.root)
    outcome = project.build()
    assert outcome.status == 0, outcome.stderr
    CHECKS[name](project.output)


@pytest.fixture(scope="module")
def all_edits(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = fresh_project(tmp_path_factory.mktemp("all-edits") / "project")
    staff_edits.apply_all(project.root)
    outcome = project.build()
    assert outcome.status == 0, outcome.stderr
    return project


@pytest.mark.parametrize("name", staff_edits.EDITS)
def test_all_nine_together_show_each(all_edits: Project, name: str) -> None:
    CHECKS[name](all_edits.output)


def test_sla_answers_for_the_new_plan_and_the_new_hours(all_edits: Project) -> None:
    def deadline(plan: str, at: str) -> str:
        outcome = run_cli("sla", plan, "--at", at, "--source", str(all_edits.root))
        assert outcome.status == 0, outcome.stderr
        return outcome.stdout.strip()

    # Platinum counts every minute, holidays included (8 December).
    assert deadline("platinum", "2026-12-08T03:10") == "2026-12-08T03:40:00+01:00"
    # Silver now closes at 21:00: a request at 20:30 is answered by 8:00 + 3.5 h next day.
    assert deadline("silver", "2026-12-03T20:30") == "2026-12-04T11:30:00+01:00"
    # Bronze: 6 hours from 10:00.
    assert deadline("bronze", "2026-12-03T10:00") == "2026-12-03T16:00:00+01:00"


def test_only_the_warnings_still_due_remain(all_edits: Project) -> None:
    outcome = all_edits.build()
    warnings = [
        row.split(": avviso: ")[1] for row in outcome.stderr.splitlines() if "avviso" in row
    ]
    assert warnings == [
        "manca il numero di telefono: chi visita il sito lo cerca",
        "manca l’indirizzo o la zona servita: chi visita il sito lo cerca",
        "manca il numero di Registro Imprese / REA, che un’azienda deve indicare (art. 2250 c.c.)",
    ]
