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

from sitegen.italian import MONTH_NAMES, WEEKDAY_NAMES
from sitegen.models import Coverage

ROME = ZoneInfo("Europe/Rome")
NIGHT = "notte"
WEEKEND = "fine settimana"
NOT_COVERED = "giorno non coperto"

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
            f"La data {_date_text(first_day)} è prima del calendario disponibile "
            f"(dal {_date_text(calendar_start)})."
        )
    last_day = calendar_end or _search_limit(first_day, coverage, response_minutes, closures)
    if first_day > last_day:
        raise SlaError(
            f"La data {_date_text(first_day)} è oltre il calendario disponibile "
            f"(fino al {_date_text(last_day)})."
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
            f"La scadenza cade oltre il calendario disponibile (fino al {_date_text(last_day)})."
        )
    raise SlaError(
        f"Il piano non copre nessuna ora dal {_date_text(first_day)} al {_date_text(last_day)}: "
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


def explanation_text(expl: Explanation) -> str:
    """An Italian paragraph telling a visitor how the deadline was counted."""
    sentences = [f"Richiesta ricevuta {_moment_text(expl.received)}."]
    if expl.start == expl.received:
        sentences.append("Il conteggio parte subito, perché in quel momento il piano è coperto.")
    else:
        sentences.append(
            f"Il conteggio parte {_moment_text(expl.start)}, alla prima apertura coperta dal piano."
        )
    skipped = _skipped_text(expl.segments)
    if skipped:
        sentences.append(f"Saltati: {skipped}.")
    counted = sum((s.end - s.start for s in expl.segments if s.covered), timedelta())
    sentences.append(
        f"Scadenza: {_moment_text(expl.deadline)}, dopo {duration_text(counted)} di tempo coperto."
    )
    return " ".join(sentences)


def duration_text(span: timedelta) -> str:
    """Hours and minutes in Italian, e.g. "1 ora e 30 minuti"; never days, which are ambiguous."""
    hours, minutes = divmod(int(span.total_seconds() // 60), 60)
    parts = []
    if hours:
        parts.append(f"{hours} {'ora' if hours == 1 else 'ore'}")
    if minutes or not hours:
        parts.append(f"{minutes} {'minuto' if minutes == 1 else 'minuti'}")
    return " e ".join(parts)


def _skipped_text(segments: tuple[Segment, ...]) -> str:
    """The skipped reasons in order of appearance; whole-day reasons list their days."""
    days_by_reason: dict[str, list[date]] = {}
    for segment in segments:
        if segment.covered or segment.reason is None:
            continue
        days = days_by_reason.setdefault(segment.reason, [])
        if segment.reason != NIGHT:
            days.extend(_days_of(segment))
    items = []
    for reason, days in days_by_reason.items():
        unique = sorted(set(days))
        items.append(f"{reason} ({_days_text(unique)})" if unique else reason)
    return "; ".join(items)


def _days_of(segment: Segment) -> Iterator[date]:
    """The Rome calendar days a skipped segment touches."""
    day, last = segment.start.date(), (segment.end - timedelta(microseconds=1)).date()
    while day <= last:
        yield day
        day += _DAY


def _days_text(days: list[date]) -> str:
    """Days as Italian speak them, e.g. sabato 5 e domenica 6 dicembre: one month per run."""
    words = []
    for index, day in enumerate(days):
        text = f"{WEEKDAY_NAMES[day.weekday()]} {day.day}"
        following = days[index + 1] if index + 1 < len(days) else None
        if following is None or following.month != day.month:
            text += f" {MONTH_NAMES[day.month - 1]}"
        words.append(text)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} e {words[-1]}"


def _moment_text(moment: datetime) -> str:
    """Weekday, day, month and 24-hour time in Rome, e.g. venerdì 4 dicembre alle 17:00."""
    local = moment.astimezone(ROME)
    day = local.date()
    weekday, month = WEEKDAY_NAMES[day.weekday()], MONTH_NAMES[day.month - 1]
    return f"{weekday} {day.day} {month} alle {local.hour}:{local.minute:02d}"


def _date_text(day: date) -> str:
    """A date for error messages, e.g. 31 dicembre 2027."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
