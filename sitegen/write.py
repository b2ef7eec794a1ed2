"""Atomic output: build the new tree beside the old one and swap it in only when complete.

The output folder is deleted and replaced on every build, so it must be one sitegen made: a
marker file proves it. A folder without the marker (the project itself, a home folder, anything
with other files) is refused, never touched.

The swap is one `renameat2(RENAME_EXCHANGE)` call (Linux): the output path always names a
complete tree, old or new, and the host keeps seeing a plain folder (a symlink to versioned
folders would change what is uploaded). Where the kernel or file system cannot exchange, two
renames leave a moment without the folder (the next build writes it again). Builds of
one output take a lock on its parent folder (flock), so they run one after the other, and each
removes the staging folders a killed build left behind: those carry the marker from their first
moment, so nothing sitegen did not create is ever removed.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitegen.errors import UsageError
from sitegen.project_layout import SOURCES

MARKER = ".sitegen-output"
MARKER_TEXT = b"Built by sitegen. This whole folder is replaced on every build.\n"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputError(UsageError):
    """The output folder cannot be used safely; nothing was written."""


def check_output_folder(output: Path, source: Path) -> Path:
    """Resolve output and refuse folders sitegen must not replace."""
    target = output.expanduser().resolve()
    source = source.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        raise OutputError(f"refusing to replace {target}: choose a dedicated output folder")
    if target == source or target in source.parents:
        raise OutputError(f"refusing to replace {target}: it contains the sources")
    for name in SOURCES:
        read = (source / name).resolve()
        if target == read or read in target.parents:
            raise OutputError(
                f"refusing to write into {target}: the build reads {name}, so the next build "
                "would publish this output again"
            )
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"refusing to replace {target}: it is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise OutputError(
            f"refusing to replace {target}: it holds files sitegen did not write "
            f"(no {MARKER} marker); empty it or choose another output folder"
        )
    return target


def write_tree(files: dict[str, bytes], output: Path, source: Path) -> None:
    """Write files into a fresh folder next to output, then swap it in place of output."""
    target = check_output_folder(output, source)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.parent):
            _remove_leftovers(target)
            _write_and_swap(files, target)
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"cannot write {target}: {reason}") from None


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
        shutil.rmtree(staging, ignore_errors=True)  # after the swap: the old tree


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
            shutil.rmtree(path)


def _ours(path: Path, name: str) -> bool:
    """A staging folder of a killed build: named like ours, and marked or still empty. Earlier
    versions retired the old tree into .NAME.old-*/NAME/, marked inside: ours as well."""
    if not path.name.startswith((f".{name}.new-", f".{name}.old-")):
        return False
    if not path.is_dir() or path.is_symlink():
        return False
    entries = list(path.iterdir())
    retired_earlier = entries == [path / name] and (path / name / MARKER).is_file()
    return not entries or (path / MARKER).is_file() or retired_earlier
