"""Every page of the shipped site, in real Chromium: accessible (axe, WCAG 2.2 A/AA), valid HTML
(Nu Html Checker), self-contained (no request leaves the site), no console errors, no sideways
scrolling on a 360 px phone, and readable without JavaScript.

Pages are every .html file of the build (the build runs once, at collection, and is shared with
the `built_site` fixture)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness.site import fixture_site, html_files, site_pages
from harness.vnu import format_messages

NO_PAGES = "<no pages: see the build error>"


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


def open_page(page, url: str, wait_until: str = "load"):
    response = page.goto(url, wait_until=wait_until)
    assert response is not None, f"no response for {url}"
    assert response.status == 200, f"{url} answered {response.status}"
    return response


def test_accessible(page, page_url: str, axe) -> None:
    open_page(page, page_url)
    axe(page)


def test_valid_html(html_file: str, vnu_report) -> None:
    if html_file == NO_PAGES:
        pytest.fail("the build produced no .html page")
    messages = vnu_report[html_file]
    assert not messages, format_messages(messages)


def test_no_request_leaves_the_site(page, page_log, page_url: str, site_server: str) -> None:
    open_page(page, page_url, wait_until="networkidle")
    outside = [u for u in page_log.requests if not u.startswith((site_server, "data:"))]
    assert not outside, "requests outside the site:\n" + "\n".join(outside)


def test_no_console_errors(page, page_log, page_url: str) -> None:
    open_page(page, page_url, wait_until="networkidle")
    errors = page_log.errors()
    assert not errors, "\n".join(errors)


def test_no_horizontal_scroll_on_a_phone(new_page, page_url: str) -> None:
    page = new_page(viewport={"width": 360, "height": 740})
    open_page(page, page_url)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    too_wide = page.evaluate(
        """() => {
            const limit = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (e.className && typeof e.className === 'string'
                       ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                    + ' right=' + Math.round(e.getBoundingClientRect().right));
        }"""
    )
    assert widths[0] <= widths[1], (
        f"page is {widths[0]} px wide in a {widths[1]} px viewport; too wide: {too_wide}"
    )


def test_works_without_javascript(new_page, page_url: str) -> None:
    page = new_page(java_script_enabled=False)
    open_page(page, page_url)
    expect(page.locator("main h1")).to_be_visible()
    assert page.locator("nav a[href]").count() > 0, "no navigation links without JavaScript"


@pytest.mark.parametrize("missing", ["nessuna-pagina", "piani/nessuno/ancora/più/giù/"])
def test_unknown_address_shows_the_404_page(page, page_log, site_server: str, missing: str) -> None:
    """A static host answers any unknown address with 404.html, at that address: its styles and
    links must not depend on where it is served from."""
    response = page.goto(site_server + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
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
    dead = [u for u in links if u.startswith(site_server) and page.request.get(u).status != 200]
    assert not dead, "navigation links of the 404 page that lead nowhere:\n" + "\n".join(dead)
