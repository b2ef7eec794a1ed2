"""The reference SLA engine against the contract: every expected value is reasoned in a comment."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.core.italian import duration_text
from sitegen.pages.calendars import calendar_for_years
from sitegen.sla.calendar import Calendar
from sitegen.sla.engine import Explanation, Segment, SlaError, explain
from sitegen.sla.wording import explanation_text
from sitegen.sources.offer import Coverage
from sitegen.sources.settings import Closure, Settings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
ALL_DAYS = (*WEEKDAYS, "sat", "sun")
BRONZE = Coverage(
    days=WEEKDAYS,
    opens="10:00",
    closes="18:00",
    closed_on_holidays=True,
    text="lunedì-venerdì, dalle 10:00 alle 18:00",
)
SILVER = Coverage(
    days=WEEKDAYS,
    opens="8:00",
    closes="20:00",
    closed_on_holidays=True,
    text="lunedì-venerdì, dalle 8:00 alle 20:00",
)
GOLD = Coverage(
    days=ALL_DAYS,
    opens="8:00",
    closes="22:00",
    closed_on_holidays=False,
    text="7 giorni su 7, dalle 8:00 alle 22:00",
)
ROUND_THE_CLOCK = Coverage(
    days=ALL_DAYS,
    opens="0:00",
    closes="24:00",
    closed_on_holidays=False,
    text="sempre, dalle 0:00 alle 24:00",
)
RESPONSE = {"bronze": 8 * 60, "silver": 4 * 60, "gold": 60}


def site_settings(subdivision: str | None = None, closures: tuple[Closure, ...] = ()) -> Settings:
    return Settings(
        name="Mister Informatica",
        email="info@misterinformatica.it",
        language="it",
        timezone="Europe/Rome",
        base_url="https://www.misterinformatica.it/",
        holiday_subdivision=subdivision,
        closures=closures,
    )


NATIONAL = calendar_for_years(site_settings(), 2026, 2027)
MILAN = calendar_for_years(site_settings("MI"), 2026, 2027)
ROME = NATIONAL.zone


def deadline(received: datetime, coverage: Coverage, minutes: int, calendar: Calendar) -> datetime:
    return explain(received, coverage, minutes, calendar).deadline


def closed_on(days: dict[date, str]) -> Calendar:
    """The national calendar's range and zone with these closures instead."""
    return Calendar(NATIONAL.first, NATIONAL.last, days, NATIONAL.zone)


def rome(text: str, fold: int = 0) -> datetime:
    """A Rome wall-clock time written as ISO without offset."""
    return datetime.fromisoformat(text).replace(tzinfo=ROME, fold=fold)


def only_sundays(opens: str, closes: str) -> Coverage:
    return Coverage(
        days=("sun",),
        opens=opens,
        closes=closes,
        closed_on_holidays=False,
        text=f"domenica, dalle {opens} alle {closes}",
    )


@pytest.mark.parametrize(
    ("coverage", "minutes", "received", "expected"),
    [
        # The issue's table. Fri 17-18 counts 1 h, the weekend is skipped, Mon 10-17 counts 7 h;
        # without a subdivision 7 December (Sant'Ambrogio) is a working day.
        (BRONZE, 480, "2026-12-04T17:00", "2026-12-07T17:00:00+01:00"),
        # Mon 12-18 (6 h), Tue 8 Dec is the Immacolata, Wed 10-12 (2 h).
        (BRONZE, 480, "2026-12-07T12:00", "2026-12-09T12:00:00+01:00"),
        # Received at closing: nothing left on Monday, Tue 10-18 is the whole 8 h.
        (BRONZE, 480, "2026-11-30T18:00", "2026-12-01T18:00:00+01:00"),
        # Fri 15-18 (3 h), weekend, Mon 4 Oct 2027 San Francesco, Tue 10-15 (5 h); CEST.
        (BRONZE, 480, "2027-10-01T15:00", "2027-10-05T15:00:00+02:00"),
        # Thu 19-20 (1 h), Fri 25 Natale, Sat 26 and Sun 27 skipped, Mon 8-11 (3 h).
        (SILVER, 240, "2026-12-24T19:00", "2026-12-28T11:00:00+01:00"),
        # Gold is open on holidays: Christmas 21:30-22:00 (30 min), Sat 26 8:00-8:30 (30 min).
        (GOLD, 60, "2026-12-25T21:30", "2026-12-26T08:30:00+01:00"),
        # DST ends that night; only covered time counts, the deadline is in CET.
        (GOLD, 60, "2026-10-24T21:30", "2026-10-25T08:30:00+01:00"),
    ],
)
def test_issue_examples(coverage: Coverage, minutes: int, received: str, expected: str) -> None:
    result = deadline(rome(received), coverage, minutes, NATIONAL)
    assert result.isoformat() == expected
    assert result.tzinfo is ROME


