"""Chromium through Playwright, with outside requests refused, and a record of what a page did
(requests, console errors)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .tools import CHROMIUM

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Every context gets these unless a test overrides them: Italian visitors, Rome time.
CONTEXT_DEFAULTS = {"locale": "it-IT", "timezone_id": "Europe/Rome"}


# Every request leaves through this proxy, except those to the local servers: nothing listens
# on port 9 here, so a request to the outside fails at once (ERR_PROXY_CONNECTION_FAILED; the
# network is closed, and it would otherwise hang), and Chromium decides it without asking the
# test process, as a route handler would for each request.
OUTSIDE_BLOCKED = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"}


def launch(playwright):
    """Start Debian's headless Chromium, with every request but the local ones refused."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, proxy=OUTSIDE_BLOCKED
    )


@dataclass
class PageLog:
    """What a page did since `watch(page)`: every request URL, console errors, uncaught errors,
    and requests that were blocked because they left the allowed origins."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)  # "STATUS URL" of each status >= 400

    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors


def watch(page) -> PageLog:
    log = PageLog()
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("requestfailed", lambda r: log.failed.append(f"{r.url}: {r.failure}"))

    def on_response(response) -> None:
        if response.status >= 400:
            log.bad_responses.append(f"{response.status} {response.url}")

    page.on("response", on_response)

    def on_console(msg) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            where = f" ({loc.get('url')}:{loc.get('lineNumber')})" if loc.get("url") else ""
            log.console_errors.append(f"console.error: {msg.text}{where}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.page_errors.append(f"uncaught: {exc}"))
    return log


# How long to wait for the icon's request: an icon the browser failed to get once, it may not
# ask for again, and the page is then read without it.
ICON_WAIT_S = 5


def watch_settled(page) -> set[str]:
    """URLs of the page's requests that have finished or failed, from now on."""
    settled: set[str] = set()
    page.on("requestfinished", lambda request: settled.add(request.url))
    page.on("requestfailed", lambda request: settled.add(request.url))
    return settled


def wait_for_the_icon(page, settled: set[str]) -> None:
    """Wait until the browser's request for the page's icon, which it makes after the load
    event (the site's scripts fetch nothing), is in `settled` (see `watch_settled`): every
    request of the page has then been made. Without an icon link the browser may ask for
    /favicon.ico, so wait for the network to be idle instead."""
    icons = page.eval_on_selector_all("link[rel~='icon'][href]", "links => links.map(l => l.href)")
    if not icons:
        page.wait_for_load_state("networkidle")
        return
    deadline = time.monotonic() + ICON_WAIT_S
    while not settled.issuperset(icons) and time.monotonic() < deadline:
        page.wait_for_timeout(10)
