"""What site.yaml still lacks: facts a company site should show that the build cannot invent.

Italian law wants the partita IVA on the home page (art. 35 DPR 633/1972) and, for companies,
the registered office and the Registro Imprese / REA data (art. 2250 c.c.); prospects look for
a phone number and where the company works. The company document gives none of them, so each
empty one is a warning (shown while building, fatal with `sitegen check --strict`) at its line.
"""

from __future__ import annotations

from sitegen.errors import Problem
from sitegen.models import Settings
from sitegen.project_layout import SETTINGS_FILE
from sitegen.yamlsource import LineMap, line_of

WARNING = "avviso: "
MISSING_FACTS = {
    ("legal", "partita_iva"): (
        "manca la partita IVA, che la legge chiede nella pagina iniziale "
        "(art. 35 DPR 633/1972): scrivila quando l’azienda la comunica"
    ),
    ("legal", "registered_office"): (
        "manca la sede legale, che un’azienda deve indicare (art. 2250 c.c.)"
    ),
    ("legal", "rea"): (
        "manca il numero di Registro Imprese / REA, che un’azienda deve indicare (art. 2250 c.c.)"
    ),
    ("phone",): "manca il numero di telefono: chi visita il sito lo cerca",
    ("address",): "manca l’indirizzo o la zona servita: chi visita il sito lo cerca",
}


def settings_warnings(settings: Settings, lines: LineMap) -> list[Problem]:
    """One warning per fact left empty, at the line of its key (or of its section)."""
    warnings = []
    for location, message in MISSING_FACTS.items():
        value: object = settings
        for name in location:
            value = getattr(value, name)
        if not value:
            line = line_of(lines, location)
            warnings.append(Problem(SETTINGS_FILE, line, WARNING + message))
    return sorted(warnings, key=lambda warning: warning.line or 0)
