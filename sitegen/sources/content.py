"""The Markdown pages of content/: front matter, body, and the address the file name makes."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

from sitegen.core.errors import Problem, SourceError
from sitegen.core.layout import CONTENT_DIR, ETHICS_FILE, PAGE_NAME, TEMPLATES_DIR
from sitegen.core.urls import CONTENT_PAGES, site_path
from sitegen.sources import models
from sitegen.sources.files import read_text, shown, source_files
from sitegen.sources.front_matter import split_front_matter
from sitegen.sources.validation import validate
from sitegen.sources.yaml_reader import LineMap, line_of

TEMPLATE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\.html")


def load_pages(source: Path) -> tuple[models.Page, ...]:
    """Every Markdown page in content/, sorted by path for deterministic output."""
    folder = source / CONTENT_DIR
    problems: list[Problem] = []
    pages = []
    present = set()
    for file in source_files(folder, source, allowed=source, name_rule=_page_name_refusal):
        relative = file.relative_to(source).as_posix()
        present.add(_path_of(relative))
        try:
            pages.append(_load_page(source, file, relative))
        except SourceError as error:
            problems.extend(error.problems)
    for name in CONTENT_PAGES:
        path = site_path(name)
        if path not in present:
            file = f"{CONTENT_DIR}/{path.strip('/') or 'index'}.md"
            message = (
                f"manca la pagina {file}: il sito vi rimanda da ogni pagina. Ripristinala dalla "
                "cronologia del progetto (su GitHub: History, poi il commit prima della "
                "cancellazione)"
            )
            problems.append(Problem(file, None, message))
    if problems:
        raise SourceError(problems)
    return tuple(pages)


def menu_warnings(pages: tuple[models.Page, ...], ethics: models.Ethics) -> list[Problem]:
    """Two pages at one menu position: their order in the menu is then left to chance."""
    entries = [(page.source, page.menu, page.line_of("menu")) for page in pages]
    entries.append((ETHICS_FILE, ethics.menu, ethics.line_of("menu")))
    by_position: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    for source, menu, line in sorted(entries, key=lambda entry: entry[0]):
        if menu is not None:
            by_position[menu].append((source, line))
    warnings = []
    for position, sharing in sorted(by_position.items()):
        for source, line in sharing[1:]:
            message = (
                f"avviso: anche {sharing[0][0]} ha «menu: {position}»: dai a ogni pagina "
                "una posizione diversa nel menu"
            )
            warnings.append(Problem(source, line, message))
    return warnings


def _page_name_refusal(name: str, is_folder: bool) -> str | None:
    """content/ holds .md pages whose file and folder names make clean URLs."""
    stem, suffix = (name, "") if is_folder else os.path.splitext(name)
    if not is_folder and suffix != ".md":
        return (
            "in content/ vanno solo pagine Markdown (.md); immagini e altri file vanno in "
            "templates/static/"
        )
    if not PAGE_NAME.fullmatch(stem):
        return (
            f"«{shown(stem)}» non può far parte dell’indirizzo di una pagina: usa solo lettere "
            "minuscole senza accenti, cifre e trattini, come chi-siamo.md"
        )
    return None


def _load_page(source: Path, file: Path, relative: str) -> models.Page:
    data, lines, body, body_line = split_front_matter(read_text(file, relative), relative)
    slug = _path_of(relative).strip("/")
    field_lines = top_level_lines(lines)
    fields = {
        **data,
        "slug": slug,
        "body": body,
        "body_line": body_line,
        "source": relative,
        "field_lines": field_lines,
    }
    page = validate(models.Page, fields, relative, lines)
    if not _is_page_template(source, page.template):
        message = (
            f"non c’è un modello «{shown(page.template)}» in {TEMPLATES_DIR}/: scrivi il nome di "
            "uno dei file .html di quella cartella (page.html per una pagina semplice), oppure "
            "togli la riga template"
        )
        raise SourceError.at(relative, line_of(lines, ("template",)), message)
    return page


def _path_of(relative: str) -> str:
    """The address a content file makes: content/index.md is "/", content/a/b.md "/a/b/"."""
    stem = Path(relative).relative_to(CONTENT_DIR).with_suffix("").as_posix()
    slug = "" if stem == "index" else stem.removesuffix("/index")
    return f"/{slug}/" if slug else "/"


def _is_page_template(source: Path, name: str) -> bool:
    """A layout file directly under templates/ (not a static file, not outside the folder)."""
    return bool(TEMPLATE_NAME.fullmatch(name)) and (source / TEMPLATES_DIR / name).is_file()


def top_level_lines(lines: LineMap) -> tuple[tuple[str, int], ...]:
    """The line of each front matter key, kept for messages about the page."""
    return tuple((str(key[0]), line) for key, line in lines.items() if len(key) == 1)
