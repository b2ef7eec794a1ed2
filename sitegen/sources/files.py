"""Which files of a project count as sources, and how one is read.

Editors leave lock, swap and backup files beside the file being edited (`.#index.md`,
`index.md~`, `.index.md.swp`, `#index.md#`): they are ignored everywhere, as are hidden files.

The symlink rule holds for every source and every folder the build reads: a link may point
anywhere inside the place it is allowed to reach (the project; for templates/static/, that
folder); one leading out of it would publish whatever it points at, so it is refused, as are
broken links and loops. A symlinked folder is followed, never silently skipped.

Only regular files are read, each checked after it is opened (a FIFO would hang the build, a
device such as /dev/zero never ends) and read with a bound on bytes, not on the size the file
system reports, which is 0 for devices. Text is UTF-8, with or without the byte-order mark that
Windows Notepad writes, with Windows (CRLF) or Unix line ends; a file saved in Windows-1252 is
refused at the line of its first such character, with how to save it as UTF-8.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from sitegen.core.characters import control_character, line_of_offset
from sitegen.core.errors import Problem, SourceError

MAX_SOURCE_BYTES = 2_000_000  # the largest source today is 8 kB; a runaway paste is refused
BOM = b"\xef\xbb\xbf"
SAVE_AS_UTF8 = (
    "salvalo come UTF-8. Con Blocco note: File → Salva con nome, poi in basso scegli "
    "«Codifica: UTF-8» e salva. Con TextEdit: Formato → Converti in formato Solo testo, poi "
    "salva scegliendo «Codifica testo normale: Unicode (UTF-8)»"
)


def is_ignored(name: str) -> bool:
    """Hidden files and editors' lock, swap and backup files."""
    return name.startswith(".") or name.endswith("~") or (name[:1] == "#" and name[-1:] == "#")