def test_received_exactly_at_closing_starts_at_next_opening() -> None:
    expl = explain(rome("2026-11-30T18:00"), BRONZE, 480, NATIONAL)
    assert expl.start == rome("2026-12-01T10:00")


def test_received_exactly_at_opening_lands_exactly_at_closing() -> None:
    # Tue 10:00 + 8 h of a 10-18 window is Tue 18:00: the earliest instant, not Wed 10:00.
    expl = explain(rome("2026-12-01T10:00"), BRONZE, 480, NATIONAL)
    assert expl.start == rome("2026-12-01T10:00")
    assert expl.deadline == rome("2026-12-01T18:00")
    assert [s.covered for s in expl.segments] == [True]


def test_one_minute_before_closing_carries_the_rest_to_the_next_day() -> None:
    # Tue 17:59-18:00 is 1 minute, Wed 10:00 + 7 h 59 min is 17:59.
    assert deadline(rome("2026-12-01T17:59"), BRONZE, 480, NATIONAL) == rome("2026-12-02T17:59")


def test_one_minute_before_opening_waits_for_the_opening() -> None:
    expl = explain(rome("2026-12-01T09:59"), BRONZE, 480, NATIONAL)
    assert expl.start == rome("2026-12-01T10:00")
    assert expl.deadline == rome("2026-12-01T18:00")


def test_seconds_are_kept() -> None:
    received = rome("2026-12-01T12:00:30")
    # Tue 12:00:30-18:00 (5 h 59 min 30 s), Wed 10:00 + 2 h 0 min 30 s.
    assert deadline(received, BRONZE, 480, NATIONAL) == rome("2026-12-02T12:00:30")


def test_receipt_in_another_zone_is_the_same_instant() -> None:
    received = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # 17:00 in Rome
    assert deadline(received, BRONZE, 480, NATIONAL).isoformat() == "2026-12-07T17:00:00+01:00"


def test_spring_forward_counts_real_elapsed_time() -> None:
    # Sat 27 Mar 2027 23:00 CET is 22:00Z; 4 real hours later is 02:00Z = 04:00 CEST.
    result = deadline(rome("2027-03-27T23:00"), ROUND_THE_CLOCK, 240, NATIONAL)
    assert result.isoformat() == "2027-03-28T04:00:00+02:00"


def test_fall_back_counts_the_repeated_hour() -> None:
    # Sat 24 Oct 2026 23:00 CEST is 21:00Z; 4 real hours later is 01:00Z = 02:00 CET.
    result = deadline(rome("2026-10-24T23:00"), ROUND_THE_CLOCK, 240, NATIONAL)
    assert result.isoformat() == "2026-10-25T02:00:00+01:00"


def test_a_whole_short_and_long_day() -> None:
    # 28 Mar 2027 has 23 hours: 24 h from its midnight (23:00Z) is 23:00Z = Mon 01:00 CEST.
    short = deadline(rome("2027-03-28T00:00"), ROUND_THE_CLOCK, 24 * 60, NATIONAL)
    assert short.isoformat() == "2027-03-29T01:00:00+02:00"
    # 25 Oct 2026 has 25 hours: 24 h from its midnight (22:00Z) is 22:00Z = 23:00 CET.
    long = deadline(rome("2026-10-25T00:00"), ROUND_THE_CLOCK, 24 * 60, NATIONAL)
    assert long.isoformat() == "2026-10-25T23:00:00+01:00"


