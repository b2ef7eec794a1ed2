"""The weekly coverage picture: an SVG per plan, drawn at build time from plans.yaml.

Each of the seven rows is a day, the horizontal axis is 0-24 h, and the covered window is a
filled bar on an outlined track. Meaning never rests on colour alone: covered time is a solid
bar against an empty track, and the page writes the hours out beside each chart.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from sitegen.comparison import ITALIAN_DAYS, hours_text
from sitegen.models import WEEKDAYS, Plan

_LABEL_WIDTH = 84
_HOUR_WIDTH = 9
_ROW_HEIGHT = 22
_TOP = 20
_BAR_INSET = 4


def coverage_svg(plan: Plan) -> Markup:
    """An accessible SVG of one plan's covered hours across the week."""
    width = _LABEL_WIDTH + 24 * _HOUR_WIDTH + 8
    height = _TOP + 7 * _ROW_HEIGHT + 4
    title_id = f"coverage-{plan.id}-title"
    parts = [
        f'<svg class="coverage-chart" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{escape(_description(plan))}</title>',
        *_hour_axis(height),
        *(_day_row(plan, index) for index in range(7)),
        "</svg>",
    ]
    return Markup("".join(parts))


def _description(plan: Plan) -> str:
    days = [ITALIAN_DAYS[day] for day in WEEKDAYS if day in plan.coverage.days]
    return f"Copertura del piano {plan.name}: {', '.join(days)}, {hours_text(plan)}."


def _x(minute: int) -> float:
    return _LABEL_WIDTH + minute / 60 * _HOUR_WIDTH


def _hour_axis(height: int) -> list[str]:
    marks = []
    for hour in range(0, 25, 6):
        x = _x(hour * 60)
        marks.append(
            f'<line x1="{x:g}" y1="{_TOP - 4}" x2="{x:g}" y2="{height - 4}" class="axis"/>'
            f'<text x="{x:g}" y="{_TOP - 7}" class="hour" text-anchor="middle">{hour}</text>'
        )
    return marks


def _day_row(plan: Plan, index: int) -> str:
    day = WEEKDAYS[index]
    y = _TOP + index * _ROW_HEIGHT
    label = f'<text x="0" y="{y + 15}" class="day">{ITALIAN_DAYS[day]}</text>'
    track = (
        f'<rect x="{_x(0):g}" y="{y + _BAR_INSET}" width="{24 * _HOUR_WIDTH}" '
        f'height="{_ROW_HEIGHT - 2 * _BAR_INSET}" class="track"/>'
    )
    if day not in plan.coverage.days:
        return label + track
    start, end = _x(plan.coverage.opens_minute), _x(plan.coverage.closes_minute)
    bar = (
        f'<rect x="{start:g}" y="{y + _BAR_INSET}" width="{end - start:g}" '
        f'height="{_ROW_HEIGHT - 2 * _BAR_INSET}" class="covered"/>'
    )
    return label + track + bar
