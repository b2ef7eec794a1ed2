"""The one pipeline: load (sources/), render (pages/), write (output/). `sitegen build`,
`check` and `serve` and the tests all go through here."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sitegen.core.cache import cache_folder
from sitegen.core.errors import Problem, SourceError, UsageError, clip
from sitegen.output.write import check_output_folder, write_tree
from sitegen.pages.calendars import calendar_around
from sitegen.pages.collisions import check_unique
from sitegen.pages.render import CompiledCaches, KeptBody, SiteRenderer
from sitegen.pages.template_errors import template_problem
from sitegen.pages.views import claims, page_views
from sitegen.sources.layouts import Layouts, load_layouts
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
    """Load and render without writing, for check and tests.

    Every content or template mistake leaves as a SourceError, so callers handle one type.
    """
    loaded = load(source)
    renderer = renderer_for(loaded, base_url)
    with template_errors(source):
        return loaded.site, renderer.render()


@dataclass(frozen=True)
class Loaded:
    """One version of the sources, read and checked: the model and the layouts."""

    source: Path
    site: Site
    layouts: Layouts


def load(source: Path) -> Loaded:
    """Every source read and validated, the layouts read, and every page's address, title and
    description checked to be its own; all problems at once."""
    problems: list[Problem] = []
    site = layouts = None
    try:
        site = load_site(source)
    except SourceError as error:
        problems.extend(error.problems)
    try:
        layouts = load_layouts(source)
    except SourceError as error:
        problems.extend(error.problems)
    if problems:
        raise SourceError(list(dict.fromkeys(problems)))  # a folder both loaders refuse: once
    assert site is not None and layouts is not None
    check_unique(claims(page_views(site)))
    return Loaded(source, site, layouts)


def renderer_for(
    loaded: Loaded,
    base_url: str | None = None,
    earlier_bodies: Mapping[str, KeptBody] | None = None,
) -> SiteRenderer:
    """A renderer of the loaded sources for this year, with the SLA calendar around it and
    the build cache's compiled templates; `sitegen build`, `check`, `serve` and the tests all
    render through here."""
    year = build_year()
    cache = cache_folder(loaded.source)
    calendar = calendar_around(loaded.site.settings, [year], cache)
    with template_errors(loaded.source):
        return SiteRenderer(
            loaded.site,
            loaded.layouts,
            calendar,
            year,
            base_url,
            CompiledCaches.in_folder(cache),
            earlier_bodies,
        )


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
