"""A plan is one block of plans.yaml, and nothing else names it: with one, three, four or six
plans, every page that shows plans shows each of them, with its own words and colour.

The fixtures: company (three plans, the company's words), one-plan, four-plans (the last every
day 0:00-24:00 within 30 minutes), six-plans, round-the-clock.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from harness.cli import run_cli
from harness.project import Project
from harness.site import fixture_site, fixture_source
from harness.tools import REPO_ROOT
from sitegen.core.italian import COUNT_WORDS

FIXTURES = ["company", "one-plan", "four-plans", "six-plans", "round-the-clock"]


def plans_of(fixture: str) -> list[dict]:
    """The plans as the fixture's plans.yaml lists them, read by plain PyYAML."""
    text = (fixture_source(fixture) / "plans.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["plans"]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_bytes(), "html.parser")


@pytest.mark.parametrize("fixture", FIXTURES)
def test_every_page_that_shows_plans_shows_each_plan(fixture: str) -> None:
    site = fixture_site(fixture).path
    plans = plans_of(fixture)
    ids = [plan["id"] for plan in plans]
    names = [plan["name"] for plan in plans]
    home, listing = soup(site, "index.html"), soup(site, "piani/index.html")
    assert [
        h.get_text(" ", strip=True).split(" livello")[0] for h in home.select(".plan-band")
    ] == names
    assert [li["class"][1] for li in listing.select(".cards > li")] == [f"plan-{i}" for i in ids]
    table = listing.find("table", class_="comparison")
    assert [th["data-plan-label"] for th in table.select("thead th[data-plan-label]")] == ids
    for pick in listing.select(".plan-pick select"):
        assert [option["value"] for option in pick.find_all("option")] == ids
    for row in table.select("tbody tr[data-row]"):
        assert [td["data-plan"] for td in row.find_all("td")] == ids, row["data-row"]
    calculator = soup(site, "tempi-di-risposta/index.html")
    assert [box["data-sla-result"] for box in calculator.select("[data-sla-result]")] == ids
    sla_data = json.loads(calculator.find(id="sla-data").string)
    assert sorted(sla_data["plans"]) == sorted(ids)
    chooser = json.loads(listing.find(id="chooser-data").string)
    assert [plan["id"] for plan in chooser["plans"]] == ids
    contact = soup(site, "contatti/index.html").select("#contact-plan option[value]")
    assert [option["value"] for option in contact if option["value"]] == ids
    api = json.loads((site / "api/plans.json").read_text(encoding="utf-8"))
    assert [plan["id"] for plan in api["plans"]] == ids
    structured = json.loads(listing.find("script", type="application/ld+json").string)
    assert [item["item"]["name"] for item in structured["itemListElement"]] == [
        f"Piano {name}" for name in names
    ]
    for plan in plans:
        page = soup(site, f"piani/{plan['id']}/index.html")
        assert page.h1.get_text(strip=True) == f"Piano {plan['name']}"


@pytest.mark.parametrize("fixture", FIXTURES)
def test_the_plans_are_counted_in_words(fixture: str) -> None:
    count = len(plans_of(fixture))
    heading = soup(fixture_site(fixture).path, "index.html").find(id="plans-heading")
    expected = "Il piano in breve" if count == 1 else f"I {COUNT_WORDS[count]} piani in breve"
    assert heading.get_text(strip=True) == expected
    levels = soup(fixture_site(fixture).path, "piani/index.html").select(".plan-band .level")
    assert [level.get_text(strip=True) for level in levels] == [
        f"livello {n} di {count}" for n in range(1, count + 1)
    ]


@pytest.mark.parametrize("fixture", ["one-plan", "four-plans", "six-plans", "round-the-clock"])
def test_no_page_says_three_when_there_are_not_three(fixture: str) -> None:
    site = fixture_site(fixture).path
    for page in site.rglob("*.html"):
        text = soup(site, page.relative_to(site).as_posix()).get_text(" ")
        assert not re.search(r"\btre\b", text, re.IGNORECASE), page


def test_a_plan_round_the_clock_within_30_minutes() -> None:
    site = fixture_site("round-the-clock").path
    sheet = soup(site, "piani/sempre/index.html").get_text(" ", strip=True)
    assert "Tempo di risposta entro 30 minuti" in sheet
    assert "Orari di copertura 7 giorni su 7, 24 ore su 24" in sheet
    other = soup(site, "piani/giorno/index.html").get_text(" ", strip=True)
    assert "entro 4 ore lavorative" in other
    assert "lunedì-venerdì, dalle 8:00 alle 20:00 (escluse festività)" in other
    responses = soup(site, "piani/index.html").select("#chooser-response option")
    assert [option.get_text() for option in responses] == ["entro 4 ore", "entro 30 minuti"]
    outcome = run_cli(
        "sla",
        "sempre",
        "--at",
        "2026-12-06T03:00",
        "--at",
        "2026-12-08T23:50",
        "--source",
        str(fixture_source("round-the-clock")),
    )
    assert outcome.status == 0, outcome.stderr
    # Sunday 3:00 and 8 December (a holiday) at 23:50: every minute counts.
    assert outcome.stdout.splitlines() == ["2026-12-06T03:30:00+01:00", "2026-12-09T00:20:00+01:00"]


def test_each_plan_has_its_colour_in_both_themes() -> None:
    """Rame names its own colour; the others take the palette's by level. (That the text on
    them reads is checked by axe in the browser, tests/browser/test_layouts.py.)"""
    site = fixture_site("four-plans").path
    stylesheet = next((site / "static/css").glob("site.*.css")).read_text(encoding="utf-8")
    light, dark = stylesheet.rsplit("@media (prefers-color-scheme:dark)", 1)
    assert ".plan-rame{--plan:#7b3f00;--on-plan:#ffffff}" in light
    colours = {}
    for plan in ("rame", "ferro", "acciaio", "titanio"):
        [in_light] = re.findall(rf"\.plan-{plan}\{{--plan:(#\w+)", light)
        [in_dark] = re.findall(rf"\.plan-{plan}\{{--plan:(#\w+)", dark)
        colours[plan] = (in_light, in_dark)
    assert len({light for light, _ in colours.values()}) == 4, colours


def test_an_unreadable_colour_is_refused(project: Project) -> None:
    line = project.edit(
        "plans.yaml", "    name: Silver\n", '    name: Silver\n    colour: "#7a7a7a"\n'
    )
    project.assert_reported(
        "plans.yaml",
        line + 1,
        "sul colore #7a7a7a nel tema chiaro nessun testo si legge abbastanza bene (contrasto "
        "4.3:1, serve almeno 4.5:1): scegli un colore più scuro o più chiaro",
    )


def test_a_colour_written_with_its_hash_unquoted_is_explained(project: Project) -> None:
    """# starts a YAML comment, so `colour: #8b4513` is an empty colour."""
    line = project.edit(
        "plans.yaml", "    name: Silver\n", "    name: Silver\n    colour: 8b4513\n"
    )
    project.assert_reported(
        "plans.yaml",
        line + 1,
        '«8b4513» non è un colore: scrivi # e sei cifre esadecimali, per esempio "#8b4513" '
        "(tra virgolette, perché # in YAML comincia un commento)",
    )


def intro_warnings(project: Project) -> list[str]:
    outcome = project.build()
    assert outcome.status == 0, outcome.stderr
    text = (project.root / "plans.yaml").read_text(encoding="utf-8")
    line = text[: text.index("intro:")].count("\n") + 1
    return [row for row in outcome.stderr.splitlines() if row.startswith(f"plans.yaml:{line}:")]


def test_an_introduction_that_counts_a_plan_too_many(project: Project) -> None:
    plans = project.root / "plans.yaml"
    text = plans.read_text(encoding="utf-8")
    gold = text[text.index("  - id: gold") : text.index("\n# Il confronto")]
    plans.write_text(text.replace(gold, ""), encoding="utf-8")
    [warning] = intro_warnings(project)
    assert warning.endswith(
        "avviso: l’introduzione dice «Tre livelli», ma i piani sono 2: aggiorna la frase"
    )


def test_an_introduction_that_leaves_a_new_plan_out(project: Project) -> None:
    project.edit("plans.yaml", "\n# Il confronto", PLATINUM + "\n# Il confronto")
    warnings = [row.split(": avviso: ")[1] for row in intro_warnings(project)]
    assert warnings == [
        "l’introduzione dice «Tre livelli», ma i piani sono 4: aggiorna la frase",
        "l’introduzione nomina Bronze, Silver e Gold ma non Platinum: aggiorna la frase",
    ]


PLATINUM = """
  - id: platinum
    name: Platinum
    audience: aziende che non possono fermarsi mai.
    response:
      hours: 0.5
    coverage:
      days: [mon, tue, wed, thu, fri, sat, sun]
      opens: 0:00
      closes: 24:00
      closed_on_holidays: false
    channels: [email, phone, chat]
    services:
      - Presidio continuo dei sistemi
      - Ripristino immediato dalle copie di sicurezza
"""


def test_no_template_stylesheet_or_script_names_a_plan_or_counts_them() -> None:
    """A fact is written once: the company's plans are named in plans.yaml alone."""
    names = [plan["name"] for plan in plans_of("company")]
    words = [*names, *(name.lower() for name in names), "tre piani", "tre livelli"]
    code = [
        path
        for pattern in ("templates/**/*.html", "templates/**/*.css", "templates/**/*.js")
        for path in REPO_ROOT.glob(pattern)
    ]
    assert code
    found = [
        f"{path.relative_to(REPO_ROOT)}: {word}"
        for path in code
        for word in words
        if re.search(rf"\b{re.escape(word)}\b", path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_content_front_matter_names_a_plan() -> None:
    names = [plan["name"] for plan in plans_of("company")]
    for page in (fixture_source() / "content").rglob("*.md"):
        front_matter = page.read_text(encoding="utf-8").split("---")[1]
        assert not [name for name in names if name in front_matter], page
