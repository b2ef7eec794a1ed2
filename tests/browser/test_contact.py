"""The contact form (/contatti/) in Chromium: plan preselection, inert query values, GOV.UK error
summary, the composed mailto: URL, the long-message warning, accessibility, and no JavaScript.

The tests use tabs kept open for the module, one set per set of browser options (opening a tab
costs Chromium more than a visit in an open one): each test starts its tab on a blank page.
A test that changes the tab itself (an init script) has a page of its own. A test starts at
the page's load event, when the page's script has run: the site's scripts start no timer and
fetch nothing, so nothing happens later by itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from harness.browser import watch
from harness.site import build_into, copy_sources
from harness.tools import REPO_ROOT, require

ADDRESS = "info@misterinformatica.it"
FIELDS = ("name", "email", "phone", "company", "plan", "message")
INJECTION = '<img src=x onerror="window.__pwned=1;alert(1)">"'

TRICKY = {
    "name": "Zoë D'Àngelo & Figli? #1",
    "email": "zoe+preventivo@esempio.it",
    "phone": "+39 (02) 1234/5678",
    "company": "Più & Più 100% «Qualità» #2 + soci 🚀",
    "message": (
        "Buongiorno,\nci serve aiuto: 50% dei PC è lento?\n\n#urgente & c'è 1+1=2 😀\nGrazie"
    ),
}


@pytest.fixture
def contact(site_server: str) -> str:
    return site_server + "contatti/"


@pytest.fixture(scope="module")
def tabs(browser_contexts) -> Iterator[Callable[..., list]]:
    """`tabs(**context_options) -> list`: the module's open tabs with those options."""
    pools: dict[str, tuple[dict, list]] = {}

    def pool(**options) -> list:
        return pools.setdefault(json.dumps(options, sort_keys=True), (options, []))[1]

    yield pool
    for _, pages in pools.values():
        for tab in pages:
            tab.close()


@pytest.fixture
def new_tab(tabs, browser_contexts) -> Callable[..., object]:
    """`new_tab(**context_options) -> page`: a tab of the module (opened if needed) on a blank
    page; the n-th call of a test with some options gets the n-th tab with those options. The
    test must not change the tab itself (routes, init scripts): such a test takes `new_page`."""
    calls: Counter[str] = Counter()

    def make(**options):
        key = json.dumps(options, sort_keys=True)
        pool = tabs(**options)
        if calls[key] == len(pool):
            pool.append(browser_contexts(**options).new_page())
        tab = pool[calls[key]]
        calls[key] += 1
        tab.goto("about:blank")
        return tab

    return make


@pytest.fixture
def page(new_tab):
    """A tab with the default options, on a blank page (and under `page_log`, its log)."""
    return new_tab()


