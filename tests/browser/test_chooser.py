"""The plan chooser on /piani/ ("Quale piano fa per me?"), in Chromium.

Every combination of the form's answers is compared with `recommend` below, an independent
reading of plans.yaml (PyYAML, no sitegen code): the first plan, in the file's order, that
meets every need. A second site whose Silver closes at 22:00 shows that the answers follow the
data. Also: the table shown without JavaScript, the live region and accessibility.

The tests use tabs kept open for the module, one per set of browser options (opening a tab
costs Chromium more than a visit in an open one): each visit starts from a blank page. The
shipped site's combinations are run once and read by both tests that need them; axe reads each
state of the accessibility test in the light, then the dark theme, on one visit.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from harness.axe import format_violations, load_axe, run_axe
from harness.site import build_into, copy_sources, fixture_source

WORKING_DAYS = {"mon", "tue", "wed", "thu", "fri"}
WEEKEND = {"sat", "sun"}

# Sets every field of the form from an answer dict, the way a visitor's change would arrive,
# and reads the recommendation; one call runs every combination.
DRIVE = """([answers]) => answers.map((answer) => {
    const form = document.getElementById('plan-chooser');
    form.elements.weekend.checked = answer.weekend;
    form.elements.holidays.checked = answer.holidays;
    form.elements.from.value = answer.from;
    form.elements.until.value = answer.until;
    form.elements.channel.value = answer.channel;
    form.elements.response.value = answer.response;
    form.dispatchEvent(new Event('change', {bubbles: true}));
    return document.querySelector('[data-recommended-plan]').dataset.recommendedPlan;
})"""


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def recommend(plans: list[dict[str, Any]], answer: dict[str, Any]) -> str:
    """The first plan meeting every need, or "" when none does."""
    for plan in plans:
        coverage = plan["coverage"]
        days = set(coverage["days"])
        if not (
            days >= WORKING_DAYS
            and (not answer["weekend"] or days >= WEEKEND)
            and (not answer["holidays"] or not coverage["closed_on_holidays"])
            and minutes(coverage["opens"]) <= minutes(answer["from"])
            and minutes(coverage["closes"]) >= minutes(answer["until"])
            and answer["channel"] in plan["channels"]
            and plan["response"]["hours"] <= float(answer["response"])
        ):
            continue
        return plan["id"]
    return ""


def read_plans(source: Path) -> list[dict[str, Any]]:
    return yaml.safe_load((source / "plans.yaml").read_text(encoding="utf-8"))["plans"]


def form_choices(page) -> dict[str, list[str]]:
    """The values the page offers for each field."""
    return page.evaluate(
        """() => {
            const form = document.getElementById('plan-chooser');
            const values = (name) => [...form.querySelectorAll(`[name="${name}"]`)]
                .flatMap((field) => field.tagName === 'SELECT'
                    ? [...field.options].map((option) => option.value) : [field.value]);
            return {from: values('from'), until: values('until'),
                    channel: values('channel'), response: values('response')};
        }"""
    )


def every_answer(choices: dict[str, list[str]]) -> list[dict[str, Any]]:
    fields = ("weekend", "holidays", "from", "until", "channel", "response")
    product = itertools.product(
        (False, True),
        (False, True),
        choices["from"],
        choices["until"],
        choices["channel"],
        choices["response"],
    )
    return [dict(zip(fields, values, strict=True)) for values in product]


def drive_every_answer(page, plans: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Run every combination; return {combination: {expected, actual}} for the mismatches
    and the answers themselves, so a test can compare two sites."""
    choices = form_choices(page)
    # The choices come from the data: the plans' times and hours are all offered.
    assert {p["coverage"]["opens"] for p in plans} <= set(choices["from"])
    assert {p["coverage"]["closes"] for p in plans} <= set(choices["until"])
    assert {f"{p['response']['hours']:g}" for p in plans} == set(choices["response"])
    assert set(choices["channel"]) == {c for p in plans for c in p["channels"]}
    answers = every_answer(choices)
    actual = page.evaluate(DRIVE, [answers])
    return {
        repr(answer): {"expected": recommend(plans, answer), "actual": got}
        for answer, got in zip(answers, actual, strict=True)
    }


