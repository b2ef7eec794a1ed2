"""Chromium through Playwright, with outside requests refused, and a record of what a page did
(requests, console errors)."""

from __future__ import annotations

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
