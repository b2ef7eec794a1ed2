"""The browser engine (sla.js, under Node) must agree with the reference engine
(sitegen/sla/engine.py).

A seeded random draw gives a few thousand receipts biased towards the hard cases (weekends,
holidays, DST change days, window edges to the minute), read against the test plans below and
against the browser data of the company and round-the-clock fixtures' real plans. Receipts at
the ends of the carried calendar (before it, after it, deadlines past it) and a calendar a
weekday plan never covers join them. All of them go to ONE Node process, and every plan's start,
deadline, segments, error messages and the visitor's explanation (the words `sitegen sla
--explain` prints and the page shows) must match exactly.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from harness.site import fixture_source
from sitegen.pages.calendars import calendar_for_years
from sitegen.sla.calendar import Calendar
from sitegen.sla.engine import SlaError, explain
from sitegen.sla.wording import explanation_text
from sitegen.sources.load import load_offer, load_settings
from sitegen.sources.offer import Coverage, Plan, Response, sla_terms
from sitegen.sources.settings import Closure, Settings

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "node" / "parity_runner.mjs"
NODE_TESTS = ROOT / "tests" / "node" / "sla.test.mjs"
FIRST_YEAR, LAST_YEAR = 2026, 2027
RECEIPTS = 2300  # draws, nearly all distinct
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
ALL_DAYS = (*WEEKDAYS, "sat", "sun")


def plan(
    plan_id: str, days: tuple[str, ...], opens: str, closes: str, holidays: bool, hours: float
) -> Plan:
    return Plan(
        id=plan_id,
        name=plan_id.title(),
        audience="Chi prova i motori",
        response=Response(hours=hours, text=f"entro {hours:g} ore"),
        coverage=Coverage(
            days=days,
            opens=opens,
            closes=closes,
            closed_on_holidays=holidays,
            text=f"dalle {opens} alle {closes}",
        ),
        channels=("email",),
    )


# The shipped plans, plus two that reach corners the shipped ones do not: a round-the-clock
# plan closed on holidays (Sunday holidays, windows across DST changes) and a weekend night
# window that opens inside the spring gap.
PLANS = (
    plan("bronze", WEEKDAYS, "10:00", "18:00", True, 8),
    plan("silver", WEEKDAYS, "8:00", "20:00", True, 4),
    plan("gold", ALL_DAYS, "8:00", "22:00", False, 1),
    plan("sempre", ALL_DAYS, "0:00", "24:00", True, 30),
    plan("notturno", ("sat", "sun"), "2:30", "3:10", True, 0.75),
)
SETTINGS = Settings(
    name="Mister Informatica",
    email="info@misterinformatica.it",
    language="it",
    timezone="Europe/Rome",
    base_url="https://www.misterinformatica.it/",
    holiday_subdivision="MI",
    closures=(
        Closure(date=date(2026, 8, 14), name="Chiusura estiva"),
        Closure(date=date(2027, 12, 24), name="Chiusura aziendale"),
    ),
)
CALENDAR = calendar_for_years(SETTINGS, FIRST_YEAR, LAST_YEAR)
ROME = CALENDAR.zone
DST_DAYS = (date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31))
SPECIAL_DAYS = sorted(
    {
        day + timedelta(days=shift)
        for day in (*DST_DAYS, *CALENDAR.closures)
        for shift in range(-3, 4)
    }
    & {CALENDAR.first + timedelta(days=n) for n in range(730)}
)
EDGE_MINUTES = sorted(
    {c.coverage.opens_minute for c in PLANS}
    | {c.coverage.closes_minute for c in PLANS}
    | {0, 120, 180}
)


def receipt(draw: random.Random) -> int:
    """A receipt as epoch seconds: uniform, or a special day at a window edge ±1 minute."""
    if draw.randint(0, 4) == 0:
        start = datetime.combine(CALENDAR.first, time(), ROME)
        end = datetime.combine(CALENDAR.last, time(23, 59), ROME)
        return draw.randint(int(start.timestamp()), int(end.timestamp()))
    if draw.random() < 0.5:
        day = draw.choice(SPECIAL_DAYS)
    else:
        day = CALENDAR.first + timedelta(
            days=draw.randint(0, (CALENDAR.last - CALENDAR.first).days)
        )
    if draw.random() < 0.5:
        minute = draw.choice(EDGE_MINUTES) + draw.choice((-1, 0, 1))
    else:
        minute = draw.randint(0, 24 * 60 - 1)
    wall = datetime.combine(day, time()) + timedelta(
        minutes=minute, seconds=draw.choice((0, 0, 0, 1, 59))
    )
    return int(wall.replace(tzinfo=ROME, fold=draw.randint(0, 1)).timestamp())


def collect_receipts() -> list[int]:
    """The drawn receipts, the same at every run (a fixed seed), so that a mismatch found once
    is found again; all of them go to Node in one go, so nothing is left to shrink."""
    draw = random.Random(RECEIPTS)
    return sorted({receipt(draw) for _ in range(RECEIPTS)})


@dataclass(frozen=True)
class Setup:
    """A calendar and the plans read against it: one `data` object as a page embeds it."""

    name: str
    calendar: Calendar
    plans: tuple[Plan, ...]


def fixture_setup(fixture: str) -> Setup:
    """A fixture project's own plans and settings (its closures, its province), over the
    years the receipts are drawn in."""
    source = fixture_source(fixture)
    calendar = calendar_for_years(load_settings(source), FIRST_YEAR, LAST_YEAR)
    return Setup(fixture, calendar, load_offer(source).plans)


# Four days a weekday plan never covers: a weekend, a company closure and a holiday. The
# weekday plans never start; the weekend plans reach a deadline or run past the end.
CLOSED = Calendar(
    first=date(2026, 12, 5),
    last=date(2026, 12, 8),
    closures={
        date(2026, 12, 7): "Ponte dell’Immacolata",
        date(2026, 12, 8): "Immacolata Concezione",
    },
    zone=ROME,
)
# What each error of the engines says, in words the two must share; every one must be reached.
ERROR_KINDS = {
    "receipt before the calendar": "è prima del calendario disponibile",
    "receipt after the calendar": "è oltre il calendario disponibile",
    "deadline after the calendar": "La scadenza cade oltre il calendario disponibile",
    "never covered": "non copre nessuna ora",
}


def edge_receipts(calendar: Calendar) -> list[int]:
    """Epoch seconds at the calendar's ends: around its first and after-last midnights in its
    zone (UTC midnight is another day there), every half hour of its last three days (deadlines
    that run past the end), and a day a year before and after it."""
    seconds = []
    for day in (calendar.first, calendar.last + timedelta(days=1)):
        midnight = int(calendar.instant(day, 0).timestamp())
        seconds += [midnight + shift for shift in (-3600, -60, -1, 0, 1, 60, 1800, 3600)]
    end_start = calendar.instant(calendar.last - timedelta(days=2), 0).timestamp()
    seconds += [int(end_start) + 1800 * n for n in range(3 * 48)]
    for day in (calendar.first - timedelta(days=365), calendar.last + timedelta(days=365)):
        seconds.append(int(calendar.instant(day, 12 * 60).timestamp()))
    return seconds


def closed_receipts() -> list[int]:
    """Every half hour from the day before CLOSED to the day after it, window edges included."""
    start = int(CLOSED.instant(CLOSED.first - timedelta(days=1), 0).timestamp())
    days = (CLOSED.last - CLOSED.first).days + 3
    return [start + 1800 * n for n in range(days * 48)] + edge_receipts(CLOSED)


def parity_cases() -> list[tuple[Setup, Plan, int]]:
    """Every plan of every setup at its receipts: the drawn ones and the calendar's ends."""
    drawn = collect_receipts()
    setups = (
        Setup("engines", CALENDAR, PLANS),
        fixture_setup("company"),
        fixture_setup("round-the-clock"),
    )
    cases = [
        (setup, p, seconds)
        for setup in setups
        for seconds in sorted({*drawn, *edge_receipts(setup.calendar)})
        for p in setup.plans
    ]
    closed = Setup("closed", CLOSED, PLANS)
    return cases + [(closed, p, seconds) for seconds in closed_receipts() for p in PLANS]


