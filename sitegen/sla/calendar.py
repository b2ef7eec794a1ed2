"""The closure calendar: which days plans closed on holidays skip, between which dates, in
which time zone.

A calendar is made from the public holidays and the company's closures it is given (pages/
calendars.py looks up the holidays, from the `holidays` package and the build cache): the
clock itself reads nothing. Both engines read one `Calendar`: the Python engine directly, the
browser engine through `browser_data`, which the page embeds.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import MAXYEAR, UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.sla.terms import Terms, timetable_data

# The years a calendar carries around the year it is made for (the build's year, or a ticket's):
# the year before, for a request received last December, to three after, so a site built once
# stays right while it is hosted. The page and `sitegen sla` both use this policy.
YEARS_CARRIED = range(-1, 4)
_MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Calendar:
    """The closed days from `first` to `last` (both included), by name, and the zone whose
    wall clock the plans' hours are read in. The engines refuse dates outside the range."""

    first: date
    last: date
    closures: Mapping[date, str]
    zone: ZoneInfo

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"the calendar ends ({self.last}) before it starts ({self.first})")
        frozen = MappingProxyType(dict(sorted(self.closures.items())))
        object.__setattr__(self, "closures", frozen)

    @classmethod
    def of_years(
        cls,
        first_year: int,
        last_year: int,
        zone: ZoneInfo,
        public_holidays: Mapping[date, str],
        company_closures: Iterable[tuple[date, str]] = (),
    ) -> Calendar:
        """The public holidays plus the company's closures, from 1 January of first_year to 31
        December of last_year. A company closure on a public holiday keeps both names, joined
        the way the `holidays` package joins two holidays on one day."""
        if last_year < first_year:
            raise ValueError(f"last_year ({last_year}) is before first_year ({first_year})")
        closures = dict(public_holidays)
        for day, name in company_closures:
            if first_year <= day.year <= last_year:
                known = closures.get(day)
                closures[day] = name if known is None else f"{known}; {name}"
        return cls(date(first_year, 1, 1), date(last_year, 12, 31), closures, zone)

    def closure(self, day: date) -> str | None:
        """Why `day` is closed (the holiday's or closure's name), or None when it is not."""
        return self.closures.get(day)

    def instant(self, day: date, minute: int) -> datetime:
        """The UTC instant of a wall-clock time in the calendar's zone, minute 1440 being the
        next midnight.

        fold=0 gives the DST rule of the contract: a time in the spring gap is read with the
        offset before the change (02:30 becomes 03:30), a repeated autumn time is the earlier one.
        """
        day += timedelta(days=minute // _MINUTES_PER_DAY)
        minute %= _MINUTES_PER_DAY
        wall = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.zone)
        return wall.astimezone(UTC)

    def browser_data(self, terms: Terms) -> dict[str, Any]:
        """What templates/static/js/sla.js reads (all keys always present):

            {
              "timezone": "<the zone of site.yaml>",
              "first": "2026-01-01", "last": "2027-12-31",
              "closures": {"Immacolata Concezione": ["2026-12-08", "2027-12-08"], ...},
              "plans": {"bronze": {"days": [0, 1, 2, 3, 4], "opens": 600, "closes": 1080,
                                   "closed_on_holidays": true, "response_minutes": 480}, ...}
            }

        Days are weekday numbers (Monday is 0), opens/closes minutes after midnight (1440 is
        the end of the day). Closures are grouped by name: each holiday's name comes once, not
        once a year, and the page is lighter by a kilobyte.
        """
        days_by_name: dict[str, list[str]] = {}
        for day, name in self.closures.items():
            days_by_name.setdefault(name, []).append(day.isoformat())
        return {
            "timezone": self.zone.key,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "closures": days_by_name,
            "plans": {
                plan_id: {
                    "days": list(timetable.weekday_numbers),
                    **timetable_data(timetable),
                    "response_minutes": minutes,
                }
                for plan_id, (timetable, minutes) in terms.items()
            },
        }


def carried_years(years: Collection[int]) -> tuple[int, int]:
    """The first and last year of the calendar for requests received in `years`, by the
    YEARS_CARRIED policy (cut at the last year a date can have)."""
    first = min(years) + YEARS_CARRIED.start
    last = min(max(years) + YEARS_CARRIED.stop - 1, MAXYEAR)
    return first, last
