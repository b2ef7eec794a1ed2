"""Layouts from templates/, read under the rules of every source file.

Jinja's FileSystemLoader would raise UnicodeDecodeError on a stray byte, read a file of any size,
and follow a symlink out of the folder (publishing, through an include, whatever it points at).

A loaded template stays up to date while its file keeps the same inode, size and mtime: an
environment that lives on (the dev server's, between saves) reads a template again only after
it was saved, in place or by write-and-rename.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, Environment, TemplateNotFound
from jinja2.loaders import split_template_path

from sitegen.core.errors import SourceError
from sitegen.core.layout import TEMPLATES_DIR
from sitegen.sources.files import read_text


class TemplateLoader(BaseLoader):
    """Templates by name under source/templates/; bad files are FILE:LINE SourceErrors."""

    def __init__(self, source: Path) -> None:
        self.folder = source / TEMPLATES_DIR

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # TemplateNotFound for "..": never leave
        path = self.folder.joinpath(*pieces)
        relative = "/".join((TEMPLATES_DIR, *pieces))
        if not path.is_file():
            raise TemplateNotFound(template)
        if not path.resolve().is_relative_to(self.folder.resolve()):
            message = (
                f"questo collegamento (symlink) porta fuori di {TEMPLATES_DIR}/: copia qui il "
                "file invece"
            )
            raise SourceError.at(relative, None, message)
        stamp = _stamp(path)
        return read_text(path, relative), str(path), lambda: _stamp(path) == stamp


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is saved; None once it is gone."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
