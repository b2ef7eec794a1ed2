"""Page bodies run no code: only the documented helpers, and plain Italian FILE:LINE errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.project import Project

PAGE = "content/privacy.md"
HELP = (
    "In una pagina puoi usare solo {{ site.… }}, {{ page.… }}, {{ url(…) }} e {{ email_link() }}."
)
TAGS = "In una pagina puoi usare solo {% if %}, {% set %} e i commenti {# … #}."
RESERVED = "non si può usare in una pagina: i nomi che iniziano con «_» sono riservati. " + HELP
CALLS = "non si può usare. In una pagina puoi chiamare solo {{ url(…) }} e {{ email_link() }}"


def test_the_documented_helpers_work(project: Project) -> None:
    project.append(
        PAGE,
        "\nScrivi a {{ site.name }}: {{ email_link() }}, [contatti]({{ url('/contatti/') }}),"
        " pagina {{ page.title }}.\n",
    )
    assert project.build().status == 0
    html = (project.output / "privacy" / "index.html").read_text(encoding="utf-8")
    assert (
        "<p>Scrivi a Mister Informatica: "
        '<a href="mailto:info@misterinformatica.it">info@misterinformatica.it</a>, '
        '<a href="/contatti/">contatti</a>, pagina Informativa sulla privacy.</p>'
    ) in html


def test_if_set_and_filters_work(project: Project) -> None:
    project.append(
        PAGE,
        "\n{% set azienda = site.name|upper %}\n{% if site.email is defined %}\n"
        "Azienda: {{ azienda }} ({{ site.name|length }} lettere).\n{% else %}\nNo.\n{% endif %}\n",
    )
    assert project.build().status == 0
    html = (project.output / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "<p>Azienda: MISTER INFORMATICA (18 lettere).</p>" in html


def test_the_privacy_notice_names_the_form_service_host(project: Project) -> None:
    project.append("site.yaml", "form_endpoint: https://forms.example.net:8443/f/abc?x=1\n")
    assert project.build().status == 0
    html = (project.output / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "raccolta moduli <strong>forms.example.net</strong>" in html


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            '{{ cycler.__init__.__globals__.os.popen("touch {marker}").read() }}',
            f"«__init__» {RESERVED}",
        ),
        (
            "{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}",
            f"«__globals__» {RESERVED}",
        ),
        (
            "{{ email_link.__globals__['os'].popen('touch {marker}').read() }}",
            f"«__globals__» {RESERVED}",
        ),
        (
            "{{ url.__self__.__class__.__init__.__globals__['os'].popen('touch {marker}') }}",
            f"«__self__» {RESERVED}",
        ),
        ("{{ site.__class__.__init__.__globals__ }}", f"«__class__» {RESERVED}"),
        (
            "{{ page.source.parse_file('{marker}') }}",
            f"«{{{{ page.source.parse_file(…) }}}}» {CALLS}",
        ),
        (
            "{{ site.model_config }}",
            f"il segnaposto «{{{{ site.model_config }}}}» non esiste. {HELP}",
        ),
        (
            "{{ site.closures.__class__.__base__.__subclasses__() }}",
            f"«__class__» {RESERVED}",
        ),
        ("{{ range(10) }}", f"«{{{{ range(…) }}}}» {CALLS}"),
        ("{{ site.name.upper() }}", f"«{{{{ site.name.upper(…) }}}}» {CALLS}"),
        ("{% include 'base.html' %}", f"«{{% include %}}» non si può usare in una pagina. {TAGS}"),
        (
            "{% macro m() %}x{% endmacro %}",
            f"«{{% macro %}}» non si può usare in una pagina. {TAGS}",
        ),
        (
            "{% set x %}testo{% endset %}",
            "«{% set %}» si scrive su una riga sola, con il valore tra virgolette: "
            '{% set nome = "testo" %}',
        ),
        ("{{ url }}", "«{{ url }}» non si può usare: si scrive {{ url('/contatti/') }}"),
        (
            "{{ site.name|center(9) }}",
            "il filtro «|center» non si può usare in una pagina; puoi usare solo |capitalize, "
            "|lower, |title, |trim, |upper, |default, |length, |round",
        ),
        (
            "{% if site.name is callable %}x{% endif %}",
            "la prova «is callable» non si può usare in una pagina; puoi usare solo is defined, "
            "is undefined, is none, is number, is string, is odd, is even, is divisibleby",
        ),
    ],
)
def test_code_in_a_body_is_refused_at_its_line(
    project: Project, tmp_path: Path, payload: str, message: str
) -> None:
    marker = tmp_path / "ran"
    line = project.append(PAGE, "Testo.\n" + payload.replace("{marker}", str(marker)) + "\n")
    assert project.refused() == [f"{PAGE}:{line + 1}: {message}"]
    assert not marker.exists()


def test_every_refusal_of_a_body_is_listed(project: Project) -> None:
    line = project.append(PAGE, "{{ range(3) }}\n\n{% for x in site.closures %}{% endfor %}\n")
    assert project.refused() == [
        f"{PAGE}:{line}: «{{{{ range(…) }}}}» {CALLS}",
        f"{PAGE}:{line + 2}: i cicli «{{% for %}}» non si possono usare in una pagina: scrivi "
        f"le righe una per una. {TAGS}",
    ]


@pytest.mark.parametrize(
    ("text", "at", "message"),
    [
        ("Testo.\n\nC{# e F#\n", 2, "manca la chiusura «#}» del commento aperto qui"),
        ("{{ site.name\n\nAltro testo.\n", 0, "manca la chiusura «}}» del segnaposto aperto qui"),
        ("Testo {{ site.name }\n", 0, "manca la chiusura «}}» del segnaposto aperto qui"),
        ("{% if site.email\nTesto.\n", 0, "manca la chiusura «%}» del comando aperto qui"),
        (
            "{% if site.email %}\nTesto.\n\nAltro.\n",
            0,
            "manca «{% endif %}» per il «{% if %}» aperto qui",
        ),
        ("Testo.\n{% endif %}\n", 1, "«{% endif %}» non ha prima un «{% if … %}» da chiudere"),
        ("{% ripeti %}\n", 0, f"«{{% ripeti %}}» non si può usare in una pagina. {TAGS}"),
        (
            "{{ 'testo }}\n",
            0,
            "qui un segnaposto «{{ … }}» o un comando «{% … %}» è scritto male: "
            "controlla le parentesi, le virgolette e i nomi",
        ),
    ],
)
def test_a_syntax_error_names_the_line_where_the_mistake_is(
    project: Project, text: str, at: int, message: str
) -> None:
    line = project.append("content/contatti.md", text)
    assert project.refused() == [f"content/contatti.md:{line + at}: {message}"]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "{{ sito.nome }}",
            f"il segnaposto «{{{{ sito.nome }}}}» non esiste: forse intendevi "
            f"«{{{{ site.name }}}}»? {HELP}",
        ),
        (
            "{{ site.nome }}",
            f"il segnaposto «{{{{ site.nome }}}}» non esiste: forse intendevi "
            f"«{{{{ site.name }}}}»? {HELP}",
        ),
        (
            "{{ site.legale.rae }}",
            f"il segnaposto «{{{{ site.legale.rae }}}}» non esiste: forse intendevi "
            f"«{{{{ site.legal.rea }}}}»? {HELP}",
        ),
        (
            "{% if pagina.titolo %}x{% endif %}",
            f"il segnaposto «pagina.titolo» non esiste: forse intendevi «page.title»? {HELP}",
        ),
        ("{{ qualcosa }}", f"il segnaposto «{{{{ qualcosa }}}}» non esiste. {HELP}"),
    ],
)
def test_an_unknown_placeholder_suggests_the_one_meant(
    project: Project, expression: str, message: str
) -> None:
    line = project.append("content/contatti.md", f"Testo.\n{expression}\n")
    assert project.refused() == [f"content/contatti.md:{line + 1}: {message}"]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("{{ 1 // 0 }}", "qui c'è una divisione per zero"),
        (
            "{{ email_link(1) }}",
            "«email_link()» si scrive senza niente tra le parentesi: {{ email_link() }}",
        ),
        (
            "{{ url(1) }}",
            "«url(…)» vuole un solo indirizzo tra virgolette, per esempio {{ url('/contatti/') }}",
        ),
        (
            "{{ url(page.source.menu) }}",
            "«url(…)» vuole un indirizzo tra virgolette, per esempio {{ url('/contatti/') }}",
        ),
        (
            "{{ site.name + 1 }}",
            "qui un testo si può solo unire a un altro testo ({{ a ~ b }}) "
            "o ripetere un numero di volte ({{ '-' * 3 }})",
        ),
        (
            "{{ site.legal }}",
            "questo valore non è un testo ma un gruppo di valori: scrivi uno "
            "dei suoi campi (per esempio {{ site.legal.rea }} invece di {{ site.legal }})",
        ),
        (
            "{{ site.name.strip }}",
            "questo valore non è un testo ma un gruppo di valori: scrivi uno "
            "dei suoi campi (per esempio {{ site.legal.rea }} invece di {{ site.legal }})",
        ),
    ],
)
def test_an_expression_that_fails_names_the_page_and_line(
    project: Project, expression: str, message: str
) -> None:
    line = project.append("content/contatti.md", f"Testo.\n{expression}\n")
    assert project.refused() == [f"content/contatti.md:{line + 1}: {message}"]


def test_a_missing_field_found_as_the_body_runs_names_it(project: Project) -> None:
    """A field of a text is not known before the body runs (form_endpoint_host is None, and the
    branch not taken, until site.yaml sets form_endpoint)."""
    line = project.edit(
        PAGE,
        "{% if site.form_endpoint %}\n",
        "{% if site.form_endpoint %}\n{{ site.form_endpoint_host.dominio }}\n",
    )
    assert project.build().status == 0
    project.append("site.yaml", 'form_endpoint: "https://moduli.example.org/f/1"\n')
    assert project.refused() == [f"{PAGE}:{line + 1}: «dominio» qui non esiste. {HELP}"]


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
