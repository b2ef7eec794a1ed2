"""The whole pipeline in one call: load, render, write."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitegen.core.cache import cache_folder
from sitegen.core.errors import Problem, SourceError, UsageError, clip
from sitegen.output.write import check_output_folder, write_tree
from sitegen.pages.render import render_site
from sitegen.pages.template_errors import template_problem
from sitegen.sources.load import load_site
from sitegen.sources.models import Site

# The calculator's calendar runs from the year before the build to three years after.
MIN_YEAR, MAX_YEAR = 1970, 9999 - 3


def build_site(source: Path, output: Path, base_url: str | None = None) -> list[Problem]:
    """Build source into output; return its warnings. Raises SourceError on bad input."""
    check_output_folder(output, source)  # before any work, and before the cache is written
    site, files = render_in_memory(source, base_url)
    write_tree(files, output, source)
    return list(site.warnings)


def render_in_memory(source: Path, base_url: str | None = None) -> tuple[Site, dict[str, bytes]]:
    """Load and render without writing, for check, serve and tests.

    Every content or template mistake leaves as a SourceError, so callers handle one type.
    """
    site = load_site(source)
    year = build_year()
    with template_errors(source):
        return site, render_site(site, source, year, base_url, cache_folder(source))


@contextmanager
def template_errors(source: Path) -> Iterator[None]:
    """Turn a template mistake raised inside into a SourceError naming its FILE:LINE."""
    try:
        yield
    except SourceError:
        raise
    except Exception as error:  # a template mistake, or an expression in one that raised
        problem = template_problem(error, source)
        if problem is None:
            raise
        raise SourceError([problem]) from None


def build_year() -> int:
    """The year the build happens in; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        return time.gmtime().tm_year
    try:
        year = time.gmtime(int(epoch)).tm_year if epoch.isascii() and epoch.isdigit() else 0
    except (OverflowError, OSError, ValueError):
        year = 0
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            f"SOURCE_DATE_EPOCH=«{clip(epoch)}» deve essere un numero di secondi dal "
            f"1970-01-01 (UTC) che cade in un anno dal {MIN_YEAR} al {MAX_YEAR}"
        )
    return year