def test_receipts_in_the_repeated_hour_are_different_instants() -> None:
    # 02:30 CEST (00:30Z) + 30 min = 01:00Z = 02:00 CET; 02:30 CET (01:30Z) + 30 min = 03:00 CET.
    first = deadline(rome("2026-10-25T02:30", fold=0), ROUND_THE_CLOCK, 30, NATIONAL)
    second = deadline(rome("2026-10-25T02:30", fold=1), ROUND_THE_CLOCK, 30, NATIONAL)
    assert first.isoformat() == "2026-10-25T02:00:00+01:00"
    assert second.isoformat() == "2026-10-25T03:00:00+01:00"


def test_opening_in_the_spring_gap_moves_forward() -> None:
    # 02:30 does not exist on 28 Mar 2027: the window opens at 03:30 CEST; + 1 h is 04:30.
    expl = explain(rome("2027-03-28T00:00"), only_sundays("2:30", "5:00"), 60, NATIONAL)
    assert expl.start.isoformat() == "2027-03-28T03:30:00+02:00"
    assert expl.deadline.isoformat() == "2027-03-28T04:30:00+02:00"


def test_window_over_the_repeated_hour_lasts_its_real_length() -> None:
    # 02:00 CEST (00:00Z) to 03:00 CET (02:00Z) is 2 real hours; 90 min in is 01:30Z = 02:30 CET.
    result = deadline(rome("2026-10-25T00:00"), only_sundays("2:00", "3:00"), 90, NATIONAL)
    assert result.isoformat() == "2026-10-25T02:30:00+01:00"


def test_province_patron_saint_is_a_holiday() -> None:
    # Milan: Mon 7 Dec Sant'Ambrogio and Tue 8 Dec Immacolata; Fri 17-18 (1 h) + Wed 10-17 (7 h).
    expl = explain(rome("2026-12-04T17:00"), BRONZE, 480, MILAN)
    assert expl.deadline == rome("2026-12-09T17:00")
    reasons = [s.reason for s in expl.segments if not s.covered]
    assert reasons == [
        "notte",
        "fine settimana",
        "Sant'Ambrogio",
        "Immacolata Concezione",
        "notte",
    ]


def test_company_closures_join_the_calendar() -> None:
    extra = (
        Closure(date=date(2026, 12, 24), name="Chiusura aziendale"),
        Closure(date=date(2026, 12, 25), name="Inventario"),
        Closure(date=date(2030, 1, 2), name="Fuori dal calendario"),
    )
    calendar = calendar_for_years(site_settings(closures=extra), 2026, 2027)
    assert calendar.closure(date(2026, 12, 24)) == "Chiusura aziendale"
    assert calendar.closure(date(2026, 12, 25)) == "Natale; Inventario"
    assert date(2030, 1, 2) not in calendar.closures
    # Silver: Wed 23 19-20 (1 h), Thu 24 closed, Fri 25 Natale, weekend, Mon 28 8-11 (3 h).
    assert deadline(rome("2026-12-23T19:00"), SILVER, 240, calendar) == rome("2026-12-28T11:00")


def test_calendar_has_italian_names_and_the_new_national_holiday() -> None:
    assert NATIONAL.closure(date(2026, 12, 8)) == "Immacolata Concezione"
    assert NATIONAL.closure(date(2027, 10, 4)) is not None
    assert NATIONAL.closure(date(2026, 12, 7)) is None
    assert MILAN.closure(date(2026, 12, 7)) == "Sant'Ambrogio"
    with pytest.raises(ValueError):
        calendar_for_years(site_settings(), 2027, 2026)


