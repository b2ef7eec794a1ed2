"""Typed, immutable models of the sources staff edit.

Validation lives here so that every later stage can trust its input: the renderer and the SLA
engine never re-check what these models already guarantee.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from functools import cached_property
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from sitegen.errors import LocatedValueError
from sitegen.italian import clock_label
from sitegen.urls import check_base_url

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Channel = Literal["email", "phone", "chat"]
PlanId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_TIME = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


def _parse_clock(value: object) -> time | None:
    """Read a quoted "HH:MM"; "24:00" (end of day) becomes None so closing can mean midnight.

    PyYAML reads an unquoted 18:00 as the base-60 integer 1080, so a number here is almost
    certainly that trap: say so instead of a generic type error.
    """
    if isinstance(value, int | float):
        raise ValueError(
            'the time must be quoted, e.g. "18:00": '
            f"YAML reads an unquoted time as the number {value}"
        )
    if not isinstance(value, str):
        raise ValueError('expected a time as a quoted "HH:MM" string')
    match = _TIME.match(value.strip())
    if not match:
        raise ValueError(f'"{value}" is not a valid time: use "HH:MM" between "00:00" and "24:00"')
    hour, minute = int(match[1]), int(match[2])
    if hour == 24 and minute:
        raise ValueError(f'"{value}" is not a valid time: the latest is "24:00"')
    return None if hour == 24 else time(hour, minute)


Clock = Annotated[time | None, BeforeValidator(_parse_clock)]


class Model(BaseModel):
    """Shared strictness: unknown keys are errors (typos must not pass silently), values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _minutes(value: time | None) -> int:
    return 24 * 60 if value is None else value.hour * 60 + value.minute


class Coverage(Model):
    """When a plan's clock runs: the days, the daily window and the holiday rule."""

    days: Annotated[tuple[Weekday, ...], Field(min_length=1)]
    opens: Clock
    closes: Clock
    closed_on_holidays: bool
    text: Text
    # False where the document does not say whether holidays are covered: closed_on_holidays is
    # then our prudent reading, and the comparison shows the rule as "non indicate".
    holidays_stated: bool = True

    @model_validator(mode="after")
    def _window_is_possible(self) -> Coverage:
        if self.opens is None:
            raise LocatedValueError('"opens" cannot be "24:00"', "opens")
        if _minutes(self.closes) <= _minutes(self.opens):
            raise LocatedValueError(
                f"closes ({clock_label(self.closes)}) must be after "
                f"opens ({clock_label(self.opens)})",
                "closes",
            )
        if len(set(self.days)) != len(self.days):
            raise LocatedValueError("a day is listed twice", "days")
        for clock in (self.opens, self.closes):
            if clock_label(clock) not in self.text:
                raise LocatedValueError(
                    f'text "{self.text}" does not mention {clock_label(clock)}: '
                    "keep the wording and the data in step",
                    "text",
                )
        return self

    @property
    def opens_minute(self) -> int:
        """Minutes after midnight at which coverage starts."""
        return _minutes(self.opens)

    @property
    def closes_minute(self) -> int:
        """Minutes after midnight at which coverage ends (1440 means midnight)."""
        return _minutes(self.closes)

    @cached_property
    def weekday_numbers(self) -> tuple[int, ...]:
        """Covered days as Python weekday numbers (Monday is 0), in week order; cached, as the
        SLA engine asks for it on every day it walks."""
        return tuple(sorted(WEEKDAYS.index(day) for day in self.days))


def _at_least_a_minute(hours: float) -> float:
    """Both SLA engines count whole minutes: a shorter target would round to nothing."""
    if hours * 60 < 1:
        raise ValueError(f"hours is {hours:g}: the response time must be at least one minute")
    return hours


class Response(Model):
    """The guaranteed response time: hours of covered time, and how the document words it."""

    hours: Annotated[float, Field(le=24 * 7), AfterValidator(_at_least_a_minute)]
    text: Text

    @model_validator(mode="after")
    def _text_matches_hours(self) -> Response:
        if f"{self.hours:g}" not in self.text:
            raise LocatedValueError(
                f'text "{self.text}" does not mention {self.hours:g}: '
                "keep the wording and the data in step",
                "text",
            )
        return self

    @property
    def minutes(self) -> int:
        """The target in whole minutes, the unit both SLA engines count in."""
        return round(self.hours * 60)


