"""What every layout may use: the Jinja environment of templates/ and its globals, the site's
data and the helpers for addresses, assets, quotes, links and the pages' computed parts."""

from __future__ import annotations

from collections.abc import Callable
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
from sitegen.core.italian import count_word, date_text
from sitegen.core.layout import ETHICS_FILE
from sitegen.core.urls import Urls, site_path
from sitegen.pages.chart import coverage_svg
from sitegen.pages.chooser import chooser_data, chooser_view
from sitegen.pages.comparison import caption, comparison_groups, highlights
from sitegen.pages.contact_links import mailto_url, tel_url
from sitegen.pages.headers import content_security_policy
from sitegen.pages.script_json import script_json
from sitegen.pages.structured_data import StructuredData
from sitegen.pages.templates import LayoutLoader
from sitegen.pages.views import navigation
from sitegen.sla.calendar import Calendar
from sitegen.sla.examples import worked_examples
from sitegen.sources.layouts import Layouts
from sitegen.sources.models import Ethics, Site
from sitegen.sources.offer import sla_terms

# The layouts' Jinja options; they shape the compiled code, so the template cache keys on them.
LAYOUT_OPTIONS = {
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def layout_cache(folder: Path | None) -> BytecodeCache | None:
    """Where compiled layouts are kept in the build cache folder (None: nowhere)."""
    return template_cache(folder, "layouts", LAYOUT_OPTIONS)


def environment(layouts: Layouts, bytecode_cache: BytecodeCache | None = None) -> Environment:
    """The layouts' Jinja environment, without a site's globals (site_globals adds them)."""
    return Environment(
        loader=LayoutLoader(layouts),
        autoescape=select_autoescape(default_for_string=True, default=True),
        undefined=StrictUndefined,
        bytecode_cache=bytecode_cache,
        **LAYOUT_OPTIONS,
    )


def site_globals(
    site: Site, urls: Urls, assets: dict[str, str], calendar: Calendar, build_year: int
) -> dict[str, object]:
    """What every template may use: the site's data and the URL and asset helpers."""
    email = site.settings.email
    offer = site.offer
    terms = sla_terms(offer.plans)
    return {
        "site": site.settings,
        "offer": offer,
        "ethics": site.ethics,
        "nav": navigation(site),
        "url": urls.path,
        "href": lambda page, plan=None, anchor=None: urls.path(
            site_path(page, plan=plan.id if plan else None, anchor=anchor)
        ),
        "absolute_url": urls.absolute,
        "asset": lambda name: urls.path(_asset_path(assets, name)),
        "csp": content_security_policy(site.settings, in_meta=True),
        "json_ld": StructuredData(site.settings, offer.plans, urls),
        "comparison": comparison_groups(offer),
        "comparison_caption": caption(offer),
        "highlights": highlights(offer),
        "count_word": count_word,
        "quote": _quoter(site.ethics),
        "mailto": lambda: mailto_url(email),
        "tel": lambda: tel_url(site.settings.phone or ""),
        "chooser": chooser_view(offer),
        "chooser_json": script_json(chooser_data(offer)),
        "coverage_svg": coverage_svg,
        "email_link": lambda: Markup('<a href="{0}">{1}</a>').format(mailto_url(email), email),
        "sla_data_json": script_json(calendar.browser_data(terms)),
        "sla_examples": worked_examples(terms, calendar, build_year),
        "sla_reach": date_text(calendar.last),
    }


def _quoter(ethics: Ethics) -> Callable[[str], str]:
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


def _asset_path(assets: dict[str, str], name: str) -> str:
    """The fingerprinted path of a static file; a template naming a missing one gets FILE:LINE."""
    try:
        return assets[name]
    except KeyError:
        raise TemplateRuntimeError(f"non c’è il file «{name}» in templates/static/") from None
