"""The weekly coverage picture: an SVG per plan, drawn at build time from plans.yaml.

Each of the seven rows is a day, the horizontal axis is 0-24 h, and the covered window is a
filled bar on an outlined track. Meaning never rests on colour alone: covered time is a solid
bar against an empty track, and the page writes the hours out beside each chart. Tracks, bars
and grid lines are one path each, to keep the page light.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from sitegen.core.italian import WEEKDAY_NAMES
from sitegen.sources.fields import WEEKDAYS
from sitegen.sources.offer import Plan
from sitegen.sources.plan_wording import hours_words

_LABEL_WIDTH = 84
_HOUR_WIDTH = 9
_ROW_HEIGHT = 22
_TOP = 20
_BAR_INSET = 4
_BAR_HEIGHT = _ROW_HEIGHT - 2 * _BAR_INSET
_WIDTH = _LABEL_WIDTH + 24 * _HOUR_WIDTH + 8
_HEIGHT = _TOP + 7 * _ROW_HEIGHT + 4


def coverage_svg(plan: Plan) -> Markup:
    """An accessible SVG of one plan's covered hours across the week."""
    title_id = f"coverage-{plan.id}-title"
    covered = [index for index, day in enumerate(WEEKDAYS) if day in plan.coverage.days]
    start, end = _x(plan.coverage.opens_minute), _x(plan.coverage.closes_minute)
    return Markup(
        f'<svg class="coverage-chart" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" '
        f'height="{_HEIGHT}" role="img" aria-labelledby="{title_id}">'
        f'<title id="{title_id}">{escape(_description(plan))}</title>'
        f'<path class="track" d="{_bars(range(7), _x(0), _x(24 * 60))}"/>'
        f'<path class="covered" d="{_bars(covered, start, end)}"/>'
        f"{_hour_axis()}{_day_labels()}</svg>"
    )


def _description(plan: Plan) -> str:
    days = [WEEKDAY_NAMES[number] for number in plan.coverage.weekday_numbers]
    hours = hours_words(plan.coverage.opens_minute, plan.coverage.closes_minute)
    return f"Copertura del piano {plan.name}: {', '.join(days)}, {hours}."


def _x(minute: int) -> float:
    return _LABEL_WIDTH + minute / 60 * _HOUR_WIDTH


def _bars(rows: range | list[int], start: float, end: float) -> str:
    """One rectangle per row, from start to end, as subpaths of a single path."""
    width = end - start
    return "".join(
        f"M{start:g} {_TOP + row * _ROW_HEIGHT + _BAR_INSET}h{width:g}v{_BAR_HEIGHT}h{-width:g}z"
        for row in rows
    )


def _hour_axis() -> str:
    hours = range(0, 25, 6)
    lines = "".join(f"M{_x(hour * 60):g} {_TOP - 4}V{_HEIGHT - 4}" for hour in hours)
    labels = "".join(f'<text x="{_x(hour * 60):g}" y="{_TOP - 7}">{hour}</text>' for hour in hours)
    return f'<path class="axis" d="{lines}"/><g class="hour">{labels}</g>'


def _day_labels() -> str:
    labels = "".join(
        f'<text x="0" y="{_TOP + index * _ROW_HEIGHT + 15}">{name}</text>'
        for index, name in enumerate(WEEKDAY_NAMES)
    )
    return f'<g class="day">{labels}</g>'
