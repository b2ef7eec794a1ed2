"""Atomic output: build the new tree beside the old one and swap it in only when complete.

The output folder is deleted and replaced on every build, so it must be one sitegen made: a
marker file proves it. A folder without the marker (the project itself, a home folder, anything
with other files) is refused, never touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".sitegen-output"
MARKER_TEXT = b"Built by sitegen. This whole folder is replaced on every build.\n"


class OutputError(Exception):
    """The output folder cannot be used safely; nothing was written."""


def check_output_folder(output: Path, source: Path) -> Path:
    """Resolve output and refuse folders sitegen must not replace."""
    target = output.expanduser().resolve()
    source = source.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        raise OutputError(f"refusing to replace {target}: choose a dedicated output folder")
    if target == source or target in source.parents:
        raise OutputError(f"refusing to replace {target}: it contains the sources")
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
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        (staging / MARKER).write_bytes(MARKER_TEXT)
        staging.chmod(0o755)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staging, target)
    except OSError:
        os.replace(retired / target.name, target)
        raise
    shutil.rmtree(retired)
