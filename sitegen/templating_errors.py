"""Template mistakes as FILE:LINE: message, like content mistakes."""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError


def describe_template_error(error: TemplateError, source: Path) -> str:
    """Point at the template line: Jinja gives it for syntax errors; for runtime errors
    (an undefined variable, say) the line is in the traceback's template frame."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return f"{_relative(error.filename, source)}:{error.lineno}: {error.message}"
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt", ".svg")):
            return f"{_relative(frame.filename, source)}:{frame.lineno}: {error}"
    return f"templates: {error}"


def _relative(filename: str, source: Path) -> str:
    path = Path(filename).resolve()
    try:
        return path.relative_to(source.resolve()).as_posix()
    except ValueError:
        return filename
