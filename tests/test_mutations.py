"""Property: whatever staff do to a source file, the build ends cleanly.

Hypothesis mutates one source file at a time (deletes, duplicates, indents and truncates lines;
inserts NUL and random bytes, tabs, YAML anchors and aliases, odd scalars) and runs the CLI
in-process. The only acceptable outcomes: a build (exit 0), or exit 1 with `FILE:LINE: message`
lines (or one `sitegen:` line), no traceback, output/ byte for byte as before; never more than
10 s. An exception escaping `main` fails the test with its traceback.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from harness.cli import WARNING, run_cli, snapshot
from harness.project import Project, fresh_project
from harness.site import fixture_source

EXAMPLES = int(os.environ.get("SITEGEN_MUTATIONS", "200"))  # a few hundred, about 30 s
# Every file of the company fixture: settings, plans, ethics, pages, layouts, styles, scripts.
SOURCES = sorted(
    path.relative_to(fixture_source()).as_posix()
    for pattern in ("*.yaml", "ethics.md", "content/*.md", "templates/*.*", "templates/static/*/*")
    for path in fixture_source().glob(pattern)
    if path.is_file()
)
ODD_SCALARS = [
    "~",
    "null",
    "yes",
    "no",
    "on",
    "0x1F",
    "0o17",
    "1e999",
    "-.inf",
    ".nan",
    "12:30",
    "24:00",
    "2026-02-30",
    "9999-12-31",
    "''",
    '"',
    "'",
    "{",
    "[",
    "]",
    "}",
    "!!int abc",
    "!!binary x",
    "!!python/name:os.system",
    "<<: {}",
    "? a",
    "- x",
    "|",
    ">",
    "%YAML 1.1",
    "---",
    "...",
    "{{ site.name }}",
    "{% if %}",
    "{# x",
    "{{ page.__class__ }}",
    "é",
    "\u202e",
    "\ufeff",
    "[[[[[[[[",
    "&a",
    "*a",
    "&a [*a]",
    "#",
    ":",
    "\\",
    "@x",
    "`x`",
]
LINE = re.compile(r"^[^\n:]+:\d+: \S")


def lines_of(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, list[tuple[str, float, float, bytes]]]:
    """A source file and one to three edits: (kind, where in the file, where in the line,
    payload)."""
    name = draw(st.sampled_from(SOURCES))
    edits = draw(
        st.lists(
            st.tuples(
                st.sampled_from(
                    ["delete", "duplicate", "indent", "truncate", "insert", "replace_value"]
                ),
                st.floats(0, 1, exclude_max=True),
                st.floats(0, 1),
                st.one_of(
                    st.sampled_from(ODD_SCALARS).map(str.encode),
                    st.sampled_from([b"\0", b"\t", b"  ", b"\r", b"\n", b"&x ", b"*x"]),
                    st.binary(min_size=1, max_size=6),
                ),
            ),
            min_size=1,
            max_size=3,
        )
    )
    return name, edits


def mutate(data: bytes, edits: list[tuple[str, float, float, bytes]]) -> bytes:
    lines = lines_of(data)
    for kind, where, at, payload in edits:
        index = int(where * len(lines))
        line = lines[index]
        cut = int(at * len(line))
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "indent":
            lines[index] = (b"\t" if payload[:1] == b"\t" else b"  ") + line
        elif kind == "truncate":
            lines[index] = line[:cut]
        elif kind == "insert":
            lines[index] = line[:cut] + payload + line[cut:]
        else:  # the value after "key: ", or the whole line
            key, colon, _ = line.partition(b": ")
            lines[index] = key + colon + payload if colon else payload
        if not lines:
            lines = [b""]
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    yield fresh_project(tmp_path_factory.mktemp("mutations") / "project")


def test_sources_are_all_covered() -> None:
    assert {"site.yaml", "plans.yaml", "ethics.md", "content/index.md"} <= set(SOURCES)
    assert any(name.startswith("templates/static/") for name in SOURCES)


@settings(
    max_examples=EXAMPLES,
    deadline=None,  # the 10 s limit is asserted below, on the build alone
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking can take minutes
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=mutations())
def test_any_mutation_ends_cleanly(shared_project: Project, mutation) -> None:
    name, edits = mutation
    path: Path = shared_project.root / name
    original = path.read_bytes()
    before = snapshot(shared_project.output)
    path.write_bytes(mutate(original, edits))
    try:
        started = time.monotonic()
        outcome = run_cli(
            "build", "--source", str(shared_project.root), "--output", str(shared_project.output)
        )
        elapsed = time.monotonic() - started
    finally:
        path.write_bytes(original)
    assert elapsed < 10, f"{name}: {elapsed:.1f} s"
    assert "Traceback" not in outcome.stderr
    if outcome.status == 0:
        assert (shared_project.output / "index.html").is_file()
        return
    assert outcome.status == 1, outcome
    problems = [line for line in outcome.stderr.splitlines() if WARNING not in line]
    assert problems, outcome.stderr
    for line in problems:
        assert LINE.match(line) or line.startswith("sitegen: "), line
    assert snapshot(shared_project.output) == before
