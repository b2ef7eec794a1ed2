"""The whole site runs under its Content-Security-Policy in Chromium with no violation.

Every page of the shipped build is opened with the headers of its `_headers` file added to
each response (as Netlify or Cloudflare Pages would send them), so both the header policy and
the <meta> policy apply. Violations are caught twice: `securitypolicyviolation` events, collected
by a script that runs before the page's own, and console messages about a policy. The SLA
calculator and the contact form are used, since their scripts act only then.

A page is read once its load event has fired and the browser's request for its icon has ended
(the one request made after the load event: the site's scripts fetch nothing). The tests share
a few tabs, each visit from a blank page with an empty record; the per-page test loads its
pages in all of them at once. Where a violation is expected, the test waits for it; the plain
form submission waits for the browser to go to mailto:.
"""

from __future__ import annotations

import fnmatch
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from harness.browser import wait_for_the_icon
from harness.headers import parse_headers
from harness.site import site_pages

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""
TABS = 3  # pages loading at once in the per-page test: the machine has two cores
REPORT_WAIT_S = 5  # for a report the test expects
POLICY_WORDS = (
    "content security policy",
    "content-security-policy",
    "permissions-policy",
    "permissions policy",
)


@dataclass
class PolicyWatch:
    """What the policies reported on one page, and which of its requests have ended."""

    page: object
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    settled: set[str] = field(default_factory=set)

    def start(self) -> PolicyWatch:
        """The tab on a blank page, with nothing recorded yet: ready for a visit."""
        self.page.goto("about:blank")
        self.console.clear()
        self.requests.clear()
        self.settled.clear()
        return self

    def problems(self) -> list[str]:
        # One turn of the page's event loop first, for a violation event already queued.
        events = self.page.evaluate(
            "() => new Promise((done) => setTimeout(() => done(window.__cspViolations || [])))"
        )
        return [*events, *self.console]

    def problems_once(self, reported, timeout_s: float = REPORT_WAIT_S) -> list[str]:
        """The problems, as soon as `reported(problems)` holds (or after timeout_s)."""
        deadline = time.monotonic() + timeout_s
        while not reported(problems := self.problems()) and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)
        return problems


@pytest.fixture(scope="module")
def header_rules(built_site: Path) -> dict[str, dict[str, str]]:
    return parse_headers((built_site / "_headers").read_text())


def watch_policies(page, site_server: str, header_rules: dict[str, dict[str, str]]) -> PolicyWatch:
    """The _headers headers on every response of the site to `page`, and a policy watch."""

    def add_headers(route) -> None:
        if not route.request.url.startswith(site_server):
            route.fallback()  # the context's handler blocks other sites
            return
        response = route.fetch()
        path = urlsplit(route.request.url).path
        headers = dict(response.headers)
        for pattern, rule in header_rules.items():
            if fnmatch.fnmatchcase(path, pattern):
                headers.update({name.lower(): value for name, value in rule.items()})
        route.fulfill(response=response, headers=headers)

    page.route("**/*", add_headers)
    page.add_init_script(COLLECT_VIOLATIONS)
    watch = PolicyWatch(page)

    def on_console(message) -> None:
        if any(word in message.text.lower() for word in POLICY_WORDS):
            watch.console.append(f"console.{message.type}: {message.text}")

    page.on("console", on_console)
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("requestfinished", lambda request: watch.settled.add(request.url))
    page.on("requestfailed", lambda request: watch.settled.add(request.url))
    return watch


@pytest.fixture(scope="module")
def policy_tabs(
    browser_contexts, site_server: str, header_rules: dict[str, dict[str, str]]
) -> Iterator[list[PolicyWatch]]:
    """TABS tabs of the default context, kept for the module, each with the _headers headers on
    every response of the site and a policy watch (opening a tab costs Chromium more than a
    visit in an open one; every visit starts from a blank page, with an empty record)."""
    tabs = [
        watch_policies(browser_contexts().new_page(), site_server, header_rules)
        for _ in range(TABS)
    ]
    yield tabs
    for tab in tabs:
        tab.page.close()


@pytest.fixture
def watched(policy_tabs: list[PolicyWatch]) -> PolicyWatch:
    """A tab with the _headers headers on every response of the site, and a policy watch."""
    return policy_tabs[0].start()


def check_response(response, url: str) -> None:
    assert response is not None and response.status == 200, url
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def open_page(watched: PolicyWatch, url: str) -> None:
    response = watched.page.goto(url)
    check_response(response, url)
    wait_for_the_icon(watched.page, watched.settled)


