"""Which files of a source folder count, and which the build refuses.

Editors leave lock, swap and backup files beside the file being edited (`.#index.md`,
`index.md~`, `.index.md.swp`, `#index.md#`): they are ignored everywhere, as are hidden files.
A symlink may point anywhere inside the folder it is allowed to reach; one leading out of it
would publish whatever it points at, so it is refused, as are broken links and loops. A symlinked
folder is followed, never silently skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sitegen.errors import Problem, SourceError

MAX_SOURCE_BYTES = 2_000_000  # the largest source today is 7 kB; a runaway paste is refused


def is_ignored(name: str) -> bool:
    """Hidden files and editors' lock, swap and backup files."""
    return name.startswith(".") or name.endswith("~") or (name[:1] == "#" and name[-1:] == "#")


def shown(name: str) -> str:
    """A file name safe to print: bytes that are not UTF-8 appear as \\xNN escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


NameRule = Callable[[str, bool], str | None]  # (name, is_folder) -> why it is refused, or None


def source_files(
    folder: Path, project: Path, allowed: Path, name_rule: NameRule | None = None
) -> list[Path]:
    """Every file under folder, sorted, through symlinks that stay inside allowed.

    Paths are returned as reached (through the link), relative names being what the site uses;
    problems name files relative to project. name_rule, when given, judges every file and
    folder name; a refused folder is not entered.
    """
    limit = allowed.resolve()
    where = f"{allowed.relative_to(project).as_posix()}/" if allowed != project else "the project"
    found: list[Path] = []
    problems: list[Problem] = []

    def problem(path: Path, message: str) -> None:
        problems.append(Problem(shown(path.relative_to(project).as_posix()), None, message))

    def visit(directory: Path, seen: frozenset[Path]) -> None:
        try:
            entries = sorted(directory.iterdir())
        except OSError as error:
            problem(directory, f"cannot read this folder: {error.strerror}")
            return
        for entry in entries:
            if is_ignored(entry.name):
                continue
            try:
                real = entry.resolve(strict=True)
            except (OSError, RuntimeError):
                problem(entry, "broken symlink, or a symlink loop")
                continue
            refusal = name_rule(entry.name, real.is_dir()) if name_rule else None
            if refusal:
                problem(entry, refusal)
            elif not real.is_relative_to(limit):
                problem(entry, f"symlink points outside {where}")
            elif real.is_dir():
                if real in seen:
                    problem(entry, "symlink loop: this folder contains itself")
                else:
                    visit(entry, seen | {real})
            elif real.is_file():
                found.append(entry)
            else:
                problem(entry, "not a regular file")

    visit(folder, frozenset({folder.resolve()}))
    if problems:
        raise SourceError(problems)
    return found


def read_text(path: Path, relative: str) -> str:
    """A source file as text: UTF-8, no NUL bytes (they would reach the published HTML)."""
    data = read_source(path, relative)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError.at(relative, line, f"not UTF-8 text ({error.reason})") from None
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise SourceError.at(relative, line, "NUL byte in the text: remove it")
    return text


def read_source(path: Path, relative: str) -> bytes:
    """A source file's bytes; a file over the size limit is refused before it is read."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            message = (
                f"file is {size / 1e6:.1f} MB; a source file may be at most "
                f"{MAX_SOURCE_BYTES / 1e6:g} MB"
            )
            raise SourceError.at(relative, None, message)
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError.at(relative, None, "file not found") from None
    except IsADirectoryError:
        raise SourceError.at(relative, None, "expected a file, found a folder") from None
    except OSError as error:
        raise SourceError.at(relative, None, f"cannot read: {error.strerror}") from None
