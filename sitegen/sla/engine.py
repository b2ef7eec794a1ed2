"""The SLA deadline engine: when a request received at a given instant must be answered.

This is the reference engine: pure (no I/O, no clock), so tests and the browser engine
(templates/static/js/sla.js) can be checked against it. The contract:

- only covered time counts: a plan's weekdays, from opening to closing, wall-clock time in the
  calendar's zone (site.yaml's `timezone`);
- plans closed on holidays also skip the closure calendar's days (public holidays and company
  closures); plans open on holidays ignore it;
- the clock starts at receipt, or at the next opening when receipt falls outside coverage;
- the deadline is the earliest instant at which covered time reaches the response time, so a
  deadline can land exactly at closing;
- elapsed time is real time: arithmetic is done on UTC instants, and window boundaries are
  wall-clock times turned into instants (a time in the spring gap moves forward, a time in the
  repeated autumn hour takes the earlier instant);
- the calendar is known only from its first to its last day: a receipt or a deadline outside
  it is an SlaError, never a deadline that silently ignores unknown holidays.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from sitegen.sla.calendar import Calendar
from sitegen.sla.segments import Explanation, Segment
from sitegen.sla.terms import Timetable
from sitegen.sla.wording import (
    NAIVE_RECEIPT,
    NIGHT,
    NOT_COVERED,
    WEEKEND,
    after_calendar_text,
    before_calendar_text,
    deadline_after_calendar_text,
    never_covered_text,
    non_positive_response_text,
)

_DAY = timedelta(days=1)


class SlaError(ValueError):
    """A deadline that cannot be computed from the data given; the message is for visitors."""


def explain(
    received: datetime, coverage: Timetable, response_minutes: int, calendar: Calendar
) -> Explanation:
    """The deadline, in the calendar's zone, with the counted and skipped stretches from
    receipt to deadline."""
    if received.tzinfo is None or received.utcoffset() is None:
        raise ValueError(NAIVE_RECEIPT)
    if response_minutes <= 0:
        raise ValueError(non_positive_response_text(response_minutes))
    instant = received.astimezone(UTC)
    first_day = instant.astimezone(calendar.zone).date()
    if first_day < calendar.first:
        raise SlaError(before_calendar_text(first_day, calendar.first))
    if first_day > calendar.last:
        raise SlaError(after_calendar_text(first_day, calendar.last))
    segments = _count(instant, coverage, timedelta(minutes=response_minutes), calendar)
    start = next(segment.start for segment in segments if segment.covered)
    zone = calendar.zone
    return Explanation(
        received=instant.astimezone(zone),
        start=start.astimezone(zone),
        deadline=segments[-1].end.astimezone(zone),
        segments=tuple(
            Segment(s.start.astimezone(zone), s.end.astimezone(zone), s.covered, s.reason)
            for s in segments
        ),
    )


def _count(
    received: datetime, coverage: Timetable, remaining: timedelta, calendar: Calendar
) -> list[Segment]:
    """Walk day by day from receipt until covered time reaches the target, up to the
    calendar's last day."""
    first_day = received.astimezone(calendar.zone).date()
    segments: list[Segment] = []
    for piece in _pieces(first_day, coverage, calendar):
        if piece.end <= received:
            continue
        begin = max(piece.start, received)
        if piece.covered and piece.end - begin >= remaining:
            _append(segments, Segment(begin, begin + remaining, True))
            return segments
        if piece.covered:
            remaining -= piece.end - begin
        _append(segments, Segment(begin, piece.end, piece.covered, piece.reason))
    if any(segment.covered for segment in segments):
        raise SlaError(deadline_after_calendar_text(calendar.last))
    raise SlaError(never_covered_text(first_day, calendar.last))


def _pieces(day: date, coverage: Timetable, calendar: Calendar) -> Iterator[Segment]:
    """Consecutive covered and skipped stretches from `day`'s midnight to the end of the
    calendar."""
    while day <= calendar.last:
        yield from _day_pieces(day, coverage, calendar)
        day += _DAY


def _day_pieces(day: date, coverage: Timetable, calendar: Calendar) -> list[Segment]:
    """One calendar day split into night, covered window and night (or skipped whole)."""
    midnight, next_midnight = calendar.instant(day, 0), calendar.instant(day + _DAY, 0)
    reason = _skipped_day_reason(day, coverage, calendar)
    if reason is not None:
        return [Segment(midnight, next_midnight, False, reason)]
    opens = calendar.instant(day, coverage.opens_minute)
    # A window opening in the spring gap moves forward and may pass its own closing time.
    closes = max(opens, calendar.instant(day, coverage.closes_minute))
    pieces = [
        Segment(midnight, opens, False, NIGHT),
        Segment(opens, closes, True),
        Segment(closes, next_midnight, False, NIGHT),
    ]
    return [piece for piece in pieces if piece.end > piece.start]


def _skipped_day_reason(day: date, coverage: Timetable, calendar: Calendar) -> str | None:
    """Why a whole day is skipped, or None if it has a covered window.

    The weekly schedule comes first: a holiday on a day the plan never covers (Easter Sunday
    for a weekday plan) is reported as the weekend, the reason that applies every week.
    """
    if day.weekday() not in coverage.weekday_numbers:
        return WEEKEND if day.weekday() >= 5 else NOT_COVERED
    if coverage.closed_on_holidays:
        return calendar.closure(day)
    return None


def _append(segments: list[Segment], segment: Segment) -> None:
    """Add a segment, merging it into the previous one when they are of the same kind."""
    if segments:
        last = segments[-1]
        if (last.covered, last.reason) == (segment.covered, segment.reason):
            segments[-1] = Segment(last.start, segment.end, last.covered, last.reason)
            return
    segments.append(segment)