@pytest.fixture(scope="module")
def tabs(browser_contexts) -> Iterator[Callable[..., Any]]:
    """`tabs(**context_options) -> page`: the module's tab with those options (opened once)."""
    opened: dict[str, Any] = {}

    def tab(**options):
        key = json.dumps(options, sort_keys=True)
        if key not in opened:
            opened[key] = browser_contexts(**options).new_page()
        return opened[key]

    yield tab
    for page in opened.values():
        page.close()


@pytest.fixture
def chooser(tabs) -> Callable[..., Any]:
    """`chooser(base, **context_options)`: the plans page of the site at `base`, freshly loaded
    in the module's tab with those options (a test uses one page)."""

    def open_at(base: str, **options):
        page = tabs(**options)
        page.goto("about:blank")
        page.goto(base + "piani/")
        return page

    return open_at


@pytest.fixture(scope="module")
def shipped_outcomes(tabs, site_server: str) -> Callable[[], dict]:
    """`shipped_outcomes()`: `drive_every_answer` on the company fixture's site, run by the
    first test that calls it (its failure is that test's) and kept for the next."""

    @functools.cache
    def outcomes() -> dict[str, dict[str, str]]:
        page = tabs()
        page.goto("about:blank")
        page.goto(site_server + "piani/")
        return drive_every_answer(page, read_plans(fixture_source()))

    return outcomes


def test_every_combination_follows_plans_yaml(shipped_outcomes) -> None:
    outcomes = shipped_outcomes()
    assert len(outcomes) >= 300
    wrong = {k: v for k, v in outcomes.items() if v["expected"] != v["actual"]}
    assert not wrong, f"{len(wrong)} wrong answers, e.g. {list(wrong.items())[:3]}"
    # Every plan is the answer somewhere, and so is "no plan fits".
    assert {v["actual"] for v in outcomes.values()} == {"bronze", "silver", "gold", ""}


@pytest.fixture(scope="module")
def later_silver(tmp_path_factory: pytest.TempPathFactory, serve_dir) -> tuple[str, Path]:
    """A site built from a copy of the sources in which Silver closes at 22:00."""
    source = copy_sources(tmp_path_factory.mktemp("later-silver") / "src")
    plans_file = source / "plans.yaml"
    text = plans_file.read_text(encoding="utf-8")
    edited = text.replace('closes: "20:00"', 'closes: "22:00"')
    assert edited.count("22:00") == text.count("22:00") + 1, "plans.yaml changed shape"
    plans_file.write_text(edited, encoding="utf-8")
    build = build_into(source.parent / "site", source)
    return serve_dir(build.path), source


def test_answers_follow_the_data(chooser, shipped_outcomes, later_silver) -> None:
    base, source = later_silver
    outcomes = drive_every_answer(chooser(base), read_plans(source))
    wrong = {k: v for k, v in outcomes.items() if v["expected"] != v["actual"]}
    assert not wrong, f"{len(wrong)} wrong answers, e.g. {list(wrong.items())[:3]}"
    shipped = shipped_outcomes()
    moved = {k for k in outcomes if outcomes[k]["actual"] != shipped[k]["actual"]}
    # Help until 22:00 on working days by email or phone, within 4 hours: Gold before, Silver now.
    weekday_evening = repr(
        {
            "weekend": False,
            "holidays": False,
            "from": "08:00",
            "until": "22:00",
            "channel": "phone",
            "response": "4",
        }
    )
    assert weekday_evening in moved
    assert outcomes[weekday_evening]["actual"] == "silver"


