"""YAML that used to crash or hang the build: each is now FILE:LINE, exit 1, output/ intact."""

from __future__ import annotations

import time

import pytest

from harness.project import Project

BOMB = "w: &w [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" + "".join(
    f"x{level}: &x{level} [{', '.join(['*w'] * 9)}]\n" for level in range(8)
)


@pytest.mark.parametrize(
    ("addition", "words"),
    [
        ("zz: \0\n", "NUL byte"),
        ('zz: "a\x07b"\n', "U+0007"),
        ("{{ site.name }}: 1\n", "a key must be a plain word"),
        ("[a, b]: 1\n", "a key must be a plain word"),
        ("x: " + "[" * 500 + "]" * 500 + "\n", "nested more than"),
        ("x: &a [*a]\n", "YAML anchors and aliases are not supported"),
        ("zz: !!int abc\n", '"abc" is not valid'),
        ("n: {<<: {a: 1}}\n", "merge keys (<<) are not supported"),
        ("d: 2026-02-30\n", '"2026-02-30" is not valid: day is out of range'),
        ("x: !!python/object/apply:os.system [id]\n", "YAML tags are not supported"),
        ("x: !!python/name:os.system\n", "could not determine a constructor"),
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
        ("title: {{ site.name }}", "a key must be a plain word"),
        ("title: 2026-02-30", "is not valid"),
        ("title: \0", "NUL byte"),
        ("title: &t Contatti", "anchors and aliases"),
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
    project.assert_reported("site.yaml", line + 1, "day is out of range for month")


def test_an_alias_bomb_is_refused_at_once(project: Project) -> None:
    line = project.append("plans.yaml", BOMB)
    started = time.monotonic()
    project.assert_reported("plans.yaml", line, "anchors and aliases are not supported")
    assert time.monotonic() - started < 10


def test_a_huge_source_file_is_refused_by_size(project: Project) -> None:
    plans = project.root / "plans.yaml"
    with plans.open("a", encoding="utf-8") as file:
        file.write("# padding\n" * 300_000)
    project.assert_reported("plans.yaml", 1, "a source file may be at most")


def test_a_response_time_under_a_minute_is_refused(project: Project) -> None:
    line = project.edit("plans.yaml", "      hours: 4\n", "      hours: 0.001\n")
    project.assert_reported("plans.yaml", line, "at least one minute")
