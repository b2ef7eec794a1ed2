"""ethics.md: front matter, the document's intro, then `##` themes over lists of principles.

Each theme and principle ends its line with its anchor, `{#anchor}`, the address people link to
(/codice-etico/#promesse), so a link survives rewording. The body is Markdown like every page
(cmark-gfm); its HTML is read back with the standard library's XML parser, which cmark-gfm's
well-formed output allows. A mistake names its line and, for a missing anchor, the anchor to
write.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sitegen.core.errors import Problem, SourceError, clip
from sitegen.core.layout import ETHICS_FILE
from sitegen.core.markdown_html import RAW_HTML_REFUSED, attribute_lists, raw_html, to_html
from sitegen.core.urls import slugify
from sitegen.sources import models
from sitegen.sources.content import top_level_lines
from sitegen.sources.files import inside, read_text
from sitegen.sources.front_matter import split_front_matter
from sitegen.sources.validation import validate

LineFinder = Callable[[str], int]  # a fragment of a faulty element -> its line in the file
_ANCHOR = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")
_BAD_ANCHOR = re.compile(r"\s*\{#([^{}]*)\}\s*$")
_OLD_ANCHOR = re.compile(r"\{:\s*#([A-Za-z][\w-]*)\s*\}")


def load_ethics(source: Path) -> models.Ethics:
    """The code of ethics, with every problem of its outline at its line."""
    text = read_text(inside(source / ETHICS_FILE, source, source), ETHICS_FILE)
    data, lines, body, body_line = split_front_matter(text, ETHICS_FILE)
    line_for = _line_finder(body, body_line)
    problems = _old_anchors(body, body_line) + _raw_html(body, body_line)
    intro, groups, outline_problems = _ethics_outline(_html_tree(body), line_for)
    problems += outline_problems + _repeated_anchors(body, body_line)
    if not groups and not problems:
        problems.append(Problem(ETHICS_FILE, body_line, _NO_PRINCIPLES))
    if problems:
        raise SourceError(sorted(problems, key=lambda problem: problem.line or 0))
    fields = {
        **data,
        "intro_html": "\n".join(intro),
        "groups": groups,
        "field_lines": top_level_lines(lines),
    }
    return validate(models.Ethics, fields, ETHICS_FILE, lines)


_NO_PRINCIPLES = (
    "il codice etico non ha principi: scrivi un tema con «## Titolo {#ancora}» e sotto i suoi "
    "principi, uno per riga, che cominciano con «- » e finiscono con la loro {#ancora}"
)


def _old_anchors(body: str, body_line: int) -> list[Problem]:
    """Python-Markdown's `{: #anchor }` lines, which the site's Markdown shows as text: say
    what to write instead."""
    problems = []
    for line, text in attribute_lists(body):
        anchor = _OLD_ANCHOR.fullmatch(text)
        instead = f"{{#{anchor[1]}}}" if anchor else "{#ancora}"
        message = (
            f"«{text}» è la vecchia forma dell’ancora: cancella questa riga e scrivi {instead} "
            "alla fine della riga sopra"
        )
        problems.append(Problem(ETHICS_FILE, body_line + line - 1, message))
    return problems


def _html_tree(body: str) -> ElementTree.Element:
    """The body's HTML as a tree. cmark-gfm's safe mode writes well-formed XHTML-style markup
    and no raw HTML, so the standard library's XML parser reads it."""
    return ElementTree.fromstring(f"<body>{to_html(body)}</body>")


def _raw_html(body: str, body_line: int) -> list[Problem]:
    """Raw HTML, which the site leaves out, at its line: the words must not vanish silently.
    HTML comments are the notes to staff, which the page rightly leaves out."""
    found: dict[int, str] = {}
    for line, html in raw_html(body):
        if not html.lstrip().startswith("<!--") and line not in found:
            found[line] = RAW_HTML_REFUSED.format(clip(html.strip().split("\n", 1)[0]))
    return [Problem(ETHICS_FILE, body_line + line - 1, text) for line, text in found.items()]


