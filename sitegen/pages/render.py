"""Site model -> {output path: bytes}. Pure: no writes, no clock, no randomness.

Everything the site shows is computed here from the validated model, so builds are reproducible
byte for byte and tests can render in memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    Environment,
    StrictUndefined,
    TemplateRuntimeError,
    select_autoescape,
)
from markupsafe import Markup

from sitegen.core.cache import template_cache
from sitegen.core.errors import SourceError
from sitegen.core.italian import count_word, date_text, destined_to
from sitegen.core.layout import ETHICS_FILE, PLANS_FILE, STATIC_DIR, TEMPLATES_DIR
from sitegen.core.urls import Urls, page_file, site_path
from sitegen.pages.assets import build_assets
from sitegen.pages.bodies import BodyRenderer
from sitegen.pages.chart import coverage_svg
from sitegen.pages.chooser import chooser_data, chooser_view
from sitegen.pages.collisions import Claim, check_unique
from sitegen.pages.comparison import caption, comparison_groups, highlights
from sitegen.pages.contact_links import mailto_url, tel_url
from sitegen.pages.headers import HEADERS_FILE, content_security_policy, headers_file
from sitegen.pages.structured_data import StructuredData
from sitegen.pages.templates import TemplateLoader
from sitegen.sla.calendar import Calendar
from sitegen.sla.examples import worked_examples
from sitegen.sources.files import read_source, source_files
from sitegen.sources.models import Ethics, Page, Plan, Settings, Site
from sitegen.sources.plan_colours import stylesheet

_PRESERVED = re.compile(r"(<(pre|textarea)\b[\s\S]*?</\2>)", re.IGNORECASE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
# The stylesheet every page loads; the plans' colours are added to it from plans.yaml.
SITE_STYLESHEET = "css/site.css"


@dataclass(frozen=True)
class PageView:
    """What a template knows about the page it renders."""

    path: str
    title: str
    description: str
    template: str
    in_sitemap: bool = True
    source: Page | None = None
    plan: Plan | None = None


@dataclass(frozen=True)
class NavItem:
    path: str
    title: str


def render_site(
    site: Site,
    source: Path,
    build_year: int,
    base_url: str | None = None,
    cache: Path | None = None,
) -> dict[str, bytes]:
    """Render every page, the sitemap, robots.txt, the JSON API and the hashed assets.

    build_year is an input, not read from the clock, so rendering stays pure: the SLA
    calculator carries the closure calendar around it (sla.calendar.YEARS_CARRIED). A cache
    folder (build_cache) only saves work: the bytes are the same with it or without.
    """
    return SiteRenderer(site, source, build_year, base_url, cache).render()


class SiteRenderer:
    """One version of the sources, ready to render: assets, template globals, page list.

    Building it does the work every page shares (assets, the SLA calendar, the uniqueness
    check); render() then gives every file, render_pages() the pages of some content files.
    `cache` is the build cache folder (build_cache): public holidays and compiled templates
    from earlier builds. The dev server keeps one renderer between saves, so a body edit renders
    one page, and passes the previous renderer's `bodies` to the next, so a plans.yaml edit
    does not render Markdown again.
    """

    def __init__(
        self,
        site: Site,
        source: Path,
        build_year: int,
        base_url: str | None = None,
        cache: Path | None = None,
        earlier_bodies: Mapping[str, KeptBody] | None = None,
    ) -> None:
        self.site = site
        # Each page's current body, by page path: one entry per page however often it is edited.
        self.bodies: dict[str, KeptBody] = {}
        self._earlier_bodies = earlier_bodies or {}
        self.build_year = build_year
        self._urls = Urls(base_url or site.settings.base_url)
        static = _read_static(source)
        static[SITE_STYLESHEET] = static.get(SITE_STYLESHEET, b"") + (
            "\n" + stylesheet(site.catalogue.colours) + "\n"
        ).encode("utf-8")
        asset_names, self._assets = build_assets(static)
        self._env = environment(source, template_cache(cache, "layouts", _LAYOUT_OPTIONS))
        self._env.globals.update(_site_globals(site, self._urls, asset_names, build_year, cache))
        self._bodies = BodyRenderer(self._env.globals, cache)
        self.views = page_views(site)
        check_unique(  # pages staff add come last, so the error names them
            Claim(kind, value, _origin(view), view.source.line_of(kind) if view.source else None)
            for view in sorted(self.views, key=lambda view: view.source is not None)
            for kind, value in (
                ("address", view.path),
                ("title", view.title),
                ("description", view.description),
            )
        )

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
        files["api/plans.json"] = _plans_json(self.site)
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


# Everything a body reads: its page, and the helpers of page_body.BODY_GLOBALS ("site", "url",
# "email_link"), which _site_globals makes from the settings and the URLs alone.
BodyKey = tuple["PageView", Settings, Urls]
KeptBody = tuple[BodyKey, Markup]  # a body and the inputs it was rendered from


def body_key(view: PageView, settings: Settings, urls: Urls) -> BodyKey:
    """The inputs of a body's HTML; a helper added to BODY_GLOBALS must be covered here."""
    return view, settings, urls


