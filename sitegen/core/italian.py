"""Italian words the site builds in Python: days, months, clock times, dates, durations,
numbers, and the SLA explanation and errors.

templates/static/js/italian.js says the same things in the browser, word for word:
tests/test_sla_parity.py compares the two explanations on thousands of receipts, so keep
any wording change in step on both sides.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitegen.sla.engine import Explanation, Segment

WEEKDAY_NAMES = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
MONTH_NAMES = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)

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


def join_text(items: Sequence[str]) -> str:
    """ "a, b e c": the way Italian lists things."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} e {items[-1]}"


def date_text(day: date) -> str:
    """A date with its year, e.g. 31 dicembre 2029."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def clock_label_of(minute: int) -> str:
    """Minutes after midnight as the document writes a time: 480 is 8:00, 1440 is 24:00.
    The one place a time is worded; the others pass their minutes here."""
    return f"{minute // 60}:{minute % 60:02d}"


def clock_label(value: time | None) -> str:
    """A 24-hour time as the company document writes it: 8:00, 17:30; None (the end of the
    day, as models read "24:00") is 24:00."""
    return clock_label_of(24 * 60 if value is None else value.hour * 60 + value.minute)


def clock_text(moment: datetime) -> str:
    """The wall-clock time of a moment, e.g. 17:30."""
    return clock_label(moment.time())


def moment_text(moment: datetime) -> str:
    """Weekday, day, month and time of a Rome-time moment, e.g. venerdì 4 dicembre alle 17:00."""
    day = moment.date()
    weekday, month = WEEKDAY_NAMES[day.weekday()], MONTH_NAMES[day.month - 1]
    return f"{weekday} {day.day} {month} alle {clock_text(moment)}"


def duration_text(span: timedelta) -> str:
    """Hours and minutes, e.g. "1 ora e 30 minuti"; never days, which help desks read
    differently. Whole minutes, rounded down, as in italian.js."""
    return duration_words(int(span.total_seconds() // 60))


def duration_words(minutes: int) -> str:
    """ "8 ore", "1 ora e 30 minuti", "30 minuti", "0 minuti"."""
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} {'ora' if hours == 1 else 'ore'}")
    if minutes or not hours:
        parts.append(f"{minutes} {'minuto' if minutes == 1 else 'minuti'}")
    return " e ".join(parts)


_UNITS = {
    "un": 1,
    "uno": 1,
    "una": 1,
    "due": 2,
    "tre": 3,
    "tré": 3,
    "quattro": 4,
    "cinque": 5,
    "sei": 6,
    "sette": 7,
    "otto": 8,
    "nove": 9,
}
_TEENS = {
    "dieci": 10,
    "undici": 11,
    "dodici": 12,
    "tredici": 13,
    "quattordici": 14,
    "quindici": 15,
    "sedici": 16,
    "diciassette": 17,
    "diciotto": 18,
    "diciannove": 19,
}
_TENS = {
    "venti": 20,
    "trenta": 30,
    "quaranta": 40,
    "cinquanta": 50,
    "sessanta": 60,
    "settanta": 70,
    "ottanta": 80,
    "novanta": 90,
}
COUNT_WORDS = (
    "zero",
    "uno",
    "due",
    "tre",
    "quattro",
    "cinque",
    "sei",
    "sette",
    "otto",
    "nove",
    "dieci",
)


def number_value(word: str) -> float | None:
    """A number as staff write it, in digits ("8", "4,5", "0.5") or in words from one to
    ninety-nine ("otto", "ventiquattro", "quarantotto"); None for anything else."""
    word = word.strip().casefold()
    if word.replace(",", "", 1).replace(".", "", 1).isdigit():
        return float(word.replace(",", "."))
    if word in _UNITS or word in _TEENS:
        return float(_UNITS.get(word) or _TEENS[word])
    for name, value in _TENS.items():
        for stem in (name, name[:-1]):  # "venti" + "otto" is "ventotto"
            rest = word.removeprefix(stem)
            if rest != word and ((rest == "" and stem == name) or rest in _UNITS):
                return float(value + _UNITS.get(rest, 0))
    return None


def count_word(count: int) -> str:
    """How many, in words up to ten ("tre"), in digits after."""
    return COUNT_WORDS[count] if 0 <= count < len(COUNT_WORDS) else str(count)


def first_upper(text: str) -> str:
    """Text with its first letter in capitals and nothing else changed ("IT." stays "IT.")."""
    return text[:1].upper() + text[1:]


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


def destined_to(audience: str) -> str:
    """ "Destinato a" with the euphonic d before a vowel a: "destinato ad attività"."""
    preposition = "ad" if audience[:1].casefold() == "a" else "a"
    return f"destinato {preposition} {audience}"
