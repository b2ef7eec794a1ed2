"""A plan's response time and coverage in Italian words, and the check that staff's own words
agree with the data.

By default the site words both from the data ("entro 8 ore lavorative", "lunedì-venerdì, dalle
8:00 alle 20:00 (escluse festività)"), so changing an hour is one edit. Where staff keep the
document's own words because they add something ("entro 1 ora, anche in caso di criticità"),
the build reads the times, durations and days those words state, in natural Italian ("entro
mezz’ora", "dalle 8 alle 20", "dal lunedì al venerdì", "24 ore su 24"), and refuses words that
contradict the data. Functions take plain values (minutes, weekday numbers), not models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitegen.core.italian import WEEKDAY_NAMES, clock_label_of, duration_words, number_value

MINUTES_PER_DAY = 24 * 60
ALL_WEEK = tuple(range(7))


def is_round_the_clock(
    days: Sequence[int], opens: int, closes: int, closed_on_holidays: bool
) -> bool:
    """Every minute counts: every day, 0:00 to 24:00, holidays included."""
    return (
        tuple(days) == ALL_WEEK
        and opens == 0
        and closes == MINUTES_PER_DAY
        and not (closed_on_holidays)
    )


def response_words(minutes: int, round_the_clock: bool) -> str:
    """ "entro 8 ore lavorative", "entro 1 ora e 30 minuti lavorativi", "entro 30 minuti"
    (where every hour counts, "lavorative" would say nothing)."""
    words = duration_words(minutes)
    if round_the_clock:
        return f"entro {words}"
    last_unit = words.rsplit(" ", 1)[-1]
    qualifier = {"ora": "lavorativa", "ore": "lavorative", "minuto": "lavorativo"}.get(
        last_unit, "lavorativi"
    )
    return f"entro {words} {qualifier}"


def days_words(days: Sequence[int]) -> str:
    """The document's way of naming covered days: "lunedì-venerdì", "7 giorni su 7", or a list."""
    numbers = tuple(sorted(days))
    if numbers == ALL_WEEK:
        return "7 giorni su 7"
    names = [WEEKDAY_NAMES[n] for n in numbers]
    if len(numbers) > 2 and numbers == tuple(range(numbers[0], numbers[-1] + 1)):
        return f"{names[0]}-{names[-1]}"
    return ", ".join(names)


def hours_words(opens: int, closes: int) -> str:
    """ "dalle 8:00 alle 20:00", or "24 ore su 24"."""
    if opens == 0 and closes == MINUTES_PER_DAY:
        return "24 ore su 24"
    return f"dalle {clock_label_of(opens)} alle {clock_label_of(closes)}"


def coverage_words(
    days: Sequence[int], opens: int, closes: int, closed_on_holidays: bool, holidays_stated: bool
) -> str:
    """ "lunedì-venerdì, dalle 10:00 alle 18:00 (escluse festività)"; holidays are named only
    where the data states them and the days do not already say it."""
    text = f"{days_words(days)}, {hours_words(opens, closes)}"
    if not holidays_stated:
        return text
    if closed_on_holidays:
        return f"{text} (escluse festività)"
    return text if tuple(sorted(days)) == ALL_WEEK else f"{text} (festività comprese)"


# Reading staff's words. Apostrophes are typed both ways (’ and ').
_NUMBER = r"(\d+(?:[.,]\d+)?|[a-zàèéìòù]+)"
_HOURS = re.compile(
    rf"\b(?:{_NUMBER}\s*(?:ore|ora|h)\b|(un')\s*ora\b|(mezz'\s*ora|mezzora)\b)"
    rf"(?:\s+e\s+(?:(mezz[ao])\b|(un quarto)\b|{_NUMBER}\s*(?:minuti|minuto|min)\b))?"
)
_MINUTES = re.compile(rf"\b{_NUMBER}\s*(?:minuti|minuto|min)\b")
_DAYS_UNIT = re.compile(r"\b(?:giorn[oi]|giornat[ae])\b(?!\s+su\s+7)")
_ROUND_THE_CLOCK = re.compile(r"\b24\s*ore\s+su\s+24\b|\bh\s?24\b")


