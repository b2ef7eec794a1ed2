"""The closure calendar: Italian public holidays plus the company's own closures.

Holidays come from the `holidays` package, never from a hand-written list: it knows the rules
that change (4 October is a national holiday again from 2026) and the provinces' patron saints.
"""

from __future__ import annotations

from datetime import date

import holidays

from sitegen.models import Settings


def closure_dates(settings: Settings, first_year: int, last_year: int) -> dict[date, str]:
    """Every day from first_year to last_year on which plans closed on holidays do not run.

    Names are Italian; a company closure on a public holiday keeps both names, joined the way
    the `holidays` package joins two holidays on one day.
    """
    if last_year < first_year:
        raise ValueError(f"last_year ({last_year}) is before first_year ({first_year})")
    public = holidays.country_holidays(
        "IT",
        subdiv=settings.holiday_subdivision,
        years=range(first_year, last_year + 1),
        language="it_IT",
    )
    calendar = dict(public.items())
    for closure in settings.closures:
        if first_year <= closure.date.year <= last_year:
            known = calendar.get(closure.date)
            calendar[closure.date] = closure.name if known is None else f"{known}; {closure.name}"
    return dict(sorted(calendar.items()))
