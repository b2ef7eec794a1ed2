"""Each plan's worked example, shown on /tempi-di-risposta/ and on the plan's sheet."""

from __future__ import annotations

from datetime import date, timedelta

from sitegen.sla.calendar import Calendar
from sitegen.sla.engine import explain
from sitegen.sla.terms import Terms
from sitegen.sla.wording import example_text


def worked_examples(terms: Terms, calendar: Calendar, year: int) -> dict[str, str]:
    """One example per plan, by weekday and time, computed by the engine: a request shortly
    before closing on the plan's last covered day of the week, which waits for the next
    opening. The week is the first of `year` with no closure in it or the week after, so the
    example holds for any ordinary week (and the build stays independent of the clock)."""
    monday = date(year, 1, 1) + timedelta(days=-date(year, 1, 1).weekday() % 7)
    while any(calendar.closure(monday + timedelta(days=n)) for n in range(14)):
        monday += timedelta(days=7)
    examples = {}
    for plan_id, (timetable, minutes) in terms.items():
        day = monday + timedelta(days=timetable.weekday_numbers[-1])
        before_closing = min(30, minutes // 2)
        received = calendar.instant(day, timetable.closes_minute - before_closing)
        answer = explain(received, timetable, minutes, calendar)
        examples[plan_id] = example_text(answer.received, answer.deadline)
    return examples