@dataclass
class PageReport:
    """One page of the per-page test: its response, and the problems once it has loaded."""

    url: str
    response: object = None
    problems: list[str] = field(default_factory=list)
    error: BaseException | None = None


@pytest.fixture(scope="module")
def page_reports(policy_tabs: list[PolicyWatch], site_server: str) -> dict[str, PageReport]:
    """Every page of the site loaded under the policies, TABS at a time, each in one of the
    policy tabs: {page path: report}."""
    reports = {path: PageReport(site_server + path) for path in site_pages()}
    loading: deque[tuple[PageReport, PolicyWatch]] = deque()

    def finish() -> None:
        report, watch = loading.popleft()
        try:
            if report.error is None:
                watch.page.wait_for_load_state("load")
                wait_for_the_icon(watch.page, watch.settled)
                report.problems = watch.problems()
        except Exception as error:
            report.error = error

    for n, report in enumerate(reports.values()):
        if len(loading) == TABS:
            finish()  # the visit in the tab this one takes
        watch = policy_tabs[n % TABS]
        loading.append((report, watch))
        try:
            report.response = watch.start().page.goto(report.url, wait_until="commit")
        except Exception as error:
            report.error = error
    while loading:
        finish()
    return reports


# When the build fails there are no pages: one case remains, and `site_server` raises the error.
@pytest.mark.parametrize("page_path", site_pages() or ["<no pages>"], ids=lambda p: "/" + p)
def test_no_violation_on_any_page(page_reports, page_path: str) -> None:
    report = page_reports[page_path]
    if report.error is not None:
        raise report.error
    check_response(report.response, report.url)
    assert report.problems == []


def test_calculator_runs_under_the_policy(watched: PolicyWatch, site_server: str) -> None:
    open_page(watched, site_server + "tempi-di-risposta/")
    page = watched.page
    page.locator("#sla-calculator [name=received_at]").fill("2027-10-01T17:00")
    page.locator("#sla-calculator [type=submit]").click()
    expect(page.locator('[data-sla-result="bronze"]')).to_have_attribute(
        "data-deadline", "2027-10-05T17:00:00+02:00"
    )
    assert watched.problems() == []


def test_contact_form_runs_under_the_policy(watched: PolicyWatch, site_server: str) -> None:
    open_page(watched, site_server + "contatti/")
    page = watched.page
    form = page.locator("#contact-form")
    form.locator("[name=name]").fill("Anna Bianchi")
    form.locator("[name=email]").fill("anna@esempio.it")
    form.locator("[name=message]").fill("Vorrei informazioni sul piano Silver.")
    form.locator("[type=submit]").click()
    expect(page.locator("#contact-mailto")).to_be_visible()
    assert watched.problems() == []


def test_plain_form_submission_to_mailto_is_allowed(watched: PolicyWatch, site_server: str) -> None:
    """Without the script the form posts to mailto:, which form-action must list: the browser
    goes to mailto: (a request that fails here, with no mail program), or reports the policy."""
    open_page(watched, site_server + "contatti/")
    watched.page.evaluate(
        "HTMLFormElement.prototype.submit.call(document.getElementById('contact-form'))"
    )

    def went_to_mailto() -> list[str]:
        return [url for url in watched.requests if url.startswith("mailto:")]

    problems = watched.problems_once(lambda problems: problems or went_to_mailto())
    assert problems == []
    assert went_to_mailto(), "the form was not sent to mailto:"


def test_the_watch_reports_a_violation(watched: PolicyWatch, site_server: str) -> None:
    """Guards the test above: an inline style attribute and a foreign image must be caught."""
    open_page(watched, site_server)
    watched.page.evaluate("""() => {
      document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
      const img = new Image();
      img.src = 'https://example.org/pixel.png';
      document.body.append(img);
    }""")

    def both(problems: list[str]) -> bool:
        text = " ".join(problems)
        return "style-src-attr" in text and "img-src" in text

    problems = " ".join(watched.problems_once(both))
    assert "style-src-attr" in problems and "img-src" in problems, problems


def test_the_header_policy_is_enforced(watched: PolicyWatch, site_server: str) -> None:
    """frame-ancestors exists only in the header (a <meta> policy ignores it): a page of the
    site framing another must be refused, which proves the header reached Chromium."""
    open_page(watched, site_server)
    watched.page.evaluate(
        """(url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
    }""",
        site_server + "piani/",
    )

    def refused(problems: list[str]) -> bool:
        return any("frame-ancestors" in problem for problem in problems)

    assert refused(watched.problems_once(refused))
