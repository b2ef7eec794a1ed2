"""The routine edits of a year, made as staff make them: in the sources, one at a time.

Each edit changes a copy of the company fixture the way the README's recipes say; `EDITS`
names them in the order of issue 17's list. Tests apply them alone and all together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Edit = Callable[[Path], None]

OLD_EMAIL = "info@misterinformatica.it"
NEW_EMAIL = "assistenza@misterinformatica.it"
OLD_QUOTE = "Forniamo preventivi chiari, senza costi nascosti."
NEW_QUOTE = "Forniamo sempre preventivi chiari e scritti, senza costi nascosti."
NEW_PRINCIPLE = "Diciamo subito se un intervento non conviene."
DROPPED_SERVICE = "Risoluzione problemi non urgenti"
NEW_SERVICE = "Backup giornaliero in cloud"
PARTITA_IVA = "12345670017"  # a made-up number with a valid check digit, for the fixture only
REGISTERED_OFFICE = "Via dell’Esempio 1, 00100 Roma"

PLATINUM = """
  - id: platinum
    name: Platinum
    audience: aziende che non possono fermarsi mai.
    response:
      hours: 0.5
    coverage:
      days: [mon, tue, wed, thu, fri, sat, sun]
      opens: 0:00
      closes: 24:00
      closed_on_holidays: false
    channels: [email, phone, chat]
    services:
      - Presidio continuo dei sistemi
      - Ripristino immediato dalle copie di sicurezza
"""

CHI_SIAMO = """---
title: Chi siamo
description: Chi è l’azienda che ti assiste.
menu: 5
---
Siamo l’azienda che risponde a {{ email_link() }}.
"""


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{path.name}: {old!r} found {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def silver_hours(source: Path) -> None:
    """1. Silver's hours become 8:00-21:00."""
    replace(source / "plans.yaml", 'closes: "20:00"', 'closes: "21:00"')


def gold_backup(source: Path) -> None:
    """2. Gold gets the service "Backup giornaliero in cloud": one line."""
    replace(
        source / "plans.yaml",
        "      - text: Azioni preventive e verifica costante dell’efficienza IT\n",
        f"      - {NEW_SERVICE}\n"
        "      - text: Azioni preventive e verifica costante dell’efficienza IT\n",
    )


def bronze_drops_a_service(source: Path) -> None:
    """3. Bronze loses "Risoluzione problemi non urgenti": its line (and its row) deleted."""
    replace(
        source / "plans.yaml", f"      - text: {DROPPED_SERVICE}\n        row: assistenza\n", ""
    )


def bronze_six_hours(source: Path) -> None:
    """4. Bronze answers within 6 working hours."""
    replace(source / "plans.yaml", "      hours: 8\n", "      hours: 6\n")


def platinum(source: Path) -> None:
    """5. A fourth plan, Platinum, as one block under plans:, and the intro that counts them."""
    replace(source / "plans.yaml", "\n# Il confronto", PLATINUM + "\n# Il confronto")
    replace(
        source / "plans.yaml",
        "  Tre livelli di servizio: Bronze, Silver, Gold.",
        "  Quattro livelli di servizio: Bronze, Silver, Gold, Platinum.",
    )


def principles(source: Path) -> None:
    """6. The principle on quotes reworded, and a new principle."""
    replace(
        source / "ethics.md", f"- {OLD_QUOTE} {{#preventivi}}", f"- {NEW_QUOTE} {{#preventivi}}"
    )
    replace(
        source / "ethics.md",
        "- Documentiamo gli interventi, anche quelli brevi. {#documentazione}\n",
        "- Documentiamo gli interventi, anche quelli brevi. {#documentazione}\n"
        f"- {NEW_PRINCIPLE} {{#convenienza}}\n",
    )


def about_page(source: Path) -> None:
    """7. A page "Chi siamo" in the menu."""
    (source / "content" / "chi-siamo.md").write_text(CHI_SIAMO, encoding="utf-8")


def legal_data(source: Path) -> None:
    """8. The partita IVA and the registered office filled in."""
    replace(source / "site.yaml", "  partita_iva: null", f"  partita_iva: {PARTITA_IVA}")
    replace(
        source / "site.yaml",
        "  registered_office: null",
        f"  registered_office: {REGISTERED_OFFICE}",
    )


def company_email(source: Path) -> None:
    """9. The company email changed."""
    replace(source / "site.yaml", f"email: {OLD_EMAIL}", f"email: {NEW_EMAIL}")


EDITS: dict[str, Edit] = {
    "Silver's hours": silver_hours,
    "a service added": gold_backup,
    "a service removed": bronze_drops_a_service,
    "Bronze's response time": bronze_six_hours,
    "a fourth plan": platinum,
    "a principle reworded and one added": principles,
    "a page in the menu": about_page,
    "the legal data": legal_data,
    "the company email": company_email,
}


def apply_all(source: Path) -> Path:
    for edit in EDITS.values():
        edit(source)
    return source
