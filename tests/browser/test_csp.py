"""The whole site runs under its Content-Security-Policy in Chromium with no violation.

Every page of the shipped build is opened with the headers of its `_headers` file added to
each response (as Netlify or Cloudflare Pages would send them), so both the header policy and
the <meta> policy apply. Violations are caught twice: `securitypolicyviolation` events, collected
by a script that runs before the page's own, and console messages about a policy. The SLA
calculator and the contact form are used, since their scripts act only then.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

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
POLICY_WORDS = (
    "content security policy",
    "content-security-policy",
    "permissions-policy",
    "permissions policy",
)


@dataclass
class PolicyWatch:
    """What the policies reported on one page."""

    page: object
    console: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        events = self.page.evaluate("window.__cspViolations || []")
        return [*events, *self.console]


@pytest.fixture
def header_rules(built_site: Path) -> dict[str, dict[str, str]]:
    return parse_headers((built_site / "_headers").read_text())


@pytest.fixture
def watched(page, site_server: str, header_rules: dict[str, dict[str, str]]) -> PolicyWatch:
    """`page` with the _headers headers on every response of the site, and a policy watch."""

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
    return watch


def open_page(watched: PolicyWatch, url: str) -> None:
    response = watched.page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


# When the build fails there are no pages: one case remains, and `site_server` raises the error.
@pytest.mark.parametrize("page_path", site_pages() or ["<no pages>"], ids=lambda p: "/" + p)
def test_no_violation_on_any_page(watched: PolicyWatch, site_server: str, page_path: str) -> None:
    open_page(watched, site_server + page_path)
    assert watched.problems() == []


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
    """Without the script the form posts to mailto:, which form-action must list."""
    open_page(watched, site_server + "contatti/")
    watched.page.evaluate(
        "HTMLFormElement.prototype.submit.call(document.getElementById('contact-form'))"
    )
    watched.page.wait_for_timeout(300)
    assert watched.problems() == []


def test_the_watch_reports_a_violation(watched: PolicyWatch, site_server: str) -> None:
    """Guards the test above: an inline style attribute and a foreign image must be caught."""
    open_page(watched, site_server)
    watched.page.evaluate("""() => {
      document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
      const img = new Image();
      img.src = 'https://example.org/pixel.png';
      document.body.append(img);
    }""")
    watched.page.wait_for_timeout(300)
    problems = " ".join(watched.problems())
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
    watched.page.wait_for_timeout(500)
    assert any("frame-ancestors" in problem for problem in watched.problems())
