"""The browser engine (sla.js, under Node) must agree with the reference engine
(sitegen/sla/engine.py).

Hypothesis draws a few thousand receipts biased towards the hard cases (weekends, holidays,
DST change days, window edges to the minute); all of them go to ONE Node process, and every
plan's start, deadline, segments, error messages and the visitor's explanation (the words
`sitegen sla --explain` prints and the page shows) must match exactly.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.italian import explanation_text
from sitegen.models import Closure, Coverage, Plan, Response, Settings
from sitegen.sla.calendar import Calendar
from sitegen.sla.engine import SlaError, explain

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "node" / "parity_runner.mjs"
NODE_TESTS = ROOT / "tests" / "node" / "sla.test.mjs"
FIRST_YEAR, LAST_YEAR = 2026, 2027
RECEIPTS = 3000  # draws; about three in four are distinct
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
CALENDAR = Calendar.for_years(SETTINGS, FIRST_YEAR, LAST_YEAR)
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


@st.composite
def receipts(draw: st.DrawFn) -> int:
    """A receipt as epoch seconds: uniform, or a special day at a window edge ±1 minute."""
    if draw(st.integers(0, 4)) == 0:
        start = datetime.combine(CALENDAR.first, time(), ROME)
        end = datetime.combine(CALENDAR.last, time(23, 59), ROME)
        return draw(st.integers(int(start.timestamp()), int(end.timestamp())))
    day = draw(
        st.one_of(
            st.sampled_from(SPECIAL_DAYS),
            st.dates(CALENDAR.first, CALENDAR.last),
        )
    )
    if draw(st.booleans()):
        minute = draw(st.sampled_from(EDGE_MINUTES)) + draw(st.sampled_from((-1, 0, 1)))
    else:
        minute = draw(st.integers(0, 24 * 60 - 1))
    wall = datetime.combine(day, time()) + timedelta(
        minutes=minute, seconds=draw(st.sampled_from((0, 0, 0, 1, 59)))
    )
    return int(wall.replace(tzinfo=ROME, fold=draw(st.integers(0, 1))).timestamp())


def collect_receipts() -> list[int]:
    """Draw the receipts up front (deterministically) so they can be sent to Node in one go."""
    found: list[int] = []

    @settings(
        max_examples=RECEIPTS,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(receipts())
    def gather(seconds: int) -> None:
        found.append(seconds)

    gather()
    return sorted(set(found))


def python_result(plan: Plan, seconds: int) -> dict[str, Any]:
    """The reference engine's answer in the runner's shape (epoch ms)."""
    received = datetime.fromtimestamp(seconds, UTC)
    try:
        expl = explain(received, plan.coverage, plan.response.minutes, CALENDAR)
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
    cases = [(p, seconds) for seconds in collect_receipts() for p in PLANS]
    payload = {
        "data": CALENDAR.browser_data(PLANS),
        "cases": [{"plan": p.id, "receivedMs": seconds * 1000} for p, seconds in cases],
    }
    cases_file = tmp_path / "cases.json"
    cases_file.write_text(json.dumps(payload), encoding="utf-8")
    run = subprocess.run(
        [node, str(RUNNER), str(cases_file)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    js_results = json.loads(run.stdout)
    assert len(js_results) == len(cases) >= 2000 * len(PLANS)
    mismatches = [
        (p.id, datetime.fromtimestamp(seconds, ROME).isoformat(), expected, actual)
        for (p, seconds), actual in zip(cases, js_results, strict=True)
        if (expected := python_result(p, seconds)) != actual
    ]
    assert not mismatches, "\n".join(map(str, mismatches[:5]))
    errors = sum("error" in result for result in js_results)
    assert errors < len(cases) / 20, "too few receipts reach a deadline to compare"


def test_browser_engine_unit_tests(node: str) -> None:
    run = subprocess.run(
        [node, "--test", str(NODE_TESTS)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
