"""The SLA clock's own words: why a stretch of time does not count, how a deadline was
counted, each plan's worked example, and the messages when no deadline can be given.

templates/static/js/italian.js says the same things in the browser, word for word:
tests/test_sla_parity.py compares the two explanations and errors on thousands of receipts,
so keep any wording change in step on both sides.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta

from sitegen.core.italian import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    clock_text,
    date_text,
    duration_text,
    join_text,
    moment_text,
)
from sitegen.sla.segments import Explanation, Segment

# Why a stretch of time does not count (the SLA engines' segment reasons); a closure calendar
# day is skipped under its own name instead, e.g. "Immacolata Concezione".
NIGHT = "notte"
WEEKEND = "fine settimana"
NOT_COVERED = "giorno non coperto"
_REASON_PHRASES = {
    NIGHT: "la notte",
    WEEKEND: "il fine settimana",
    NOT_COVERED: "i giorni non coperti dal piano",
}


def explanation_text(expl: Explanation) -> str:
    """How a deadline was counted, for a visitor: when the clock starts, what does not count,
    how much time counted. The page shows the same paragraph under each plan's deadline."""
    if expl.start == expl.received:
        sentences = ["Il conteggio parte subito: in quel momento il piano è coperto."]
    else:
        sentences = [
            f"Il conteggio parte {moment_text(expl.start)}, quando inizia la copertura del piano."
        ]
    skipped = _skipped_items(expl.segments)
    if skipped:
        sentences.append(f"Non contano {join_text(skipped)}.")
    # Aware datetimes of one zone subtract as wall clocks: compare instants, so DST counts.
    counted = sum(s.end.timestamp() - s.start.timestamp() for s in expl.segments if s.covered)
    sentences.append(f"Il tempo conteggiato è di {duration_text(timedelta(seconds=counted))}.")
    return " ".join(sentences)


def example_text(received: datetime, deadline: datetime) -> str:
    """A worked example by weekday and time only, e.g. "una richiesta di venerdì alle 17:30
    riceve risposta entro lunedì alle 17:30": true of any ordinary week."""
    return (
        f"una richiesta di {WEEKDAY_NAMES[received.weekday()]} alle {clock_text(received)} "
        f"riceve risposta entro {WEEKDAY_NAMES[deadline.weekday()]} alle {clock_text(deadline)}"
    )


# What the SLA engines say when they cannot give a deadline; templates/static/js/sla.js words
# its errors the same way (the parity test compares them).
NAIVE_RECEIPT = "l'ora di ricezione deve indicare il fuso orario, ad esempio 2026-12-04T17:00+01:00"


def non_positive_response_text(minutes: int) -> str:
    return f"il tempo di risposta deve essere positivo, non {minutes}"


def before_calendar_text(day: date, first: date) -> str:
    return f"La data {date_text(day)} è prima del calendario disponibile (dal {date_text(first)})."


def after_calendar_text(day: date, last: date) -> str:
    return (
        f"La data {date_text(day)} è oltre il calendario disponibile (fino al {date_text(last)})."
    )


def deadline_after_calendar_text(last: date) -> str:
    return f"La scadenza cade oltre il calendario disponibile (fino al {date_text(last)})."


def never_covered_text(first: date, last: date) -> str:
    return (
        f"Il piano non copre nessuna ora dal {date_text(first)} al {date_text(last)}: "
        "impossibile calcolare la scadenza."
    )


def _skipped_items(segments: Sequence[Segment]) -> list[str]:
    """What did not count, in order of appearance: the night, the weekend with its days, and
    each closure's days with its name, e.g. "martedì 8 dicembre (Immacolata Concezione)"."""
    days_by_reason: dict[str, list[date]] = {}
    for segment in segments:
        if segment.covered or segment.reason is None:
            continue
        days = days_by_reason.setdefault(segment.reason, [])
        if segment.reason != NIGHT:
            days.extend(_days_of(segment))
    items = []
    for reason, days in days_by_reason.items():
        when = _days_text(sorted(set(days)))
        if reason == NIGHT:
            items.append(_REASON_PHRASES[reason])
        elif reason in _REASON_PHRASES:
            items.append(f"{_REASON_PHRASES[reason]} ({when})")
        else:
            items.append(f"{when} ({reason})")
    return items


def _days_of(segment: Segment) -> Iterator[date]:
    """The Rome calendar days a skipped segment touches."""
    day, last = segment.start.date(), (segment.end - timedelta(microseconds=1)).date()
    while day <= last:
        yield day
        day += timedelta(days=1)


def _days_text(days: list[date]) -> str:
    """Days as Italian speaks them, e.g. sabato 5 e domenica 6 dicembre: one month per run."""
    words = []
    for index, day in enumerate(days):
        text = f"{WEEKDAY_NAMES[day.weekday()]} {day.day}"
        following = days[index + 1] if index + 1 < len(days) else None
        if following is None or following.month != day.month:
            text += f" {MONTH_NAMES[day.month - 1]}"
        words.append(text)
    return join_text(words)
