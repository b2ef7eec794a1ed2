"""Every page of the shipped site, in real Chromium: accessible (axe, WCAG 2.2 A/AA), valid HTML
(Nu Html Checker), self-contained (no request leaves the site), no console errors, no sideways
scrolling on a 360 px phone, and readable without JavaScript.

Pages are every .html file of the build (the build runs once, at collection, and is shared with
the `built_site` fixture). The Nu Html Checker checks every file in one Java run, started in the
background as the module's first test begins, while Chromium loads the pages (its tests come
last).

Chromium loads each page once per mode: in the default context (where axe runs, and where the
requests and errors of the visit are recorded), on a 360 px phone, and without JavaScript. The
first test of a mode visits every page that the mode's selected tests name, in a few tabs at
once, each visit from a blank page, and records what each page showed; the tests read that
record, page by page. A visit in the default context is recorded from its blank page until axe
has run and the browser's request for the page's icon has ended: the icon is the one request
made after the load event (the site's scripts run before it and fetch nothing).
"""

from __future__ import annotations

import copy
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.axe import axe_violations, format_violations
from harness.browser import PageLog, wait_for_the_icon, watch, watch_settled
from harness.site import fixture_site, html_files, site_pages
from harness.tools import missing, require
from harness.vnu import VnuMessage, format_messages, run_vnu

NO_PAGES = "<no pages: see the build error>"
TABS = 3  # pages loading at once: the machine has two cores


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_path" in metafunc.fixturenames:
        pages = site_pages() or [NO_PAGES]
        metafunc.parametrize("page_path", pages, ids=lambda p: "/" + p if p != NO_PAGES else p)
    if "html_file" in metafunc.fixturenames:
        try:
            files = html_files(fixture_site().path) or [NO_PAGES]
        except Exception:
            files = [NO_PAGES]
        metafunc.parametrize("html_file", files)


@pytest.fixture
def page_url(page_path: str, site_server: str) -> str:
    """Absolute URL of the page under test (needing `site_server` surfaces a build error)."""
    if page_path == NO_PAGES:
        pytest.fail("the build produced no .html page")
    return site_server + page_path


@pytest.fixture(scope="module", autouse=True)
def vnu_run(request: pytest.FixtureRequest) -> Iterator[Future | None]:
    """The Nu Html Checker's run over every .html file of the build, started in a thread when
    the module's first test begins (None when no test_valid_html is selected, or when Java or
    vnu.jar is missing: `vnu_report` then skips, or fails under CI)."""
    if not selected(request, "test_valid_html", "html_file") or missing("java") or missing("vnu"):
        yield None
        return
    built_site: Path = request.getfixturevalue("built_site")
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool.submit(run_vnu, built_site, html_files(built_site))


@pytest.fixture(scope="module")
def vnu_report(vnu_run: Future | None) -> dict[str, list[VnuMessage]]:
    """Nu Html Checker errors of every .html file of the company fixture, from one Java run in
    the background: {path relative to the build: [messages]}; every file is a key."""
    require("java", "vnu")
    assert vnu_run is not None, "vnu was not started"
    return vnu_run.result()


def selected(request: pytest.FixtureRequest, test: str, param: str) -> list[str]:
    """The values of `param` of the selected tests of this module named `test`."""
    return [
        item.callspec.params[param]
        for item in request.session.items
        if item.module is request.module
        and getattr(item, "originalname", "") == test
        and hasattr(item, "callspec")
    ]


@dataclass
class Visit:
    """One load of a page: its status, its log (from the blank page it started from to the end
    of the check), and what the mode's check found on it (or the error that stopped the visit,
    raised again by every test that reads it)."""

    url: str
    log: PageLog
    settled: set[str]
    status: int | None = None
    found: dict = field(default_factory=dict)
    error: BaseException | None = None

    def loaded(self) -> dict:
        """What the check found, once the page answered 200."""
        if self.error is not None:
            raise self.error
        assert self.status is not None, f"no response for {self.url}"
        assert self.status == 200, f"{self.url} answered {self.status}"
        return self.found


def visit_all(context, urls: list[str], check: Callable[[object, Visit], dict]) -> list[Visit]:
    """Load every URL, TABS at a time, each in one of TABS tabs from a blank page, and run
    `check(page, visit)` on each once its load event has fired. A visit's log is copied when
    its check is done: it holds what the tab did from the blank page to then."""
    tabs = [context.new_page() for _ in urls[:TABS]]
    visits: list[Visit] = []
    loading: deque[tuple[Visit, object]] = deque()

    def finish() -> None:
        visit, page = loading.popleft()
        try:
            if visit.error is None:
                page.wait_for_load_state("load")
                visit.found = check(page, visit)
        except Exception as error:
            visit.error = error
        visit.log = copy.deepcopy(visit.log)  # the tab's listeners go on with the next visit

    try:
        for n, url in enumerate(urls):
            page = tabs[n % TABS]
            if len(loading) == TABS:
                finish()  # the visit in this tab
            visit = Visit(url, PageLog(), set())
            visits.append(visit)
            loading.append((visit, page))
            try:
                page.goto("about:blank")
                visit.log, visit.settled = watch(page), watch_settled(page)
                response = page.goto(url, wait_until="commit")
                visit.status = response.status if response is not None else None
            except Exception as error:
                visit.error = error
        while loading:
            finish()
    finally:
        for page in tabs:
            page.close()
    return visits


