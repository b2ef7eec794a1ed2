"""The site built for a GitHub Pages project address works when served under that sub-path.

Built with `--base-url https://example.github.io/misterinformatica/` and served under
/misterinformatica/ like a static host, every page is crawled: each link, asset, canonical and
sitemap URL must resolve (200) and stay under the prefix. Then Chromium loads every page, and the
404 page at a deep address, and every request it makes must succeed under the prefix: the
requests up to the end of the one the browser makes after the load event, for the page's icon
(the site's scripts fetch nothing).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from harness.browser import wait_for_the_icon
from harness.site import build_into, fixture_source

PUBLIC_BASE = "https://example.github.io/misterinformatica/"
PREFIX = "/misterinformatica/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
TABS = 3  # pages loading at once: the machine has two cores


@pytest.fixture(scope="module")
def local_base(tmp_path_factory: pytest.TempPathFactory, serve_dir: Callable[..., str]) -> str:
    """Base URL of the sub-path build on the local static server."""
    output = tmp_path_factory.mktemp("subpath") / "site"
    build_into(output, fixture_source(), base_url=PUBLIC_BASE)
    base = serve_dir(output, PREFIX)
    assert urlsplit(base).path == PREFIX
    return base


def fetch(url: str) -> tuple[int, str, bytes]:
    """(status, content type, body) after redirects; errors are statuses, not exceptions."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def references(soup: BeautifulSoup) -> list[tuple[str, bool]]:
    """(URL, is a link to follow) of everything a page points at: links, subresources,
    canonical and Open Graph URLs. Only links may lead to other sites."""
    urls = [(tag["href"], tag.name == "a") for tag in soup.find_all(href=True)]
    urls += [(tag["src"], False) for tag in soup.find_all(src=True)]
    urls += [(tag["content"], False) for tag in soup.find_all("meta", property="og:url")]
    return urls


def to_local(url: str, local_base: str) -> str:
    """Public absolute URLs (canonical, sitemap) map onto the local server."""
    return local_base + url[len(PUBLIC_BASE) :] if url.startswith(PUBLIC_BASE) else url


def crawl(local_base: str) -> dict[str, list[str]]:
    """{URL: [problems]} for every local URL reachable from the home page and the sitemap
    (found through robots.txt);
    links to other sites are not followed."""
    origin = local_base[: -len(PREFIX)]
    status, _, robots = fetch(local_base + "robots.txt")
    assert status == 200
    [sitemap_url] = [
        line.split(":", 1)[1].strip()
        for line in robots.decode().splitlines()
        if line.startswith("Sitemap:")
    ]
    assert sitemap_url == PUBLIC_BASE + "sitemap.xml"
    status, _, sitemap = fetch(to_local(sitemap_url, local_base))
    assert status == 200
    queue = [local_base]
    for loc in ElementTree.fromstring(sitemap).findall("s:url/s:loc", SITEMAP_NS):
        assert loc.text.startswith(PUBLIC_BASE), f"sitemap entry {loc.text} escapes the base"
        queue.append(to_local(loc.text, local_base))
    seen: dict[str, list[str]] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        status, ctype, body = fetch(url)
        seen[url] = [] if status == 200 else [f"status {status}"]
        if ctype != "text/html":
            continue
        for raw, is_link in references(BeautifulSoup(body, "html.parser")):
            target = to_local(urldefrag(urljoin(url, raw))[0], local_base)
            if target.startswith(local_base):
                queue.append(target)
            elif target.startswith(origin):
                seen.setdefault(target, []).append(f"outside the prefix: {raw} in {url}")
            elif not (is_link or raw.startswith("mailto:")):
                seen.setdefault(target, []).append(f"another site: {raw} in {url}")
    return seen


def test_every_link_and_asset_resolves_under_the_prefix(local_base: str) -> None:
    results = crawl(local_base)
    problems = {url: why for url, why in results.items() if why}
    assert not problems, problems
    visited = {urlsplit(url).path for url in results}
    for path in ("piani/", "piani/gold/", "contatti/", "codice-etico/"):
        assert PREFIX + path in visited, f"the crawl never reached {PREFIX}{path}"
    assert any(path.startswith(PREFIX + "static/css/") for path in visited)


@dataclass
class Watch:
    """What a page asked for: every request URL, those that failed or were refused (>= 400),
    and those that ended, either way."""

    requests: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    settled: set[str] = field(default_factory=set)


def watch(page) -> Watch:
    seen = Watch()
    page.on("request", lambda r: seen.requests.append(r.url))

    def failed(request) -> None:
        seen.bad.append(f"{request.url}: {request.failure}")
        seen.settled.add(request.url)

    def check(response) -> None:
        if response.status >= 400:
            seen.bad.append(f"{response.url}: {response.status}")

    page.on("requestfailed", failed)
    page.on("response", check)
    page.on("requestfinished", lambda r: seen.settled.add(r.url))
    return seen


def test_every_page_loads_in_chromium_under_the_prefix(
    browser_contexts, local_base: str, built_pages: list[str]
) -> None:
    """Pages load TABS at a time, each in one of TABS tabs from a blank page; what a page asked
    for is recorded from its blank page to the end of its icon's request."""
    tabs = [browser_contexts().new_page() for _ in built_pages[:TABS]]
    loading: deque[tuple[str, object, Watch]] = deque()
    loaded: list[tuple[str, Watch, int]] = []

    def finish() -> None:
        url, page, seen = loading.popleft()
        page.wait_for_load_state("load")
        wait_for_the_icon(page, seen.settled)
        sheets = page.evaluate("document.styleSheets.length")
        # The tab's listeners go on with the next page: keep what this one saw.
        loaded.append((url, Watch(list(seen.requests), list(seen.bad)), sheets))

    try:
        for n, rel in enumerate(built_pages):
            page = tabs[n % TABS]
            if len(loading) == TABS:
                finish()  # the page in this tab
            page.goto("about:blank")
            seen = watch(page)
            loading.append((local_base + rel, page, seen))
            page.goto(local_base + rel, wait_until="commit")
        while loading:
            finish()
    finally:
        for page in tabs:
            page.close()
    assert len(loaded) == len(built_pages)
    for url, seen, sheets in loaded:
        assert seen.bad == [], url
        outside = [u for u in seen.requests if not u.startswith((local_base, "data:"))]
        assert not outside, f"{url} requested {outside}"
        assert sheets > 0, f"{url}: no stylesheet"


def test_404_page_works_at_any_depth(page, page_log, local_base: str) -> None:
    url = local_base + "piani/gold/non-esiste/davvero/"
    settled = watch(page).settled
    response = page.goto(url)
    assert response is not None and response.status == 404
    wait_for_the_icon(page, settled)
    assert page.locator("h1").inner_text() == "Pagina non trovata"
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    assert not page_log.failed, page_log.failed
    home = page.get_by_role("link", name="Vai alla pagina iniziale")
    assert home.get_attribute("href") == PREFIX
    home.click()
    page.wait_for_load_state()
    assert page.url == local_base


@pytest.fixture(scope="module")
def built_pages(local_base: str) -> list[str]:
    """URL paths (relative to the base) of every page of the sub-path build, sitemap first."""
    _, _, sitemap = fetch(local_base + "sitemap.xml")
    locs = ElementTree.fromstring(sitemap).findall("s:url/s:loc", SITEMAP_NS)
    return [loc.text[len(PUBLIC_BASE) :] for loc in locs] + ["404.html"]
