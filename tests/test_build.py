"""The generator on the company fixture (a frozen copy of the company's sources): it builds,
says every line of the company document, is reproducible and leaves no broken link. One smoke
test builds the shipped sources, whatever staff have written in them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness.cli import run_cli
from harness.document import DOCUMENT, REPO_DOCUMENT, SHARED_DOCUMENT
from harness.editor import schema_errors
from harness.project import Project
from harness.site import copy_sources, fixture_source
from harness.tools import REPO_ROOT
from sitegen.build import render_in_memory
from sitegen.core.errors import SourceError
from sitegen.output.links import broken_links
from sitegen.sources.load import load_settings


def normalise(text: str) -> str:
    """Ignore only whitespace, apostrophes, letter case and the colon after a label."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r":(\s|$)", r" ", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def visible_text(html: bytes) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "head"]):
        hidden.decompose()
    return soup.get_text(" ")


def site_text(folder: Path) -> str:
    return " ".join(visible_text(path.read_bytes()) for path in sorted(folder.rglob("*.html")))


def test_every_line_of_the_document_reaches_the_site(built_site: Path) -> None:
    assert DOCUMENT.is_file(), f"the company document belongs at {DOCUMENT}"
    lines = [line for line in DOCUMENT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 60, "the company document should be found and read whole"
    text = normalise(site_text(built_site))
    missing = [line for line in lines if normalise(line) not in text]
    assert missing == []


def test_the_repository_copy_of_the_document_is_current() -> None:
    if not SHARED_DOCUMENT.is_file():
        assert REPO_DOCUMENT.is_file()
        return
    assert REPO_DOCUMENT.read_bytes() == SHARED_DOCUMENT.read_bytes(), (
        f"copy {SHARED_DOCUMENT} to {REPO_DOCUMENT}: the company updated its document"
    )


def test_the_document_line_check_can_fail(built_site: Path) -> None:
    """Guard the guard: a sentence the document does not contain is not found."""
    assert normalise("Interventi gratuiti 24 ore su 24") not in normalise(site_text(built_site))


def test_pages_exist_at_their_pretty_urls(built_site: Path) -> None:
    expected = [
        "index.html",
        "piani/index.html",
        "piani/bronze/index.html",
        "piani/silver/index.html",
        "piani/gold/index.html",
        "codice-etico/index.html",
        "contatti/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "api/plans.json",
    ]
    assert [name for name in expected if not (built_site / name).is_file()] == []


def test_pages_have_unique_titles_and_descriptions(built_site: Path) -> None:
    titles, descriptions = [], []
    for path in built_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        assert soup.html["lang"] == "it"
        titles.append(soup.title.get_text())
        descriptions.append(soup.find("meta", attrs={"name": "description"})["content"])
    assert len(set(titles)) == len(titles)
    assert len(set(descriptions)) == len(descriptions)


def test_comparison_is_a_real_table(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "piani/index.html").read_bytes(), "html.parser")
    table = soup.find("table", class_="comparison")
    assert table.caption.get_text(strip=True)
    assert [th.get_text(strip=True) for th in table.thead.find_all("th", scope="col")] == [
        "Bronze",
        "Silver",
        "Gold",
    ]
    assert len(table.find_all("th", scope="row")) >= 10
    links = {a["href"] for a in soup.find_all("a", href=True)}
    assert {f"/contatti/?plan={plan}" for plan in ("bronze", "silver", "gold")} <= links


def test_each_principle_has_its_own_anchor(built_site: Path) -> None:
    written = fixture_source() / "ethics.md"
    count = sum(line.startswith("- ") for line in written.read_text(encoding="utf-8").splitlines())
    soup = BeautifulSoup((built_site / "codice-etico/index.html").read_bytes(), "html.parser")
    principles = soup.select(".principles li")
    assert len(principles) == count > 0
    assert all(li.get("id") for li in principles)
    assert len({li["id"] for li in principles}) == count


def test_builds_are_byte_for_byte_reproducible(tmp_path: Path) -> None:
    from harness.cli import snapshot
    from harness.site import build_into

    first = build_into(tmp_path / "one", fixture_source()).path
    second = build_into(tmp_path / "two", fixture_source()).path

    assert snapshot(first) == snapshot(second)


def test_the_shipped_sources_build_and_check() -> None:
    """The one test that reads the shipped sources, whatever staff wrote in them: they build,
    every link resolves, and plans.yaml and site.yaml pass their schema as editors read them.
    It is also the one test that starts `python -m sitegen` as a process; the other CLI tests
    call `sitegen.cli.main` in-process (harness/cli.py)."""
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "nessun collegamento interrotto" in result.stdout
    for file in ("plans.yaml", "site.yaml"):
        text = (REPO_ROOT / file).read_text(encoding="utf-8")
        assert schema_errors(file.replace(".yaml", ".schema.json"), text) == [], file


