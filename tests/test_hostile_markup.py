"""The built site runs no markup from its sources, even where no CSP is served (issue 19, item 10).

Before, all of this reached the built HTML and ran in Chromium once the page's CSP meta tag was
removed: raw HTML and `javascript:` links in Markdown bodies, the same in ethics.md's intro
(rendered with `|safe`), and a site.yaml name or a page title holding Markdown, which a body
turned into a live link through `{{ site.name }}` or `{{ page.title }}`.
"""

from __future__ import annotations

import pytest

from harness.markup import executable_markup
from harness.project import Project

PAGE = "content/prova.md"
EVIL_NAME = 'Mister [x](javascript:alert(1)) <img src=x onerror=alert(1)> "*A*"'
EVIL_TITLE = "Prova [y](javascript:alert(2))"
LINKS = [
    "[a](javascript:alert(1))",
    "[b](JaVaScRiPt:alert(1))",
    "[c](&#106;avascript:alert(1))",
    "[d](java&#x09;script:alert(1))",
    "[e](<  javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[f][r]\n\n[r]: javascript:alert(1)",
    "[g](vbscript:msgbox(1))",
    "[h](data:text/html,<script>alert(1)</script>)",
    "![i](data:image/png;base64,AA==)",
    '[j](/piani/ "titolo\\" onmouseover=\\"alert(1)")',
]
CODE = (
    "è codice HTML, che una pagina non può contenere: scrivi il testo in Markdown "
    "(**grassetto**, *corsivo*, [collegamento](/contatti/), una riga vuota tra i paragrafi)"
)


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("Testo <svg onload=alert(1)>.", "<svg onload=alert(1)>"),
        ('Passa <b onmouseover="alert(1)">qui</b>.', '<b onmouseover="alert(1)">'),
        ("<input autofocus onfocus=alert(1)>", "<input autofocus onfocus=alert(1)>"),
        (
            "<form action=javascript:alert(1)><button>Invia</button></form>",
            "<form action=javascript:alert(1)><button…",
        ),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("<br>", "<br>"),
    ],
)
def test_raw_html_in_a_body_is_refused_at_its_line(project: Project, html: str, shown: str) -> None:
    project.write_page(PAGE, "Prova", f"Testo.\n\n{html}\n")
    assert project.refused() == [f"{PAGE}:7: «{shown}» {CODE}"]


def test_an_html_comment_in_a_body_says_how_to_write_a_note(project: Project) -> None:
    project.write_page(PAGE, "Prova", "Testo.\n<!-- da rivedere -->\n")
    assert project.refused() == [
        f"{PAGE}:6: «<!-- da rivedere -->» è un commento HTML, che una pagina non usa: per una "
        "nota che non va sul sito scrivi {# nota #}"
    ]


def test_html_inside_a_jinja_comment_is_no_html(project: Project) -> None:
    project.write_page(PAGE, "Prova", "Testo.\n{# <b>vecchia versione</b> #}\nFine.\n")
    assert project.build().status == 0


@pytest.fixture
def hostile(project: Project) -> Project:
    """The project with every hostile source that still builds: dangerous links in a body and
    in ethics.md's intro (raw HTML there is refused at its line, tests/test_bad_input.py),
    Markdown and HTML in the company's name and in a page title, both shown by a body."""
    project.write_page(PAGE, "Prova", "\n\n".join(LINKS) + "\n")
    project.edit("content/privacy.md", "title: Informativa sulla privacy", f'title: "{EVIL_TITLE}"')
    project.append("content/privacy.md", "\nQuesta pagina è «{{ page.title }}».\n")
    name = EVIL_NAME.replace('"', '\\"')
    project.edit("site.yaml", "name: Mister Informatica", f'name: "{name}"')
    project.edit(
        "ethics.md",
        "Questo codice descrive",
        "[z](javascript:alert(1)) [w](JAVASCRIPT:alert(1))\n\nQuesto codice descrive",
    )
    outcome = project.build()
    assert outcome.status == 0, outcome
    return project


def test_no_page_of_the_built_site_holds_markup_a_browser_would_run(hostile: Project) -> None:
    pages = sorted(hostile.output.rglob("*.html"))
    assert len(pages) > 5
    found = {
        page.relative_to(hostile.output).as_posix(): executable_markup(page.read_text("utf-8"))
        for page in pages
    }
    assert {page: markup for page, markup in found.items() if markup} == {}


def test_a_value_in_a_body_is_text_not_markdown(hostile: Project) -> None:
    html = (hostile.output / "privacy" / "index.html").read_text(encoding="utf-8")
    shown = "Mister [x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; &quot;*A*&quot;"
    assert f"<strong>{shown}</strong>" in html  # privacy.md: **{{ site.name }}**
    assert "<p>Questa pagina è «Prova [y](javascript:alert(2))».</p>" in html


def test_links_that_would_run_code_are_emptied_and_the_safe_one_kept(hostile: Project) -> None:
    html = (hostile.output / "prova" / "index.html").read_text(encoding="utf-8")
    for text in "abcefgh":
        assert f'<a href="">{text}</a>' in html
    assert '<a href="java%09script:alert(1)">d</a>' in html  # a relative address: no scheme
    assert '<img src="" alt="i" />' in html
    assert '<a href="/piani/" title="titolo&quot; onmouseover=&quot;alert(1)">j</a>' in html


def test_the_ethics_intro_keeps_its_text_without_the_markup(hostile: Project) -> None:
    html = (hostile.output / "codice-etico" / "index.html").read_text(encoding="utf-8")
    assert '<div class="prose lead"><p><a href="">z</a> <a href="">w</a></p>' in html
    assert "Questo codice descrive i principi" in html
