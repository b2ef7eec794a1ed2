"""Source files -> validated models, with every problem reported as FILE:LINE: message."""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from xml.etree import ElementTree

from pydantic import BaseModel, ValidationError

from sitegen import models
from sitegen.errors import LocatedValueError, Problem, SourceError, clip
from sitegen.markdown_html import attribute_lists, to_html
from sitegen.source_tree import read_text, shown, source_files
from sitegen.yamlsource import LineMap, line_of, parse_yaml

SETTINGS_FILE = "site.yaml"
PLANS_FILE = "plans.yaml"
ETHICS_FILE = "ethics.md"
CONTENT_DIR = "content"
TEMPLATES_DIR = "templates"
# Every file and folder a site is built from: what the dev server watches and tests copy.
SOURCES = (SETTINGS_FILE, PLANS_FILE, ETHICS_FILE, CONTENT_DIR, TEMPLATES_DIR)

ModelT = TypeVar("ModelT", bound=BaseModel)
# A page's file and folder names become its URL: only what makes a clean one.
PAGE_NAME = re.compile(r"[a-z0-9-]+")
LineFinder = Callable[[str], int]  # a fragment of a faulty element -> its line in the file
# A theme's or principle's anchor: `{#anchor}` at the end of its line.
_ANCHOR = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")
_OLD_ANCHOR = re.compile(r"\{:\s*#([A-Za-z][\w-]*)\s*\}")

_FIELD_NAMES = sorted(
    {
        name
        for model in vars(models).values()
        if isinstance(model, type) and issubclass(model, BaseModel)
        for name in model.model_fields
    }
)


def load_site(source: Path) -> models.Site:
    """Read and validate every source under source; raise SourceError listing all problems."""
    problems: list[Problem] = []

    def attempt(load: Any, *args: Any) -> Any:
        try:
            return load(*args)
        except SourceError as error:
            problems.extend(error.problems)
            return None

    settings = attempt(load_settings, source)
    catalogue = attempt(load_catalogue, source)
    ethics = attempt(load_ethics, source)
    pages = attempt(load_pages, source)
    if problems:
        raise SourceError(problems)
    return models.Site(settings=settings, catalogue=catalogue, ethics=ethics, pages=pages)


def load_settings(source: Path) -> models.Settings:
    """The site settings file: company facts in one place."""
    return _load_yaml_model(source, SETTINGS_FILE, models.Settings)


def load_catalogue(source: Path) -> models.Catalogue:
    """plans.yaml: the plans and their comparison."""
    return _load_yaml_model(source, PLANS_FILE, models.Catalogue)


def _read(source: Path, name: str) -> str:
    return read_text(source / name, name)


def _load_yaml_model(source: Path, name: str, model: type[ModelT]) -> ModelT:
    data, lines = parse_yaml(_read(source, name), name)
    return validate(model, data, name, lines)


def validate(model: type[ModelT], data: Any, path: str, lines: LineMap) -> ModelT:
    """Validate data as model; turn pydantic's errors into FILE:LINE problems."""
    if not isinstance(data, dict):
        raise SourceError.at(path, line_of(lines, ()), "expected a mapping of keys to values")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise SourceError(
            [_problem(path, lines, detail) for detail in error.errors(include_url=False)]
        ) from None


def _problem(path: str, lines: LineMap, detail: Any) -> Problem:
    location = tuple(detail["loc"])
    cause = detail.get("ctx", {}).get("error")
    if isinstance(cause, LocatedValueError):
        location = (*location, *cause.at)
    name = str(location[-1]) if location else "value"
    kind = detail["type"]
    if kind == "missing":
        message = f'missing field "{name}"'
    elif kind == "extra_forbidden":
        message = f'unknown key "{name}"' + _suggestion(name)
    elif kind == "value_error":
        message = str(cause) if cause else detail["msg"]
    else:
        message = f'"{name}": {detail["msg"]}'
    return Problem(path, line_of(lines, location), message)


