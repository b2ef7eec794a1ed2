"""Two sources must not claim one page address, title or description.

Without this check the page rendered last silently replaces the other (content/codice-etico.md
lost to ethics.md, content/piani/gold.md to the Gold plan), and two pages with one title or
description look like one page to visitors and search engines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.core.errors import Problem, SourceError, clip

_WHAT = {
    "address": ("l’indirizzo {value} è già quello di {other}: rinomina il file di questa pagina"),
    "title": ("il titolo «{value}» è già quello di {other}: dai a questa pagina un titolo diverso"),
    "description": (
        "la descrizione è già quella di {other}: scrivi per questa pagina una descrizione diversa"
    ),
}


@dataclass(frozen=True)
class Claim:
    """A source file claiming a value that must be unique across the site."""

    kind: str  # "address", "title", "description"
    value: str
    origin: str  # the source file that makes it
    line: int | None = None  # where in that file, when known


def check_unique(claims: Iterable[Claim]) -> None:
    """Raise SourceError naming both files for every value claimed twice."""
    first: dict[tuple[str, str], str] = {}
    problems = []
    for claim in claims:
        key = (claim.kind, claim.value)
        if key in first:
            message = _WHAT[claim.kind].format(value=clip(claim.value, 60), other=first[key])
            problems.append(Problem(claim.origin, claim.line, message))
        else:
            first[key] = claim.origin
    if problems:
        raise SourceError(problems)