def page_views(site: Site) -> list[PageView]:
    """Every HTML page of the site, in a stable order."""
    views = [
        PageView(
            path=page.path,
            title=page.title,
            description=page.description,
            template=page.template,
            source=page,
        )
        for page in site.pages
    ]
    views += [
        PageView(
            path=site_path("plan", plan=plan.id),
            title=f"Piano {plan.name}",
            description=f"Piano {plan.name} di {site.settings.name}, {destined_to(plan.audience)}",
            template="plan.html",
            plan=plan,
        )
        for plan in site.catalogue.plans
    ]
    views.append(
        PageView(
            path=site_path("ethics"),
            title=site.ethics.title,
            description=site.ethics.description,
            template="ethics.html",
        )
    )
    views.append(
        PageView(
            path="/404.html",
            title="Pagina non trovata",
            description="La pagina cercata non esiste.",
            template="404.html",
            in_sitemap=False,
        )
    )
    return views


def page_sources(site: Site) -> dict[str, str]:
    """The source file of every HTML page, by output path, to name it in problems."""
    return {page_file(view.path): _origin(view) for view in page_views(site)}


def _origin(view: PageView) -> str:
    """The source file a page comes from, to name it in errors."""
    if view.source is not None:
        return view.source.source
    if view.plan is not None:
        return PLANS_FILE
    return ETHICS_FILE if view.path == site_path("ethics") else f"{TEMPLATES_DIR}/{view.template}"


def navigation(site: Site) -> list[NavItem]:
    """Menu entries from the pages' front matter (and ethics.md's), in menu order."""
    entries = [
        (page.menu, NavItem(page.path, page.menu_title or page.title))
        for page in site.pages
        if page.menu is not None
    ]
    if site.ethics.menu is not None:
        title = site.ethics.menu_title or site.ethics.title
        entries.append((site.ethics.menu, NavItem(site_path("ethics"), title)))
    return [item for _, item in sorted(entries, key=lambda entry: entry[0])]


