"""YAML that used to crash or hang the build: each is now FILE:LINE, exit 1, output/ intact."""

from __future__ import annotations

import time

import pytest

from harness.project import Project

BOMB = "w: &w [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" + "".join(
    f"x{level}: &x{level} [{', '.join(['*w'] * 9)}]\n" for level in range(8)
)


CONTROL = "il testo contiene un carattere invisibile di controllo"
PLAIN_KEY = "un nome di campo deve essere una parola semplice"
NO_ANCHORS = "«&» e «*» (ancore e rimandi) non si usano qui"


@pytest.mark.parametrize(
    ("addition", "words"),
    [
        ("zz: \0\n", f"{CONTROL} (U+0000)"),
        ('zz: "a\x07b"\n', f"{CONTROL} (U+0007)"),
        ('zz: "a\\0b"\n', f"{CONTROL} (U+0000)"),
        ('zz: "\\e[31m"\n', f"{CONTROL} (U+001B)"),
        ('zz: "\\x01"\n', f"{CONTROL} (U+0001)"),
        ("{{ site.name }}: 1\n", PLAIN_KEY),
        ("[a, b]: 1\n", PLAIN_KEY),
        ("x: " + "[" * 500 + "]" * 500 + "\n", "troppi livelli uno dentro l’altro (più di 32)"),
        ("x: &a [*a]\n", NO_ANCHORS),
        ("zz: !!int abc\n", "«!!int» non si usa qui"),
        ("n: {<<: {a: 1}}\n", "«<<» (unione di sezioni) non si usa qui"),
        (
            "x: !!python/object/apply:os.system [id]\n",
            "«!!python/object/apply:os.system» non si usa qui",
        ),
        ("x: !!python/name:os.system\n", "«!!python/name:os.system» non si usa qui"),
    ],
)
@pytest.mark.parametrize("file", ["plans.yaml", "site.yaml"])
def test_bad_yaml_is_reported_at_its_line(
    project: Project, file: str, addition: str, words: str
) -> None:
    line = project.append(file, addition)
    project.assert_reported(file, line, words)


@pytest.mark.parametrize(
    ("front_matter", "words"),
    [
        ("title: {{ site.name }}", PLAIN_KEY),
        ("title: \0", f"{CONTROL} (U+0000)"),
        ('title: "Contatti\\0"', f"{CONTROL} (U+0000)"),
        ('title: "Con\\ntatti"', "qui il testo deve stare su una riga, ma contiene un a capo"),
        ("title: &t Contatti", NO_ANCHORS),
    ],
)
def test_bad_front_matter_is_reported_at_its_line(
    project: Project, front_matter: str, words: str
) -> None:
    line = project.edit("content/contatti.md", "title: Contatti", front_matter)
    project.assert_reported("content/contatti.md", line, words)


def test_a_closure_on_a_date_that_does_not_exist(project: Project) -> None:
    line = project.edit(
        "site.yaml", "closures: []", "closures:\n  - date: 2026-02-30\n    name: Chiusura"
    )
    project.assert_reported(
        "site.yaml",
        line + 1,
        "«2026-02-30» non è una data: scrivila come anno-mese-giorno, per esempio 2026-08-14",
    )


def test_an_alias_bomb_is_refused_at_once(project: Project) -> None:
    line = project.append("plans.yaml", BOMB)
    started = time.monotonic()
    project.assert_reported("plans.yaml", line, NO_ANCHORS)
    assert time.monotonic() - started < 10


def test_a_huge_source_file_is_refused_by_size(project: Project) -> None:
    plans = project.root / "plans.yaml"
    with plans.open("a", encoding="utf-8") as file:
        file.write("# padding\n" * 300_000)
    project.assert_reported("plans.yaml", 1, "il file è più grande di 2 MB")


def test_a_response_time_under_a_minute_is_refused(project: Project) -> None:
    line = project.edit("plans.yaml", "      hours: 4\n", "      hours: 0.001\n")
    project.assert_reported(
        "plans.yaml", line, "0.001 ore sono meno di un minuto: il tempo minimo è 1 minuto"
    )
