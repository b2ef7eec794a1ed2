"""The build being served: the builder publishes it whole, the server answers from it."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Build:
    """One render as served: its files ({output path: bytes}), or an error page."""

    generation: str
    files: Mapping[str, bytes] = field(default_factory=dict)
    error_page: bytes | None = None


class LiveSite:
    """The build being served, replaced whole; event streams wait here for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._current = Build("")

    @property
    def current(self) -> Build:
        with self._changed:
            return self._current

    def publish(self, build: Build) -> None:
        with self._changed:
            self._current = build
            self._changed.notify_all()

    def wait_past(self, generation: str, timeout: float) -> Build:
        """The current build as soon as it is not `generation`, or after timeout anyway."""
        with self._changed:
            self._changed.wait_for(lambda: self._current.generation != generation, timeout)
            return self._current
