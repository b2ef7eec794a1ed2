"""The SLA deadline engine: when a request received at a given instant must be answered.

This is the reference engine: pure (no I/O, no clock), so tests and the browser engine
(templates/static/js/sla.js) can be checked against it. The contract:

- only covered time counts: a plan's weekdays, from opening to closing, Rome wall-clock time;
- plans closed on holidays also skip the closure calendar's days (public holidays and company
  closures); plans open on holidays ignore it;
- the clock starts at receipt, or at the next opening when receipt falls outside coverage;
- the deadline is the earliest instant at which covered time reaches the response time, so a
  deadline can land exactly at closing;
- elapsed time is real time: arithmetic is done on UTC instants, and window boundaries are Rome
  wall-clock times turned into instants (a time in the spring gap moves forward, a time in the
  repeated autumn hour takes the earlier instant).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sitegen.italian import NIGHT, NOT_COVERED, WEEKEND, date_text
from sitegen.models import Coverage

ROME = ZoneInfo("Europe/Rome")

_DAY = timedelta(days=1)
_MINUTES_PER_DAY = 24 * 60


class SlaError(ValueError):
    """A deadline that cannot be computed from the data given; the message is for visitors."""


@dataclass(frozen=True)
class Segment:
    """A stretch of time between receipt and deadline: counted (covered) or skipped, and why."""

    start: datetime
    end: datetime
    covered: bool
    reason: str | None = None


@dataclass(frozen=True)
class Explanation:
    """How a deadline was reached, so pages and the CLI can show the skipped time."""

    received: datetime
    start: datetime
    deadline: datetime
    segments: tuple[Segment, ...]


def rome_instant(day: date, minute: int) -> datetime:
    """The UTC instant of a Rome wall-clock time, minute 1440 being the next midnight.

    fold=0 gives the DST rule of the contract: a time in the spring gap is read with the
    offset before the change (02:30 becomes 03:30), a repeated autumn time is the earlier one.
    """
    day += timedelta(days=minute // _MINUTES_PER_DAY)
    minute %= _MINUTES_PER_DAY
    wall = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=ROME)
    return wall.astimezone(UTC)


def deadline(
    received: datetime,
    coverage: Coverage,
    response_minutes: int,
    closures: Mapping[date, str],
    *,
    calendar_start: date | None = None,
    calendar_end: date | None = None,
) -> datetime:
    """The instant (in Rome time) by which a request received at `received` gets an answer.

    `closures` is taken as complete between calendar_start and calendar_end: pass the range it
    was built for, so a date outside it is an SlaError instead of a deadline that silently
    ignores unknown holidays. Without calendar_end, closures is trusted for all later dates.
    """
    return explain(
        received,
        coverage,
        response_minutes,
        closures,
        calendar_start=calendar_start,
        calendar_end=calendar_end,
    ).deadline


def explain(
    received: datetime,
    coverage: Coverage,
    response_minutes: int,
    closures: Mapping[date, str],
    *,
    calendar_start: date | None = None,
    calendar_end: date | None = None,
) -> Explanation:
    """The deadline with the counted and skipped stretches from receipt to deadline."""
    if received.tzinfo is None or received.utcoffset() is None:
        raise ValueError(
            "l'ora di ricezione deve indicare il fuso orario, ad esempio 2026-12-04T17:00+01:00"
        )
    if response_minutes <= 0:
        raise ValueError(f"il tempo di risposta deve essere positivo, non {response_minutes}")
    instant = received.astimezone(UTC)
    first_day = instant.astimezone(ROME).date()
    if calendar_start is not None and first_day < calendar_start:
        raise SlaError(
            f"La data {date_text(first_day)} è prima del calendario disponibile "
            f"(dal {date_text(calendar_start)})."
        )
    last_day = calendar_end or _search_limit(first_day, coverage, response_minutes, closures)
    if first_day > last_day:
        raise SlaError(
            f"La data {date_text(first_day)} è oltre il calendario disponibile "
            f"(fino al {date_text(last_day)})."
        )
    segments = _count(
        instant, coverage, timedelta(minutes=response_minutes), closures, first_day, last_day
    )
    start = next(segment.start for segment in segments if segment.covered)
    return Explanation(
        received=_rome(instant),
        start=_rome(start),
        deadline=_rome(segments[-1].end),
        segments=tuple(
            Segment(_rome(s.start), _rome(s.end), s.covered, s.reason) for s in segments
        ),
    )


def _count(
    received: datetime,
    coverage: Coverage,
    remaining: timedelta,
    closures: Mapping[date, str],
    first_day: date,
    last_day: date,
) -> list[Segment]:
    """Walk day by day from receipt until covered time reaches the target, up to last_day."""
    segments: list[Segment] = []
    for piece in _pieces(first_day, coverage, closures, last_day):
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
        raise SlaError(
            f"La scadenza cade oltre il calendario disponibile (fino al {date_text(last_day)})."
        )
    raise SlaError(
        f"Il piano non copre nessuna ora dal {date_text(first_day)} al {date_text(last_day)}: "
        "impossibile calcolare la scadenza."
    )


def _pieces(
    day: date, coverage: Coverage, closures: Mapping[date, str], last_day: date
) -> Iterator[Segment]:
    """Consecutive covered and skipped stretches from `day`'s midnight to the end of last_day."""
    while day <= last_day:
        yield from _day_pieces(day, coverage, closures)
        day += _DAY


