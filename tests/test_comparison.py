"""The comparison tells the truth: each plan line of the document stands once in its plan's
column, an absence is stated only where the document states it, silence reads as silence, and
the build refuses a plans.yaml that would break a rule.

The oracle is the company's document itself, read here independently of plans.yaml; the site is
the company fixture (tests/fixtures/company), a frozen copy of the company's sources."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from harness.document import DOCUMENT
from harness.project import Project

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


def table(site: Path) -> Tag:
    soup = BeautifulSoup((site / "piani/index.html").read_bytes(), "html.parser")
    return soup.find("table", class_="comparison")


def cells(site: Path) -> list[Tag]:
    return table(site).select("tbody td")


def entries(cell: Tag) -> list[Tag]:
    """The things a cell says: its list items, or the cell itself when it says one thing."""
    return cell.select("li") or [cell]


def state(entry: Tag) -> str | None:
    """An entry's state: its own, or its cell's."""
    if entry.name == "td":
        return entry.get("data-state")
    return entry.get("data-state") or entry.find_parent("td").get("data-state")


def text(entry: Tag) -> str:
    return entry.get_text(" ", strip=True)


def test_every_cell_names_its_plan_and_sits_in_a_keyed_row(built_site: Path) -> None:
    found = cells(built_site)
    assert len(found) >= 3 * 10
    assert {cell["data-plan"] for cell in found} == set(PLAN_IDS)
    for cell in found:
        row = cell.find_parent("tr")
        assert row.get("data-row"), cell
        assert row.find("th", attrs={"data-row-label": row["data-row"]}), row


def test_an_absence_is_stated_only_where_the_document_states_it(built_site: Path) -> None:
    plans = document_plans()
    said_no = [
        entry for cell in cells(built_site) for entry in entries(cell) if state(entry) == "no"
    ]
    assert said_no, "the document does state absences (channels, Bronze's exclusions)"
    for entry in said_no:
        cell = entry if entry.name == "td" else entry.find_parent("td")
        plan = plans[cell["data-plan"]]
        row = cell.find_parent("tr")["data-row"]
        if row in CHANNEL_WORDS and entry is cell:
            assert not any(CHANNEL_WORDS[row] in c for c in plan["channels"]), (row, plan)
        elif row == "holidays" and entry is cell:
            assert "escluse festività" in plan["coverage"][0], plan["coverage"]
        else:
            assert text(entry) in plan["exclusions"], f"{cell['data-plan']}/{row}: {text(entry)!r}"


def test_every_stated_absence_is_shown(built_site: Path) -> None:
    """The converse: each exclusion and each missing channel of the document is a "no"."""
    no_entries = [
        (cell["data-plan"], cell.find_parent("tr")["data-row"], text(entry))
        for cell in cells(built_site)
        for entry in entries(cell)
        if state(entry) == "no"
    ]
    assert no_entries
    for plan_id, plan in document_plans().items():
        for exclusion in plan["exclusions"]:
            assert (plan_id, exclusion) in {(p, t) for p, _, t in no_entries}, exclusion
        for row, word in CHANNEL_WORDS.items():
            if not any(word in channel for channel in plan["channels"]):
                assert any(p == plan_id and r == row for p, r, _ in no_entries), (plan_id, row)


def test_each_plan_line_of_the_document_is_quoted_once_in_its_column(built_site: Path) -> None:
    for plan_id, plan in document_plans().items():
        column = [
            text(entry)
            for cell in cells(built_site)
            if cell["data-plan"] == plan_id
            for entry in entries(cell)
        ]
        for line in plan["lists"]:
            assert column.count(line) == 1, f"{plan_id}: {line!r} in {column}"


def test_silence_reads_as_unstated_never_as_excluded(built_site: Path) -> None:
    """At most four cells say the document is silent, each a question for the company, and
    Silver's holidays are one of them."""
    html = " ".join(path.read_text(encoding="utf-8") for path in built_site.rglob("*.html"))
    assert "non incluso" not in html.casefold()
    unstated = [cell for cell in cells(built_site) if cell.get("data-state") == "unstated"]
    assert 1 <= len(unstated) <= 4
    assert all(text(cell).startswith("Non indicat") for cell in unstated)
    silver_holidays = [
        cell.get("data-state")
        for cell in cells(built_site)
        if cell["data-plan"] == "silver" and cell.find_parent("tr")["data-row"] == "holidays"
    ]
    assert silver_holidays == ["unstated"]


