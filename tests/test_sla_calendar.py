"""The one Calendar both SLA engines read: its year policy, its zone (site.yaml's `timezone`)
and the JSON the browser engine gets."""

from __future__ import annotations

from datetime import MAXYEAR, date, datetime
from pathlib import Path

import pytest

from harness.site import fixture_source
from sitegen.core.errors import SourceError
from sitegen.pages.calendars import calendar_around, calendar_for_years
from sitegen.sla.engine import explain
from sitegen.sources.load import load_offer, load_settings
from sitegen.sources.offer import sla_terms

SETTINGS = load_settings(fixture_source())


def test_the_page_and_the_cli_carry_the_same_years() -> None:
    # The page's calendar for a 2026 build, and the CLI's for tickets of 2026 and 2027.
    page = calendar_around(SETTINGS, [2026])
    assert (page.first, page.last) == (date(2025, 1, 1), date(2029, 12, 31))
    tickets = calendar_around(SETTINGS, {2026, 2027})
    assert (tickets.first, tickets.last) == (date(2025, 1, 1), date(2030, 12, 31))
    assert calendar_around(SETTINGS, [MAXYEAR - 2]).last == date(MAXYEAR, 12, 31)


def test_browser_data_holds_only_what_sla_js_reads() -> None:
    plans = load_offer(fixture_source()).plans
    data = calendar_for_years(SETTINGS, 2026, 2026).browser_data(sla_terms(plans))
    assert set(data) == {"timezone", "first", "last", "closures", "plans"}
    assert data["timezone"] == SETTINGS.timezone
    assert (data["first"], data["last"]) == ("2026-01-01", "2026-12-31")
    assert data["closures"]["Immacolata Concezione"] == ["2026-12-08"]
    assert set(data["plans"]["bronze"]) == {
        "days",
        "opens",
        "closes",
        "closed_on_holidays",
        "response_minutes",
    }


def test_the_engine_counts_on_the_settings_zone() -> None:
    """Friday 17:00 to Monday 17:00 for Bronze, read on London's clock instead of Rome's."""
    settings = SETTINGS.model_copy(update={"timezone": "Europe/London"})
    calendar = calendar_for_years(settings, 2026, 2027)
    plan = load_offer(fixture_source()).plan("bronze")
    received = datetime(2026, 12, 4, 17, 0, tzinfo=settings.zone)
    result = explain(received, plan.coverage, plan.response.minutes, calendar)
    assert result.deadline.isoformat() == "2026-12-07T17:00:00+00:00"


def test_an_unknown_time_zone_is_a_file_line_error(tmp_path: Path) -> None:
    text = (fixture_source() / "site.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index(f"timezone: {SETTINGS.timezone}") + 1
    (tmp_path / "site.yaml").write_text(
        text.replace(f"timezone: {SETTINGS.timezone}", "timezone: Europe/Atlantis"),
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        load_settings(tmp_path)
    assert [str(problem) for problem in caught.value.problems] == [
        f"site.yaml:{line}: «Europe/Atlantis» non è un fuso orario: scrivi il nome del fuso, "
        "per esempio Europe/Rome"
    ]
