"""Run the sitegen command line in-process, as a user would, and compare output folders.

In-process runs take milliseconds instead of an interpreter start, and an exception that
escapes `main` fails the test with its traceback: exactly what a user must never see.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Outcome:
    status: int
    stdout: str
    stderr: str


def run_cli(*argv: str) -> Outcome:
    """`sitegen ARGV...` in this process; argparse's exits become a status too."""
    from sitegen.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
    return Outcome(status, out.getvalue(), err.getvalue())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (symlinks not followed into folders), by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


WARNING = ": avviso: "


def problem_lines(stderr: str) -> list[str]:
    """The FILE:LINE: message lines of a failed run (warnings and annotations excluded)."""
    return [
        line for line in stderr.splitlines() if WARNING not in line and not line.startswith("::")
    ]