def test_recommendation_explains_and_links_to_contact(chooser, site_server: str) -> None:
    page = chooser(site_server)
    page.check("#plan-chooser [name=channel][value=phone]")
    result = page.locator("#chooser-result")
    expect(result).to_have_attribute("data-recommended-plan", "silver")
    # The need next to the plan's words, and what Bronze lacks.
    expect(result).to_contain_text(
        "Il contatto tramite telefono: «Modalità di contatto: email, telefono»"
    )
    expect(result).to_contain_text("Perché non Bronze")
    expect(result).to_contain_text("solo in Silver e Gold")
    link = result.get_by_role("link", name="Chiedi informazioni sul piano Silver")
    expect(link).to_have_attribute("href", "/contatti/?plan=silver")
    expect(page.locator("#quale-piano blockquote")).to_contain_text(
        "Proponiamo solo soluzioni utili e proporzionate alle esigenze."
    )
    link.click()
    expect(page.locator("#contact-form [name=plan]")).to_have_value("silver")


def test_no_plan_fits_says_so(chooser, site_server: str) -> None:
    page = chooser(site_server)
    page.check("#plan-chooser [name=weekend]")
    page.select_option("#plan-chooser [name=until]", "23:00")
    result = page.locator("#chooser-result")
    expect(result).to_have_attribute("data-recommended-plan", "")
    expect(result).to_contain_text("Nessun piano copre tutto ciò che ti serve.")
    # Gold misses only the hour; Bronze and Silver also miss the weekend.
    expect(result).to_contain_text("Il più vicino è Gold, ma non copre assistenza fino alle 23:00")
    expect(result.get_by_role("link", name="Scrivici")).to_have_attribute("href", "/contatti/")


def test_submit_updates_too(chooser, site_server: str) -> None:
    page = chooser(site_server)
    page.evaluate("() => { document.getElementById('plan-chooser').channel.value = 'chat'; }")
    expect(page.locator("#chooser-result")).to_be_hidden()
    page.click("#plan-chooser [type=submit]")
    expect(page.locator("#chooser-result")).to_have_attribute("data-recommended-plan", "gold")


def test_no_verdict_before_the_first_answer(chooser, site_server: str) -> None:
    page = chooser(site_server)
    expect(page.locator("#plan-chooser")).to_be_visible()
    expect(page.locator("#chooser-result")).to_be_hidden()
    expect(page.locator("[data-chooser-bar]")).to_be_hidden()
    assert page.locator("[data-chooser-status]").text_content() == ""


_IN_VIEW = """(element) => {
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
}"""


def test_the_verdict_stays_in_view_while_answering(chooser, site_server: str) -> None:
    """At 360 x 800, after each answer the visitor can read the verdict without scrolling."""
    page = chooser(site_server, viewport={"width": 360, "height": 800})
    bar = page.locator("[data-chooser-bar]")
    answers = [
        ("check", "#chooser-weekend", None, "Piano consigliato: Gold."),
        ("check", "#chooser-weekend", "uncheck", "Piano consigliato: Bronze."),
        ("select", "#chooser-from", "08:00", "Piano consigliato: Silver."),
        ("select", "#chooser-response", "1", "Piano consigliato: Gold."),
    ]
    for kind, selector, value, verdict in answers:
        field = page.locator(selector)
        field.scroll_into_view_if_needed()
        if kind == "select":
            field.select_option(value)
        elif value == "uncheck":
            field.uncheck()
        else:
            field.check()
        expect(bar).to_have_text(verdict)
        assert bar.evaluate(_IN_VIEW), f"{verdict} is out of view"
        assert field.evaluate(_IN_VIEW), f"{selector} is hidden by the verdict"