def _suggestion(name: str) -> str:
    close = difflib.get_close_matches(name, _FIELD_NAMES, n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], LineMap, str, int]:
    """Split `---` YAML front matter from a Markdown body; return data, lines, body, body line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise SourceError.at(path, 1, 'front matter missing: the file must start with "---"')
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            data, line_map = parse_yaml("".join(lines[1:index]), path, first_line=2)
            if not isinstance(data, dict):
                raise SourceError.at(path, 2, "front matter must be a mapping of keys to values")
            return data, line_map, "".join(lines[index + 1 :]), index + 2
    raise SourceError.at(path, 1, 'front matter not closed: add a line with "---" after it')


def load_pages(source: Path) -> tuple[models.Page, ...]:
    """Every Markdown page in content/, sorted by path for deterministic output."""
    folder = source / CONTENT_DIR
    if not folder.is_dir():
        raise SourceError.at(CONTENT_DIR, None, "folder not found")
    problems: list[Problem] = []
    pages = []
    for file in source_files(folder, source, allowed=source, name_rule=_page_name_refusal):
        relative = file.relative_to(source).as_posix()
        try:
            pages.append(_load_page(source, relative))
        except SourceError as error:
            problems.extend(error.problems)
    if problems:
        raise SourceError(problems)
    if not any(page.slug == "" for page in pages):
        raise SourceError.at(CONTENT_DIR, None, "no home page: add content/index.md")
    return tuple(pages)


def _page_name_refusal(name: str, is_folder: bool) -> str | None:
    """content/ holds .md pages whose file and folder names make clean URLs."""
    stem, suffix = (name, "") if is_folder else os.path.splitext(name)
    if not is_folder and suffix != ".md":
        return "content/ holds Markdown pages (.md) only; other files go in templates/static/"
    if not PAGE_NAME.fullmatch(stem):
        return (
            f'"{shown(stem)}" cannot be part of a page address: '
            "use lowercase letters, digits and hyphens only"
        )
    return None


def _load_page(source: Path, relative: str) -> models.Page:
    data, lines, body, body_line = split_front_matter(_read(source, relative), relative)
    stem = Path(relative).relative_to(CONTENT_DIR).with_suffix("").as_posix()
    slug = "" if stem == "index" else stem.removesuffix("/index")
    fields = {**data, "slug": slug, "body": body, "body_line": body_line, "source": relative}
    page = validate(models.Page, fields, relative, lines)
    if not _is_page_template(source, page.template):
        message = f'no template "{page.template}" in {TEMPLATES_DIR}/'
        raise SourceError.at(relative, line_of(lines, ("template",)), message)
    return page


def _is_page_template(source: Path, name: str) -> bool:
    """A layout file directly under templates/ (not a static file, not outside the folder)."""
    return "/" not in name and "\\" not in name and (source / TEMPLATES_DIR / name).is_file()


def load_ethics(source: Path) -> models.Ethics:
    """ethics.md: front matter, an intro, then `##` theme headings over lists of principles.

    Each theme and principle ends its line with its anchor, `{#anchor}`, so links to a principle
    survive rewording.
    """
    data, lines, body, body_line = split_front_matter(_read(source, ETHICS_FILE), ETHICS_FILE)
    line_for = _line_finder(body, body_line)
    problems = _old_anchors(body, body_line)
    intro, groups, outline_problems = _ethics_outline(_html_tree(body), line_for)
    problems += outline_problems + _repeated_anchors(groups, line_for)
    if problems:
        raise SourceError(problems)
    fields = {**data, "intro_html": "\n".join(intro), "groups": groups}
    return validate(models.Ethics, fields, ETHICS_FILE, lines)


def _old_anchors(body: str, body_line: int) -> list[Problem]:
    """Python-Markdown's `{: #anchor }` lines, which the site's Markdown shows as text: say
    what to write instead."""
    problems = []
    for line, text in attribute_lists(body):
        anchor = _OLD_ANCHOR.fullmatch(text)
        instead = f"{{#{anchor[1]}}}" if anchor else "{#anchor}"
        message = f'"{text}" is the old anchor form: end the line above with {instead} instead'
        problems.append(Problem(ETHICS_FILE, body_line + line - 1, message))
    return problems


def _html_tree(body: str) -> ElementTree.Element:
    """The body's HTML as a tree. cmark-gfm writes well-formed XHTML-style markup, so the
    standard library's XML parser reads it (HTML comments, staff notes, are dropped)."""
    html = to_html(body)
    try:
        return ElementTree.fromstring(f"<body>{html}</body>")
    except ElementTree.ParseError as error:
        line, _ = error.position
        fragment = html.splitlines()[line - 1] if 0 < line <= html.count("\n") + 1 else ""
        message = "HTML the build cannot read (write it in Markdown, or close every tag: <br />)"
        raise SourceError.at(ETHICS_FILE, None, f"{message}: {clip(fragment.strip())}") from None


