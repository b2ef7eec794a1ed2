"""The comparison table as plain rows, so the template only lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sitegen.italian import WEEKDAY_NAMES
from sitegen.models import WEEKDAYS, Catalogue, ComparisonRow, Plan, clock_label

ITALIAN_DAYS = dict(zip(WEEKDAYS, WEEKDAY_NAMES, strict=True))
CellKind = Literal["text", "available", "unavailable", "missing"]


@dataclass(frozen=True)
class Cell:
    """One plan's entry in a row; kind lets the template add a symbol, never colour alone."""

    text: str
    kind: CellKind = "text"


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Group:
    title: str
    rows: tuple[Row, ...]


def days_text(plan: Plan) -> str:
    """The document's way of naming covered days: "lunedì-venerdì" or "7 giorni su 7"."""
    numbers = plan.coverage.weekday_numbers
    if len(numbers) == 7:
        return "7 giorni su 7"
    names = [ITALIAN_DAYS[WEEKDAYS[n]] for n in numbers]
    if len(numbers) > 2 and numbers == tuple(range(numbers[0], numbers[-1] + 1)):
        return f"{names[0]}-{names[-1]}"
    return ", ".join(names)


def hours_text(plan: Plan) -> str:
    """Opening hours in the document's words: "dalle 8:00 alle 20:00"."""
    return f"dalle {clock_label(plan.coverage.opens)} alle {clock_label(plan.coverage.closes)}"


def _cell(catalogue: Catalogue, row: ComparisonRow, plan: Plan) -> Cell:
    wording = catalogue.comparison
    if row.cells is not None:
        text = row.cells.get(plan.id)
        return Cell(text) if text else Cell(wording.missing, "missing")
    match row.field:
        case "audience":
            return Cell(plan.audience)
        case "response":
            return Cell(plan.response.text)
        case "coverage_days":
            return Cell(days_text(plan))
        case "coverage_hours":
            return Cell(hours_text(plan))
        case "holidays":
            closed = plan.coverage.closed_on_holidays
            text = wording.holidays_excluded if closed else wording.holidays_included
            note = plan.coverage.holidays_note
            return Cell(f"{text} ({note})" if note else text)
        case channel:
            if channel in plan.channels:
                return Cell(wording.available, "available")
            return Cell(wording.unavailable, "unavailable")


def comparison_groups(catalogue: Catalogue) -> tuple[Group, ...]:
    """Every group and row of plans.yaml, with one cell per plan in plan order."""
    return tuple(
        Group(
            group.title,
            tuple(
                Row(row.label, tuple(_cell(catalogue, row, plan) for plan in catalogue.plans))
                for row in group.rows
            ),
        )
        for group in catalogue.comparison.groups
    )
