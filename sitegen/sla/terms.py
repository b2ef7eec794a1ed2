"""What the SLA clock needs to know of a plan, as Protocols: any object with these attributes
will do (sources/models.py's Coverage is one), so the clock imports no model and stays a pure
domain of its own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class Timetable(Protocol):
    """When a plan's clock runs."""

    @property
    def weekday_numbers(self) -> tuple[int, ...]:
        """Covered weekdays, Monday 0, in week order."""

    @property
    def opens_minute(self) -> int:
        """Minutes after midnight at which coverage starts."""

    @property
    def closes_minute(self) -> int:
        """Minutes after midnight at which coverage ends (1440 is midnight)."""

    @property
    def closed_on_holidays(self) -> bool:
        """Whether the calendar's closed days are skipped."""


# Every plan by id: its timetable and its response time in whole minutes.
Terms = Mapping[str, tuple[Timetable, int]]


def timetable_data(timetable: Timetable) -> dict[str, Any]:
    """A timetable's hours and holiday rule as JSON data, in minutes after midnight: the one
    serialisation the browser engine's data and api/plans.json share."""
    return {
        "opens": timetable.opens_minute,
        "closes": timetable.closes_minute,
        "closed_on_holidays": timetable.closed_on_holidays,
    }