def _line_finder(body: str, body_line: int) -> LineFinder:
    """Where a problem in the body is: the file line of the first body line holding a
    fragment of the faulty element (the body's first line when none does)."""
    body_lines = body.splitlines()

    def line_for(fragment: str) -> int:
        fragment = fragment.strip().split("\n", 1)[0]  # an element's text may span lines
        for number, line in enumerate(body_lines):
            if fragment and fragment in line:
                return body_line + number
        return body_line

    return line_for


def _ethics_outline(
    tree: ElementTree.Element, line_for: LineFinder
) -> tuple[list[str], list[dict[str, Any]], list[Problem]]:
    """The intro's HTML elements, the themes with their principles, and what breaks the
    outline: a heading without anchor, or anything but lists after the first heading."""
    intro: list[str] = []
    groups: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for element in tree:
        text = _text(element)
        if element.tag == "h2":
            title, anchor = _anchored(text)
            groups.append({"anchor": anchor, "title": title, "principles": []})
            if anchor is None:
                message = "heading needs an anchor: end it with {#anchor}"
                problems.append(Problem(ETHICS_FILE, line_for(title), message))
        elif not groups:
            element.tail = None
            intro.append(ElementTree.tostring(element, encoding="unicode", method="html"))
        elif element.tag == "ul":
            groups[-1]["principles"] += _principles(element, line_for, problems)
        else:
            message = "after the first heading only headings and lists are allowed"
            problems.append(Problem(ETHICS_FILE, line_for(text[:40]), message))
    return intro, groups, problems


def _principles(
    listing: ElementTree.Element, line_for: LineFinder, problems: list[Problem]
) -> list[dict[str, Any]]:
    """The principles of one list; each one without its anchor adds a problem."""
    principles = []
    for item in listing.iter("li"):
        text, anchor = _anchored(_text(item))
        if anchor is None and "{:" not in text:  # an old-form anchor has a problem of its own
            message = "principle needs an anchor: end its line with {#anchor}"
            problems.append(Problem(ETHICS_FILE, line_for(text), message))
        principles.append({"anchor": anchor, "text": text})
    return principles


def _text(element: ElementTree.Element) -> str:
    return "".join(element.itertext())


def _anchored(text: str) -> tuple[str, str | None]:
    """A heading's or principle's text without its closing `{#anchor}`, and the anchor."""
    found = _ANCHOR.search(text)
    return (text[: found.start()], found[1]) if found else (text, None)


def _repeated_anchors(groups: list[dict[str, Any]], line_for: LineFinder) -> list[Problem]:
    """One problem per anchor that two themes or principles share: links must be unambiguous."""
    anchors = Counter(
        anchor
        for group in groups
        for anchor in [group["anchor"], *(p["anchor"] for p in group["principles"])]
        if anchor
    )
    return [
        Problem(ETHICS_FILE, line_for(f"#{anchor}"), f'anchor "{anchor}" is used twice')
        for anchor, uses in anchors.items()
        if uses > 1
    ]