def python_result(plan: Plan, seconds: int, calendar: Calendar) -> dict[str, Any]:
    """The reference engine's answer in the runner's shape (epoch ms)."""
    received = datetime.fromtimestamp(seconds, UTC)
    try:
        expl = explain(received, plan.coverage, plan.response.minutes, calendar)
    except SlaError as error:
        return {"error": str(error)}
    return {
        "startMs": epoch_ms(expl.start),
        "deadlineMs": epoch_ms(expl.deadline),
        "segments": [
            [epoch_ms(s.start), epoch_ms(s.end), s.covered, s.reason] for s in expl.segments
        ],
        "explanation": explanation_text(expl),
    }


def node_payload(cases: Iterable[tuple[Setup, Plan, int]]) -> dict[str, Any]:
    """What parity_runner.mjs reads: each setup's browser data once, then the cases."""
    cases = list(cases)
    setups = {setup.name: setup for setup, _, _ in cases}
    return {
        "calendars": {
            name: setup.calendar.browser_data(sla_terms(setup.plans))
            for name, setup in setups.items()
        },
        "cases": [
            {"calendar": setup.name, "plan": p.id, "receivedMs": seconds * 1000}
            for setup, p, seconds in cases
        ],
    }


def epoch_ms(moment: datetime) -> int:
    return (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)


