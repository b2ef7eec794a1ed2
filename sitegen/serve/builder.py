"""Building for the dev server: render in memory, add the reload script, publish the result.

Pages come from the last complete render, so none is ever half-built and nothing is written to
disk; a save renders only what it changed (rerender.py). A failed build publishes an error page
instead, which reloads at the next good save.
"""

from __future__ import annotations

import html
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Collection, Mapping
from pathlib import Path

from sitegen.core.errors import Problem, SourceError, UsageError
from sitegen.pages.template_errors import described
from sitegen.serve.error_page import error_page
from sitegen.serve.live import Build, LiveSite
from sitegen.serve.rerender import Rerenderer

RELOAD_TAG = '<script src="/__sitegen__/reload.js" data-generation="{}" defer></script>'


class Builder:
    """Renders the sources into the live site and tells the terminal how it went."""

    def __init__(self, source: Path, base_url: str, live: LiveSite) -> None:
        self.source = source
        self.live = live
        self._renderer = Rerenderer(source, base_url)
        self._lock = threading.Lock()  # the first build and the watcher's rebuilds take turns
        self._boot = uuid.uuid4().hex[:8]  # a restarted server's pages see a new generation
        self._count = 0
        self._warnings: list[str] = []

    def build(self, changed: Collection[str] | None = None, verb: str = "rigenerato") -> None:
        """Render what the changed source paths affect (everything when None); publish the
        site, or an error page that lists what to fix."""
        with self._lock:
            started = time.perf_counter()
            self._count += 1
            generation = f"{self._boot}-{self._count}"
            try:
                result = self._renderer.render(changed)
            except Exception as error:
                self._fail(error, generation)
                return
            self._show_warnings([str(warning) for warning in result.site.warnings])
            self.live.publish(Build(generation, with_reload(result.files, generation)))
            elapsed = round((time.perf_counter() - started) * 1000)
            print(f"sitegen: sito {verb} in {elapsed} ms", flush=True)

    def _fail(self, error: Exception, generation: str) -> None:
        if not isinstance(error, SourceError | UsageError):
            traceback.print_exception(error, file=sys.stderr)  # a sitegen bug: show where
        problems = _problems(error)
        for problem in problems:
            print(problem, file=sys.stderr, flush=True)
        print(
            "sitegen: il sito non è stato generato; correggi il file e salvalo: l'anteprima "
            "si aggiorna da sola",
            file=sys.stderr,
        )
        page = inject_reload(error_page(problems, self.source), generation)
        self.live.publish(Build(generation, error_page=page))

    def _show_warnings(self, warnings: list[str]) -> None:
        """Print warnings when they change, not on every save."""
        if warnings != self._warnings:
            for warning in warnings:
                print(warning, file=sys.stderr, flush=True)
        self._warnings = warnings


def _problems(error: Exception) -> list[Problem | str]:
    """What went wrong, one line each, as the command line prints it."""
    if isinstance(error, SourceError):
        return list(error.problems)
    if isinstance(error, UsageError):
        return [f"sitegen: {error}"]
    return [f"sitegen: {described(error)}"]


def with_reload(files: Mapping[str, bytes], generation: str) -> dict[str, bytes]:
    """The rendered files with the reload script in every HTML page."""
    return {
        name: inject_reload(content, generation) if name.endswith(".html") else content
        for name, content in files.items()
    }


def inject_reload(page: bytes, generation: str) -> bytes:
    """Add the reload script before </head> (or at the end of a page without one)."""
    tag = RELOAD_TAG.format(html.escape(generation)).encode()
    at = page.find(b"</head>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]