def open_contact(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200


def fill(page, values: dict[str, str], plan: str | None = None) -> None:
    for name, value in values.items():
        page.locator(f"#contact-form [name={name}]").fill(value)
    if plan is not None:
        page.select_option("#contact-form [name=plan]", plan)


def mailto_parts(href: str) -> dict[str, str]:
    """The decoded header fields of a mailto: URL; '+' must never stand for a space."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert parts.path == ADDRESS
    assert "+" not in parts.query, "a '+' in the query: spaces or plus signs are not encoded"
    assert " " not in parts.query
    fields = {}
    for pair in parts.query.split("&"):
        key, _, value = pair.partition("=")
        fields[key] = unquote(value, errors="strict")
    return fields


def test_the_form_has_the_contract_fields(page, contact: str) -> None:
    open_contact(page, contact)
    form = page.locator("form#contact-form")
    assert form.get_attribute("action") == f"mailto:{ADDRESS}"
    assert form.get_attribute("method") == "post"
    assert form.get_attribute("enctype") == "text/plain"
    assert form.get_attribute("novalidate") is not None
    for name in FIELDS:
        field = form.locator(f"[name={name}]")
        expect(field).to_have_count(1)
        field_id = field.get_attribute("id")
        expect(page.locator(f"label[for='{field_id}']")).to_have_count(1)
    for name in ("phone", "company"):
        field_id = form.locator(f"[name={name}]").get_attribute("id")
        expect(page.locator(f"label[for='{field_id}']")).to_contain_text("(facoltativo)")
    options = form.locator("[name=plan] option")
    assert options.all_inner_texts() == ["Non so ancora", "Bronze", "Silver", "Gold"]
    assert page.locator(f"main a[href='mailto:{ADDRESS}']").count() >= 1
    privacy = form.locator("a[href='/privacy/']")
    expect(privacy).to_have_count(1)
    expect(page.locator("#contact-mailto")).to_have_count(0)


@pytest.mark.parametrize("plan", ["bronze", "silver", "gold"])
def test_query_preselects_the_plan(page, contact: str, plan: str) -> None:
    open_contact(page, f"{contact}?plan={plan}")
    expect(page.locator("#contact-form [name=plan]")).to_have_value(plan)


def test_the_plans_page_links_preselect(page, site_server: str) -> None:
    open_contact(page, site_server + "piani/")
    page.locator("a[href='/contatti/?plan=silver']").first.click()
    page.wait_for_url("**/contatti/?plan=silver")
    expect(page.locator("#contact-form [name=plan]")).to_have_value("silver")


@pytest.mark.parametrize("value", [INJECTION, "platinum", "GOLD", " gold"])
def test_an_unknown_plan_is_ignored_and_stays_inert(page, page_log, contact: str, value) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # The load event waits for any image the page holds, such as one made of the value.
    page.goto(contact + "?" + "plan=" + re.sub(r"[^\w.-]", lambda m: f"%{ord(m[0]):02X}", value))
    expect(page.locator("#contact-form [name=plan]")).to_have_value("")
    html = page.content()
    assert "onerror" not in html and "platinum" not in html and "GOLD" not in html
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert page_log.errors() == []
    assert not [url for url in page_log.requests if url.rstrip("/").endswith("/x")]


def test_empty_submit_shows_the_error_summary(page, page_log, contact: str, axe) -> None:
    open_contact(page, contact)
    title = page.title()
    page.locator("#contact-form [name=company]").fill("Rossi & C.")
    page.locator("#contact-form [name=message]").fill("")
    page.locator("#contact-form button[type=submit]").click()

    summary = page.locator("#contact-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert summary.get_attribute("role") is None
    assert page.title() == "Errore: " + title
    links = summary.locator("a")
    assert links.count() == 3  # name, email, message; the optional fields may be empty
    for link in links.all():
        target = page.locator(link.get_attribute("href"))
        expect(target).to_have_attribute("aria-invalid", "true")
        described = target.get_attribute("aria-describedby").split()
        messages = [page.locator(f"#{i}").inner_text() for i in described]
        assert any(link.inner_text() in m for m in messages)
    email = page.locator("#contact-form [name=email]")
    assert "contact-email-hint" in email.get_attribute("aria-describedby").split()
    for name in ("phone", "company", "plan"):
        assert page.locator(f"#contact-form [name={name}]").get_attribute("aria-invalid") is None
    expect(page.locator("#contact-form [name=company]")).to_have_value("Rossi & C.")
    expect(page.locator("#contact-mailto")).to_have_count(0)
    axe(page)

    # The summary's link takes the visitor to the field.
    links.first.click()
    expect(page.locator("#contact-form [name=name]")).to_be_focused()

    # A second submit does not stack "Errore: " or duplicate the messages.
    page.locator("#contact-form [name=name]").fill("Mario")
    page.locator("#contact-form button[type=submit]").click()
    assert page.title() == "Errore: " + title
    assert summary.locator("a").count() == 2
    assert page.locator("#contact-form [name=name]").get_attribute("aria-invalid") is None
    assert page.locator("#contact-form .field-error").count() == 2
    assert page_log.errors() == []


_FIRST_SCREEN = """(element) => {
    const box = element.getBoundingClientRect();
    return element.checkVisibility() && box.top >= 0 && box.bottom <= innerHeight;
}"""


def test_the_plan_the_visitor_came_for_is_in_the_first_screen(new_tab, contact: str) -> None:
    page = new_tab(viewport={"width": 360, "height": 800})
    open_contact(page, contact + "?plan=gold")
    intro = page.locator("[data-plan-intro='gold']")
    assert intro.evaluate(_FIRST_SCREEN), "the plan is not named in the first screen"
    expect(intro).to_contain_text("Chiedi informazioni sul piano Gold")
    expect(page.locator("[data-plan-intro='silver']")).to_be_hidden()
    expect(page.locator("#contact-form [name=message]")).to_have_value(
        "Vorrei informazioni sul piano Gold."
    )


def test_the_first_sentence_follows_the_plan_until_the_visitor_writes(page, contact: str) -> None:
    open_contact(page, contact)
    message = page.locator("#contact-form [name=message]")
    expect(message).to_have_value("Vorrei informazioni sui vostri piani di assistenza.")
    page.select_option("#contact-form [name=plan]", "silver")
    expect(message).to_have_value("Vorrei informazioni sul piano Silver.")
    expect(page.locator("[data-plan-intro='silver']")).to_be_visible()
    message.fill("Vorrei informazioni sul piano Silver per tre uffici.")
    page.select_option("#contact-form [name=plan]", "gold")
    expect(message).to_have_value("Vorrei informazioni sul piano Silver per tre uffici.")


def test_a_composed_message_never_leaves_by_itself(page, page_log, contact: str, axe) -> None:
    """No mail program, or a webmail: the composed text stays on the page with four ways out,
    and no request reaches a third party unless the visitor follows its link."""
    open_contact(page, contact)
    url = page.url
    # Listening on the window, after the form's own handler: did the page keep the submit?
    page.evaluate("""() => {
        window.submits = [];
        window.addEventListener('submit', (event) => window.submits.push(event.defaultPrevented));
    }""")
    fill(page, {"name": "Anna Bianchi", "email": "anna@esempio.it"}, plan="gold")
    page.locator("#contact-form button[type=submit]").click()
    expect(page.locator("#contact-result")).to_be_focused()
    assert page.evaluate("window.submits") == [True], "the form was sent: the page may leave"
    subject = "Richiesta di informazioni sul piano Gold"
    body = page.locator("#contact-composed").input_value().replace("\n", "\r\n")
    gmail = urlsplit(page.locator("[data-webmail='gmail']").get_attribute("href"))
    assert (gmail.scheme, gmail.netloc, gmail.path) == ("https", "mail.google.com", "/mail/")
    gmail_fields = dict(pair.split("=", 1) for pair in gmail.query.split("&"))
    assert unquote(gmail_fields["to"]) == ADDRESS and unquote(gmail_fields["su"]) == subject
    assert unquote(gmail_fields["body"]) == body
    outlook = urlsplit(page.locator("[data-webmail='outlook']").get_attribute("href"))
    assert outlook.netloc == "outlook.live.com" and outlook.path.endswith("/deeplink/compose")
    outlook_fields = dict(pair.split("=", 1) for pair in outlook.query.split("&"))
    assert unquote(outlook_fields["subject"]) == subject
    assert unquote(outlook_fields["body"]) == body
    for link in ("[data-webmail='gmail']", "[data-webmail='outlook']"):
        assert page.locator(link).get_attribute("rel") == "noopener noreferrer"
    expect(page.locator("#contact-mailto")).to_be_visible()
    expect(page.locator("#contact-result [data-copy]")).to_be_visible()
    axe(page)
    # Long after the submit (axe has run): still here, and nothing went elsewhere.
    assert page.url == url
    outside = [u for u in page_log.requests if not u.startswith(contact.split("/contatti/")[0])]
    assert outside == []


def test_the_privacy_notice_names_the_webmails(page, site_server: str) -> None:
    page.goto(site_server + "privacy/")
    expect(page.locator("main")).to_contain_text("Gmail o Outlook.com")


def test_an_invalid_email_is_reported(page, contact: str) -> None:
    open_contact(page, contact)
    fill(page, {"name": "Mario", "email": "mario.esempio.it", "message": "Ciao"})
    page.locator("#contact-form button[type=submit]").click()
    expect(page.locator("#contact-error-summary a")).to_have_count(1)
    expect(page.locator("#contact-error-summary a")).to_have_attribute("href", "#contact-email")
    expect(page.locator("#contact-form [name=email]")).to_have_value("mario.esempio.it")


def test_valid_submit_composes_an_exact_mailto(page, page_log, contact: str, axe) -> None:
    open_contact(page, contact)
    title = page.title()
    fill(page, TRICKY, plan="gold")
    page.locator("#contact-form button[type=submit]").click()

    link = page.locator("#contact-mailto")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href.startswith(f"mailto:{ADDRESS}?")
    assert len(href) <= 2000
    fields = mailto_parts(href)
    assert set(fields) == {"subject", "body"}
    assert "Gold" in fields["subject"]
    body = fields["body"]
    assert "\n" not in body.replace("\r\n", "")  # every line break is CRLF
    for name, label in (
        ("name", "Nome"),
        ("email", "Email"),
        ("phone", "Telefono"),
        ("company", "Azienda"),
    ):
        assert f"{label}: {TRICKY[name]}\r\n" in body
    assert "Piano: Gold\r\n" in body
    assert body.endswith("Messaggio:\r\n" + TRICKY["message"].replace("\n", "\r\n"))
    assert "%0D%0A" in href and "%2B" in href and "%26" in href and "%23" in href

    expect(page.locator("#contact-result")).to_be_focused()
    expect(page.locator("#contact-composed")).to_have_value(body.replace("\r\n", "\n"))
    expect(page.locator("#contact-result [data-result=long]")).to_be_hidden()
    assert page.title() == title
    expect(page.locator("#contact-error-summary")).to_be_hidden()
    for name, value in TRICKY.items():  # nothing typed is cleared
        expect(page.locator(f"#contact-form [name={name}]")).to_have_value(value)
    axe(page)
    assert page_log.errors() == []


def test_not_choosing_a_plan_says_so(page, contact: str) -> None:
    open_contact(page, contact)
    fill(page, {"name": "Anna", "email": "anna@esempio.it", "message": "Ciao"})
    page.locator("#contact-form button[type=submit]").click()
    fields = mailto_parts(page.locator("#contact-mailto").get_attribute("href"))
    assert "Piano: Non so ancora\r\n" in fields["body"]
    assert "Telefono: (non indicato)\r\n" in fields["body"]
    assert "piano" in fields["subject"].lower()


def test_errors_after_a_valid_submit_withdraw_the_mailto(page, contact: str) -> None:
    open_contact(page, contact)
    fill(page, {"name": "Anna", "email": "anna@esempio.it", "message": "Ciao"})
    page.locator("#contact-form button[type=submit]").click()
    expect(page.locator("#contact-mailto")).to_be_visible()
    page.locator("#contact-form [name=message]").fill("")
    page.locator("#contact-form button[type=submit]").click()
    expect(page.locator("#contact-error-summary")).to_be_focused()
    expect(page.locator("#contact-mailto")).to_have_count(0)
    expect(page.locator("#contact-result")).to_be_hidden()


def test_a_long_message_is_announced_before_sending(page, page_log, contact: str, axe) -> None:
    open_contact(page, contact)
    message = "Riga di prova con qualche parola in più.\n" * 60
    fill(page, {"name": "Anna", "email": "anna@esempio.it", "message": message}, plan="bronze")
    page.locator("#contact-form button[type=submit]").click()
    warning = page.locator("#contact-result [data-result=long]")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("lungo")
    expect(page.locator("#contact-result [data-result=opened]")).to_be_hidden()
    href = page.locator("#contact-mailto").get_attribute("href")
    assert len(href) > 2000
    assert mailto_parts(href)["body"].endswith(message.replace("\n", "\r\n"))
    expect(page.locator("#contact-result [data-copy]")).to_be_visible()
    axe(page)
    assert page_log.errors() == []


def test_the_copy_button_copies_or_explains(new_tab, contact: str) -> None:
    page = new_tab(permissions=["clipboard-read", "clipboard-write"])
    open_contact(page, contact)
    fill(page, {"name": "Anna", "email": "anna@esempio.it", "message": "Ciao\nGrazie"})
    page.locator("#contact-form button[type=submit]").click()
    page.locator("#contact-result [data-copy]").click()
    status = page.locator("#contact-result [data-copy-status]")
    expect(status).not_to_be_empty()
    if "copiato" in status.inner_text():
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.replace("\r\n", "\n") == page.locator("#contact-composed").input_value()


def test_the_copy_fallback_selects_the_text(new_page, contact: str) -> None:
    page = new_page()  # a page of its own: the init script stays with the page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    open_contact(page, contact)
    fill(page, {"name": "Anna", "email": "anna@esempio.it", "message": "Ciao"})
    page.locator("#contact-form button[type=submit]").click()
    page.locator("#contact-result [data-copy]").click()
    expect(page.locator("#contact-result [data-copy-status]")).to_contain_text("Ctrl+C")
    expect(page.locator("#contact-composed")).to_be_focused()


def test_the_form_works_without_javascript(new_tab, contact: str) -> None:
    page = new_tab(java_script_enabled=False)
    open_contact(page, contact + "?plan=gold")
    form = page.locator("form#contact-form")
    expect(form).to_be_visible()
    assert form.get_attribute("action") == f"mailto:{ADDRESS}"
    assert form.get_attribute("enctype") == "text/plain"
    for name in FIELDS:
        expect(form.locator(f"[name={name}]")).to_be_visible()
    expect(form.locator("button[type=submit]")).to_be_visible()
    expect(page.locator("#contact-error-summary")).to_be_hidden()
    expect(page.locator("#contact-result")).to_be_hidden()
    expect(page.locator(f"main a[href='mailto:{ADDRESS}']").first).to_be_visible()


def test_the_privacy_page(page, site_server: str) -> None:
    open_contact(page, site_server + "privacy/")
    text = page.locator("main").inner_text()
    for words in (
        "Mister Informatica",
        ADDRESS,
        "cookie",
        "Garante per la protezione dei dati",
        "art. 15",
        "art. 21",
        "programma di posta",
    ):
        assert words in text
    assert page.locator("input[type=checkbox]").count() == 0
    nav = page.locator("nav[aria-label='Menu principale']")
    assert nav.locator("a[href='/privacy/']").count() == 0


ENDPOINT = "https://forms.example.net/f/abc123"


@pytest.fixture(scope="module")
def endpoint_site(tmp_path_factory, serve_dir) -> str:
    """The company fixture with a form endpoint in site.yaml, built and served."""
    source = copy_sources(tmp_path_factory.mktemp("endpoint-source") / "source")
    with (source / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write(f"\nform_endpoint: {ENDPOINT}\n")
    built = build_into(tmp_path_factory.mktemp("endpoint-site") / "site", source)
    return serve_dir(built.path)


def test_a_form_endpoint_gets_the_form_and_a_honeypot(new_tab, endpoint_site: str, axe) -> None:
    page = new_tab()
    log = watch(page)
    open_contact(page, endpoint_site + "contatti/")
    form = page.locator("form#contact-form")
    assert form.get_attribute("action") == ENDPOINT
    assert form.get_attribute("method") == "post"
    assert form.get_attribute("enctype") is None
    honeypot = form.locator("input[name=_gotcha]")
    expect(honeypot).to_have_count(1)
    expect(honeypot).to_be_hidden()
    assert page.locator("[style]").count() == 0
    csp = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    assert "form-action 'self' mailto: https://forms.example.net" in csp
    expect(form).to_contain_text("forms.example.net")
    axe(page)

    # Invalid: nothing is sent. Valid: the browser posts to the endpoint (blocked here).
    form.locator("button[type=submit]").click()
    expect(page.locator("#contact-error-summary")).to_be_focused()
    assert not [url for url in log.requests if url.startswith(ENDPOINT)]
    fill(page, {"name": "Anna", "email": "anna@esempio.it", "message": "Ciao"}, plan="gold")
    with page.expect_request(ENDPOINT) as request:
        form.locator("button[type=submit]").click()
    assert request.value.method == "POST"
    posted = request.value.post_data or ""
    assert "name=Anna" in posted and "plan=gold" in posted
    assert "_gotcha=" in posted

    privacy = new_tab()
    open_contact(privacy, endpoint_site + "privacy/")
    assert "forms.example.net" in privacy.locator("main").inner_text()


def test_mailto_encoder_unit_tests() -> None:
    require("node")
    run = subprocess.run(
        [shutil.which("node"), "--test", str(REPO_ROOT / "tests/node/mailto.test.mjs")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
