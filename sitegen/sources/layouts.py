"""The layouts: every file of templates/ as text and every static file of templates/static/ as
bytes, read once, under the rules of every source, so that rendering reads no file.

A layout is read as UTF-8 text like any source; a symlink may not lead out of templates/ (for
a static file, out of templates/static/), or it would publish whatever it points at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from sitegen.core.errors import Problem, SourceError
from sitegen.core.layout import STATIC_DIR, TEMPLATES_DIR
from sitegen.sources.files import inside, read_source, read_text, source_files

T = TypeVar("T")


@dataclass(frozen=True)
class Layouts:
    """The templates by name ("base.html", "logo.svg") and the static files by name under
    static/ ("css/site.css"), with the folder they come from, for file names in messages."""

    folder: Path
    templates: Mapping[str, str]
    static: Mapping[str, bytes]


def load_layouts(source: Path) -> Layouts:
    """Every layout and static file of the project in source; SourceError lists the problems."""
    folder = inside(source / TEMPLATES_DIR, source, source)
    static_folder = folder / STATIC_DIR
    problems: list[Problem] = []
    templates = _read_all(source, folder, read_text, problems, skip=frozenset({static_folder}))
    static = (
        _read_all(source, static_folder, read_source, problems) if static_folder.exists() else {}
    )
    if problems:
        raise SourceError(problems)
    return Layouts(folder, MappingProxyType(templates), MappingProxyType(static))


def _read_all(
    source: Path,
    folder: Path,
    read: Callable[[Path, str], T],
    problems: list[Problem],
    skip: frozenset[Path] = frozenset(),
) -> dict[str, T]:
    """Every file under folder by its name there, read by read; problems are collected."""
    found: dict[str, T] = {}
    try:
        paths = source_files(folder, source, folder, skip=skip)
    except SourceError as error:
        problems.extend(error.problems)
        return found
    for path in paths:
        try:
            found[path.relative_to(folder).as_posix()] = read(
                path, path.relative_to(source).as_posix()
            )
        except SourceError as error:
            problems.extend(error.problems)
    return found
