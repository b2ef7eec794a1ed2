"""Under GitHub Actions (GITHUB_ACTIONS=true, as GitHub sets it) every problem is printed twice:
the `FILE:LINE: message` line for the log, then a workflow command that GitHub shows on the
file's line in the commit and pull-request views. The deploy workflow's first job runs
`sitegen check`, so these are the lines staff see for a content mistake.

GitHub's escaping (the runner's, as @actions/core writes it): in a command's message `%`, CR and
LF become %25, %0D and %0A; in a property value `:` and `,` also become %3A and %2C.
The expected lines are written out here, not computed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import staff_edits
from harness.cli import run_cli
from harness.project import Project

HOURS = "non è un numero di ore: scrivi le ore in cifre, per esempio 8, oppure 0.5 per mezz’ora"
FILE_NAME = (
    "non può far parte dell’indirizzo di una pagina: usa solo lettere minuscole senza accenti, "
    "cifre e trattini, come chi-siamo.md"
)


def check(project: Project) -> tuple[int, list[str]]:
    outcome = run_cli("check", "--source", str(project.root))
    assert "Traceback" not in outcome.stderr, outcome.stderr
    return outcome.status, outcome.stderr.splitlines()


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def test_an_error_is_annotated_on_its_file_and_line(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    line = project.edit("plans.yaml", "      hours: 4\n", "      hours: 50%\n")
    # A file name with all three characters a property escapes (refused: not a page address).
    project.write_page("content/chi:siamo,100%.md", "Chi siamo")
    status, printed = check(project)
    assert status == 1
    assert printed == [
        f"plans.yaml:{line}: «50%» {HOURS}",
        f"::error file=plans.yaml,line={line}::«50%25» {HOURS}",
        f"content/chi:siamo,100%.md:1: «chi:siamo,100%» {FILE_NAME}",
        f"::error file=content/chi%3Asiamo%2C100%25.md,line=1::«chi:siamo,100%25» {FILE_NAME}",
    ]


def test_a_warning_is_annotated_as_a_warning_without_its_prefix(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fourth plan added without updating the introduction: the check passes, and GitHub
    shows a warning (yellow) at the introduction's line, where the log line says "avviso:"."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project.edit("plans.yaml", "\n# Il confronto", staff_edits.PLATINUM + "\n# Il confronto")
    intro = line_of(project.root / "plans.yaml", "intro:")
    status, printed = check(project)
    assert status == 0
    said = "l’introduzione dice «Tre livelli», ma i piani sono 4: aggiorna la frase"
    at = printed.index(f"plans.yaml:{intro}: avviso: {said}")
    assert printed[at + 1] == f"::warning file=plans.yaml,line={intro}::{said}"
    phone = line_of(project.root / "site.yaml", "phone:")
    at = printed.index(
        f"site.yaml:{phone}: avviso: manca il numero di telefono: chi visita il sito lo cerca"
    )
    assert printed[at + 1] == (
        f"::warning file=site.yaml,line={phone}::manca il numero di telefono: chi visita il sito "
        "lo cerca"
    )
    assert not [row for row in printed if row.startswith("::error")]


@pytest.mark.parametrize("value", [None, "false"])
def test_no_annotation_outside_github_actions(
    project: Project, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    else:
        monkeypatch.setenv("GITHUB_ACTIONS", value)
    line = project.edit("plans.yaml", "      hours: 4\n", "      hours: 50%\n")
    status, printed = check(project)
    assert status == 1
    assert printed == [f"plans.yaml:{line}: «50%» {HOURS}"]
