"""Rendering save after save: the dev server keeps the last good render and renders again only
what a save can have changed.

Every save loads and validates all the sources (about 10 ms), so a save reports exactly the
problems `sitegen build` would. What is rendered again follows from the paths the watcher saw:

- only content/ pages whose body changed (same files, same front matter): those pages alone,
  as nothing else reads a body;
- anything else (plans.yaml, site.yaml, ethics.md, front matter, which navigation, titles and
  address checks read, a page added or removed, a template, a static file, whose fingerprint
  is in every page) or no good render to start from: every file, with a new SiteRenderer.

Loading and rendering go through build.py, as for `sitegen build`. Templates are compiled once
per content, not once per save: every renderer reads them from the build cache, as a build
does; and a full render takes the page bodies
whose inputs did not change from the previous one (render.body_key), so a plans.yaml edit runs
no Markdown. A full render takes a new Jinja environment rather than reusing one with new
globals, because Jinja keeps a template imported without context (`{% from "_plan.html" import
... %}`) with the globals of its first use.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.build import build_year, load, renderer_for, template_errors
from sitegen.core.layout import CONTENT_DIR
from sitegen.pages.render import SiteRenderer
from sitegen.sources.models import Page, Site


@dataclass(frozen=True)
class Rendered:
    """One save's result: the site, every output file, and which of them this save rendered."""

    site: Site
    files: dict[str, bytes]
    rendered: frozenset[str]


@dataclass(frozen=True)
class _Good:
    """The last render that succeeded, to render the next save from."""

    site: Site
    renderer: SiteRenderer
    files: dict[str, bytes]


class Rerenderer:
    """Renders the sources in memory, again after each save, as little as the save allows."""

    def __init__(self, source: Path, base_url: str | None = None) -> None:
        self.source = source
        self.base_url = base_url
        self._last: _Good | None = None

    def render(self, changed: Collection[str] | None = None) -> Rendered:
        """Load the sources and render what the changed paths (relative to the source folder,
        as "content/index.md"; None when unknown) affect. Raises what build.render_in_memory raises;
        after a failure the next render is a full one."""
        last, self._last = self._last, None
        loaded = load(self.source)
        site = loaded.site
        with template_errors(self.source):
            pages = None if last is None else _edited_bodies(last, site, build_year(), changed)
            if last is None or pages is None:
                bodies = None if last is None else last.renderer.bodies
                renderer = renderer_for(loaded, self.base_url, bodies)
                files = renderer.render()
                rendered = frozenset(files)
            else:
                renderer = last.renderer
                new = renderer.render_pages(pages)
                files = {**last.files, **new}
                rendered = frozenset(new)
        self._last = _Good(site, renderer, files)
        return Rendered(site, files, rendered)


def _edited_bodies(
    last: _Good, site: Site, year: int, changed: Collection[str] | None
) -> list[Page] | None:
    """The pages to render when the save changed page bodies only; None when it may have
    changed more (then everything is rendered)."""
    if changed is None or year != last.renderer.build_year:
        return None
    if not all(path.startswith(f"{CONTENT_DIR}/") for path in changed):
        return None
    before = {page.source: page for page in last.site.pages}
    if before.keys() != {page.source for page in site.pages}:
        return None
    edited = [page for page in site.pages if page != before[page.source]]
    if any(_front_matter(page) != _front_matter(before[page.source]) for page in edited):
        return None
    return edited


def _front_matter(page: Page) -> dict[str, Any]:
    """What a page shows beyond its body: title, description, menu, template, address."""
    return page.model_dump(exclude={"body", "body_line"})