def _line_finder(body: str, body_line: int) -> LineFinder:
    """Where a problem in the body is: the file line of the first body line holding a
    fragment of the faulty element (the body's first line when none does)."""
    body_lines = body.splitlines()

    def line_for(fragment: str) -> int:
        words = fragment.split()
        # An element's words may run over several lines: look for fewer and fewer of its
        # first words, down to two.
        for count in range(len(words), min(len(words), 2) - 1, -1):
            start = " ".join(words[:count])
            for number, line in enumerate(body_lines):
                if start and start in " ".join(line.split()):
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
    elements = list(tree)
    for index, element in enumerate(elements):
        text = _text(element)
        if _OLD_ANCHOR.fullmatch(text):  # the old anchor form has a message of its own
            continue
        if element.tag == "h2":
            title, anchor = _anchored(text)
            groups.append({"anchor": anchor, "title": title, "principles": []})
            following = _text(elements[index + 1]) if index + 1 < len(elements) else ""
            if anchor is None and not _OLD_ANCHOR.fullmatch(following):
                message = (
                    f"il tema «{clip(title)}» non ha la sua ancora: aggiungi alla fine della "
                    f"riga uno spazio e {{#{slugify(title) or 'tema'}}}"
                )
                problems.append(Problem(ETHICS_FILE, line_for(title), message))
        elif not groups:
            element.tail = None
            intro.append(ElementTree.tostring(element, encoding="unicode", method="html"))
        elif element.tag == "ul":
            groups[-1]["principles"] += _principles(element, line_for, problems)
        else:
            message = (
                "dopo il primo tema («## …») vanno solo altri temi ed elenchi di principi che "
                "cominciano con «- »: sposta questo testo prima del primo tema, o fanne un "
                "principio"
            )
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
            problems.append(Problem(ETHICS_FILE, line_for(text), _missing_anchor(text)))
        principles.append({"anchor": anchor, "text": text})
    return principles


def _missing_anchor(text: str) -> str:
    """A principle without a usable anchor: the anchor to write, or how to fix a bad one."""
    bad = _BAD_ANCHOR.search(text)
    if bad:
        fixed = slugify(bad[1]) or "principio"
        return (
            f"l’ancora «{{#{bad[1]}}}» può contenere solo lettere senza accenti, cifre e "
            f"trattini, e comincia con una lettera: scrivi {{#{fixed}}}"
        )
    suggestion = "-".join(slugify(text).split("-")[:3]) or "principio"
    return (
        f"il principio «{clip(text)}» non ha la sua ancora: aggiungi alla fine della riga uno "
        f"spazio e {{#{suggestion}}} (una parola che lo ricordi)"
    )


def _text(element: ElementTree.Element) -> str:
    """An element's words on one line: a principle may run over several lines in the file."""
    return " ".join("".join(element.itertext()).split())


def _anchored(text: str) -> tuple[str, str | None]:
    """A heading's or principle's text without its closing `{#anchor}`, and the anchor."""
    found = _ANCHOR.search(text)
    return (text[: found.start()], found[1]) if found else (text, None)


def _repeated_anchors(body: str, body_line: int) -> list[Problem]:
    """One problem at each later use of an anchor two themes or principles share: links
    must lead to one place."""
    uses: Counter[str] = Counter()
    first: dict[str, int] = {}
    problems = []
    for number, line in enumerate(body.splitlines(), start=body_line):
        found = _ANCHOR.search(line)
        if found is None:
            continue
        anchor = found[1]
        uses[anchor] += 1
        if uses[anchor] == 1:
            first[anchor] = number
            continue
        message = (
            f"l’ancora {{#{anchor}}} è già usata alla riga {first[anchor]}: ogni tema e "
            "principio ha la sua, cambiane una"
        )
        problems.append(Problem(ETHICS_FILE, number, message))
    return problems