class Plan(Model):
    """One service level, with every line the document gives it."""

    id: PlanId
    name: Text
    audience: Text
    response: Response
    coverage: Coverage
    channels: Annotated[tuple[Channel, ...], Field(min_length=1)]
    services: tuple[Text, ...] = ()
    exclusions: tuple[Text, ...] = ()
    advantages: tuple[Text, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        """Every line the document lists for this plan, in document order."""
        return self.services + self.exclusions + self.advantages


def _no_duplicates(plans: tuple[Plan, ...]) -> tuple[Plan, ...]:
    seen: set[str] = set()
    for index, plan in enumerate(plans):
        if plan.id in seen:
            raise LocatedValueError(f'duplicate plan id "{plan.id}"', index, "id")
        seen.add(plan.id)
    return plans


ComparisonField = Literal[
    "audience", "response", "coverage_days", "coverage_hours", "holidays", "email", "phone", "chat"
]


class ComparisonRow(Model):
    """A comparison row: derived from plan data (field) or quoting plan lines (cells).

    A plan missing from `cells` is shown as "non indicato": the document is silent, which is not
    the same as saying the plan lacks it.
    """

    label: Text
    field: ComparisonField | None = None
    cells: dict[PlanId, Text] | None = None

    @model_validator(mode="after")
    def _one_source(self) -> ComparisonRow:
        if (self.field is None) == (self.cells is None):
            raise ValueError('a row needs exactly one of "field" or "cells"')
        return self

    @property
    def key(self) -> str:
        """Stable name for tests and styles: the field, else a slug of the label."""
        return self.field or slugify(self.label)


class ComparisonGroup(Model):
    """A titled block of rows, rendered as a row-group header in the table."""

    title: Text
    rows: Annotated[tuple[ComparisonRow, ...], Field(min_length=1)]


class Comparison(Model):
    """The comparison table: its caption, the wording of derived cells, and the grouped rows."""

    caption: Text
    available: Text
    unavailable: Text
    unstated: Text
    holidays_excluded: Text
    holidays_included: Text
    holidays_unstated: Text
    groups: Annotated[tuple[ComparisonGroup, ...], Field(min_length=1)]


def slugify(label: str) -> str:
    """ASCII slug of an Italian label: "Priorità e urgenze" -> "priorita-e-urgenze"."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Catalogue(Model):
    """All of plans.yaml: the introduction, the plans and how to compare them."""

    intro: Text
    channel_names: dict[Channel, Text]
    plans: Annotated[
        tuple[Plan, ...],
        Field(min_length=1),
        AfterValidator(_no_duplicates),
    ]
    comparison: Comparison

    @model_validator(mode="after")
    def _comparison_quotes_each_line_once(self) -> Catalogue:
        """Every plan line (service, exclusion, advantage) stands in exactly one cell of its own
        plan: the table may not invent, drop or repeat what the document says."""
        plans = {plan.id: plan for plan in self.plans}
        used: dict[tuple[str, str], str] = {}
        labels: set[str] = set()
        for group_index, group in enumerate(self.comparison.groups):
            here = ("comparison", "groups", group_index)
            if group.title in labels:
                raise LocatedValueError(f'"{group.title}" is already a label', *here, "title")
            labels.add(group.title)
            for row_index, row in enumerate(group.rows):
                at = (*here, "rows", row_index)
                if row.label in labels:
                    raise LocatedValueError(f'"{row.label}" is already a label', *at, "label")
                labels.add(row.label)
                for plan_id, text in (row.cells or {}).items():
                    if plan_id not in plans:
                        known = ", ".join(plans)
                        raise LocatedValueError(
                            f'row "{row.label}" names unknown plan "{plan_id}" (known: {known})',
                            *at, "cells", plan_id,
                        )
                    if text not in plans[plan_id].lines:
                        raise LocatedValueError(
                            f'"{text}" is not a line of plan {plan_id}\'s services, '
                            "exclusions or advantages: quote one of them exactly",
                            *at, "cells", plan_id,
                        )
                    if (plan_id, text) in used:
                        raise LocatedValueError(
                            f'"{text}" is already shown in row "{used[plan_id, text]}"',
                            *at, "cells", plan_id,
                        )
                    used[plan_id, text] = row.label
        for plan_index, plan in enumerate(self.plans):
            for kind in ("services", "exclusions", "advantages"):
                for line_index, text in enumerate(getattr(plan, kind)):
                    if (plan.id, text) not in used:
                        raise LocatedValueError(
                            f'"{text}" appears in no row of the comparison: add it to "cells"',
                            "plans", plan_index, kind, line_index,
                        )
        return self

    def plan(self, plan_id: str) -> Plan:
        """The plan with this id; KeyError names the known ones."""
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        known = ", ".join(plan.id for plan in self.plans)
        raise KeyError(f'unknown plan "{plan_id}" (known: {known})')


class Closure(Model):
    """A day the company is closed beyond the public holidays (plans closed on holidays skip it)."""

    date: date
    name: Text


class Legal(Model):
    """Identity data Italian law asks a business site to show; empty until the company gives it."""

    partita_iva: Text | None = None
    registered_office: Text | None = None
    rea: Text | None = None


def _known_zone(name: str) -> str:
    """The SLA engines read plan hours on this zone's wall clock: it must be one that both
    zoneinfo and the browsers' Intl know, i.e. a tz database name."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f'unknown time zone "{name}": use a tz database name, Area/City'
        ) from None
    return name


