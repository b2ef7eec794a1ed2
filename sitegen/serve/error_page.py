"""The dev server's error page: each FILE:LINE problem with the source lines around it, the way
Hugo and Zola show a broken build in the browser."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from sitegen.core.errors import Problem

CONTEXT_LINES = 3


def error_page(problems: Sequence[Problem | str], source: Path) -> bytes:
    """An HTML page listing each problem with its source lines (a plain line, such as a sitegen
    bug, has none); everything escaped. The server adds its reload script, so the next good save
    brings the site back."""
    sections = "".join(_problem_section(problem, source) for problem in problems)
    return (
        '<!doctype html>\n<html lang="it">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Il sito non è stato generato</title>\n"
        '<link rel="stylesheet" href="/__sitegen__/error.css">\n'
        "</head>\n<body>\n<main>\n"
        "<h1>Il sito non è stato generato</h1>\n"
        "<p>Correggi il file e salvalo: questa pagina si aggiorna da sola.</p>\n"
        f"{sections}</main>\n</body>\n</html>\n"
    ).encode()


def _problem_section(problem: Problem | str, source: Path) -> str:
    heading = f"<section>\n<h2><code>{html.escape(str(problem))}</code></h2>\n"
    if not isinstance(problem, Problem) or problem.line is None:
        return heading + "</section>\n"
    lines = excerpt(source, problem.path, problem.line)
    if not lines:
        return heading + "</section>\n"
    width = len(str(lines[-1][0]))
    rows = "".join(
        _excerpt_row(number, text, width, number == problem.line) for number, text in lines
    )
    return f"{heading}<pre><code>{rows}</code></pre>\n</section>\n"


def _excerpt_row(number: int, text: str, width: int, marked: bool) -> str:
    row = html.escape(f"{'>' if marked else ' '} {number:>{width}} | {text}")
    return f'<mark class="line">{row}</mark>\n' if marked else f'<span class="line">{row}</span>\n'


def excerpt(source: Path, path: str, line: int) -> list[tuple[int, str]]:
    """(number, text) of the lines around `line` of a source file; [] if it cannot be read
    or lies outside the source folder."""
    root = source.resolve()
    file = (root / path).resolve()
    if not file.is_relative_to(root):
        return []
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    lines = [row.rstrip("\r") for row in text.split("\n")]
    first, last = max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES)
    return [(number, lines[number - 1]) for number in range(first, last + 1)]
