"""Fixtures shared by the whole test suite (the helpers behind them are in tests/harness/).

Session-wide: `site_build`, `built_site`, `serve_dir`, `site_server`, `browser`,
`browser_contexts`.
Per test: `new_page` (pages in `browser_contexts`), `page`, `page_log`, `axe`, `project`.

Tools: a test that needs Chromium, Java, Node or vnu.jar calls `harness.tools.require(...)` (the
fixtures here already do): it skips locally when the tool is missing and fails when CI is set.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# tests/ on the path whatever pytest's import mode, so that `harness` imports.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness.axe import assert_no_axe_violations
from harness.browser import CONTEXT_DEFAULTS, PageLog, launch, watch
from harness.cli import snapshot
from harness.local_server import serving
from harness.project import Project, fresh_project
from harness.site import SiteBuild, fixture_site
from harness.tools import require

# The build caches of the hundreds of projects tests make go in a folder of this run, not in the
# user's ~/.cache (sitegen.core.cache); child processes (`sitegen serve`) inherit it.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="sitegen-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that opens Chromium (through the `browser` fixture) `browser`, so that
    `make test-fast` (pytest -m "not browser") leaves exactly those out."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_build() -> SiteBuild:
    """The company fixture built once per session: `.path` and the build's `.warnings`."""
    return fixture_site()


@pytest.fixture(scope="session")
def built_site(site_build: SiteBuild) -> Path:
    """Folder holding the company fixture's site, built once per session (do not modify it)."""
    return site_build.path


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[..., str]]:
    """Factory: `serve_dir(path, prefix="/") -> base URL` ("http://127.0.0.1:PORT/prefix/").

    Serves the files in `path` (as they are when called) under `prefix` ("/" or "/sub/") until
    the end of the session, through sitegen's own server and its static-host rules
    (sitegen/serve/respond.py)."""
    with contextlib.ExitStack() as servers:

        def serve(path: Path, prefix: str = "/") -> str:
            return servers.enter_context(serving(snapshot(Path(path)), prefix))

        yield serve


@pytest.fixture(scope="session")
def site_server(serve_dir: Callable[..., str], built_site: Path) -> str:
    """Base URL (ending in '/') of the company fixture's site, at the root of a local server."""
    return serve_dir(built_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the whole session (Playwright, sync API)."""
    require("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def browser_contexts(browser) -> Iterator[Callable[..., object]]:
    """Factory: `browser_contexts(**context_options) -> BrowserContext`, one per set of options
    for the whole session (a context costs Chromium a new renderer: about 0.4 s here, a page in
    an existing one a tenth of that). Tests share them through `new_page`; the site keeps
    nothing in a context (no cookie, no storage), so a page opened later sees the site as new."""
    shared: dict[str, object] = {}

    def context_for(**options):
        key = json.dumps(options, sort_keys=True)
        if key not in shared:
            shared[key] = open_context(browser, options)
        return shared[key]

    yield context_for
    for context in shared.values():
        context.close()


def open_context(browser, options: dict) -> object:
    """A browser context with the suite's defaults: an Italian visitor, Rome time, a 10 s
    timeout (the browser refuses requests to anything but the local servers: see `launch`)."""
    context = browser.new_context(**{**CONTEXT_DEFAULTS, **options})
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def new_page(browser, browser_contexts) -> Iterator[Callable[..., object]]:
    """Factory: `new_page(own_context=False, **context_options) -> Page`, closed after the test.

    Options go to `browser.new_context` (e.g. `java_script_enabled=False`,
    `viewport={"width": 360, "height": 740}`); defaults: locale it-IT, time zone Europe/Rome.
    The page opens in the context other tests with the same options share, or, with
    `own_context=True`, in a context of its own, for a test that changes the context itself
    (its clock, say)."""
    pages = []
    contexts = []

    def make(own_context: bool = False, **options):
        if own_context:
            contexts.append(open_context(browser, options))
            context = contexts[-1]
        else:
            context = browser_contexts(**options)
        pages.append(context.new_page())
        return pages[-1]

    yield make
    for page in pages:
        page.close()
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a fresh context with the default options."""
    return new_page()


@pytest.fixture
def page_log(page) -> PageLog:
    """Requests, console errors and uncaught errors of `page`, recorded from its creation."""
    return watch(page)


@pytest.fixture
def axe() -> Callable[..., None]:
    """`axe(page, context=None)`: fail unless axe-core finds no WCAG 2.2 A/AA violation."""
    return assert_no_axe_violations


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A private copy of the company fixture with a good build in output/ (harness/project.py)."""
    return fresh_project(tmp_path / "project")