def shown(name: str) -> str:
    """A file name safe to print: bytes that are not UTF-8 appear as \\xNN escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


NameRule = Callable[[str, bool], str | None]  # (name, is_folder) -> why it is refused, or None


def inside(path: Path, allowed: Path, project: Path) -> Path:
    """path itself, after checking that it (and any link on the way) stays inside allowed."""
    relative = shown(path.relative_to(project).as_posix())
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return path  # reading it says it is missing, in the reader's words
    except (OSError, RuntimeError):
        raise SourceError.at(relative, None, _BROKEN_LINK) from None
    if not real.is_relative_to(allowed.resolve()):
        raise SourceError.at(relative, None, _outside(allowed, project))
    return path


def source_files(
    folder: Path,
    project: Path,
    allowed: Path,
    name_rule: NameRule | None = None,
    skip: frozenset[Path] = frozenset(),
) -> list[Path]:
    """Every file under folder, sorted, through symlinks that stay inside allowed.

    Paths are returned as reached (through the link), relative names being what the site uses;
    problems name files relative to project. name_rule, when given, judges every file and
    folder name; a refused folder is not entered, nor are the folders in skip (read on their
    own terms by another call).
    """
    limit = allowed.resolve()
    found: list[Path] = []
    problems: list[Problem] = []

    def problem(path: Path, message: str) -> None:
        problems.append(Problem(shown(path.relative_to(project).as_posix()), None, message))

    def visit(directory: Path, seen: frozenset[Path]) -> None:
        try:
            entries = sorted(directory.iterdir())
        except OSError as error:
            problem(directory, f"non si riesce ad aprire questa cartella ({_reason(error)})")
            return
        for entry in entries:
            if is_ignored(entry.name) or entry in skip:
                continue
            try:
                real = entry.resolve(strict=True)
            except (OSError, RuntimeError):
                problem(entry, _BROKEN_LINK)
                continue
            refusal = name_rule(entry.name, real.is_dir()) if name_rule else None
            if refusal:
                problem(entry, refusal)
            elif not real.is_relative_to(limit):
                problem(entry, _outside(allowed, project))
            elif real.is_dir():
                if real in seen:
                    problem(entry, "questo collegamento porta a una cartella che lo contiene")
                else:
                    visit(entry, seen | {real})
            elif real.is_file():
                found.append(entry)
            else:
                problem(entry, _NOT_A_FILE)

    inside(folder, project if allowed == folder else allowed, project)
    if not folder.is_dir():
        raise SourceError.at(shown(folder.relative_to(project).as_posix()), None, _NO_FOLDER)
    visit(folder, frozenset({folder.resolve()}))
    if problems:
        raise SourceError(problems)
    return found


def read_text(path: Path, relative: str) -> str:
    """A source file as text: UTF-8 (a leading byte-order mark dropped), line ends as "\\n",
    no control characters but tabs (they would reach the published HTML)."""
    data = read_source(path, relative)
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError.at(relative, line, _not_utf8(data, error)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    message = control_character(text)
    if message is not None:
        found = next(index for index, char in enumerate(text) if control_character(char))
        raise SourceError.at(relative, line_of_offset(text, found), message)
    return text


def read_source(path: Path, relative: str) -> bytes:
    """A source file's bytes: a regular file, at most MAX_SOURCE_BYTES long."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SourceError.at(relative, None, _missing(relative)) from None
    except OSError as error:
        raise SourceError.at(relative, None, _unreadable(error)) from None
    with os.fdopen(descriptor, "rb", buffering=0) as file:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise SourceError.at(relative, None, "qui serve un file, ma c’è una cartella")
        if not stat.S_ISREG(mode):
            raise SourceError.at(relative, None, _NOT_A_FILE)
        try:
            data = file.read(MAX_SOURCE_BYTES + 1)
        except OSError as error:
            raise SourceError.at(relative, None, _unreadable(error)) from None
    if len(data) > MAX_SOURCE_BYTES:
        message = (
            f"il file è più grande di {MAX_SOURCE_BYTES / 1e6:g} MB, il massimo per un file del "
            "sito: forse vi è stato incollato per sbaglio qualcosa di enorme"
        )
        raise SourceError.at(relative, None, message)
    return data


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    """What staff read when a file is not UTF-8: the character, and how to save it right."""
    start = data.rfind(b"\n", 0, error.start) + 1
    end = data.find(b"\n", error.start)
    fragment = data[start : end if end >= 0 else len(data)]
    try:
        word = fragment.decode("cp1252").strip()
        seen = f"«{word[:60]}»: " if word else ""
        what = "un carattere (come una lettera accentata) salvato con la codifica Windows-1252"
    except UnicodeDecodeError:
        seen, what = "", "un carattere che non è scritto in UTF-8"
    return f"{seen}in questa riga c’è {what}, non in UTF-8: {SAVE_AS_UTF8}"


_BROKEN_LINK = "questo collegamento (symlink) non porta da nessuna parte, o porta a sé stesso"
_NOT_A_FILE = "questo non è un file normale (è un collegamento speciale o un dispositivo)"
_NO_FOLDER = "manca questa cartella: ripristinala dalla cronologia del progetto"


def _outside(allowed: Path, project: Path) -> str:
    where = "del progetto" if allowed == project else f"di {allowed.relative_to(project)}/"
    return f"questo collegamento (symlink) porta fuori {where}: copia qui il file invece"


def _missing(relative: str) -> str:
    return (
        f"manca il file {relative}: ripristinalo dalla cronologia del progetto (su GitHub: "
        "History, poi il commit prima della cancellazione)"
    )


def _unreadable(error: OSError) -> str:
    return f"non si riesce a leggere il file ({_reason(error)})"


def _reason(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permesso negato: controlla chi ne è il proprietario"
    if error.errno == errno.ENAMETOOLONG:
        return "il nome è troppo lungo"
    return os.strerror(error.errno) if error.errno else str(error)
