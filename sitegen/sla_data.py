"""The data the browser SLA engine needs, as JSON the renderer embeds in pages.

Shape (all keys always present):

    {
      "timezone": "Europe/Rome",
      "first": "2026-01-01", "last": "2027-12-31",      # the days the closures are known for
      "closures": {"Immacolata Concezione": ["2025-12-08", "2026-12-08", ...], ...},
      "plans": {
        "bronze": {"name": "Bronze", "days": [0, 1, 2, 3, 4], "opens": 600, "closes": 1080,
                   "closed_on_holidays": true, "response_minutes": 480},
        ...
      }
    }

Days are weekday numbers (Monday is 0), opens/closes are minutes after midnight (1440 is the
end of the day). Closures are grouped by name: each holiday's name comes once, not once a
year, and /piani/ is lighter by a kilobyte.
templates/static/js/sla.js reads exactly this.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sitegen.italian import example_text
from sitegen.models import Catalogue, Plan
from sitegen.sla import ROME, deadline, rome_instant


def calendar_data(
    catalogue: Catalogue, closures: Mapping[date, str], first_year: int, last_year: int
) -> dict[str, Any]:
    """Everything sla.js needs for every plan, for the years the closure calendar covers."""
    return {
        "timezone": ROME.key,
        "first": date(first_year, 1, 1).isoformat(),
        "last": date(last_year, 12, 31).isoformat(),
        "closures": _days_by_name(closures, first_year, last_year),
        "plans": {plan.id: plan_data(plan) for plan in catalogue.plans},
    }


def _days_by_name(
    closures: Mapping[date, str], first_year: int, last_year: int
) -> dict[str, list[str]]:
    """{name: [ISO days, in order]} for the closures in the years given."""
    days: dict[str, list[str]] = {}
    for day, name in sorted(closures.items()):
        if first_year <= day.year <= last_year:
            days.setdefault(name, []).append(day.isoformat())
    return days


def plan_data(plan: Plan) -> dict[str, Any]:
    """One plan's coverage and target in the units both engines count in."""
    coverage = plan.coverage
    return {
        "name": plan.name,
        "days": list(coverage.weekday_numbers),
        "opens": coverage.opens_minute,
        "closes": coverage.closes_minute,
        "closed_on_holidays": coverage.closed_on_holidays,
        "response_minutes": plan.response.minutes,
    }


def worked_examples(
    catalogue: Catalogue, closures: Mapping[date, str], year: int
) -> dict[str, str]:
    """One example per plan, by weekday and time, computed by the engine: a request shortly
    before closing on the plan's last covered day of the week, which waits for the next
    opening. The week is the first of `year` with no closure in it or the week after, so the
    example holds for any ordinary week (and the build stays independent of the clock)."""
    monday = date(year, 1, 1) + timedelta(days=-date(year, 1, 1).weekday() % 7)
    while any(monday + timedelta(days=n) in closures for n in range(14)):
        monday += timedelta(days=7)
    examples = {}
    for plan in catalogue.plans:
        coverage = plan.coverage
        day = monday + timedelta(days=coverage.weekday_numbers[-1])
        before_closing = min(30, plan.response.minutes // 2)
        received = rome_instant(day, coverage.closes_minute - before_closing).astimezone(ROME)
        answer = deadline(received, coverage, plan.response.minutes, closures)
        examples[plan.id] = example_text(received, answer)
    return examples
