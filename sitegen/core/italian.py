"""Italian words the site builds in Python: days, months, clock times, dates, durations,
numbers, lists. No word here belongs to one stage: the SLA clock's own sentences are in
sla/wording.py, a plan's response and coverage words in sources/plan_wording.py.

templates/static/js/italian.js and words.js say the same things in the browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

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


def destined_to(audience: str) -> str:
    """ "Destinato a" with the euphonic d before a vowel a: "destinato ad attività"."""
    preposition = "ad" if audience[:1].casefold() == "a" else "a"
    return f"destinato {preposition} {audience}"
