"""Each plan's worked example, on /tempi-di-risposta/ and on the plan's sheet
(sitegen.sla.examples.worked_examples): computed by the engine, in a week that no closure touches,
so it reads true for any ordinary week."""

from __future__ import annotations

from datetime import date

from harness.site import fixture_source
from sitegen.pages.calendars import calendar_for_years
from sitegen.sla.examples import worked_examples
from sitegen.sources.load import load_offer, load_settings
from sitegen.sources.offer import sla_terms
from sitegen.sources.settings import Closure

# Worked out by hand from plans.yaml: 30 minutes before the week's last closing time, the
# rest at the next opening (Bronze 7.5 h from Monday 10:00, Silver 3.5 h from 8:00, Gold
# 30 minutes from Monday 8:00 after Sunday 21:30).
EXPECTED = {
    "bronze": "una richiesta di venerdì alle 17:30 riceve risposta entro lunedì alle 17:30",
    "silver": "una richiesta di venerdì alle 19:30 riceve risposta entro lunedì alle 11:30",
    "gold": "una richiesta di domenica alle 21:30 riceve risposta entro lunedì alle 8:30",
}


def test_examples_of_the_shipped_plans() -> None:
    offer, settings = load_offer(fixture_source()), load_settings(fixture_source())
    for year in (2026, 2027, 2030):
        calendar = calendar_for_years(settings, year, year + 1)
        assert worked_examples(sla_terms(offer.plans), calendar, year) == EXPECTED


def test_a_closure_moves_the_example_to_another_week() -> None:
    """Closed on Friday 9 and Monday 12 January 2026, the first week of the year would give
    Bronze "venerdì alle 17:30 ... entro martedì alle 18:00" (neither day counts): the
    example comes from a week clear of closures instead."""
    offer = load_offer(fixture_source())
    settings = load_settings(fixture_source()).model_copy(
        update={
            "closures": (
                Closure(date=date(2026, 1, 9), name="Inventario"),
                Closure(date=date(2026, 1, 12), name="Inventario"),
            )
        }
    )
    calendar = calendar_for_years(settings, 2026, 2027)
    assert worked_examples(sla_terms(offer.plans), calendar, 2026) == EXPECTED
