"""How the sitegen command reports problems: one `FILE:LINE: message` line each, and, under
GitHub Actions, an annotation too, so a mistake pushed from GitHub's web editor shows on the
file's line in the commit and pull-request views, not only deep in a log."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TextIO

from sitegen.core.errors import Problem
from sitegen.sources.notices import WARNING


def report(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    """Print each problem (errors and "avviso:" warnings) once, in the order given."""
    stream = stream or sys.stderr
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    seen: set[Problem] = set()
    for problem in problems:
        if problem in seen:
            continue
        seen.add(problem)
        print(problem, file=stream)
        if annotate:
            print(annotation(problem), file=stream)
    stream.flush()


def annotation(problem: Problem) -> str:
    """The GitHub Actions workflow command for a problem: ::error or ::warning on its line."""
    level = "warning" if problem.message.startswith(WARNING) else "error"
    message = problem.message.removeprefix(WARNING)
    properties = f"file={_property(problem.path)},line={problem.line or 1}"
    return f"::{level} {properties}::{_data(' '.join(message.splitlines()))}"


def _data(text: str) -> str:
    """GitHub's escaping for a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """GitHub's escaping for a command's property value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
