"""Atomic output: build the new tree beside the old one and swap it in only when complete.

The output folder is deleted and replaced on every build, so it must be one sitegen made: a
marker file proves it. A folder without the marker (the project itself, a home folder, anything
with other files) is refused, never touched.

The swap is one `renameat2(RENAME_EXCHANGE)` call (Linux): the output path always names a
complete tree, old or new, and the host keeps seeing a plain folder (a symlink to versioned
folders would change what is uploaded). Where the kernel or file system cannot exchange, two
renames leave a moment without the folder (the next build writes it again). Builds of
one output take a lock on its parent folder (flock), so they run one after the other, and each
removes the staging folders a killed build left behind, and only those: a staging folder carries
the marker from its first moment to the end of its removal (the marker goes last). One that
lost its marker anyway (older versions removed it in any order, and a kill then left the folder
for good) is still known by its name, which only mkdtemp gives, and by holding nothing but what a
build writes. A tree this user cannot delete (a `sudo sitegen build` left it to root) is refused
before anything changes, with the command that fixes it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import os
import pwd
import re
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from sitegen.core.errors import UsageError
from sitegen.core.layout import HEADERS_FILE, PAGE_NAME, SOURCES

MARKER = ".sitegen-output"
MARKER_TEXT = b"Built by sitegen. This whole folder is replaced on every build.\n"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_MKDTEMP_NAME = "[a-z0-9_]{8}"  # what tempfile.mkdtemp adds to the prefix
# The files a build writes besides pages (index.html, 404.html) and static/. A file render adds
# later is missing here only to the cost of keeping an unmarked leftover that holds it.
_SITE_FILES = {MARKER, "404.html", "sitemap.xml", "robots.txt", "api/plans.json", HEADERS_FILE}
_REASONS = {
    errno.EACCES: "non hai il permesso di scrivere lì",
    errno.EPERM: "il sistema non permette di scrivere lì",
    errno.EEXIST: "nel percorso c'è un file dove serve una cartella",  # mkdir(exist_ok=True)
    errno.ENOTDIR: "nel percorso c'è un file dove serve una cartella",
    errno.ENOENT: "il percorso non esiste e non si può creare",
    errno.EROFS: "il disco è di sola lettura",
    errno.ENOSPC: "il disco è pieno",
    errno.EDQUOT: "hai esaurito lo spazio che ti spetta sul disco",
    errno.ENAMETOOLONG: "il percorso è troppo lungo",
}


class OutputError(UsageError):
    """The output folder cannot be used safely; nothing was written."""


def check_output_folder(output: Path, source: Path) -> Path:
    """Resolve output and refuse folders sitegen must not replace."""
    target = output.expanduser().resolve()
    source = source.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        raise OutputError(
            f"non uso {target} per il sito: a ogni generazione sitegen svuota la cartella del "
            "sito; indica con --output una cartella solo per il sito, per esempio output"
        )
    if target == source or target in source.parents:
        raise OutputError(
            f"non uso {target} per il sito: contiene i file da cui sitegen genera il sito, che "
            "andrebbero persi; indica con --output un'altra cartella, per esempio output"
        )
    for name in SOURCES:
        read = (source / name).resolve()
        if target == read or read in target.parents:
            raise OutputError(
                f"non scrivo il sito in {target}: fa parte di {name}, che sitegen legge per "
                "generare il sito, e il sito finirebbe pubblicato dentro sé stesso; indica con "
                f"--output una cartella fuori da {name}"
            )
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(
            f"non uso {target} per il sito: non è una cartella; indica con --output una cartella"
        )
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise OutputError(
            f"non uso {target} per il sito: contiene file che non ha scritto sitegen (manca il "
            f"file {MARKER}); svuota la cartella o indica con --output un'altra cartella"
        )
    return target


def write_tree(files: dict[str, bytes], output: Path, source: Path) -> None:
    """Write files into a fresh folder next to output, then swap it in place of output."""
    target = check_output_folder(output, source)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.parent):
            _remove_leftovers(target)
            if target.is_dir():
                _check_removable(target, "sostituire")  # the swap leaves it to delete
            _write_and_swap(files, target)
    except OSError as error:
        raise OutputError(
            f"non riesco a scrivere il sito in {target}: {_reason(error)}; indica con --output "
            "un'altra cartella"
        ) from None


def _reason(error: OSError) -> str:
    """Why the system refused, in words staff read (strerror is English)."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return f"il sistema risponde con l'errore {errno.errorcode.get(error.errno or 0, error.errno)}"


