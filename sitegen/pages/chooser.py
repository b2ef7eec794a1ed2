"""The plan chooser on /piani/ ("Quale piano fa per me?"), derived from plans.yaml.

Every answer the visitor can give is a need; this module works out, once, which plans meet
each need. The page shows that as a table (all a visitor without JavaScript gets), whose rows
carry the answer and the plan ids: templates/static/js/chooser.js reads them and only
intersects lists (the first plan, in plans.yaml order, that meets every need), so it holds no
plan ids, times or hours of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sitegen.core.italian import clock_label_of, duration_words
from sitegen.sources.fields import WEEKDAYS
from sitegen.sources.offer import Offer, Plan

_WORKING_DAYS = frozenset(WEEKDAYS[:5])
_WEEKEND = frozenset(WEEKDAYS[5:])
_HOUR = 60
CHECKED = "si"  # the value of the chooser's checkboxes
# Which of a plan's facts (see _facts) meets or misses each field's needs.
FACTS = {
    "weekend": "coverage",
    "holidays": "holidays",
    "from": "coverage",
    "until": "coverage",
    "channel": "channels",
    "response": "response",
}
Meets = Callable[[Plan], bool]


@dataclass(frozen=True)
class Need:
    """One answer of the visitor: the form field and value, its option text, how it reads
    after "Ti serve", and the plans (in plans.yaml order) that meet it."""

    field: str
    value: str
    choice: str
    label: str
    plans: tuple[Plan, ...]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Chooser:
    """What _chooser.html shows: the form's options and every need for the table."""

    starts: tuple[Option, ...]
    ends: tuple[Option, ...]
    channels: tuple[Option, ...]
    responses: tuple[Option, ...]
    needs: tuple[Need, ...]
    checked: str = CHECKED


def chooser_view(offer: Offer) -> Chooser:
    """The form's choices, defaulting to the least demanding answers, and every need."""
    fields = needs_by_field(offer)
    return Chooser(
        starts=_options(fields["from"]),
        ends=_options(fields["until"]),
        channels=_options(fields["channel"]),
        responses=_options(fields["response"]),
        needs=tuple(need for needs in fields.values() for need in needs),
    )


def chooser_data(offer: Offer) -> dict[str, Any]:
    """The JSON chooser.js reads beside the table: plans in order with the facts it cites."""
    return {
        "facts": FACTS,
        "plans": [
            {"id": plan.id, "name": plan.name, "facts": _facts(offer, plan)} for plan in offer.plans
        ],
    }


def needs_by_field(offer: Offer) -> dict[str, tuple[Need, ...]]:
    """Each form field's possible answers as needs. Unticked "holidays" asks for nothing.

    The times offered are the plans' opening and closing times, plus an hour before the
    earliest opening and after the latest closing: no plan covers those, and the chooser must
    be able to say so.
    """
    plans = offer.plans
    opens = sorted({plan.coverage.opens_minute for plan in plans})
    closes = sorted({plan.coverage.closes_minute for plan in plans})
    starts = ([opens[0] - _HOUR] if opens[0] >= _HOUR else []) + opens
    ends = closes + ([closes[-1] + _HOUR] if closes[-1] + _HOUR <= 24 * _HOUR else [])
    offered = {channel for plan in plans for channel in plan.channels}
    channels = [(c, name) for c, name in offer.channel_names.items() if c in offered]
    hours = sorted({plan.response.hours for plan in plans}, reverse=True)

    def need(field: str, value: str, choice: str, label: str, meets: Meets) -> Need:
        return Need(field, value, choice, label, tuple(p for p in plans if meets(p)))

    def hours_text(h: float) -> str:
        return f"entro {duration_words(round(h * _HOUR))}"

    return {
        "weekend": (
            need(
                "weekend",
                "",
                "",
                "assistenza dal lunedì al venerdì",
                lambda p: set(p.coverage.days) >= _WORKING_DAYS,
            ),
            need(
                "weekend",
                CHECKED,
                "",
                "assistenza anche il sabato e la domenica",
                lambda p: set(p.coverage.days) >= _WORKING_DAYS | _WEEKEND,
            ),
        ),
        "holidays": (
            need(
                "holidays",
                CHECKED,
                "",
                "assistenza anche nei giorni festivi",
                lambda p: not p.coverage.closed_on_holidays,
            ),
        ),
        "from": tuple(
            need(
                "from",
                _value(m),
                clock_label_of(m),
                f"assistenza dalle {clock_label_of(m)}",
                lambda p, m=m: p.coverage.opens_minute <= m,
            )
            for m in starts
        ),
        "until": tuple(
            need(
                "until",
                _value(m),
                clock_label_of(m),
                f"assistenza fino alle {clock_label_of(m)}",
                lambda p, m=m: p.coverage.closes_minute >= m,
            )
            for m in ends
        ),
        "channel": tuple(
            need(
                "channel",
                c,
                name[:1].upper() + name[1:],
                f"il contatto tramite {name}",
                lambda p, c=c: c in p.channels,
            )
            for c, name in channels
        ),
        "response": tuple(
            need(
                "response",
                f"{h:g}",
                hours_text(h),
                f"una risposta {hours_text(h)}",
                lambda p, h=h: p.response.hours <= h,
            )
            for h in hours
        ),
    }


def _facts(offer: Offer, plan: Plan) -> dict[str, str]:
    """The plan's own words that meet (or miss) a need, by the `fact` a need names."""
    coverage = plan.coverage
    channels = ", ".join(offer.channel_names[c] for c in plan.channels)
    return {
        "coverage": coverage.wording,
        "holidays": coverage.wording
        if coverage.holidays_stated
        else f"{coverage.wording} (festività non indicate)",
        "channels": f"Modalità di contatto: {channels}",
        "response": plan.response_wording,
    }


def _options(needs: tuple[Need, ...]) -> tuple[Option, ...]:
    """A field's options; the default is the answer most plans meet, the least demanding."""
    default = max(needs, key=lambda need: len(need.plans))
    return tuple(Option(need.value, need.choice, need is default) for need in needs)


def _value(minute: int) -> str:
    """The form's value for a time, "08:00": the HH:MM that page hooks and tests rely on (the
    words shown beside it are italian.clock_label_of's "8:00")."""
    return clock_label_of(minute).zfill(5)