MISSING_LEGAL = [
    "site.yaml:{}: avviso: manca la partita IVA, che la legge chiede nella pagina iniziale "
    "(art. 35 DPR 633/1972): scrivila quando l’azienda la comunica",
    "site.yaml:{}: avviso: manca la sede legale, che un’azienda deve indicare (art. 2250 c.c.)",
    "site.yaml:{}: avviso: manca il numero di Registro Imprese / REA, che un’azienda deve "
    "indicare (art. 2250 c.c.)",
]


def key_line(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip().startswith(key))


def test_strict_check_fails_once_per_missing_fact() -> None:
    """The document gives no partita IVA, so the company fixture leaves it empty; each
    warning is printed once, at its line."""
    source = fixture_source()
    result = run_cli("check", "--strict", "--source", str(source))
    assert result.status == 1
    settings = source / "site.yaml"
    lines = [key_line(settings, key) for key in ("partita_iva:", "registered_office:", "rea:")]
    expected = [text.format(line) for text, line in zip(MISSING_LEGAL, lines, strict=True)]
    printed = result.stderr.splitlines()
    for warning in expected:
        assert printed.count(warning) == 1, result.stderr
    assert len(printed) == len(set(printed)), result.stderr


def test_check_passes_once_every_fact_is_filled_in(project: Project) -> None:
    """What staff write when the company gives its phone, address and legal data (made-up
    values): no warning is left, and the phone's tel: links are links the checker knows."""
    for old, new in [
        ("phone: null", "phone: +39 02 1234567"),
        ("address: null", "address: Via dell’Esempio 1, 00100 Roma"),
        ("  partita_iva: null", '  partita_iva: "12345670017"'),
        ("  registered_office: null", "  registered_office: Via dell’Esempio 1, 00100 Roma"),
        ("  rea: null", "  rea: RM-1234567"),
    ]:
        project.edit("site.yaml", old, new)
    result = run_cli("check", "--strict", "--source", str(project.root))
    assert (result.status, result.stderr) == (0, "")
    assert "nessun collegamento interrotto" in result.stdout
    site = render_in_memory(project.root)[1]
    assert b'href="tel:+39021234567"' in site["index.html"]


def test_check_still_refuses_a_link_of_an_unknown_kind() -> None:
    files = {"index.html": b'<a href="tel:+39021234567">t</a> <a href="ftp://example.org/">f</a>'}
    assert [
        str(problem) for problem in broken_links(files, {"index.html": "content/index.md"})
    ] == [
        "content/index.md:1: nella pagina index.html un collegamento è interrotto, tipo di "
        "collegamento sconosciuto: ftp://example.org/"
    ]


def test_a_broken_link_is_named_after_the_page_staff_wrote(project, monkeypatch) -> None:
    """Staff fix the source, not the built page: the problem names content/contatti.md, and
    under GitHub Actions it is an annotation on that file too."""
    project.append("content/contatti.md", "Vedi [i servizi](/servizi/).\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("check", "--source", str(project.root))
    assert any(
        row.startswith("::error file=content/contatti.md,line=1::")
        for row in result.stderr.splitlines()
    )
    assert result.status == 1
    assert (
        "content/contatti.md:1: nella pagina contatti/index.html un collegamento è interrotto, "
        "la pagina non esiste: /servizi/"
    ) in result.stderr.splitlines()


def test_build_warns_about_each_missing_legal_field(site_build) -> None:
    joined = "\n".join(site_build.warnings)
    for text in MISSING_LEGAL:
        assert text.split(": ", 1)[1] in joined


def test_italian_typography_apostrophes_and_headings(built_site: Path) -> None:
    """The typographic apostrophe (U+2019) between letters, never a typewriter one, and no
    heading ending in a colon."""
    problems = []
    for path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        text = visible_text(path.read_bytes())
        problems += [f"{path.name}: {m}" for m in re.findall(r"\w+'\w+", text)]
        for heading in soup.find_all(["h1", "h2", "h3", "h4", "dt", "legend", "th"]):
            if heading.get_text(strip=True).endswith(":"):
                problems.append(f"{path.relative_to(built_site)}: {heading.get_text(strip=True)}")
    assert problems == []


def test_an_unknown_holiday_subdivision_is_refused_at_its_line(tmp_path: Path) -> None:
    settings = copy_sources(tmp_path) / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    line = text[: text.index("holiday_subdivision:")].count("\n") + 1
    settings.write_text(text.replace("holiday_subdivision: null", "holiday_subdivision: ZZ"))
    with pytest.raises(SourceError) as raised:
        load_settings(tmp_path)
    [problem] = raised.value.problems
    assert problem.line == line
    assert problem.message == (
        "«ZZ» non è la sigla di una provincia: scrivi una sigla come MI, RM, TO o NA, oppure "
        "null se non serve"
    )
