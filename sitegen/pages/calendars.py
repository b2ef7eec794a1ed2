"""A site's SLA calendar: Italy's public holidays for its province (from the `holidays`
package, through the build cache) and the company's closures from site.yaml, over the years
the policy carries. The SLA clock is handed the result and reads nothing itself."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from sitegen.core.holidays import public_holidays
from sitegen.sla.calendar import Calendar, carried_years
from sitegen.sources.settings import Settings


def calendar_for_years(
    settings: Settings, first_year: int, last_year: int, cache: Path | None = None
) -> Calendar:
    """The site's closed days from 1 January of first_year to 31 December of last_year."""
    holidays = public_holidays(settings.holiday_subdivision, first_year, last_year, cache)
    closures = [(closure.date, closure.name) for closure in settings.closures]
    return Calendar.of_years(first_year, last_year, settings.zone, holidays, closures)


def calendar_around(
    settings: Settings, years: Collection[int], cache: Path | None = None
) -> Calendar:
    """The calendar for requests received in `years` (the page: the build's year)."""
    return calendar_for_years(settings, *carried_years(years), cache)
