"""sitegen's Markdown call: the same HTML as cmarkgfm's own function, without its memory leak,
no markup a browser would run, and values put in as text."""

from __future__ import annotations

import os

import cmarkgfm
import pytest

from harness.markup import executable_markup
from sitegen.core.markdown_html import EXTENSIONS, OPTIONS, attribute_lists, raw_html, to_html
from sitegen.core.placeholders import MailLink, placeholder

SAMPLES = [
    "# Titolo\n\nUn paragrafo con *enfasi*, **forza** e `codice`.\n",
    "| Piano | Risposta |\n|---|---|\n| Bronze | ~~8~~ ore |\n",
    "- uno\n- due\n\n1. primo\n2. secondo\n",
    '<div class="nota">HTML grezzo</div>\n\n<script>alert(1)</script>\n',
    "Perché l\u2019assistenza è «semplice»: àèìòù € — fine.",
    "",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_same_html_as_cmarkgfm(text: str) -> None:
    reference = cmarkgfm.markdown_to_html_with_extensions(
        text, options=OPTIONS, extensions=list(EXTENSIONS)
    )
    assert to_html(text) == reference.removesuffix("\n")


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    'Testo <b onmouseover="alert(1)">qui</b>.',
    "<input autofocus onfocus=alert(1)>",
    '<form action="javascript:alert(1)"><button>Invia</button></form>',
    "<script>alert(1)</script>",
    "<IFRAME SRC=javascript:alert(1)></IFRAME>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript:alert(1))",
    "[x](<  javascript:alert(1)>)",
    "[x](java&#x09;script:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](\x01javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](DATA:image/png;base64,AA==)",
    '[x](/ok "" onmouseover=alert(1) x="")',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_markup_a_browser_would_run(text: str) -> None:
    assert executable_markup(to_html(text)) == []


def test_the_markup_check_finds_what_a_browser_would_run() -> None:
    found = executable_markup(
        '<a href=" JaVa&#x09;script:alert(1)">x</a><img src="x" onerror="alert(1)" />'
        '<a href="d&#97;ta:text/html,x">y</a><a href="/ok">z</a>'
    )
    assert found == [
        'a href=" JaVa\tscript:alert(1)"',
        'img onerror="alert(1)"',
        'a href="data:text/html,x"',
    ]


def test_raw_html_is_left_out_and_a_safe_link_kept() -> None:
    assert to_html('Testo <b onmouseover="alert(1)">qui</b> e [link](/piani/).') == (
        "<p>Testo <!-- raw HTML omitted -->qui<!-- raw HTML omitted --> e "
        '<a href="/piani/">link</a>.</p>'
    )


def test_raw_html_is_found_at_its_line() -> None:
    text = "Testo\ncon <b>grassetto</b>.\n\n<div>\nblocco\n</div>\n\n<!-- nota -->\n"
    assert raw_html(text) == [
        (2, "<b>"),
        (2, "</b>"),
        (4, "<div>\nblocco\n</div>\n"),
        (8, "<!-- nota -->\n"),
    ]
    assert raw_html("Un'autolink <https://example.org> e 3 < 4.") == []


def test_values_are_text_where_their_placeholder_stands() -> None:
    name = 'Mister [x](javascript:alert(1)) <b>*A*</b> & "B"'
    values = [name, "/contatti/", MailLink("info@example.org"), "javascript:alert(1)", "`*x*`"]
    p = [placeholder(index) for index in range(len(values))]
    text = (
        f"# {p[0]}\n\n**{p[0]}**, [modulo]({p[1]}), {p[2]}; [x]({p[3]}) `{p[4]}`\n\n"
        f"[scrivi a {p[2]}](/contatti/)\n\n"
        f'![foto {p[0]}]({p[1]} "titolo {p[0]}")\n\n'
        f"```{p[4]}\n{p[0]}\n```"
    )
    escaped = "Mister [x](javascript:alert(1)) &lt;b&gt;*A*&lt;/b&gt; &amp; &quot;B&quot;"
    assert to_html(text, values) == (
        f"<h1>{escaped}</h1>\n"
        f'<p><strong>{escaped}</strong>, <a href="/contatti/">modulo</a>, '
        '<a href="mailto:info@example.org">info@example.org</a>; <a href="">x</a> '
        "<code>`*x*`</code></p>\n"
        '<p><a href="/contatti/">scrivi a info@example.org</a></p>\n'
        f'<p><img src="/contatti/" alt="foto {escaped}" title="titolo {escaped}" /></p>\n'
        f'<pre><code class="language-`*x*`">{escaped}\n</code></pre>'
    )


def test_a_placeholder_typed_in_the_text_stays_as_it_is() -> None:
    assert to_html(f"Testo {placeholder(7)}.", ["uno"]) == f"<p>Testo {placeholder(7)}.</p>"


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
