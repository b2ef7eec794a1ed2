"""Site model -> {output path: bytes}. Pure: its output depends on its inputs alone (the
model, the layouts already read, the SLA calendar, the build's year, the base URL); it reads
no file, looks at no clock, draws no random number, and raises nothing about the sources
(their checks are done before it runs). The compiled-template caches it may be given only
save work: the bytes are the same with them or without. So builds are reproducible byte for
byte and tests can render in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import BytecodeCache
from markupsafe import Markup

from sitegen.core.layout import HEADERS_FILE
from sitegen.core.urls import Urls, page_file, site_path
from sitegen.pages.api import plans_json
from sitegen.pages.assets import build_assets
from sitegen.pages.bodies import BodyRenderer, body_cache
from sitegen.pages.comparison import picker_stylesheet
from sitegen.pages.context import environment, layout_cache, site_globals
from sitegen.pages.headers import headers_file
from sitegen.pages.views import PageView, page_views
from sitegen.sla.calendar import Calendar
from sitegen.sources.layouts import Layouts
from sitegen.sources.models import Page, Site
from sitegen.sources.plan_colours import stylesheet
from sitegen.sources.settings import Settings

_PRESERVED = re.compile(r"(<(pre|textarea)\b[\s\S]*?</\2>)", re.IGNORECASE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
# The stylesheet every page loads; the plans' colours are added to it from plans.yaml.
SITE_STYLESHEET = "css/site.css"
# The plans page's stylesheet; the rules that show the two picked plans are added to it.
PLANS_STYLESHEET = "css/plans.css"


@dataclass(frozen=True)
class CompiledCaches:
    """Where compiled layouts and page bodies are kept between builds (the build cache)."""

    layouts: BytecodeCache | None = None
    bodies: BytecodeCache | None = None

    @classmethod
    def in_folder(cls, folder: Path | None) -> CompiledCaches:
        return cls(layout_cache(folder), body_cache(folder))


# Everything a body reads: body_rules.ROOTS (its page, the settings) and body_rules.HELPERS
# ("url", "email_link"), which site_globals makes from the settings and the URLs alone.
BodyKey = tuple[PageView, Settings, Urls]
KeptBody = tuple[BodyKey, Markup]  # a body and the inputs it was rendered from


def body_key(view: PageView, settings: Settings, urls: Urls) -> BodyKey:
    """The inputs of a body's HTML; a helper added to body_rules.HELPERS must be covered here."""
    return view, settings, urls


class SiteRenderer:
    """One version of the sources, ready to render: assets, template globals, page list.

    Building it does the work every page shares (assets, the globals); render() then gives
    every file, render_pages() the pages of some content files. The dev server keeps one
    renderer between saves, so a body edit renders one page, and passes the previous
    renderer's `bodies` to the next, so a plans.yaml edit does not render Markdown again.
    """

    def __init__(
        self,
        site: Site,
        layouts: Layouts,
        calendar: Calendar,
        build_year: int,
        base_url: str | None = None,
        caches: CompiledCaches = CompiledCaches(),
        earlier_bodies: Mapping[str, KeptBody] | None = None,
    ) -> None:
        self.site = site
        # Each page's current body, by page path: one entry per page however often it is edited.
        self.bodies: dict[str, KeptBody] = {}
        self._earlier_bodies = earlier_bodies or {}
        self.build_year = build_year
        self._urls = Urls(base_url or site.settings.base_url)
        static = dict(layouts.static)
        for name, css in (
            (SITE_STYLESHEET, stylesheet(site.offer.colours)),
            (PLANS_STYLESHEET, picker_stylesheet(len(site.offer.plans))),
        ):
            static[name] = static.get(name, b"") + f"\n{css}\n".encode()
        asset_names, self._assets = build_assets(static)
        self._env = environment(layouts, caches.layouts)
        self._env.globals.update(site_globals(site, self._urls, asset_names, calendar, build_year))
        self._bodies = BodyRenderer(self._env.globals, caches.bodies)
        self.views = page_views(site)

    def render(self) -> dict[str, bytes]:
        """Every file of the site, by output path, sorted."""
        files = dict(self._assets)
        for view in self.views:
            files[page_file(view.path)] = self._render_page(view)
        files["sitemap.xml"] = (
            self._env.get_template("sitemap.xml")
            .render(paths=[view.path for view in self.views if view.in_sitemap])
            .encode("utf-8")
        )
        sitemap_url = self._urls.absolute(site_path("sitemap"))
        robots = self._env.get_template("robots.txt").render(sitemap_url=sitemap_url)
        files["robots.txt"] = robots.encode()
        files["api/plans.json"] = plans_json(self.site)
        files[HEADERS_FILE] = headers_file(self.site.settings).encode("utf-8")
        self._earlier_bodies = {}  # every page has taken its body: let the old ones go
        return dict(sorted(files.items()))

    def render_pages(self, pages: Iterable[Page]) -> dict[str, bytes]:
        """The files of these content pages, by output path. Each must stand in for a page
        of this site with the same front matter (its body may differ): nothing else reads a
        body, so the other files stay as render() made them."""
        files = {}
        for page in pages:
            view = next(view for view in self.views if view.path == page.path)
            files[page_file(view.path)] = self._render_page(replace(view, source=page))
        return files

    def _render_page(self, view: PageView) -> bytes:
        page = self._env.get_template(view.template).render(page=view, body=self._body(view))
        return _without_indentation(page).encode("utf-8")

    def _body(self, view: PageView) -> Markup:
        """A content page's body as HTML, taken from an earlier render when nothing it reads
        has changed."""
        if view.source is None:
            return Markup("")
        key = body_key(view, self.site.settings, self._urls)
        kept = self.bodies.get(view.path) or self._earlier_bodies.get(view.path)
        body = kept[1] if kept and kept[0] == key else self._bodies.render(view.source, view)
        self.bodies[view.path] = (key, body)
        return body


def _without_indentation(html: str) -> str:
    """Drop the templates' indentation from the page (phones pay for every byte), except
    inside <pre> and <textarea>, where whitespace is content."""
    parts = _PRESERVED.split(html)
    return "".join(
        part if index % 3 == 1 else _INDENT.sub("", part)
        for index, part in enumerate(parts)
        if index % 3 != 2
    )
