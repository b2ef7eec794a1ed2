"""content/, templates/static/ and page names: no traceback, no page silently lost or replaced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.cli import snapshot
from harness.project import Project


def test_a_folder_named_like_a_page(project: Project) -> None:
    (project.root / "content" / "x.md").mkdir()
    project.assert_reported(
        "content/x.md", 1, "usa solo lettere minuscole senza accenti, cifre e trattini"
    )


def test_a_symlink_loop(project: Project) -> None:
    (project.root / "content" / "a.md").symlink_to("b.md")
    (project.root / "content" / "b.md").symlink_to("a.md")
    project.assert_reported("content/a.md", 1, "non porta da nessuna parte, o porta a sé stesso")


def test_a_folder_symlinked_into_itself(project: Project) -> None:
    (project.root / "content" / "giro").symlink_to(".")
    project.assert_reported("content/giro", 1, "porta a una cartella che lo contiene")


def test_a_file_name_that_is_not_utf8(project: Project) -> None:
    name = os.fsdecode(b"caf\xe9.md")
    project.write_page(f"content/{name}", "Caffè")
    project.assert_reported(
        "content/caf\\xe9.md", 1, "non può far parte dell’indirizzo di una pagina"
    )


BAD_ADDRESS = "non può far parte dell’indirizzo di una pagina"
NOT_A_PAGE = "in content/ vanno solo pagine Markdown (.md)"


@pytest.mark.parametrize(
    ("name", "reported", "words"),
    [
        ("a b?c#d.md", "content/a b?c#d.md", BAD_ADDRESS),
        ("Chi-Siamo.md", "content/Chi-Siamo.md", BAD_ADDRESS),
        ("sitemap.xml.md", "content/sitemap.xml.md", BAD_ADDRESS),
        ("robots.txt.md", "content/robots.txt.md", BAD_ADDRESS),
        ("_headers.md", "content/_headers.md", BAD_ADDRESS),
        ("404.html.md", "content/404.html.md", BAD_ADDRESS),
        ("api/plans.json.md", "content/api/plans.json.md", BAD_ADDRESS),
        ("Servizi/reti.md", "content/Servizi", BAD_ADDRESS),
        ("foto.png", "content/foto.png", NOT_A_PAGE),
        ("pagina.markdown", "content/pagina.markdown", NOT_A_PAGE),
    ],
)
def test_names_that_make_no_clean_address(
    project: Project, name: str, reported: str, words: str
) -> None:
    project.write_page(f"content/{name}", f"Pagina {name}")
    project.assert_reported(reported, 1, words)


def test_a_clean_name_in_a_folder_builds(project: Project) -> None:
    project.write_page("content/servizi/reti-2.md", "Reti aziendali")
    assert project.build().status == 0
    assert (project.output / "servizi" / "reti-2" / "index.html").is_file()


@pytest.mark.parametrize(
    ("page", "other"),
    [
        ("content/codice-etico.md", "ethics.md"),
        ("content/piani/gold.md", "plans.yaml"),
        ("content/piani/index.md", "content/piani.md"),
    ],
)
def test_two_sources_for_one_address(project: Project, page: str, other: str) -> None:
    project.write_page(page, "Una pagina nuova")
    assert_names_both(project.refused(), page, other, "l’indirizzo")


@pytest.mark.parametrize("field", ["title", "description"])
def test_two_pages_with_one_title_or_description(project: Project, field: str) -> None:
    contatti = (project.root / "content" / "contatti.md").read_text(encoding="utf-8")
    value = next(line for line in contatti.splitlines() if line.startswith(f"{field}: "))
    page = project.write_page("content/altro.md", "Altro")
    text = page.read_text(encoding="utf-8")
    key = f"{field}: "
    old = next(line for line in text.splitlines() if line.startswith(key))
    page.write_text(text.replace(old, value), encoding="utf-8")
    words = {"title": "il titolo", "description": "la descrizione"}[field]
    assert_names_both(project.refused(), "content/altro.md", "content/contatti.md", words)


def assert_names_both(rows: list[str], one: str, other: str, words: str) -> None:
    """One FILE:LINE row blames one of the two files and names the other."""
    assert any(
        (row.startswith(f"{a}:") and b in row and words in row)
        for row in rows
        for a, b in ((one, other), (other, one))
    ), rows


def test_a_symlink_to_a_page_outside_the_project(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "segreto.md"
    outside.write_text("---\ntitle: Segreto\ndescription: Segreto.\n---\nSegreto\n")
    (project.root / "content" / "segreto.md").symlink_to(outside)
    project.assert_reported("content/segreto.md", 1, "porta fuori del progetto")


def test_a_symlinked_folder_outside_the_project(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "fuori"
    outside.mkdir()
    (outside / "pagina.md").write_text("---\ntitle: Fuori\ndescription: Fuori.\n---\nX\n")
    (project.root / "content" / "fuori").symlink_to(outside)
    project.assert_reported("content/fuori", 1, "porta fuori del progetto")


def test_a_symlinked_folder_inside_the_project_is_published(project: Project) -> None:
    project.write_page("pagine/chi-siamo.md", "Chi siamo")
    (project.root / "content" / "azienda").symlink_to(project.root / "pagine")
    assert project.build().status == 0
    assert (project.output / "azienda" / "chi-siamo" / "index.html").is_file()


@pytest.mark.parametrize(
    "name",
    [
        "content/.#index.md",
        "content/index.md~",
        "content/.index.md.swp",
        "content/#index.md#",
        "templates/static/css/.site.css.swp",
        "templates/static/css/site.css~",
    ],
)
def test_editor_lock_and_backup_files_are_ignored(project: Project, name: str) -> None:
    path = project.root / name
    path.write_bytes(b"\0\xff not a page")
    before = snapshot(project.output)
    assert project.build().status == 0
    assert snapshot(project.output) == before


def test_a_nul_byte_in_a_body(project: Project) -> None:
    line = project.append("content/contatti.md", "Testo\0nascosto\n")
    project.assert_reported(
        "content/contatti.md",
        line,
        "il testo contiene un carattere invisibile di controllo (U+0000)",
    )


def test_a_missing_static_import(project: Project) -> None:
    line = project.append("templates/static/js/contact.js", 'import "./nope.js";\n')
    project.assert_reported(
        "templates/static/js/contact.js",
        line,
        "importa «./nope.js», che non c’è in templates/static/",
    )


def test_a_static_import_cycle(project: Project) -> None:
    js = project.root / "templates" / "static" / "js"
    (js / "a.js").write_text('import { b } from "./b.js";\nexport const a = b;\n')
    (js / "b.js").write_text('import { a } from "./a.js";\nexport const b = a;\n')
    project.assert_reported("templates/static/js/b.js", 1, "chiude un giro di import")


def test_a_stylesheet_that_is_not_utf8(project: Project) -> None:
    css = project.root / "templates" / "static" / "css" / "site.css"
    lines = css.read_bytes().count(b"\n")
    with css.open("ab") as file:
        file.write(b"/* \xff\xfe */\n")
    project.assert_reported(
        "templates/static/css/site.css", lines + 1, "questo file non è scritto in UTF-8"
    )


def test_a_template_that_is_not_utf8(project: Project) -> None:
    base = project.root / "templates" / "base.html"
    with base.open("ab") as file:
        file.write(b"\x80\n")
    lines = base.read_bytes().count(b"\n")
    project.assert_reported("templates/base.html", lines, "non in UTF-8: salvalo come UTF-8")


def test_a_template_symlinked_out_of_the_folder(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "fuori.html"
    outside.write_text("segreto")
    (project.root / "templates" / "fuori.html").symlink_to(outside)
    project.edit(
        "templates/404.html", "{% block main %}", '{% block main %}{% include "fuori.html" %}'
    )
    project.assert_reported("templates/fuori.html", 1, "porta fuori di templates/")


@pytest.mark.parametrize(
    ("expression", "words"),
    [("{{ 1 // 0 }}", "ZeroDivisionError"), ("{{ coverage_svg() }}", "TypeError")],
)
def test_an_expression_that_raises_in_a_template(
    project: Project, expression: str, words: str
) -> None:
    line = project.edit("templates/404.html", "<h1>{{ page.title }}</h1>", f"<h1>{expression}</h1>")
    project.assert_reported("templates/404.html", line, words)


def test_a_line_break_in_a_template_name_stays_on_one_line(project: Project) -> None:
    """Found by tests/test_mutations.py: the message held the line break, so one problem
    printed as two lines, the second empty."""
    project.edit("templates/home.html", '{% extends "base.html" %}', '{% extends "base.html\n" %}')
    row = project.assert_reported("templates/home.html", 1, "no template 'base.html\\n'")
    assert row.endswith("in templates/")


OUTSIDE = "questo collegamento (symlink) porta fuori del progetto: copia qui il file invece"


@pytest.mark.parametrize(
    "name", ["plans.yaml", "site.yaml", "ethics.md", "templates", "templates/static", "content"]
)
def test_no_source_or_folder_may_lead_out_of_the_project(
    project: Project, tmp_path: Path, name: str
) -> None:
    """Each one, moved out of the project and linked back, would be published from there."""
    moved = tmp_path / "fuori" / Path(name).name
    moved.parent.mkdir()
    (project.root / name).rename(moved)
    (project.root / name).symlink_to(moved)
    assert project.refused() == [f"{name}:1: {OUTSIDE}"]


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_source_linked_to_a_device(project: Project, target: str) -> None:
    (project.root / "plans.yaml").unlink()
    (project.root / "plans.yaml").symlink_to(target)
    assert project.refused() == [f"plans.yaml:1: {OUTSIDE}"]


@pytest.mark.parametrize("name", ["ethics.md", "site.yaml", "content/privacy.md"])
def test_a_source_that_is_a_fifo_is_refused_without_waiting(project: Project, name: str) -> None:
    """A FIFO opened for reading waits for a writer for ever: the build must not open it so."""
    (project.root / name).unlink()
    os.mkfifo(project.root / name)
    before = snapshot(project.output)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "build",
            "--source",
            str(project.root),
            "--output",
            str(project.output),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    message = "questo non è un file normale (è un collegamento speciale o un dispositivo)"
    assert f"{name}:1: {message}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert snapshot(project.output) == before
