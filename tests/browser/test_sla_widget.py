"""The SLA calculator on /tempi-di-risposta/, in Chromium: the deadlines of the issue's table,
Rome time whatever the visitor's zone, the explanation (the same words as `sitegen sla
--explain`), wall-clock times on the clock-change days (the same deadlines as `sitegen sla`),
one announcement per settled value, accessibility, and the page without JavaScript.

The tests that type share one visit per site, zone and set of browser options: each sets the
field before it reads, and the page computes every answer from the field alone. A table of
receipts is typed in the page in one call, as Playwright's `fill` types (focus, value, input and
change events). The tests that only read the page as it arrives share another visit, and so do
those that read it without JavaScript; axe reads the page in the light, then the dark theme.
The announcement test has a page and a clock of its own (Playwright's): the debounce's second
passes at once, and the test says how long the visitor pauses between keys.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from harness.axe import format_violations, load_axe, run_axe
from harness.browser import CONTEXT_DEFAULTS
from harness.cli import run_cli
from harness.site import fixture_site, fixture_source

# (plan, received in Rome time, guaranteed deadline): the issue's table, worked out by hand.
EXAMPLES = [
    ("bronze", "2026-12-04T17:00", "2026-12-07T17:00:00+01:00"),
    ("bronze", "2026-12-07T12:00", "2026-12-09T12:00:00+01:00"),
    ("bronze", "2026-11-30T18:00", "2026-12-01T18:00:00+01:00"),
    ("bronze", "2027-10-01T15:00", "2027-10-05T15:00:00+02:00"),
    ("silver", "2026-12-24T19:00", "2026-12-28T11:00:00+01:00"),
    ("gold", "2026-12-25T21:30", "2026-12-26T08:30:00+01:00"),
    ("gold", "2026-10-24T21:30", "2026-10-25T08:30:00+01:00"),
]


def zone_options(zone: str, options: dict) -> dict:
    """Context options for a visitor in `zone` (Rome is the default's zone: its context)."""
    return options if zone == CONTEXT_DEFAULTS["timezone_id"] else {"timezone_id": zone, **options}


@pytest.fixture(scope="module")
def visits(browser_contexts) -> Iterator[Callable[..., object]]:
    """`visits(url, purpose, **context_options) -> page`: one tab per page, purpose and set of
    options, opened on the first call and kept for the module."""
    pages: dict[str, object] = {}

    def visit(url: str, purpose: str, **options):
        key = json.dumps([url, purpose, options], sort_keys=True)
        if key not in pages:
            pages[key] = browser_contexts(**options).new_page()
            response = pages[key].goto(url)
            assert response is not None and response.status == 200, url
        return pages[key]

    yield visit
    for page in pages.values():
        page.close()


@pytest.fixture(scope="module")
def calculator(site_server: str, visits) -> Callable[..., object]:
    """`calculator(zone="Europe/Rome", site=None, **options)`: the calculator's page (of the
    site at base URL `site`, the company fixture's by default) in a visitor's browser, for a
    test that types into it. The tests with one zone and set of options share a visit: each
    sets the field before it reads, and the page computes every answer from the field alone."""

    def open_in(zone: str = "Europe/Rome", site: str | None = None, **options):
        url = (site or site_server) + "tempi-di-risposta/"
        return visits(url, "typed into", **zone_options(zone, options))

    return open_in


@pytest.fixture(scope="module")
def arrived(site_server: str, visits) -> Callable[..., object]:
    """`arrived(**options)`: the calculator's page as it arrives, shared by the tests that only
    read it (none of them types, clicks or focuses)."""
    return lambda **options: visits(site_server + "tempi-di-risposta/", "read", **options)


# Playwright's `fill` on a datetime-local field, then every plan's deadline, for each receipt.
TYPE_RECEIPTS = """(receipts) => {
    const input = document.querySelector('#sla-calculator [name=received_at]');
    return receipts.map((value) => {
        input.focus();
        input.value = value;
        if (input.value !== value) throw new Error(`malformed value ${value}`);
        input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
        input.dispatchEvent(new Event('change', {bubbles: true}));
        return Object.fromEntries([...document.querySelectorAll('[data-sla-result]')]
            .map((box) => [box.dataset.slaResult, box.getAttribute('data-deadline')]));
    });
}"""


def set_received(page, value: str) -> None:
    page.fill("#sla-calculator [name=received_at]", value)


def type_receipts(page, receipts: list[str]) -> list[dict[str, str | None]]:
    """Type each receipt into the field in turn: [{plan: data-deadline} after each]."""
    return page.evaluate(TYPE_RECEIPTS, receipts)


@pytest.mark.parametrize("zone", ["Europe/Rome", "America/New_York", "Asia/Tokyo"])
def test_deadlines_of_the_issue_table(calculator, zone: str) -> None:
    page = calculator(zone)
    shown = type_receipts(page, [received for _, received, _ in EXAMPLES])
    wrong = [
        f"{plan} received {received}: expected {expected}, shown {deadlines[plan]}"
        for (plan, received, expected), deadlines in zip(EXAMPLES, shown, strict=True)
        if deadlines[plan] != expected
    ]
    assert not wrong, "\n".join(wrong)


def test_every_plan_gets_a_deadline_in_italian(calculator) -> None:
    page = calculator()
    set_received(page, "2026-12-04T17:00")
    bronze = page.locator('[data-sla-result="bronze"]')
    expect(bronze).to_contain_text("Risposta entro lunedì 7 dicembre alle 17:00")
    expect(page.locator('[data-sla-result="silver"]')).to_contain_text(
        "Risposta entro lunedì 7 dicembre alle 9:00"
    )
    expect(page.locator('[data-sla-result="gold"]')).to_contain_text(
        "Risposta entro venerdì 4 dicembre alle 18:00"
    )


def test_explanation_names_the_holiday_and_the_start(calculator) -> None:
    page = calculator()
    # Tuesday 8 December is a holiday: Bronze starts counting on Wednesday at 10:00.
    set_received(page, "2026-12-08T08:00")
    bronze = page.locator('[data-sla-result="bronze"]')
    expect(bronze).to_have_attribute("data-deadline", "2026-12-09T18:00:00+01:00")
    expect(bronze).to_contain_text("Immacolata Concezione")
    expect(bronze).to_contain_text("Il conteggio parte mercoledì 9 dicembre alle 10:00")
    expect(bronze.locator("svg.sla-timeline rect")).not_to_have_count(0)


def test_the_time_is_echoed_in_italian_words(calculator) -> None:
    """An English browser shows the field as 12/4/2026, 5:00 PM: the page says it in Italian."""
    page = calculator("America/New_York", locale="en-US")
    set_received(page, "2026-12-04T17:00")
    expect(page.locator("#sla-calculator")).to_contain_text(
        "Richiesta inviata venerdì 4 dicembre 2026 alle 17:00, ora italiana."
    )


def test_timeline_only_where_something_is_skipped(calculator) -> None:
    page = calculator()
    set_received(page, "2026-12-04T17:00")  # Friday: Bronze waits for Monday, Gold answers by 18
    bronze = page.locator('[data-sla-result="bronze"]')
    gold = page.locator('[data-sla-result="gold"]')
    expect(gold).to_have_attribute("data-deadline", "2026-12-04T18:00:00+01:00")
    expect(gold.locator("svg")).to_have_count(0)
    expect(bronze.locator("svg.sla-timeline")).to_have_count(1)
    # The bar and its legend repeat the explanation: hidden from assistive technology.
    expect(bronze.locator(".sla-timeline-box")).to_have_attribute("aria-hidden", "true")


def test_worked_example_under_each_response_time(arrived) -> None:
    """Worked out by hand: 30 minutes before the last closing of the week, the rest at the
    next opening (Bronze 7.5 h from Monday 10:00, Silver 3.5 h from 8:00, Gold 30 min)."""
    page = arrived(java_script_enabled=False)
    examples = {
        "bronze": "una richiesta di venerdì alle 17:30 riceve risposta entro lunedì alle 17:30",
        "silver": "una richiesta di venerdì alle 19:30 riceve risposta entro lunedì alle 11:30",
        "gold": "una richiesta di domenica alle 21:30 riceve risposta entro lunedì alle 8:30",
    }
    for plan, text in examples.items():
        expect(page.locator(f'[data-sla-result="{plan}"] .sla-example')).to_have_text(
            f"Per esempio, {text}."
        )


def test_silver_holidays_are_our_reading(arrived) -> None:
    page = arrived()
    note = "Il documento non dice se Silver copre le festività"
    expect(page.locator('[data-sla-result="silver"]')).to_contain_text(note)
    expect(page.locator('[data-sla-result="silver"]')).to_contain_text("È una nostra lettura.")
    assert page.locator("#sla").get_by_text(note).count() == 1


def test_the_page_says_how_far_the_calendar_reaches(arrived) -> None:
    page = arrived()
    last = date.fromisoformat(json.loads(page.locator("#sla-data").text_content())["last"])
    assert (last.month, last.day) == (12, 31)
    expect(page.locator("#sla-calculator")).to_contain_text(
        f"Festività aggiornate fino al 31 dicembre {last.year}."
    )


def test_a_visitor_abroad_also_sees_their_own_time(calculator) -> None:
    page = calculator("America/New_York")
    set_received(page, "2026-12-04T17:00")
    bronze = page.locator('[data-sla-result="bronze"]')
    expect(bronze).to_contain_text("America/New_York")
    expect(bronze).to_contain_text("11:00")  # 17:00 in Rome is 11:00 in New York


def test_answers_for_now_on_arrival(arrived) -> None:
    """The heading asks "if you write now": the field starts at the current Rome time and every
    plan's answer is there as the page loads, first in one line each, with nothing announced."""
    page = arrived()
    value = page.input_value("#sla-calculator [name=received_at]")
    assert value, "the field should start at the current Rome time"
    assert page.locator("[data-sla-result][data-deadline]").count() == 3
    lines = page.locator("[data-sla-summary]")
    assert lines.count() == 3
    for text in lines.all_inner_texts():
        assert re.fullmatch(r"entro \w+ \d+ \w+ alle \d+:\d\d", text), text
    assert page.locator("[data-sla-status]").text_content() == ""
    first_card = page.locator("[data-sla-result]").first.bounding_box()
    summary = page.locator(".sla-summaries").bounding_box()
    assert summary["y"] < first_card["y"], "the summary comes before the detail"


def test_a_date_past_the_carried_calendar_gets_one_message(calculator) -> None:
    page = calculator()
    set_received(page, "2099-01-04T10:00")
    message = page.locator("#sla").get_by_text("le festività sono aggiornate solo per questo")
    expect(message).to_have_count(1)
    assert page.locator("#sla .sla-error").count() == 1
    assert page.locator("[data-sla-result][data-deadline]").count() == 0


def announcements(page) -> list[str]:
    return page.evaluate("window.announced")


def test_one_announcement_per_settled_value(site_server: str, new_page) -> None:
    """Each keystroke in the field fires an input event; the live region speaks once, after
    the value settles, with one short summary. A submit speaks at once."""
    page = new_page(own_context=True)
    # The page's timers on Playwright's clock, stopped before the page loads: the page's "now"
    # is the real one, and only `run_for` moves time on. (The clock starts a minute early, as
    # it can only be stopped at a time it has not reached yet.)
    now = datetime.now().astimezone()
    page.clock.install(time=now - timedelta(minutes=1))
    page.clock.pause_at(now)
    page.goto(site_server + "tempi-di-risposta/")
    field = page.locator("#sla-calculator [name=received_at]")
    set_received(page, "2026-12-04T17:00")
    page.clock.run_for(1500)  # let the page settle before listening
    page.evaluate(
        """() => {
            window.announced = [];
            window.inputs = 0;
            const live = document.querySelector('#sla [aria-live]');
            new MutationObserver(() => window.announced.push(live.textContent))
                .observe(live, {childList: true, characterData: true, subtree: true});
            document.getElementById('sla-calculator')
                .addEventListener('input', () => { window.inputs += 1; });
        }"""
    )
    field.focus()  # the first part of the date (day or month, by the browser's language)
    for _ in range(6):
        page.keyboard.press("ArrowUp")
        page.clock.run_for(80)  # the pause between two keystrokes
    assert page.evaluate("window.inputs") == 6
    assert announcements(page) == []
    page.clock.run_for(1500)
    names = {"bronze": "Bronze", "silver": "Silver", "gold": "Gold"}
    shown = {
        plan: page.locator(f'[data-sla-result="{plan}"] .sla-deadline strong').inner_text()
        for plan in names
    }
    deadlines = [f"{name} entro {shown[plan]}" for plan, name in names.items()]
    assert announcements(page) == ["; ".join(deadlines)]
    set_received(page, "2026-12-04T17:00")
    page.click("#sla-calculator [type=submit]")
    assert announcements(page)[1:] == [
        "Bronze entro lunedì 7 dicembre alle 17:00; Silver entro lunedì 7 dicembre alle 9:00; "
        "Gold entro venerdì 4 dicembre alle 18:00"
    ]
    page.clock.run_for(1500)  # the pending announcement says the same: nothing more
    assert len(announcements(page)) == 2
    # The cards are not live regions: only the summary is spoken.
    assert page.locator("#sla [aria-live]").count() == 1
    expect(page.locator("#sla [aria-live]")).to_have_attribute("aria-live", "polite")


def rome_receipts(year: int, count: int) -> list[str]:
    """Receipts spread over the year, every 29 h 13 min from 1 January (all weekdays and
    hours, holidays and clock changes included), as datetime-local values."""
    start = datetime(year, 1, 1, 0, 7)
    return [(start + timedelta(minutes=1753 * n)).strftime("%Y-%m-%dT%H:%M") for n in range(count)]


def test_explanations_match_the_cli(calculator) -> None:
    """The page and `sitegen sla --explain` say the same words, for 300 receipts per plan."""
    page = calculator()
    year = date.fromisoformat(json.loads(page.locator("#sla-data").text_content())["first"]).year
    receipts = rome_receipts(year + 1, 300)
    on_page = page.evaluate(
        """([receipts]) => receipts.map((value) => {
            const input = document.querySelector('#sla-calculator [name=received_at]');
            input.value = value;
            input.dispatchEvent(new Event('input', {bubbles: true}));
            return Object.fromEntries([...document.querySelectorAll('[data-sla-result]')]
                .map((box) => [box.dataset.slaResult,
                               box.querySelector('.sla-explain')?.textContent]));
        })""",
        [receipts],
    )
    args = [arg for receipt in receipts for arg in ("--at", receipt)]
    for plan in ("bronze", "silver", "gold"):
        # In-process, as the other CLI tests run it (test_build starts `python -m sitegen`).
        run = run_cli("sla", plan, *args, "--explain", "--source", str(fixture_source()))
        assert run.status == 0, run.stderr
        lines = run.stdout.splitlines()
        assert len(lines) == 2 * len(receipts)
        cli = [line.strip() for line in lines[1::2]]
        page_texts = [texts[plan] for texts in on_page]
        mismatches = [
            (receipt, a, b)
            for receipt, a, b in zip(receipts, cli, page_texts, strict=True)
            if a != b
        ]
        assert not mismatches, f"{plan}: {len(mismatches)} differ, e.g. {mismatches[:2]}"


# Wall-clock times on the clock-change days: on 28 March 2027 Rome's clocks jump from 2:00 to
# 3:00, so 2:00-2:59 never happens; on 25 October 2026 they go back from 3:00 to 2:00, so
# 2:00-2:59 happens twice. The minutes before, in and after each.
CLOCK_CHANGE_RECEIPTS = [
    *(f"2027-03-28T{clock}" for clock in ("01:59", "02:00", "02:30", "02:59", "03:00", "03:30")),
    *(f"2026-10-25T{clock}" for clock in ("01:59", "02:00", "02:30", "02:59", "03:00", "03:30")),
]


@pytest.fixture(scope="module")
def fixture_server(serve_dir):
    """`fixture_server(name) -> base URL` of a fixture's built site, one server per fixture."""
    return functools.cache(lambda fixture: serve_dir(fixture_site(fixture).path))


def page_deadlines(page, receipts: list[str]) -> dict[str, dict[str, str | None]]:
    """{plan: {receipt: data-deadline}} after typing each receipt into the field."""
    found: dict[str, dict[str, str | None]] = {}
    for receipt, deadlines in zip(receipts, type_receipts(page, receipts), strict=True):
        for plan, deadline in deadlines.items():
            found.setdefault(plan, {})[receipt] = deadline
    return found


def cli_deadlines(fixture: str, plan: str, receipts: list[str]) -> dict[str, str]:
    """{receipt: deadline} from `sitegen sla PLAN --at ...` on the fixture's sources."""
    at = [arg for receipt in receipts for arg in ("--at", receipt)]
    outcome = run_cli("sla", plan, *at, "--source", str(fixture_source(fixture)))
    assert outcome.status == 0, outcome.stderr
    return dict(zip(receipts, outcome.stdout.splitlines(), strict=True))


@pytest.mark.parametrize("zone", ["Europe/Rome", "America/New_York"])
@pytest.mark.parametrize("fixture", ["company", "round-the-clock"])
def test_clock_change_days_match_the_cli(calculator, fixture_server, fixture, zone) -> None:
    """In the spring gap and the repeated autumn hour the page reads the typed time as
    `sitegen sla` does, whatever the visitor's own zone (New York changes on other days)."""
    page = calculator(zone, site=fixture_server(fixture))
    on_page = page_deadlines(page, CLOCK_CHANGE_RECEIPTS)
    assert len(on_page) >= 2
    for plan, deadlines in on_page.items():
        assert deadlines == cli_deadlines(fixture, plan, CLOCK_CHANGE_RECEIPTS), plan


def test_clock_change_days_round_the_clock(calculator, fixture_server) -> None:
    """Worked out by hand for Sempre (every minute counts, 30 minutes): 2:30 in the spring gap
    moves forward to 3:30 summer time; 2:30 in the repeated hour is the earlier, summer-time
    one, and 30 real minutes later the clock reads 2:00 winter time."""
    page = calculator(site=fixture_server("round-the-clock"))
    deadlines = page_deadlines(page, ["2027-03-28T02:30", "2026-10-25T02:30"])["sempre"]
    assert deadlines == {
        "2027-03-28T02:30": "2027-03-28T04:00:00+02:00",
        "2026-10-25T02:30": "2026-10-25T02:00:00+01:00",
    }


def test_keyboard_only(calculator) -> None:
    page = calculator()
    field = page.locator("#sla-calculator [name=received_at]")
    field.fill("")
    field.focus()
    now_button = page.locator("#sla-calculator [data-sla-now]")
    for _ in range(12):  # Tab through the date and time parts of the field
        page.keyboard.press("Tab")
        if now_button.evaluate("button => button === document.activeElement"):
            break
    expect(now_button).to_be_focused()
    page.keyboard.press("Enter")
    expect(field).not_to_have_value("")
    assert page.locator("[data-sla-result][data-deadline]").count() == 3


SCHEMES = ("light", "dark")


def axe_in_both_themes(page) -> dict[str, list[dict]]:
    """{scheme: axe's violations} with the page in the light, then the dark theme."""
    load_axe(page)
    found = {}
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        found[scheme] = run_axe(page)
    return found


@pytest.fixture(scope="module")
def results_shown_axe(calculator) -> dict[str, tuple[str, list[dict]]]:
    """{scheme: (URL, axe's violations)} on the calculator showing Silver's Christmas
    deadline, in both themes: one run of the light and dark tests."""
    page = calculator()
    set_received(page, "2026-12-24T19:00")
    expect(page.locator('[data-sla-result="silver"]')).to_have_attribute(
        "data-deadline", "2026-12-28T11:00:00+01:00"
    )
    try:
        found = axe_in_both_themes(page)
    finally:
        page.emulate_media(color_scheme="light")  # the context's own
    return {scheme: (page.url, violations) for scheme, violations in found.items()}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_clean_with_results_shown(results_shown_axe, scheme: str) -> None:
    url, violations = results_shown_axe[scheme]
    assert not violations, format_violations(violations, f"{url} ({scheme} theme)")


def test_without_javascript_the_rule_is_explained(arrived) -> None:
    page = arrived(java_script_enabled=False)
    expect(page.locator("#sla-calculator")).to_be_hidden()
    expect(page.locator("#sla")).to_contain_text("si conta solo nelle ore coperte")
    assert page.locator("[data-sla-result][data-deadline]").count() == 0