def _write_and_swap(files: dict[str, bytes], target: Path) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        (staging / MARKER).write_bytes(MARKER_TEXT)  # first: a leftover is provably ours
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        staging.chmod(0o755)
        _swap(staging, target)
    finally:
        with contextlib.suppress(OSError):  # what stays is marked: the next build retries
            _remove(staging)  # after the swap: the old tree


def _swap(staging: Path, target: Path) -> None:
    """Put staging at target; the old tree, if any, ends up at staging."""
    if not target.exists():
        os.rename(staging, target)
    elif not _exchange(staging, target):
        retired = staging.with_name(staging.name.replace(".new-", ".old-", 1))
        os.rename(target, retired)
        os.rename(staging, target)
        os.rename(retired, staging)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (not Linux, old kernel,
    a file system without RENAME_EXCHANGE)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on folder: concurrent builds of one output wait their turn."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _remove_leftovers(target: Path) -> None:
    """Remove the staging folders killed builds left beside target (under the lock, no
    running build owns one)."""
    for path in target.parent.iterdir():
        if _ours(path, target.name):
            _check_removable(path, "eliminare")
            _remove(path)


def _remove(folder: Path) -> None:
    """Delete a staging folder, its marker last: a build killed meanwhile leaves a folder that
    is still marked, or empty, so the next build knows it for its own."""
    for entry in os.scandir(folder):
        if entry.name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


def _ours(path: Path, name: str) -> bool:
    """A staging folder of a killed build: named like ours, and marked, still empty, or (with
    the very name mkdtemp gives) holding only what a build writes."""
    if not path.name.startswith((f".{name}.new-", f".{name}.old-")):
        return False
    if not path.is_dir() or path.is_symlink():
        return False
    if not any(path.iterdir()) or (path / MARKER).is_file():
        return True
    if not re.fullmatch(rf"\.{re.escape(name)}\.(new|old)-{_MKDTEMP_NAME}", path.name):
        return False
    return _built_tree(path)


def _built_tree(tree: Path) -> bool:
    """Whether tree holds nothing but what a build writes: folders of page names holding
    index.html, the site's own files (_SITE_FILES), and under static/ files whose names carry
    the fingerprint of their content (assets.fingerprint)."""
    if tree.is_symlink() or not tree.is_dir():
        return False
    for current, folders, files in os.walk(tree):
        relative = PurePosixPath(Path(current).relative_to(tree).as_posix())
        in_static = relative.parts[:1] == ("static",)
        if not in_static and not all(PAGE_NAME.fullmatch(part) for part in relative.parts):
            return False
        if any(Path(current, folder).is_symlink() for folder in folders):
            return False
        for name in files:
            path = Path(current, name)
            if path.is_symlink() or not path.is_file():
                return False
            if in_static and not _fingerprinted(path):
                return False
            if not in_static and name != "index.html" and str(relative / name) not in _SITE_FILES:
                return False
    return True


def _fingerprinted(path: Path) -> bool:
    """Whether the file's name carries the digest of its content, as assets.fingerprint
    names the files it writes ("site.3f2a9c1e.css", "LICENSE.3f2a9c1e")."""
    digest = "." + hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    name = PurePosixPath(path.name)
    return name.suffix == digest or name.stem.endswith(digest)


def _check_removable(tree: Path, verb: str) -> None:
    """Refuse, before anything changes, a tree this user cannot delete, saying who owns it and
    how to delete it: after one `sudo sitegen build`, root owns the output."""

    def refuse(folder: str) -> None:
        raise OutputError(_cannot_delete(tree, Path(folder), verb))

    def unreadable(error: OSError) -> None:
        refuse(error.filename)

    for current, _, _ in os.walk(tree, onerror=unreadable):
        if not os.access(current, os.R_OK | os.W_OK | os.X_OK, effective_ids=True):
            refuse(current)


def _cannot_delete(tree: Path, folder: Path, verb: str) -> str:
    """One line: which folder stops the deletion of tree, why, and the command that fixes it."""
    what = f"non riesco a {verb} {tree}"
    if verb == "eliminare":
        what += ", lasciata da una generazione del sito interrotta"
    owner = folder.lstat().st_uid
    if owner != os.geteuid():
        why = (
            f"la cartella {folder} appartiene all'utente {_user(owner)} e non a te "
            f"({_user(os.geteuid())}), come dopo un «sudo sitegen build»"
        )
        fix = f"sudo rm -rf {shlex.quote(str(tree))}"
    else:
        why = f"la cartella {folder} è protetta in scrittura"
        fix = f"chmod -R u+rwx {shlex.quote(str(tree))}"
    return f"{what}: {why}; per rimediare esegui «{fix}» e genera di nuovo il sito"


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # no name for it on this system
        return str(uid)
