"""Template mistakes as FILE:LINE: message, like content mistakes."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from sitegen.core.errors import Problem
from sitegen.core.layout import TEMPLATES_DIR


def template_problem(error: BaseException, source: Path) -> Problem | None:
    """The template line at fault, or None when no template was.

    Jinja gives the line of a syntax error; for a runtime error (an undefined variable,
    `{{ 1 / 0 }}`, a helper called with the wrong arguments) it is the traceback's template
    frame. A Jinja error without either still names the templates folder.
    """
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return Problem(_relative(error.filename, source), error.lineno, str(error.message))
    problem = _raised_in_template(error, source)
    if problem is None and isinstance(error, TemplateError):
        return Problem(TEMPLATES_DIR, None, str(error))
    return problem


def raised_at(error: BaseException, in_file: Callable[[str], bool]) -> tuple[str, int] | None:
    """The file and line of the innermost traceback frame in a file `in_file` accepts: Jinja
    gives the frames of compiled templates the template's own file name and lines."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if in_file(frame.filename) and frame.lineno:
            return frame.filename, frame.lineno
    return None


def _raised_in_template(error: BaseException, source: Path) -> Problem | None:
    at = raised_at(error, lambda name: name.endswith((".html", ".xml", ".txt", ".svg")))
    return Problem(_relative(at[0], source), at[1], _message(error)) if at else None


def _message(error: BaseException) -> str:
    if isinstance(error, TemplateNotFound):
        return f"no template {error.name!r} in {TEMPLATES_DIR}/"
    return str(error) if isinstance(error, TemplateError) else described(error)


def described(error: BaseException) -> str:
    """An exception as one line: its type, and its message when it has one."""
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _relative(filename: str, source: Path) -> str:
    path = Path(filename).resolve()
    try:
        return path.relative_to(source.resolve()).as_posix()
    except ValueError:
        return filename
