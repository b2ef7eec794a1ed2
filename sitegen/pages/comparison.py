"""The comparison table as plain rows, so the template only lays it out.

The shared facts are rows with one value per plan (who it is for, response, days, hours,
holidays, each channel). The plans' own lines (services, exclusions, advantages) stand, side
by side, in the row each names: a cell holds every line of its plan on that topic, and each line
appears exactly once. A line that names no row goes to the "other" row of its kind, at the end;
a row no line names is left out. A cell says a plan lacks something ("no") only where the
document says so (a missing channel, an exclusion, excluded holidays); where the document is
silent it says so ("unstated"), which is not the same as missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sitegen.core.italian import join_text
from sitegen.sources.offer import FIELD_ROWS, LINE_KINDS, Offer, Plan, PlanLine
from sitegen.sources.plan_wording import days_words, hours_words

# What an entry says about the plan: "yes" and "no" where the document states it, "unstated"
# where the plan's section is silent, None for a plain quote of the document.
State = Literal["yes", "no", "unstated"] | None


@dataclass(frozen=True)
class Entry:
    """One thing a cell says; state lets the template add a symbol, never colour alone."""

    text: str
    state: State = None


@dataclass(frozen=True)
class Cell:
    """One plan's entries in a row; the cell's own state is the one all its entries share."""

    plan_id: str
    entries: tuple[Entry, ...]

    @property
    def state(self) -> State:
        states = {entry.state for entry in self.entries}
        return states.pop() if len(states) == 1 else None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Group:
    title: str
    rows: tuple[Row, ...]


def comparison_groups(offer: Offer) -> tuple[Group, ...]:
    """Every group with its rows in table order, one cell per plan in plan order; rows that
    would be empty, and groups left without rows, are not shown."""
    routed = _lines_by_row(offer)
    groups = []
    for group in offer.comparison.groups:
        rows = tuple(
            _row(offer, key, label, routed.get(key, {}))
            for key, label in group.rows.items()
            if key in FIELD_ROWS or key in routed
        )
        if rows:
            groups.append(Group(group.title, rows))
    others = offer.comparison.other_lines
    other_rows = tuple(
        _row(offer, f"altri-{kind}", getattr(others, kind), routed[f"altri-{kind}"])
        for kind in LINE_KINDS
        if f"altri-{kind}" in routed
    )
    if other_rows:
        groups.append(Group(others.title, other_rows))
    return tuple(groups)


def _lines_by_row(offer: Offer) -> dict[str, dict[str, list[Entry]]]:
    """{row key: {plan id: entries}} for every plan line, in document order; a line naming no
    row goes to the "altri-<kind>" row."""
    routed: dict[str, dict[str, list[Entry]]] = {}
    for plan in offer.plans:
        for kind in LINE_KINDS:
            for line in getattr(plan, kind):
                key = line.row or f"altri-{kind}"
                routed.setdefault(key, {}).setdefault(plan.id, []).append(_entry(kind, line))
    return routed


def _entry(kind: str, line: PlanLine) -> Entry:
    return Entry(line.text, "no" if kind == "exclusions" else None)


def _row(offer: Offer, key: str, label: str, lines: dict[str, list[Entry]]) -> Row:
    cells = []
    for plan in offer.plans:
        entries = ([_fact(offer, key, plan)] if key in FIELD_ROWS else []) + lines.get(plan.id, [])
        if not entries:
            entries = [Entry(offer.comparison.unstated, "unstated")]
        cells.append(Cell(plan.id, tuple(entries)))
    return Row(key, label, tuple(cells))


def _fact(offer: Offer, key: str, plan: Plan) -> Entry:
    """The value of a shared-fact row, derived from the plan's data."""
    wording = offer.comparison
    coverage = plan.coverage
    match key:
        case "audience":
            return Entry(plan.audience)
        case "response":
            return Entry(plan.response_wording)
        case "coverage_days":
            return Entry(days_words(coverage.weekday_numbers))
        case "coverage_hours":
            return Entry(hours_words(coverage.opens_minute, coverage.closes_minute))
        case "holidays":
            if not coverage.holidays_stated:
                return Entry(wording.holidays_unstated, "unstated")
            if coverage.closed_on_holidays:
                return Entry(wording.holidays_excluded, "no")
            return Entry(wording.holidays_included)
        case channel:
            if channel in plan.channels:
                return Entry(wording.available, "yes")
            return Entry(wording.unavailable, "no")


def caption(offer: Offer) -> str:
    """ "Confronto dei piani Bronze, Silver e Gold", from the plans' names."""
    names = [plan.name for plan in offer.plans]
    return f"Confronto dei piani {join_text(names)}" if len(names) > 1 else f"Il piano {names[0]}"


@dataclass(frozen=True)
class Highlight:
    """A line of the document that says what the help is, and the plan it belongs to."""

    text: str
    plan: Plan


def highlights(offer: Offer) -> tuple[Highlight, ...]:
    """What the help is, in the document's words: for each topic row (table order), the first
    service or advantage of the first plan that has one there."""
    found = []
    for group in offer.comparison.groups:
        for key in group.rows:
            if key in FIELD_ROWS:
                continue
            line = next(
                (
                    (line, plan)
                    for plan in offer.plans
                    for kind in ("services", "advantages")
                    for line in getattr(plan, kind)
                    if line.row == key
                ),
                None,
            )
            if line is not None:
                found.append(Highlight(line[0].text, line[1]))
    return tuple(found)


def picker_stylesheet(plan_count: int) -> str:
    """The CSS that shows the two plans picked above the table where it does not fit whole
    (plans.css hides every plan column there), one rule per plan, so that any number of plans
    can be picked without JavaScript: plan k is option k of each select and column k + 1.
    Below 22em only the first pick shows; this comes after the rules above, which it overrides.
    """
    both = ",".join(
        f"#confronto:has(#pick-first option:nth-child({k}):checked,"
        f"#pick-second option:nth-child({k}):checked) .comparison tr>:nth-child({k + 1})"
        for k in range(1, plan_count + 1)
    )
    first = ",".join(
        f"#confronto:has(#pick-first option:nth-child({k}):checked)"
        f" .comparison tr>:nth-child({k + 1})"
        for k in range(1, plan_count + 1)
    )
    return (
        f"{both}{{display:table-cell}}"
        "@media (max-width:22em){"
        "#confronto:has(#pick-second option:nth-child(n):checked) .comparison tr>:nth-child(n+2)"
        f"{{display:none}}{first}{{display:table-cell}}}}"
    )
