"""The comparison table as plain rows, so the template only lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sitegen.italian import days_text, hours_text
from sitegen.models import Catalogue, ComparisonRow, Plan

# What a cell says about the plan: "yes" and "no" where the document states it, "unstated" where
# the plan's section is silent, None for a plain quote of the document.
CellState = Literal["yes", "no", "unstated"] | None


@dataclass(frozen=True)
class Cell:
    """One plan's entry in a row; state lets the template add a symbol, never colour alone."""

    plan_id: str
    text: str
    state: CellState = None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Group:
    title: str
    rows: tuple[Row, ...]


def _cell(catalogue: Catalogue, row: ComparisonRow, plan: Plan) -> Cell:
    wording = catalogue.comparison
    if row.cells is not None:
        text = row.cells.get(plan.id)
        if text is None:
            return Cell(plan.id, wording.unstated, "unstated")
        return Cell(plan.id, text, "no" if text in plan.exclusions else None)
    match row.field:
        case "audience":
            return Cell(plan.id, plan.audience)
        case "response":
            return Cell(plan.id, plan.response.text)
        case "coverage_days":
            return Cell(plan.id, days_text(plan.coverage))
        case "coverage_hours":
            return Cell(plan.id, hours_text(plan.coverage))
        case "holidays":
            if not plan.coverage.holidays_stated:
                return Cell(plan.id, wording.holidays_unstated, "unstated")
            if plan.coverage.closed_on_holidays:
                return Cell(plan.id, wording.holidays_excluded, "no")
            return Cell(plan.id, wording.holidays_included)
        case channel:
            if channel in plan.channels:
                return Cell(plan.id, wording.available, "yes")
            return Cell(plan.id, wording.unavailable, "no")


def comparison_groups(catalogue: Catalogue) -> tuple[Group, ...]:
    """Every group and row of plans.yaml, with one cell per plan in plan order."""
    return tuple(
        Group(
            group.title,
            tuple(
                Row(
                    row.key,
                    row.label,
                    tuple(_cell(catalogue, row, plan) for plan in catalogue.plans),
                )
                for row in group.rows
            ),
        )
        for group in catalogue.comparison.groups
    )
