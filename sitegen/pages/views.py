"""Every HTML page of a site as a view: its address, title, description, layout and what it
shows, and the menu. One list, used by the renderer, the uniqueness check and the link
checker's names of source files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sitegen.core.italian import destined_to
from sitegen.core.layout import ETHICS_FILE, PLANS_FILE, TEMPLATES_DIR
from sitegen.core.urls import page_file, site_path
from sitegen.pages.collisions import Claim
from sitegen.sources.models import Page, Site
from sitegen.sources.offer import Plan


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
        for plan in site.offer.plans
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


def claims(views: Iterable[PageView]) -> Iterator[Claim]:
    """What each page claims for itself alone: its address, title and description. Pages staff
    add come last, so a clash names them."""
    for view in sorted(views, key=lambda view: view.source is not None):
        line_of = view.source.line_of if view.source else (lambda _: None)
        for kind, value in (
            ("address", view.path),
            ("title", view.title),
            ("description", view.description),
        ):
            yield Claim(kind, value, origin(view), line_of(kind))


def page_sources(site: Site) -> dict[str, str]:
    """The source file of every HTML page, by output path, to name it in problems."""
    return {page_file(view.path): origin(view) for view in page_views(site)}


def origin(view: PageView) -> str:
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
