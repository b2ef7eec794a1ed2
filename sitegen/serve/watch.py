"""Watching the sources: one rebuild per burst of saves, never a missed save, no work while idle.

The operating system reports changes (inotify, FSEvents, ReadDirectoryChangesW, through the
`watchfiles` package and Rust's `notify`), so nothing is polled: the waiting thread only wakes
every STEP_MS to ask whether anything arrived. A burst ends when a step passes with no new
change, so STEP_MS is the burst window, and saves closer together than that give one rebuild
(a long stream of saves still rebuilds every BURST_MAX_MS).

The source folder is watched as a whole and recursively, not file by file: an editor that saves
by writing a new file and renaming it over the old one replaces the inode, and a watch on the
file itself would go with it. The filter keeps the sources (load.SOURCES) and drops hidden files
and editors' swap and backup files. Changes that arrive while a rebuild runs are kept by the
watcher and give the next rebuild. Watching the whole folder costs one OS watch per folder under
it (about 800, 0.1 s at startup, in a checkout with .venv/), and no CPU while nothing changes.
A source that is a symlink to a file elsewhere in the project is seen when the link changes, not
when its target is edited: the OS reports the target's folder.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from sitegen.core.layout import SOURCES
from sitegen.sources.files import is_ignored

STEP_MS = 20
BURST_MAX_MS = 300

Rebuild = Callable[[frozenset[str]], None]  # the changed paths, relative to the source folder


class Watcher:
    """Watches the sources in a thread and calls rebuild once per burst of saves."""

    def __init__(self, source: Path, rebuild: Rebuild) -> None:
        self.root = os.path.abspath(source)
        self.rebuild = rebuild
        self.stop = threading.Event()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sitegen-watch", daemon=True)

    def start(self) -> bool:
        """Start watching; return once the watches are in place, so no later save is missed.
        False when watching could not start (the thread's traceback says why)."""
        self._thread.start()
        while not self._started.wait(0.01):
            if not self._thread.is_alive():
                return False
        return True

    def is_set(self) -> bool:
        """watchfiles' stop event: it asks every STEP_MS, from the first step after the watches
        are in place, which is also how start() learns that they are."""
        self._started.set()
        return self.stop.is_set()

    def _run(self) -> None:
        for changes in watchfiles.watch(
            self.root,
            watch_filter=lambda _, path: self.relative(path) is not None,
            step=STEP_MS,
            debounce=BURST_MAX_MS,
            stop_event=self,
        ):
            self.rebuild(frozenset(filter(None, (self.relative(path) for _, path in changes))))

    def relative(self, path: str) -> str | None:
        """The source path ("content/index.md") of a changed path, or None when the build
        does not read it: outside SOURCES, hidden, or an editor's temporary file."""
        parts = Path(os.path.relpath(path, self.root)).parts
        if not parts or parts[0] not in SOURCES or any(is_ignored(part) for part in parts):
            return None
        return "/".join(parts)