def test_only_the_needs_answered_are_listed(chooser, site_server: str) -> None:
    page = chooser(site_server)
    page.check("#plan-chooser [name=channel][value=phone]")
    reasons = page.locator("#chooser-result h3:has-text('Perché Silver') + ul li")
    expect(reasons).to_have_count(1)
    expect(reasons).to_have_text(
        "Il contatto tramite telefono: «Modalità di contatto: email, telefono»"
    )


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [
        (
            ["#chooser-channel-phone", "#chooser-channel-email"],
            "Ti basta il piano Bronze: è il più semplice e copre tutto",
        ),
        (["#chooser-channel-phone"], "Ti consigliamo il piano Silver: è il più semplice che copre"),
        (["#chooser-channel-chat"], "Ti serve il piano Gold: è l’unico che copre tutto"),
    ],
)
def test_each_plan_is_introduced_in_fitting_words(
    chooser, site_server: str, answers: list[str], verdict: str
) -> None:
    page = chooser(site_server)
    for answer in answers:
        page.check(answer)
    expect(page.locator("#chooser-result .chooser-verdict")).to_contain_text(verdict)


def test_without_javascript_a_table_answers(chooser, site_server: str) -> None:
    page = chooser(site_server, java_script_enabled=False)
    expect(page.locator("#plan-chooser")).to_be_hidden()
    table = page.locator("#quale-piano table")
    expect(table).to_be_visible()

    def answer(question: str) -> str:
        row = table.locator("tr", has=page.locator("th", has_text=question))
        return row.locator("td").inner_text()

    # Worked out from plans.yaml by hand.
    assert answer("anche il sabato e la domenica") == "Gold"
    assert answer("anche nei giorni festivi") == "Gold"
    assert answer("dalle 8:00") == "Silver, Gold"
    assert answer("fino alle 20:00") == "Silver, Gold"
    assert answer("tramite telefono") == "Silver, Gold"
    assert answer("entro 1 ora") == "Gold"
    assert answer("fino alle 23:00") == "Nessun piano: scrivici"


def test_one_announcement_per_answer(chooser, site_server: str) -> None:
    page = chooser(site_server)
    live = page.locator("#quale-piano [aria-live]")
    expect(live).to_have_count(1)
    expect(live).to_have_attribute("aria-live", "polite")
    assert page.locator("#chooser-result[aria-live], #chooser-result [aria-live]").count() == 0
    page.evaluate(
        """() => {
            window.announced = [];
            const live = document.querySelector('#quale-piano [aria-live]');
            new MutationObserver(() => window.announced.push(live.textContent))
                .observe(live, {childList: true, characterData: true, subtree: true});
        }"""
    )
    page.check("#plan-chooser [name=channel][value=phone]")
    page.check("#plan-chooser [name=channel][value=chat]")
    page.check("#plan-chooser [name=channel][value=email]")
    expect(page.locator("#chooser-result")).to_have_attribute("data-recommended-plan", "bronze")
    assert page.evaluate("window.announced") == [
        "Piano consigliato: Silver.",
        "Piano consigliato: Gold.",
        "Piano consigliato: Bronze.",
    ]


SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def result_axe(tabs, site_server: str) -> dict[str, list[str]]:
    """{scheme: axe's reports on #quale-piano} with a plan recommended, then with none, each
    read in the light and the dark theme on one visit."""
    page = tabs()
    reports: dict[str, list[str]] = {scheme: [] for scheme in SCHEMES}

    def axe_in_both_themes(state: str) -> None:
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            violations = run_axe(page, "#quale-piano")
            if violations:
                where = f"{page.url} ({scheme} theme, {state})"
                reports[scheme].append(format_violations(violations, where))

    try:
        page.goto("about:blank")
        page.goto(site_server + "piani/")
        page.check("#plan-chooser [name=weekend]")
        page.select_option("#plan-chooser [name=response]", "1")
        expect(page.locator("#chooser-result")).to_have_attribute("data-recommended-plan", "gold")
        load_axe(page)
        axe_in_both_themes("Gold recommended")
        page.emulate_media(color_scheme="light")
        page.select_option("#plan-chooser [name=until]", "23:00")
        expect(page.locator("#chooser-result")).to_have_attribute("data-recommended-plan", "")
        axe_in_both_themes("no plan fits")
    finally:
        page.emulate_media(color_scheme="light")  # the context's own
    return reports


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_clean_with_a_result(result_axe, scheme: str) -> None:
    reports = result_axe[scheme]
    assert not reports, "\n".join(reports)
