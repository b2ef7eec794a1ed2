"""Page bodies run no code: Jinja's sandbox with only the documented helpers, FILE:LINE errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.project import Project

PAGE = "content/privacy.md"


def test_the_documented_helpers_work(project: Project) -> None:
    project.append(
        PAGE,
        "Scrivi a {{ site.name }}: {{ email_link() }}, [contatti]({{ url('/contatti/') }}),"
        " pagina {{ page.title }}.\n",
    )
    assert project.build().status == 0
    html = (project.output / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "Scrivi a Mister Informatica: " in html
    assert '<a href="mailto:info@misterinformatica.it">' in html
    assert '<a href="/contatti/">contatti</a>' in html
    assert "pagina Informativa sulla privacy." in html


def test_the_privacy_notice_names_the_form_service_host(project: Project) -> None:
    project.append("site.yaml", "form_endpoint: https://forms.example.net:8443/f/abc?x=1\n")
    assert project.build().status == 0
    html = (project.output / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "raccolta moduli <strong>forms.example.net</strong>" in html


@pytest.mark.parametrize(
    "payload",
    [
        '{{ cycler.__init__.__globals__.os.popen("touch {marker}").read() }}',
        "{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}",
        "{{ email_link.__globals__['os'].popen('touch {marker}').read() }}",
        "{{ url.__self__.__class__.__init__.__globals__['os'].popen('touch {marker}') }}",
        "{{ site.__class__.__init__.__globals__ }}",
        "{{ page.source.parse_file('{marker}') }}",
        "{{ site.model_config }}",
        "{{ site.closures.__class__.__base__.__subclasses__() }}",
        "{{ range(10) }}",
        "{% include 'base.html' %}",
    ],
)
def test_code_in_a_body_is_refused_at_its_line(
    project: Project, tmp_path: Path, payload: str
) -> None:
    marker = tmp_path / "ran"
    line = project.append(PAGE, payload.replace("{marker}", str(marker)) + "\n")
    project.assert_reported(PAGE, line, "a page may use only")
    assert not marker.exists()


def test_a_blocked_attribute_says_it_is_unsafe(project: Project) -> None:
    line = project.append(PAGE, "{{ email_link.__globals__ }}\n")
    project.assert_reported(PAGE, line, "unsafe")


def test_a_jinja_syntax_error_names_the_page_and_line(project: Project) -> None:
    line = project.append("content/contatti.md", "Testo.\n\nC{# e F#\n")
    project.assert_reported("content/contatti.md", line + 2, "template syntax error")


def test_an_unknown_variable_names_the_page_and_line(project: Project) -> None:
    line = project.append("content/contatti.md", "{{ sito.nome }}\n")
    project.assert_reported("content/contatti.md", line, "'sito' is undefined")


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("{{ 1 // 0 }}", "ZeroDivisionError"),
        ("{{ email_link(1) }}", "TypeError"),
        ("{{ url(1) }}", "AttributeError"),
    ],
)
def test_an_expression_that_raises_names_the_page_and_line(
    project: Project, expression: str, words: str
) -> None:
    line = project.append("content/contatti.md", f"Testo.\n{expression}\n")
    project.assert_reported("content/contatti.md", line + 1, words)


@pytest.mark.parametrize(
    "name", ["contatti.html", "../ethics.md", "static/css/site.css", "x" * 90 + ".html"]
)
def test_an_unknown_template_names_the_page(project: Project, name: str) -> None:
    line = project.edit("content/contatti.md", "template: contact.html", f"template: {name}")
    project.assert_reported(
        "content/contatti.md", line, f"non c’è un modello «{name}» in templates/"
    )


def test_a_template_name_longer_than_a_file_name_can_be(project: Project) -> None:
    """The operating system refuses names over 255 bytes; the page's front matter gets there
    first, with the field's line."""
    line = project.edit("content/contatti.md", "template: contact.html", f"template: {'x' * 300}")
    project.assert_reported(
        "content/contatti.md", line, "«template» è troppo lungo: al massimo 100 caratteri"
    )