def test_plans_open_on_holidays_ignore_closures() -> None:
    closed_everywhere = {date(2026, 12, 26) + timedelta(days=n): "Chiusura" for n in range(3)}
    assert deadline(rome("2026-12-26T08:00"), GOLD, 60, closed_on(closed_everywhere)) == rome(
        "2026-12-26T09:00"
    )


def test_segments_of_a_weekend() -> None:
    expl = explain(rome("2026-12-04T17:00"), BRONZE, 480, NATIONAL)
    assert expl.segments == (
        Segment(rome("2026-12-04T17:00"), rome("2026-12-04T18:00"), True),
        Segment(rome("2026-12-04T18:00"), rome("2026-12-05T00:00"), False, "notte"),
        Segment(rome("2026-12-05T00:00"), rome("2026-12-07T00:00"), False, "fine settimana"),
        Segment(rome("2026-12-07T00:00"), rome("2026-12-07T10:00"), False, "notte"),
        Segment(rome("2026-12-07T10:00"), rome("2026-12-07T17:00"), True),
    )


def test_nights_between_covered_days_merge() -> None:
    expl = explain(rome("2026-12-01T17:00"), BRONZE, 480, NATIONAL)
    assert [(s.covered, s.reason) for s in expl.segments] == [
        (True, None),
        (False, "notte"),
        (True, None),
    ]
    assert expl.segments[1].start == rome("2026-12-01T18:00")
    assert expl.segments[1].end == rome("2026-12-02T10:00")


def test_weekday_not_covered_has_its_own_reason() -> None:
    tuesdays = Coverage(
        days=("tue",),
        opens="9:00",
        closes="10:00",
        closed_on_holidays=True,
        text="martedì, dalle 9:00 alle 10:00",
    )
    expl = explain(rome("2026-12-02T12:00"), tuesdays, 60, NATIONAL)
    assert expl.deadline == rome("2026-12-15T10:00")  # Tue 8 Dec is the Immacolata
    assert {s.reason for s in expl.segments} == {
        None,
        "notte",
        "giorno non coperto",
        "fine settimana",
        "Immacolata Concezione",
    }


def test_explanation_text_reads_as_italian() -> None:
    expl = explain(rome("2026-12-04T17:00"), BRONZE, 480, NATIONAL)
    # Friday 17:00-18:00 counts, then the night and the weekend do not, then Monday 10-17.
    assert explanation_text(expl) == (
        "Il conteggio parte subito: in quel momento il piano è coperto. "
        "Non contano la notte e il fine settimana (sabato 5 e domenica 6 dicembre). "
        "Il tempo conteggiato è di 8 ore."
    )


def test_explanation_text_when_the_clock_waits() -> None:
    # Thursday 24 December 21:00 is after Silver's closing; 25 (Natale) is a holiday, 26 (Santo
    # Stefano) and 27 a weekend: the clock starts on Monday 28 at 8:00.
    text = explanation_text(explain(rome("2026-12-24T21:00"), SILVER, 240, NATIONAL))
    assert text == (
        "Il conteggio parte lunedì 28 dicembre alle 8:00, quando inizia la copertura del piano. "
        "Non contano la notte, venerdì 25 dicembre (Natale) "
        "e il fine settimana (sabato 26 e domenica 27 dicembre). "
        "Il tempo conteggiato è di 4 ore."
    )


def test_explanation_counts_real_time_across_a_clock_change() -> None:
    """Gold from Saturday 24 October 2026 21:30: 30 minutes, then Sunday 8:00-8:30. The clocks
    go back that night, but only covered time counts: 1 hour."""
    text = explanation_text(explain(rome("2026-10-24T21:30"), GOLD, 60, NATIONAL))
    assert text.endswith("Il tempo conteggiato è di 1 ora.")