def durations_in(text: str) -> list[int] | None:
    """The durations text states, in minutes, in order; None when it counts in days, which
    help desks read differently (the site never promises in days)."""
    lowered = _plain(text)
    if _DAYS_UNIT.search(_ROUND_THE_CLOCK.sub(" ", lowered.replace("7 giorni su 7", " "))):
        return None
    found: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []
    for match in _HOURS.finditer(lowered):
        number, one, half_hour, half, quarter, extra = match.groups()
        if half_hour:
            minutes = 30
        else:
            hours = 1.0 if one else number_value(number)
            if hours is None:
                continue
            minutes = round(hours * 60)
        if half:
            minutes += 30
        elif quarter:
            minutes += 15
        elif extra:
            extra_minutes = number_value(extra)
            minutes += round(extra_minutes) if extra_minutes is not None else 0
        found.append((match.start(), minutes))
        taken.append(match.span())
    for match in _MINUTES.finditer(lowered):
        if any(start <= match.start() < end for start, end in taken):
            continue
        value = number_value(match[1])
        if value is not None:
            found.append((match.start(), round(value)))
    if _ROUND_THE_CLOCK.search(lowered):
        found = [(at, minutes) for at, minutes in found if minutes != MINUTES_PER_DAY]
    return [minutes for _, minutes in sorted(found)]


_CLOCK = re.compile(r"\b([01]?\d|2[0-4])[:.]([0-5]\d)\b")
_HOUR_ONLY = re.compile(
    r"\b(?:dalle|alle|dall'|all'|fino alle|entro le)\s*([01]?\d|2[0-4])\b(?![:.]\d)"
)
_NAMED_TIMES = {"mezzanotte": (0, MINUTES_PER_DAY), "mezzogiorno": (12 * 60,)}


def clock_times_in(text: str) -> set[int] | None:
    """The times of day text states, in minutes after midnight (midnight both as 0 and as
    1440); None when it states none."""
    lowered = _plain(text)
    times: set[int] = set()
    if _ROUND_THE_CLOCK.search(lowered):
        times |= {0, MINUTES_PER_DAY}
    for hour, minute in _CLOCK.findall(lowered):
        times.add(int(hour) * 60 + int(minute))
    for hour in _HOUR_ONLY.findall(lowered):
        times.add(int(hour) * 60)
    for name, minutes in _NAMED_TIMES.items():
        if re.search(rf"\b{name}\b", lowered):
            times |= set(minutes)
    return times or None


_DAY_STEMS = ("luned", "marted", "mercoled", "gioved", "venerd", "sabat", "domenic")
_DAY_NAME = r"(luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica)"
_DAY_RANGE = re.compile(
    rf"\b(?:dal\s+|da\s+)?{_DAY_NAME}\s*(?:-|–|—|\s+al\s+|\s+a\s+)\s*{_DAY_NAME}\b"
)
_EVERY_DAY = re.compile(r"\b7\s*giorni\s+su\s+7\b|\btutti\s+i\s+giorni\b|\bogni\s+giorno\b")


def days_in(text: str) -> set[int] | None:
    """The weekdays text names (Monday is 0); None when it names none."""
    lowered = _plain(text)
    if _EVERY_DAY.search(lowered):
        return set(ALL_WEEK)
    days: set[int] = set()
    for first, last in _DAY_RANGE.findall(lowered):
        start, end = _day_number(first), _day_number(last)
        days |= (
            set(range(start, end + 1))
            if start <= end
            else set(range(start, 7)) | set(range(0, end + 1))
        )
    for name in re.findall(_DAY_NAME, _DAY_RANGE.sub(" ", lowered)):
        days.add(_day_number(name))
    return days or None


_HOLIDAYS_EXCLUDED = re.compile(
    r"\b(?:escluse?\s+(?:le\s+)?festivit[àa]|festivit[àa]\s+escluse|esclusi\s+(?:i\s+)?festivi"
    r"|festivi\s+esclusi|tranne\s+(?:i\s+)?festivi|chiuso\s+nei\s+(?:giorni\s+)?festivi)\b"
)
_HOLIDAYS_INCLUDED = re.compile(
    r"\b(?:festivit[àa]\s+(?:comprese|incluse)|(?:comprese|incluse)\s+(?:le\s+)?festivit[àa]"
    r"|festivi\s+(?:compresi|inclusi)|anche\s+(?:nei\s+|i\s+)?(?:giorni\s+)?festivi)\b"
)


def holidays_in(text: str) -> bool | None:
    """True when text says holidays are closed, False when it says they are covered, None
    when it says nothing about them."""
    lowered = _plain(text)
    if _HOLIDAYS_EXCLUDED.search(lowered):
        return True
    if _HOLIDAYS_INCLUDED.search(lowered):
        return False
    return None


def _plain(text: str) -> str:
    return text.casefold().replace("’", "'").replace("‘", "'")


def _day_number(name: str) -> int:
    return next(index for index, stem in enumerate(_DAY_STEMS) if name.startswith(stem))
