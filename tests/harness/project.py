"""A private copy of a fixture project with a good build in output/, for breaking on purpose.

The good build is made once per session and copied for each test (copying is much faster than
building), so every test starts from sources that build and an output/ to keep intact.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .cli import Outcome, problem_lines, run_cli, snapshot
from .site import COMPANY, copy_sources


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def output(self) -> Path:
        return self.root / "output"

    def build(self, *extra: str) -> Outcome:
        return run_cli("build", "--source", str(self.root), "--output", str(self.output), *extra)

    def edit(self, relative: str, old: str, new: str) -> int:
        """Replace the first old with new; return the 1-based line where old started."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture drift: {old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return text[: text.index(old)].count("\n") + 1

    def append(self, relative: str, text: str) -> int:
        """Add text at the end of the file (after a newline); return its first line."""
        path = self.root / relative
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        old += "" if old.endswith("\n") or not old else "\n"
        path.write_text(old + text, encoding="utf-8")
        return old.count("\n") + 1

    def write_page(self, relative: str, title: str, body: str = "Testo.\n") -> Path:
        """A valid content page with a unique title and description."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: {title}\ndescription: Descrizione di {title}.\n---\n{body}",
            encoding="utf-8",
        )
        return path

    def refused(self, *extra: str) -> list[str]:
        """Build; assert a clean failure (exit 1, no traceback, output/ untouched); return
        the problem lines."""
        before = snapshot(self.output)
        outcome = self.build(*extra)
        assert outcome.status == 1, outcome
        assert "Traceback" not in outcome.stderr, outcome.stderr
        assert snapshot(self.output) == before
        lines = problem_lines(outcome.stderr)
        assert lines, outcome.stderr
        return lines

    def assert_reported(self, file: str, line: int | None, words: str, *extra: str) -> str:
        """A clean failure with a `file:line: ...words...` line (any line when line is None)."""
        lines = self.refused(*extra)
        prefix = f"{file}:{line}: " if line is not None else f"{file}:"
        matching = [row for row in lines if row.startswith(prefix) and words in row]
        assert matching, "\n".join(lines)
        return matching[0]


@functools.cache
def _good_build(fixture: str) -> Path:
    template = Path(tempfile.mkdtemp(prefix=f"sitegen-good-{fixture}-"))
    atexit.register(shutil.rmtree, template, ignore_errors=True)
    copy_sources(template, fixture)
    outcome = Project(template).build()
    assert outcome.status == 0, outcome
    return template


def fresh_project(folder: Path, fixture: str = COMPANY) -> Project:
    """A copy of the session's good build of a fixture project in folder."""
    shutil.copytree(_good_build(fixture), folder, symlinks=True)
    return Project(folder)