def test_explanation_of_a_round_the_clock_day_with_the_clock_change() -> None:
    """25 October 2026 has 25 hours in Rome: a 30-hour target from Saturday midnight ends
    Sunday at 5:00 (24 h of Saturday + 6 h of Sunday, one of them the repeated hour), and the
    text says 30 hours, not the 31 a wall-clock subtraction would give."""
    expl = explain(rome("2026-10-24T00:00"), ROUND_THE_CLOCK, 30 * 60, NATIONAL)
    assert expl.deadline.isoformat() == "2026-10-25T05:00:00+01:00"
    assert explanation_text(expl).endswith("Il tempo conteggiato è di 30 ore.")


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(60, "1 ora"), (480, "8 ore"), (90, "1 ora e 30 minuti"), (45, "45 minuti"), (1, "1 minuto")],
)
def test_duration_text(minutes: int, expected: str) -> None:
    assert duration_text(timedelta(minutes=minutes)) == expected


def test_naive_receipt_is_rejected() -> None:
    with pytest.raises(ValueError, match="fuso orario"):
        deadline(datetime(2026, 12, 4, 17, 0), BRONZE, 480, NATIONAL)


def test_response_must_be_positive() -> None:
    with pytest.raises(ValueError):
        deadline(rome("2026-12-04T17:00"), BRONZE, 0, NATIONAL)


def test_never_covered_plan_raises() -> None:
    mondays = Coverage(
        days=("mon",),
        opens="9:00",
        closes="10:00",
        closed_on_holidays=True,
        text="lunedì, dalle 9:00 alle 10:00",
    )
    every_monday = {date(2026, 1, 5) + timedelta(weeks=n): "Chiusura" for n in range(52)}
    calendar = Calendar(date(2026, 1, 1), date(2026, 12, 31), every_monday, ROME)
    with pytest.raises(SlaError, match="non copre nessuna ora"):
        deadline(rome("2026-03-01T12:00"), mondays, 60, calendar)


def test_no_endless_walk_when_every_day_is_closed() -> None:
    """A calendar in which every day is a closure: the walk stops at its end."""
    every_day = {NATIONAL.first + timedelta(days=n): "Chiusura" for n in range(730)}
    with pytest.raises(SlaError):
        deadline(rome("2026-03-01T12:00"), BRONZE, 480, closed_on(every_day))


def test_deadline_past_the_calendar_raises() -> None:
    # Fri 31 Dec 2027 17-18 is 1 h; the other 7 h would fall in 2028, beyond the calendar.
    with pytest.raises(SlaError, match="oltre il calendario disponibile"):
        deadline(rome("2027-12-31T17:00"), BRONZE, 480, NATIONAL)


def test_receipt_outside_the_calendar_raises() -> None:
    with pytest.raises(SlaError, match="oltre il calendario disponibile"):
        deadline(rome("2028-01-03T12:00"), BRONZE, 480, NATIONAL)
    with pytest.raises(SlaError, match="prima del calendario"):
        deadline(rome("2025-12-31T12:00"), BRONZE, 480, NATIONAL)


PLANS = {"bronze": BRONZE, "silver": SILVER, "gold": GOLD}


@settings(max_examples=300, deadline=None)
@given(
    plan=st.sampled_from(sorted(PLANS)),
    received=st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2027, 11, 30), timezones=st.just(UTC)
    ),
)
def test_segments_tile_receipt_to_deadline(plan: str, received: datetime) -> None:
    expl: Explanation = explain(received, PLANS[plan], RESPONSE[plan], NATIONAL)
    segments = expl.segments
    # Instants, not ==: aware datetimes of two zones in the repeated autumn hour never compare
    # equal (PEP 495), so 00:00Z against 02:00 CEST on 25 October 2026 would fail.
    assert segments[0].start.timestamp() == received.timestamp()
    assert segments[-1].end == expl.deadline and segments[-1].covered
    assert all(a.end == b.start for a, b in itertools.pairwise(segments))
    assert all(s.end > s.start for s in segments)
    assert all(
        (a.covered, a.reason) != (b.covered, b.reason) for a, b in itertools.pairwise(segments)
    )
    counted = sum((s.end - s.start for s in segments if s.covered), timedelta())
    assert counted == timedelta(minutes=RESPONSE[plan])
    assert expl.start == next(s.start for s in segments if s.covered)