def check_default(page, visit: Visit) -> dict:
    """axe's violations; then the icon's request, so that the log holds every request."""
    violations = axe_violations(page)
    wait_for_the_icon(page, visit.settled)
    return {"violations": violations, "url": page.url}


_WIDTHS = """() => {
    const limit = document.documentElement.clientWidth;
    const tooWide = [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > limit + 0.5)
        .slice(0, 5)
        .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + (e.className && typeof e.className === 'string'
               ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
            + ' right=' + Math.round(e.getBoundingClientRect().right));
    return [document.documentElement.scrollWidth, limit, tooWide];
}"""


def check_phone(page, visit: Visit) -> dict:
    scroll_width, client_width, too_wide = page.evaluate(_WIDTHS)
    return {"scroll_width": scroll_width, "client_width": client_width, "too_wide": too_wide}


def check_no_js(page, visit: Visit) -> dict:
    # The page runs no script: after the load event it no longer changes.
    return {
        "h1_visible": page.locator("main h1").is_visible(),
        "nav_links": page.locator("nav a[href]").count(),
    }


# mode: (context options, check, the tests reading it)
MODES: dict[str, tuple[dict, Callable[[object, Visit], dict], tuple[str, ...]]] = {
    "default": (
        {},
        check_default,
        ("test_accessible", "test_no_request_leaves_the_site", "test_no_console_errors"),
    ),
    "phone": (
        {"viewport": {"width": 360, "height": 740}},
        check_phone,
        ("test_no_horizontal_scroll_on_a_phone",),
    ),
    "no-js": ({"java_script_enabled": False}, check_no_js, ("test_works_without_javascript",)),
}


@pytest.fixture(scope="module")
def visits(request: pytest.FixtureRequest, browser_contexts, site_server: str):
    """`visits(mode, url) -> Visit`. The first call for a mode visits every page that the
    mode's selected tests name (a page no selected test names is visited when asked for)."""
    done: dict[str, dict[str, Visit]] = {mode: {} for mode in MODES}

    def visit(mode: str, url: str) -> Visit:
        if url not in done[mode]:
            options, check, tests = MODES[mode]
            paths = [path for test in tests for path in selected(request, test, "page_path")]
            urls = [site_server + path for path in paths if path != NO_PAGES] + [url]
            todo = [u for u in dict.fromkeys(urls) if u not in done[mode]]
            for result in visit_all(browser_contexts(**options), todo, check):
                done[mode][result.url] = result
        return done[mode][url]

    return visit


def test_accessible(visits, page_url: str) -> None:
    found = visits("default", page_url).loaded()
    violations = found["violations"]
    assert not violations, format_violations(violations, found["url"])


def test_no_request_leaves_the_site(visits, page_url: str, site_server: str) -> None:
    visit = visits("default", page_url)
    visit.loaded()
    outside = [u for u in visit.log.requests if not u.startswith((site_server, "data:"))]
    assert not outside, "requests outside the site:\n" + "\n".join(outside)


def test_no_console_errors(visits, page_url: str) -> None:
    visit = visits("default", page_url)
    visit.loaded()
    errors = visit.log.errors()
    assert not errors, "\n".join(errors)


def test_no_horizontal_scroll_on_a_phone(visits, page_url: str) -> None:
    found = visits("phone", page_url).loaded()
    assert found["scroll_width"] <= found["client_width"], (
        f"page is {found['scroll_width']} px wide in a {found['client_width']} px viewport; "
        f"too wide: {found['too_wide']}"
    )


def test_works_without_javascript(visits, page_url: str) -> None:
    found = visits("no-js", page_url).loaded()
    assert found["h1_visible"], f"{page_url}: no visible main h1 without JavaScript"
    assert found["nav_links"] > 0, "no navigation links without JavaScript"


_STATUSES = """async (urls) => Promise.all(urls.map(async (url) => (await fetch(url)).status))"""


@pytest.mark.parametrize("missing", ["nessuna-pagina", "piani/nessuno/ancora/più/giù/"])
def test_unknown_address_shows_the_404_page(page, page_log, site_server: str, missing: str) -> None:
    """A static host answers any unknown address with 404.html, at that address: its styles and
    links must not depend on where it is served from."""
    settled = watch_settled(page)
    response = page.goto(site_server + missing)
    assert response is not None and response.status == 404
    wait_for_the_icon(page, settled)
    expect(page.locator("main h1")).to_be_visible()
    # Chromium logs the page's own 404 as a console error: look at the other requests only.
    broken = (
        page_log.page_errors
        + page_log.failed
        + [r for r in page_log.bad_responses if r != f"404 {response.url}"]
    )
    assert not broken, "\n".join(broken)
    sheets = page.evaluate("() => document.styleSheets.length")
    assert sheets > 0, "the 404 page loaded no stylesheet"
    links = page.eval_on_selector_all("nav a[href]", "links => links.map(a => a.href)")
    assert links, "the 404 page has no navigation links"
    local = [u for u in links if u.startswith(site_server)]
    statuses = page.evaluate(_STATUSES, local)
    dead = [u for u, status in zip(local, statuses, strict=True) if status != 200]
    assert not dead, "navigation links of the 404 page that lead nowhere:\n" + "\n".join(dead)


# Last: the Java run, started in the background with the module, has the longest to finish.
def test_valid_html(html_file: str, vnu_report) -> None:
    if html_file == NO_PAGES:
        pytest.fail("the build produced no .html page")
    messages = vnu_report[html_file]
    assert not messages, format_messages(messages)