@pytest.fixture(scope="module")
def node() -> str:
    """Node's path; missing Node fails under CI (the parity check must run there) else skips."""
    path = shutil.which("node")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed: CI must run the browser SLA engine tests")
        pytest.skip("node is not installed: the browser SLA engine tests need Node 20")
    return path


def test_browser_engine_agrees_with_reference(node: str, tmp_path: Path) -> None:
    cases = parity_cases()
    cases_file = tmp_path / "cases.json"
    cases_file.write_text(json.dumps(node_payload(cases)), encoding="utf-8")
    run = subprocess.run(
        [node, str(RUNNER), str(cases_file)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    js_results = json.loads(run.stdout)
    assert len(js_results) == len(cases)
    expected = [python_result(p, seconds, setup.calendar) for setup, p, seconds in cases]
    mismatches = [
        (setup.name, p.id, datetime.fromtimestamp(seconds, ROME).isoformat(), want, got)
        for (setup, p, seconds), want, got in zip(cases, expected, js_results, strict=True)
        if want != got
    ]
    assert not mismatches, "\n".join(map(str, mismatches[:5]))
    errors = [result["error"] for result in expected if "error" in result]
    missed = [kind for kind, words in ERROR_KINDS.items() if not any(words in e for e in errors)]
    assert not missed, f"no receipt reaches these errors: {missed}"
    outcomes = list(zip(cases, expected, strict=True))
    usual = [want for (setup, _, _), want in outcomes if setup.calendar is not CLOSED]
    failing = sum("error" in want for want in usual)
    assert failing < len(usual) / 20, "too few receipts reach a deadline to compare"
    compared = {(setup.name, p.id) for (setup, p, _), want in outcomes if "error" not in want}
    everyone = {(setup.name, p.id) for setup, p, _ in cases if setup.calendar is not CLOSED}
    assert everyone <= compared, f"plans with no deadline compared: {everyone - compared}"


def test_browser_engine_unit_tests(node: str) -> None:
    run = subprocess.run(
        [node, "--test", str(NODE_TESTS)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
