"""Watching the sources: one rebuild per burst of saves, never a missed save.

Polling file stats every few milliseconds needs no dependency and sees every editor's way of
saving (in place, or write-and-rename, which changes the inode).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sitegen.load import SOURCES
from sitegen.source_tree import is_ignored

POLL_SECONDS = 0.025
QUIET_SECONDS = 0.05  # a burst of saves closer together than this gives one rebuild

Snapshot = dict[str, tuple[int, int, int]]


def snapshot(source: Path) -> Snapshot:
    """Inode, mtime and size of every watched file: cheap enough to take every few ms."""
    found: Snapshot = {}
    for name in SOURCES:
        path = os.path.join(source, name)
        if os.path.isdir(path):
            for folder, folders, files in os.walk(path):
                folders[:] = [name for name in folders if not is_ignored(name)]
                for file in files:
                    if not is_ignored(file):  # an editor's swap file is not a save
                        _stat(os.path.join(folder, file), found)
        else:
            _stat(path, found)
    return found


def _stat(path: str, found: Snapshot) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        return  # missing or vanished mid-save: the next snapshot differs and triggers a build
    found[path] = (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def watch(source: Path, seen: Snapshot, rebuild: Callable[[], None], stop: threading.Event) -> None:
    """Poll the sources; once changes stop for QUIET_SECONDS, rebuild once.

    `seen` is taken before the previous build, and each snapshot before its build, so a save
    that lands during a build is never missed: it triggers the next one."""
    changed_at: float | None = None
    while not stop.wait(_pause(changed_at)):
        current = snapshot(source)
        if current != seen:
            seen, changed_at = current, time.monotonic()
        elif changed_at is not None and time.monotonic() - changed_at >= QUIET_SECONDS:
            changed_at = None
            rebuild()


def _pause(changed_at: float | None) -> float:
    """Poll every POLL_SECONDS, but look again exactly when a pending burst turns quiet."""
    if changed_at is None:
        return POLL_SECONDS
    return min(POLL_SECONDS, max(0.0, changed_at + QUIET_SECONDS - time.monotonic()))
