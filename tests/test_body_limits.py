"""A page body that would hang the build or take gigabytes is refused in a second or two, at the
line of the expression, in plain Italian (issue 19: the hangs, the wrong lines).

Each case is issue 19's own reproduction, written on line 64 of a new page: its body starts on
line 5, the line the build used to report.
"""

from __future__ import annotations

import time

import pytest

from harness.project import Project
from sitegen.pages import bodies as page_body

PAGE = "content/prova.md"
LINE = 64
SECONDS = 5  # the build of a copy of the site, in-process; the hangs took minutes or forever
TAGS = "In una pagina puoi usare solo {% if %}, {% set %} e i commenti {# … #}."
NUMBER = "qui verrebbe un numero di più di 1.000 cifre, troppe per una pagina"
TEXT = "qui verrebbe un testo di più di 1.000.000 caratteri, troppi per una pagina"


def _refused_on_line_64(project: Project, expression: str, before: str = "") -> list[str]:
    """Build with expression on line 64 of a new page (after `before`); the problem lines."""
    filler = "Riga di testo.\n" * (LINE - 5 - before.count("\n"))
    project.write_page(PAGE, "Prova", before + filler + expression + "\n")
    started = time.monotonic()
    problems = project.refused()
    assert time.monotonic() - started < SECONDS
    return problems


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("{{ 9**(9**9) }}", NUMBER),
        ("{{ 10**5000 }}", NUMBER),
        ("{{ 2 ** 4000 * 2 ** 4000 }}", NUMBER),
        ('{{ "x" * 3000000000 }}', TEXT),
        ('{{ 3000000000 * "x" }}', TEXT),
        ('{{ "%0999999999d" % 1 }}', TEXT),
        ('{{ "%.999999999f" % 1.5 }}', TEXT),
        (
            '{{ "%*d" % (999999999, 1) }}',
            "in «%*d» la larghezza va scritta in cifre, per esempio «%5d»",
        ),
        (
            '{{ "%0999999999d"|format(1) }}',
            "il filtro «|format» non si può usare in una pagina; puoi usare solo |capitalize, "
            "|lower, |title, |trim, |upper, |default, |length, |round",
        ),
        (
            '{% for a in "x" * 100000 %}{% for b in "x" * 100000 %}{{ a }}{% endfor %}{% endfor %}',
            "i cicli «{% for %}» non si possono usare in una pagina: scrivi le righe una per "
            f"una. {TAGS}",
        ),
    ],
)
def test_a_runaway_expression_is_refused_at_its_line(
    project: Project, expression: str, message: str
) -> None:
    assert _refused_on_line_64(project, expression) == [f"{PAGE}:{LINE}: {message}"]


@pytest.mark.parametrize(
    "before",
    [
        '{% set a = "x" * 600000 %}\n{% set a = a ~ a %}\n',  # doubling, statement by statement
        '{% set a = "x" * 600000 %}\n{% set a = a + a %}\n',
    ],
)
def test_text_cannot_grow_by_doubling(project: Project, before: str) -> None:
    problems = _refused_on_line_64(project, "Fine.", before)
    assert problems == [f"{PAGE}:6: {TEXT}"]


def test_what_a_body_shows_is_bounded_all_together(project: Project) -> None:
    problems = _refused_on_line_64(
        project, "{{ a }} {{ a }}", before='{% set a = "x" * 600000 %}\n'
    )
    assert problems == [f"{PAGE}:{LINE}: {TEXT}"]


def test_long_lists_cannot_be_compared(project: Project) -> None:
    items = ", ".join(["'x'"] * 101)
    expression = f"{{% if site.name in [{items}] %}}Sì{{% endif %}}"
    problems = _refused_on_line_64(project, expression)
    assert problems == [
        f"{PAGE}:{LINE}: qui si possono confrontare solo testi, numeri ed elenchi di al massimo "
        "100 testi o numeri"
    ]


def test_a_body_that_takes_too_long_is_stopped_at_the_line_it_had_reached(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each `in` between two long texts takes milliseconds; 5,000 of them take half a minute.
    Every operation is within its limits: only the time limit can stop this one."""
    setup = "{% set a = site.name * 40000 %}\n{% set b = site.name * 30000 ~ '!' %}\n"
    slow = "{% if b in a %}{% endif %}\n"
    project.write_page(PAGE, "Prova", setup + slow * 5000 + "Fine.\n")
    # First the body is compiled into the build cache, with a short name that makes it quick
    # to run: this test is about running it, and compiling 5,000 tags takes seconds too.
    project.edit("site.yaml", "name: Mister Informatica", "name: M")
    with monkeypatch.context() as patch:
        patch.setattr(page_body, "SECONDS", 60)
        assert project.build().status == 0
    project.edit("site.yaml", "name: M", "name: Mister Informatica")
    started = time.monotonic()
    problems = project.refused()
    assert time.monotonic() - started < SECONDS
    [problem] = problems
    line = int(problem.split(":")[1])
    assert 7 <= line <= 6 + 5000  # one of the slow lines
    assert problem == (
        f"{PAGE}:{line}: la pagina impiega troppo tempo a generarsi: controlla la riga {line}"
    )


def test_a_legitimate_body_keeps_its_output(project: Project) -> None:
    """Within the limits a body computes as before: text repeated, numbers, comparisons."""
    project.write_page(
        PAGE,
        "Prova",
        '{% set riga = "-" * 5 %}{{ riga }} {{ 2 ** 10 }} {{ "%05d" % 42 }} {{ 7 // 2 }}'
        " {{ 'b' in ['a', 'b'] }} {{ site.name ~ '!' }}\n",
    )
    assert project.build().status == 0
    html = (project.output / "prova" / "index.html").read_text(encoding="utf-8")
    assert "<p>----- 1024 00042 3 True Mister Informatica!</p>" in html
