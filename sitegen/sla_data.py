"""The data the browser SLA engine needs, as JSON the renderer embeds in pages.

Shape (all keys always present):

    {
      "timezone": "Europe/Rome",
      "first": "2026-01-01", "last": "2027-12-31",      # the days the closures are known for
      "closures": {"2026-12-08": "Immacolata Concezione", ...},
      "plans": {
        "bronze": {"name": "Bronze", "days": [0, 1, 2, 3, 4], "opens": 600, "closes": 1080,
                   "closed_on_holidays": true, "response_minutes": 480},
        ...
      }
    }

Days are weekday numbers (Monday is 0), opens/closes are minutes after midnight (1440 is the
end of the day). templates/static/js/sla.js reads exactly this.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sitegen.models import Catalogue, Plan
from sitegen.sla import ROME


def calendar_data(
    catalogue: Catalogue, closures: Mapping[date, str], first_year: int, last_year: int
) -> dict[str, Any]:
    """Everything sla.js needs for every plan, for the years the closure calendar covers."""
    return {
        "timezone": ROME.key,
        "first": date(first_year, 1, 1).isoformat(),
        "last": date(last_year, 12, 31).isoformat(),
        "closures": {
            day.isoformat(): name
            for day, name in sorted(closures.items())
            if first_year <= day.year <= last_year
        },
        "plans": {plan.id: plan_data(plan) for plan in catalogue.plans},
    }


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