def test_no_group_and_row_share_a_label(built_site: Path) -> None:
    labels = [th.get_text(strip=True) for th in table(built_site).select("tbody th")]
    assert len(labels) == len(set(labels)), labels


def test_the_caption_names_the_plans(built_site: Path) -> None:
    caption = table(built_site).caption.get_text(strip=True)
    assert caption == "Confronto dei piani Bronze, Silver e Gold"


# Staff's edits: a line is one line, a row goes with its last line.


def row_keys(site: Path) -> list[str]:
    return [row["data-row"] for row in table(site).select("tbody tr[data-row]")]


def test_a_service_that_names_no_row_is_shown_among_the_others(project: Project) -> None:
    project.edit(
        "plans.yaml",
        "      - text: Azioni preventive e verifica costante dell’efficienza IT\n",
        "      - Backup giornaliero in cloud\n"
        "      - text: Azioni preventive e verifica costante dell’efficienza IT\n",
    )
    assert project.build().status == 0, project.build().stderr
    row = table(project.output).find("tr", attrs={"data-row": "altri-services"})
    assert row.th.get_text(strip=True) == "Altri servizi inclusi"
    gold = row.find("td", attrs={"data-plan": "gold"})
    assert text(gold) == "Backup giornaliero in cloud"
    gold_page = (project.output / "piani/gold/index.html").read_text(encoding="utf-8")
    assert "<li>Backup giornaliero in cloud</li>" in gold_page


def test_a_row_left_without_lines_disappears(project: Project) -> None:
    for line in (
        "      - text: Interventi su richiesta, non proattivi\n        row: prevenzione\n",
        "      - text: Controllo proattivo dei principali servizi informatici\n"
        "        row: prevenzione\n",
        "      - text: Azioni preventive e verifica costante dell’efficienza IT\n"
        "        row: prevenzione\n",
    ):
        project.edit("plans.yaml", line, "")
    assert project.build().status == 0
    assert "prevenzione" not in row_keys(project.output)
    assert "Prevenzione" not in table(project.output).get_text()


# The build enforces the rules: plans.yaml mistakes are FILE:LINE errors in Italian.


def test_a_line_naming_a_row_that_does_not_exist(project: Project) -> None:
    line = project.edit("plans.yaml", "        row: prevenzione\n", "        row: prevenzoine\n")
    project.assert_reported(
        "plans.yaml",
        line,
        "la riga del confronto «prevenzoine» non esiste: usa una di queste (assistenza, "
        "priorita-e-urgenze, aggiornamenti-e-monitoraggio, prevenzione), oppure aggiungila in "
        "comparison.groups, oppure togli «row» e la riga comparirà tra gli altri",
    )


def test_a_row_declared_in_two_groups(project: Project) -> None:
    line = project.edit(
        "plans.yaml",
        "        prevenzione: Prevenzione\n",
        "        prevenzione: Prevenzione\n        audience: Per chi\n",
    )
    project.assert_reported(
        "plans.yaml",
        line + 1,
        "la riga «audience» è già nel gruppo «Per chi e quando»: ogni riga compare una volta sola",
    )


def test_a_row_named_like_a_group(project: Project) -> None:
    line = project.edit(
        "plans.yaml",
        "        prevenzione: Prevenzione\n",
        "        prevenzione: Per chi e quando\n",
    )
    project.assert_reported(
        "plans.yaml",
        line,
        "«Per chi e quando» è già l’etichetta di un’altra riga o gruppo: scegline una diversa",
    )


def test_the_old_cells_form_gets_one_message(project: Project) -> None:
    """The form of the first release: rows with a label, and `cells` quoting plan lines."""
    line = project.edit(
        "plans.yaml",
        "      rows:\n        assistenza: Assistenza tecnica\n"
        "        priorita-e-urgenze: Priorità e urgenze\n"
        "        aggiornamenti-e-monitoraggio: Aggiornamenti e monitoraggio\n"
        "        prevenzione: Prevenzione\n",
        "      rows:\n        - label: Assistenza tecnica\n          cells:\n"
        "            bronze: Diagnosi e assistenza base da remoto\n"
        "        - label: Prevenzione\n          cells:\n"
        "            gold: Azioni preventive e verifica costante dell’efficienza IT\n",
    )
    problems = project.refused()
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"plans.yaml:{line + 2}: questa è la vecchia forma del confronto")
    assert "«row: monitoraggio»" in problems[0]
