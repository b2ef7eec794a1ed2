"""Italy's public holidays, by name in Italian, from the `holidays` package, cached on disk.

Importing `holidays` and computing a few years costs a build about a tenth of a second, yet the
answer changes only with the package's release, the province and the years. So the answer is
kept in the build cache under a key made of exactly those, and the package is imported only
when no entry matches. The release is read from the installed distribution's folder name
(`holidays-0.86.dist-info`), as importing the package to ask it would cost what the cache saves.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

from sitegen.core.cache import digest, read_entry, write_entry

COUNTRY = "IT"
LANGUAGE = "it_IT"


def public_holidays(
    subdivision: str | None, first_year: int, last_year: int, cache: Path | None = None
) -> dict[date, str]:
    """The public holidays (and the province's patron saint) from first_year to last_year."""
    release = _installed_release()
    entry = None
    if cache is not None and release is not None:
        key = digest(release, COUNTRY, subdivision, first_year, last_year, LANGUAGE)
        entry = cache / f"holidays-{key}.json"
        stored = _decoded(read_entry(entry))
        if stored is not None:
            return stored
    import holidays  # only here: the import alone is most of what the cache saves

    found = holidays.country_holidays(
        COUNTRY, subdiv=subdivision, years=range(first_year, last_year + 1), language=LANGUAGE
    )
    days = dict(sorted(found.items()))
    if entry is not None:
        data = {day.isoformat(): name for day, name in days.items()}
        write_entry(entry, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return days


def _installed_release() -> str | None:
    """The installed `holidays` distribution, e.g. "holidays-0.86.dist-info", without importing
    it; None when it cannot be told (then nothing is cached)."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    site_packages = Path(next(iter(spec.submodule_search_locations))).parent
    releases = sorted(path.name for path in site_packages.glob("holidays-*.dist-info"))
    return releases[0] if len(releases) == 1 else None


def _decoded(entry: bytes | None) -> dict[date, str] | None:
    """A cache entry's holidays; None for a missing or damaged entry."""
    if entry is None:
        return None
    try:
        data = json.loads(entry)
        return {date.fromisoformat(day): name for day, name in data.items()}
    except (ValueError, AttributeError, TypeError):
        return None
