"""sitegen's Markdown call: the same HTML as cmarkgfm's own function, without its memory leak."""

from __future__ import annotations

import os

import cmarkgfm
import pytest

from sitegen.markdown_html import EXTENSIONS, OPTIONS, attribute_lists, to_html

SAMPLES = [
    "# Titolo\n\nUn paragrafo con *enfasi*, **forza** e `codice`.\n",
    "| Piano | Risposta |\n|---|---|\n| Bronze | ~~8~~ ore |\n",
    "- uno\n- due\n\n1. primo\n2. secondo\n",
    "<div class=\"nota\">HTML grezzo</div>\n\n<script>alert(1)</script>\n",
    "Perché l\u2019assistenza è «semplice»: àèìòù € — fine.",
    "",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_same_html_as_cmarkgfm(text: str) -> None:
    reference = cmarkgfm.markdown_to_html_with_extensions(
        text, options=OPTIONS, extensions=list(EXTENSIONS)
    )
    assert to_html(text) == reference.removesuffix("\n")


def test_script_tags_are_shown_as_text() -> None:
    assert "<script>" not in to_html("<script>alert(1)</script>")


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_rendering_does_not_leak() -> None:
    """cmarkgfm's function keeps about 24 KB per call for good; 3,000 calls would hold ~70 MB."""
    page = "## Sezione\n\n" + "Una riga di testo con un [link](/piani/).\n\n" * 60
    to_html(page)
    before = _resident_mb()
    for _ in range(3000):
        to_html(page)
    assert _resident_mb() - before < 10


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("- principio\n  {: #ancora }\n", [(2, "{: #ancora }")]),
        ("## Titolo {: .classe }\n", [(1, "{: .classe }")]),
        ("Testo con {graffe} e {: in mezzo} alla riga.\n", []),
        ("Niente qui.\n", []),
    ],
)
def test_attribute_lists(text: str, found: list[tuple[int, str]]) -> None:
    assert attribute_lists(text) == found
