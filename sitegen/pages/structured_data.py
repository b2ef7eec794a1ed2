"""Schema.org JSON-LD for search engines: the company on the home page, the plans as services.

Only facts the sources hold go in: the plans have no price, so their offers carry none (an
Offer without price is valid schema.org; every property is optional).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from sitegen.core.italian import destined_to, first_upper
from sitegen.core.urls import Urls, site_path
from sitegen.pages.script_json import script_json
from sitegen.sources.offer import Plan
from sitegen.sources.settings import Settings

JsonLd = dict[str, Any]
CONTEXT = "https://schema.org"


def organization(settings: Settings, urls: Urls) -> JsonLd:
    """The company: name, email, the site's address, and the phone, address and partita IVA
    when site.yaml gives them, with an @id services point to."""
    found: JsonLd = {
        "@type": "Organization",
        "@id": urls.absolute(site_path("home", anchor="organization")),
        "name": settings.name,
        "email": settings.email,
        "url": urls.absolute(site_path("home")),
    }
    if settings.phone:
        found["telephone"] = settings.phone
    if settings.address:
        found["address"] = settings.address
    if settings.legal.partita_iva:
        found["vatID"] = settings.legal.partita_iva
    return found


def service(plan: Plan, settings: Settings, urls: Urls) -> JsonLd:
    """A plan as a Service offered by the company; the offer states terms, not a price."""
    page = urls.absolute(site_path("plan", plan=plan.id))
    return {
        "@type": "Service",
        "@id": page + "#service",
        "name": f"Piano {plan.name}",
        "description": first_upper(destined_to(plan.audience)),
        "url": page,
        "provider": organization(settings, urls),
        "offers": {
            "@type": "Offer",
            "url": page,
            "description": (
                f"Tempo di risposta: {plan.response_wording}. "
                f"Orari di copertura: {plan.coverage.wording}."
            ),
        },
    }


def plan_list(plans: tuple[Plan, ...], settings: Settings, urls: Urls) -> JsonLd:
    """Every plan, in the order plans.yaml lists them, for the comparison page."""
    return {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": service(plan, settings, urls)}
            for position, plan in enumerate(plans, start=1)
        ],
    }


def script_body(data: JsonLd) -> Markup:
    """JSON for a <script type="application/ld+json">, with its @context, keys in the order
    schema.org readers expect."""
    return script_json({"@context": CONTEXT, **data}, sort_keys=False)


@dataclass(frozen=True)
class StructuredData:
    """What templates call: `{{ json_ld.organization() }}` inside a ld+json script element."""

    settings: Settings
    plans: tuple[Plan, ...]
    urls: Urls

    def organization(self) -> Markup:
        return script_body(organization(self.settings, self.urls))

    def service(self, plan: Plan) -> Markup:
        return script_body(service(plan, self.settings, self.urls))

    def plans_list(self) -> Markup:
        return script_body(plan_list(self.plans, self.settings, self.urls))
