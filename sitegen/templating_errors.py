"""Template mistakes as FILE:LINE: message, like content mistakes."""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from sitegen.errors import Problem
from sitegen.load import TEMPLATES_DIR


def template_problem(error: TemplateError, source: Path) -> Problem:
    """Point at the template line: Jinja gives it for syntax errors; for runtime errors
    (an undefined variable, say) the line is in the traceback's template frame."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return Problem(_relative(error.filename, source), error.lineno, str(error.message))
    return raised_in_template(error, source) or Problem(TEMPLATES_DIR, None, str(error))


def raised_in_template(error: BaseException, source: Path) -> Problem | None:
    """The template line whose expression raised error (`{{ 1 / 0 }}`, a helper called with
    the wrong arguments), or None when no template was running."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt", ".svg")):
            message = _message(error)
            return Problem(_relative(frame.filename, source), frame.lineno, message)
    return None


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
