"""The SLA calculator on /piani/, in Chromium: the deadlines of the issue's table, Rome time
whatever the visitor's zone, the explanation, accessibility, and the page without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

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


@pytest.fixture
def calculator(site_server: str, new_page):
    """Open the plans page in a visitor's browser; the visitor's zone is a parameter."""

    def open_in(zone: str = "Europe/Rome", **options):
        page = new_page(timezone_id=zone, **options)
        page.goto(site_server + "piani/")
        return page

    return open_in


def set_received(page, value: str) -> None:
    page.fill("#sla-calculator [name=received_at]", value)


@pytest.mark.parametrize("zone", ["Europe/Rome", "America/New_York", "Asia/Tokyo"])
def test_deadlines_of_the_issue_table(calculator, zone: str) -> None:
    page = calculator(zone)
    for plan, received, expected in EXAMPLES:
        set_received(page, received)
        result = page.locator(f'[data-sla-result="{plan}"]')
        expect(result).to_have_attribute("data-deadline", expected)


def test_every_plan_gets_a_deadline_in_italian(calculator) -> None:
    page = calculator()
    set_received(page, "2026-12-04T17:00")
    bronze = page.locator('[data-sla-result="bronze"]')
    expect(bronze).to_contain_text("Risposta entro lunedì 7 dicembre, ore 17:00")
    expect(page.locator('[data-sla-result="silver"]')).to_contain_text(
        "Risposta entro lunedì 7 dicembre, ore 9:00"
    )
    expect(page.locator('[data-sla-result="gold"]')).to_contain_text(
        "Risposta entro venerdì 4 dicembre, ore 18:00"
    )


def test_explanation_names_the_holiday_and_the_start(calculator) -> None:
    page = calculator()
    # Tuesday 8 December is a holiday: Bronze starts counting on Wednesday at 10:00.
    set_received(page, "2026-12-08T08:00")
    bronze = page.locator('[data-sla-result="bronze"]')
    expect(bronze).to_have_attribute("data-deadline", "2026-12-09T18:00:00+01:00")
    expect(bronze).to_contain_text("Immacolata Concezione")
    expect(bronze).to_contain_text("Il conteggio parte mercoledì 9 dicembre, ore 10:00")
    expect(bronze.locator("svg.sla-timeline rect")).not_to_have_count(0)


def test_a_visitor_abroad_also_sees_their_own_time(calculator) -> None:
    page = calculator("America/New_York")
    set_received(page, "2026-12-04T17:00")
    bronze = page.locator('[data-sla-result="bronze"]')
    expect(bronze).to_contain_text("America/New_York")
    expect(bronze).to_contain_text("11:00")  # 17:00 in Rome is 11:00 in New York


def test_defaults_to_now(calculator) -> None:
    page = calculator()
    value = page.input_value("#sla-calculator [name=received_at]")
    assert value, "the field should start at the current Rome time"
    assert page.locator("[data-sla-result][data-deadline]").count() == 3


def test_a_date_past_the_carried_calendar_gets_a_message(calculator) -> None:
    page = calculator()
    set_received(page, "2099-01-04T10:00")
    bronze = page.locator('[data-sla-result="bronze"]')
    expect(bronze).to_contain_text("oltre il calendario")
    assert bronze.get_attribute("data-deadline") is None


def test_results_are_announced_politely(calculator) -> None:
    page = calculator()
    live = page.locator(".sla-results")
    expect(live).to_have_attribute("aria-live", "polite")
    assert live.locator("[data-sla-result]").count() == 3


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


def test_axe_clean_with_results_shown(calculator, axe) -> None:
    page = calculator()
    set_received(page, "2026-12-24T19:00")
    expect(page.locator('[data-sla-result="silver"]')).to_have_attribute(
        "data-deadline", "2026-12-28T11:00:00+01:00"
    )
    axe(page)


def test_without_javascript_the_rule_is_explained(calculator) -> None:
    page = calculator(java_script_enabled=False)
    expect(page.locator("#sla-calculator")).to_be_hidden()
    expect(page.locator("#sla")).to_contain_text("si conta solo nelle ore coperte")
    assert page.locator("[data-sla-result][data-deadline]").count() == 0