class Settings(Model):
    """The one place for each company fact templates may show."""

    name: Text
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
    language: Literal["it"]
    timezone: Annotated[str, AfterValidator(_known_zone)]
    base_url: Annotated[str, AfterValidator(check_base_url)]
    holiday_subdivision: Text | None = None
    closures: tuple[Closure, ...] = ()
    legal: Legal = Legal()
    form_endpoint: Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$")] | None = None

    @model_validator(mode="after")
    def _subdivision_is_known(self) -> Settings:
        # Looked up only when set: importing `holidays` costs a build a tenth of a second, and
        # the build cache spares it when the holidays were computed before (sla.public_holidays).
        subdivision = self.holiday_subdivision
        if subdivision is None:
            return self
        from holidays.countries.italy import Italy

        if subdivision not in Italy.subdivisions:
            raise LocatedValueError(
                f'unknown holiday_subdivision "{subdivision}" '
                "(use an Italian province code such as MI, RM, TO, NA)",
                "holiday_subdivision",
            )
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The time zone of the company's hours, for the SLA calendar."""
        return ZoneInfo(self.timezone)

    @property
    def form_endpoint_host(self) -> str | None:
        """The form service's host name, which the privacy notice must name."""
        return urlsplit(self.form_endpoint).hostname if self.form_endpoint else None


class Page(Model):
    """A Markdown page from content/ with its front matter."""

    slug: str
    title: Text
    description: Text
    menu: int | None = None
    menu_title: Text | None = None
    template: Text = "page.html"
    body: str
    body_line: int = 1  # the file line the body starts on, for FILE:LINE errors in it
    source: str

    @property
    def path(self) -> str:
        """The page's pretty URL: "/" for the home page, "/contatti/" for contatti.md."""
        return f"/{self.slug}/" if self.slug else "/"


class Principle(Model):
    """One ethics principle with its stable anchor."""

    anchor: str
    text: Text


class PrincipleGroup(Model):
    """Principles under one theme heading."""

    anchor: str
    title: Text
    principles: tuple[Principle, ...]


class Ethics(Model):
    """The code of ethics: its title, the document's intro sentence and the grouped principles."""

    title: Text
    description: Text
    menu: int | None = None
    menu_title: Text | None = None
    intro_html: str
    groups: Annotated[tuple[PrincipleGroup, ...], Field(min_length=1)]


class Site(Model):
    """Everything the renderer needs, already validated."""

    settings: Settings
    catalogue: Catalogue
    ethics: Ethics
    pages: tuple[Page, ...]
