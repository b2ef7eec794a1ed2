"""The comparison tells the truth: it quotes each plan line once, states an absence only where
the company's document does, and the build refuses a plans.yaml that would break either rule.

The oracle is the company's document itself, read here independently of plans.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness.document import DOCUMENT
from harness.site import copy_sources
from sitegen.errors import Problem, SourceError
from sitegen.load import load_catalogue

PLAN_IDS = ("bronze", "silver", "gold")
CHANNEL_WORDS = {"email": "email", "phone": "telefono", "chat": "chat"}


def document_plans() -> dict[str, dict[str, list[str]]]:
    """Each plan's section of the document, in the order the document names them: its contact
    channels line and its lists (Servizi inclusi, Esclusioni, Vantaggi)."""
    lines = [line.strip() for line in DOCUMENT.read_text(encoding="utf-8").splitlines()]
    starts = [i for i, line in enumerate(lines) if line.startswith("Destinato a:")]
    assert len(starts) == len(PLAN_IDS), "the document should describe three plans"
    plans = {}
    for plan_id, start, end in zip(PLAN_IDS, starts, [*starts[1:], len(lines)], strict=True):
        section: dict[str, list[str]] = {"lists": [], "exclusions": []}
        current = None
        for line in lines[start:end]:
            if line.startswith(("Per qualsiasi informazione", "Destinato a:")):
                continue
            if line.startswith("Modalità di contatto:"):
                section["channels"] = [c.strip() for c in line.split(":", 1)[1].split(",")]
            elif line.startswith("Orari di copertura:"):
                section["coverage"] = [line]
            elif line in ("Servizi inclusi:", "Esclusioni:", "Vantaggi:"):
                current = line
            elif current and line and ":" not in line:
                section["lists"].append(line)
                if current == "Esclusioni:":
                    section["exclusions"].append(line)
        plans[plan_id] = section
    return plans


def comparison_cells(built_site: Path) -> list:
    soup = BeautifulSoup((built_site / "piani/index.html").read_bytes(), "html.parser")
    return soup.select("table.comparison tbody td")


def test_every_cell_names_its_plan_and_sits_in_a_keyed_row(built_site: Path) -> None:
    cells = comparison_cells(built_site)
    assert len(cells) >= 3 * 15
    assert {cell["data-plan"] for cell in cells} == set(PLAN_IDS)
    for cell in cells:
        row = cell.find_parent("tr")
        assert row.get("data-row"), cell
        assert row.find("th", attrs={"data-row-label": row["data-row"]}), row


def test_an_absence_is_stated_only_where_the_document_states_it(built_site: Path) -> None:
    plans = document_plans()
    said_no = [cell for cell in comparison_cells(built_site) if cell.get("data-state") == "no"]
    assert said_no, "the document does state absences (channels, Bronze's exclusions)"
    for cell in said_no:
        plan = plans[cell["data-plan"]]
        row = cell.find_parent("tr")["data-row"]
        text = cell.get_text(" ", strip=True)
        if row in CHANNEL_WORDS:
            assert not any(CHANNEL_WORDS[row] in c for c in plan["channels"]), (row, plan)
        elif row == "holidays":
            assert "escluse festività" in plan["coverage"][0], plan["coverage"]
        else:
            assert text in plan["exclusions"], f"{cell['data-plan']}/{row}: {text!r}"


def test_every_stated_absence_is_shown(built_site: Path) -> None:
    """The converse: each exclusion and each missing channel of the document is a "no" cell."""
    plans = document_plans()
    said_no = {
        (cell["data-plan"], cell.find_parent("tr")["data-row"], cell.get_text(strip=True))
        for cell in comparison_cells(built_site)
        if cell.get("data-state") == "no"
    }
    for plan_id, plan in plans.items():
        for exclusion in plan["exclusions"]:
            assert any(p == plan_id and text == exclusion for p, _, text in said_no), exclusion
        for row, word in CHANNEL_WORDS.items():
            if not any(word in channel for channel in plan["channels"]):
                assert any(p == plan_id and r == row for p, r, _ in said_no), (plan_id, row)


def test_silence_reads_as_unstated_never_as_excluded(built_site: Path) -> None:
    text = " ".join(path.read_text(encoding="utf-8") for path in built_site.rglob("*.html"))
    assert "non incluso" not in text.casefold()
    unstated = [c for c in comparison_cells(built_site) if c.get("data-state") == "unstated"]
    assert unstated and all(c.get_text(strip=True).startswith("Non indicat") for c in unstated)
    silver_holidays = [
        c
        for c in comparison_cells(built_site)
        if c["data-plan"] == "silver" and c.find_parent("tr")["data-row"] == "holidays"
    ]
    assert [c.get("data-state") for c in silver_holidays] == ["unstated"]


def test_each_plan_line_of_the_document_is_quoted_once_in_its_column(built_site: Path) -> None:
    cells = comparison_cells(built_site)
    for plan_id, plan in document_plans().items():
        column = [c.get_text(strip=True) for c in cells if c["data-plan"] == plan_id]
        for line in plan["lists"]:
            assert column.count(line) == 1, f"{plan_id}: {line!r} in {column}"


def test_no_group_and_row_share_a_label(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "piani/index.html").read_bytes(), "html.parser")
    labels = [th.get_text(strip=True) for th in soup.select("table.comparison tbody th")]
    assert len(labels) == len(set(labels)), labels


# The build enforces the rules: plans.yaml mistakes are FILE:LINE errors.


@pytest.fixture
def plans_file(tmp_path: Path) -> Path:
    return copy_sources(tmp_path) / "plans.yaml"


def problem_after(plans_file: Path, old: str, new: str) -> tuple[int, Problem]:
    """Edit plans.yaml; return the line of the edit and the one problem the loader reports."""
    text = plans_file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture drift: {old!r}"
    plans_file.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_catalogue(plans_file.parent)
    [problem] = caught.value.problems
    assert problem.path == "plans.yaml"
    return text[: text.index(old)].count("\n") + 1, problem


def test_a_cell_that_is_not_a_line_of_its_plan_is_refused(plans_file: Path) -> None:
    old = "            silver: Risposta più rapida\n"
    new = "            silver: Risposta garantita in 10 minuti\n"
    line, problem = problem_after(plans_file, old, new)
    assert "is not a line of plan silver" in problem.message
    assert problem.line == line


def test_a_line_quoted_twice_is_refused(plans_file: Path) -> None:
    old = "        - label: Report\n          cells:\n"
    new = old + "            bronze: Diagnosi e assistenza base da remoto\n"
    line, problem = problem_after(plans_file, old, new)
    assert 'already shown in row "Assistenza tecnica"' in problem.message
    assert problem.line == line + 2


def test_a_line_left_out_of_the_comparison_is_refused(plans_file: Path) -> None:
    report = "Report mensili sullo stato del sistema e analisi dei problemi"
    text = plans_file.read_text(encoding="utf-8")
    service_line = text[: text.index(f"      - {report}")].count("\n") + 1
    old = f"        - label: Report\n          cells:\n            gold: {report}\n"
    _, problem = problem_after(plans_file, old, "")
    assert "appears in no row of the comparison" in problem.message
    assert problem.line == service_line


def test_a_row_named_like_a_group_is_refused(plans_file: Path) -> None:
    old = "        - label: Report\n"
    line, problem = problem_after(plans_file, old, "        - label: Modalità di contatto\n")
    assert '"Modalità di contatto" is already a label' in problem.message
    assert problem.line == line