# The layouts' Jinja options; they shape the compiled code, so the template cache keys on them.
_LAYOUT_OPTIONS = {
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def environment(source: Path, bytecode_cache: BytecodeCache | None = None) -> Environment:
    """The layouts' Jinja environment, without a site's globals (SiteRenderer adds them)."""
    return Environment(
        loader=TemplateLoader(source),
        autoescape=select_autoescape(default_for_string=True, default=True),
        undefined=StrictUndefined,
        bytecode_cache=bytecode_cache,
        **_LAYOUT_OPTIONS,
    )


def _site_globals(
    site: Site, urls: Urls, assets: dict[str, str], build_year: int, cache: Path | None
) -> dict[str, object]:
    """What every template may use: the site's data and the URL and asset helpers."""
    email = site.settings.email
    calendar = Calendar.around(site.settings, [build_year], cache)
    groups = comparison_groups(site.catalogue)
    return {
        "site": site.settings,
        "catalogue": site.catalogue,
        "ethics": site.ethics,
        "nav": navigation(site),
        "url": urls.path,
        "href": lambda page, plan=None, anchor=None: urls.path(
            site_path(page, plan=plan.id if plan else None, anchor=anchor)
        ),
        "absolute_url": urls.absolute,
        "asset": lambda name: urls.path(_asset_path(assets, name)),
        "csp": content_security_policy(site.settings, in_meta=True),
        "json_ld": StructuredData(site.settings, site.catalogue.plans, urls),
        "comparison": groups,
        "comparison_caption": caption(site.catalogue),
        "highlights": highlights(site.catalogue),
        "count_word": count_word,
        "quote": _quoter(site.ethics),
        "mailto": lambda: mailto_url(email),
        "tel": lambda: tel_url(site.settings.phone or ""),
        "chooser": chooser_view(site.catalogue),
        "chooser_json": _script_json(chooser_data(site.catalogue)),
        "coverage_svg": coverage_svg,
        "email_link": lambda: Markup('<a href="{0}">{1}</a>').format(mailto_url(email), email),
        "sla_data_json": _script_json(calendar.browser_data(site.catalogue.plans)),
        "sla_examples": worked_examples(site.catalogue, calendar, build_year),
        "sla_reach": date_text(calendar.last),
    }


def _quoter(ethics: Ethics) -> object:
    """`quote("preventivi")`: a principle's words, looked up by its anchor in ethics.md, so a
    quote follows its source; an anchor that is gone stops the build, in ethics.md's name."""

    def quote(anchor: str) -> str:
        principle = ethics.principle(anchor)
        if principle is None:
            message = (
                f"il sito cita il principio con l’ancora {{#{anchor}}}, che ethics.md non ha "
                f"più: rimetti {{#{anchor}}} alla fine di quel principio (cambiarne le parole "
                "va bene, l’ancora resta)"
            )
            raise SourceError.at(ETHICS_FILE, None, message)
        return principle.text

    return quote


def _without_indentation(html: str) -> str:
    """Drop the templates' indentation from the page (phones pay for every byte), except
    inside <pre> and <textarea>, where whitespace is content."""
    parts = _PRESERVED.split(html)
    return "".join(
        part if index % 3 == 1 else _INDENT.sub("", part)
        for index, part in enumerate(parts)
        if index % 3 != 2
    )


def _asset_path(assets: dict[str, str], name: str) -> str:
    """The fingerprinted path of a static file; a template naming a missing one gets FILE:LINE."""
    try:
        return assets[name]
    except KeyError:
        raise TemplateRuntimeError(f'no static file "{name}" in templates/static/') from None


def _script_json(data: object) -> Markup:
    """Data as JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("<", "\\u003c"))


def _read_static(source: Path) -> dict[str, bytes]:
    """The static files by name under static/; a symlink may not lead out of the folder."""
    folder = source / TEMPLATES_DIR / STATIC_DIR
    return {
        path.relative_to(folder).as_posix(): read_source(path, path.relative_to(source).as_posix())
        for path in source_files(folder, source, allowed=folder)
    }


def _plans_json(site: Site) -> bytes:
    """The plans for other tools: ids, names, response time, coverage, holiday rule, channels."""
    plans = [
        {
            "id": plan.id,
            "name": plan.name,
            "audience": plan.audience,
            "response_hours": plan.response.hours,
            "response_text": plan.response_wording,
            "coverage": {
                "days": list(plan.coverage.days),
                "opens": plan.coverage.opens_minute,
                "closes": plan.coverage.closes_minute,
                "closed_on_holidays": plan.coverage.closed_on_holidays,
                "text": plan.coverage.wording,
            },
            "channels": list(plan.channels),
        }
        for plan in site.catalogue.plans
    ]
    document = {"timezone": site.settings.timezone, "plans": plans}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
