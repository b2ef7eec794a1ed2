"""What the sources should still fix: warnings, which do not stop a build.

site.yaml may lack facts a company site should show and the build cannot invent. Italian law
wants the partita IVA on the home page (art. 35 DPR 633/1972) and, for companies, the registered
office and the Registro Imprese / REA data (art. 2250 c.c.); prospects look for a phone number
and where the company works. The company document gives none of them, so each empty one is a
warning (shown while building, fatal with `sitegen check --strict`) at its line.

plans.yaml's introduction is the one sentence staff write about all the plans at once ("Tre
livelli di servizio: Bronze, Silver, Gold"): after a plan is added or removed, a count or a
list of names that no longer matches the plans is a warning at its line.
"""

from __future__ import annotations

import re

from sitegen.core.errors import Problem
from sitegen.core.italian import join_text, number_value
from sitegen.core.layout import PLANS_FILE, SETTINGS_FILE
from sitegen.sources.offer import Offer
from sitegen.sources.settings import Settings
from sitegen.sources.yaml_reader import LineMap, line_of

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


_COUNTED = re.compile(r"\b(\w+)\s+(livell[io]|pian[oi])\b", re.IGNORECASE)


def offer_warnings(offer: Offer, lines: LineMap) -> list[Problem]:
    """The introduction counts or names plans that are not the plans of the file."""
    intro = offer.intro
    line = line_of(lines, ("intro",))
    count = len(offer.plans)
    warnings = []
    for word, noun in _COUNTED.findall(intro):
        said = number_value(word)
        if said is not None and said != count:
            message = (
                f"l’introduzione dice «{word} {noun}», ma i piani sono {count}: aggiorna la frase"
            )
            warnings.append(Problem(PLANS_FILE, line, WARNING + message))
    names = [plan.name for plan in offer.plans]
    named = [name for name in names if re.search(rf"\b{re.escape(name)}\b", intro)]
    if named and len(named) < len(names):
        left_out = [name for name in names if name not in named]
        message = (
            f"l’introduzione nomina {join_text(named)} ma non {join_text(left_out)}: "
            "aggiorna la frase"
        )
        warnings.append(Problem(PLANS_FILE, line, WARNING + message))
    return warnings