def _day_pieces(day: date, coverage: Coverage, closures: Mapping[date, str]) -> list[Segment]:
    """One Rome calendar day split into night, covered window and night (or skipped whole)."""
    midnight, next_midnight = rome_instant(day, 0), rome_instant(day, _MINUTES_PER_DAY)
    reason = _skipped_day_reason(day, coverage, closures)
    if reason is not None:
        return [Segment(midnight, next_midnight, False, reason)]
    opens = rome_instant(day, coverage.opens_minute)
    # A window opening in the spring gap moves forward and may pass its own closing time.
    closes = max(opens, rome_instant(day, coverage.closes_minute))
    pieces = [
        Segment(midnight, opens, False, NIGHT),
        Segment(opens, closes, True),
        Segment(closes, next_midnight, False, NIGHT),
    ]
    return [piece for piece in pieces if piece.end > piece.start]


def _skipped_day_reason(day: date, coverage: Coverage, closures: Mapping[date, str]) -> str | None:
    """Why a whole day is skipped, or None if it has a covered window.

    The weekly schedule comes first: a holiday on a day the plan never covers (Easter Sunday
    for a weekday plan) is reported as the weekend, the reason that applies every week.
    """
    if day.weekday() not in coverage.weekday_numbers:
        return WEEKEND if day.weekday() >= 5 else NOT_COVERED
    if coverage.closed_on_holidays:
        return closures.get(day)
    return None


def _append(segments: list[Segment], segment: Segment) -> None:
    """Add a segment, merging it into the previous one when they are of the same kind."""
    if segments:
        last = segments[-1]
        if (last.covered, last.reason) == (segment.covered, segment.reason):
            segments[-1] = Segment(last.start, segment.end, last.covered, last.reason)
            return
    segments.append(segment)


def _search_limit(
    first_day: date, coverage: Coverage, response_minutes: int, closures: Mapping[date, str]
) -> date:
    """A day by which any answerable request is answered, so the walk always ends.

    After the last closure every week has a covered window, and each covered day gives at
    least the window (less one hour, once a year, for DST): two weeks per needed day is ample.
    """
    last_known = max((day for day in closures if day >= first_day), default=first_day)
    window = coverage.closes_minute - coverage.opens_minute
    days_needed = math.ceil(response_minutes / window) + 1
    return last_known + timedelta(days=14 * days_needed)


def _rome(instant: datetime) -> datetime:
    return instant.astimezone(ROME)
