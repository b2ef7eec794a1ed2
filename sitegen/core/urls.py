"""Where things live on the site: one function per kind of address, aware of the base URL."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Urls:
    """Builds site-relative and absolute URLs under the base URL's path (e.g. a GitHub Pages
    project sub-path), so no template ever writes a bare "/"."""

    base_url: str

    @property
    def prefix(self) -> str:
        """The base URL's path, always starting and ending with "/"."""
        return urlsplit(self.base_url).path or "/"

    def path(self, site_path: str) -> str:
        """Root-relative URL of a site path such as "/piani/"."""
        return self.prefix + site_path.lstrip("/")

    def absolute(self, site_path: str) -> str:
        """Absolute URL, for canonical links, Open Graph and the sitemap."""
        return self.base_url + site_path.lstrip("/")


def check_base_url(value: str) -> str:
    """The rule for a site's base URL (site.yaml and --base-url): absolute http(s), with a host,
    ending in "/", no query, fragment or spaces; every link is built on it."""
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or not parts.path.endswith("/")
        or parts.query
        or parts.fragment
        or any(char.isspace() or ord(char) < 32 for char in value)
    ):
        raise ValueError(
            f"«{value[:60]}» non è l’indirizzo di un sito: scrivi l’indirizzo completo, che "
            "comincia con https:// (o http://) e finisce con /, per esempio "
            "https://www.esempio.it/"
        )
    return value


def page_file(site_path: str) -> str:
    """Output file for a pretty URL: "/piani/" -> "piani/index.html"; "/404.html" stays."""
    trimmed = site_path.lstrip("/")
    if not trimmed or trimmed.endswith("/"):
        return trimmed + "index.html"
    return trimmed


# Every page that code or a template links to, by a plain name: the one place a path is typed.
# Content pages are here too (contatti.md is /contatti/): renaming one means changing its line,
# and `sitegen check` reports any link that then leads nowhere.
PAGES = {
    "home": "/",
    "plans": "/piani/",
    "plan": "/piani/{plan}/",
    "ethics": "/codice-etico/",
    "contact": "/contatti/",
    "response-times": "/tempi-di-risposta/",
    "privacy": "/privacy/",
    "sitemap": "/sitemap.xml",
}


# The pages above that come from content/, which the site's layouts link to on every page.
CONTENT_PAGES = ("home", "plans", "contact", "response-times", "privacy")


def site_path(page: str, *, plan: str | None = None, anchor: str | None = None) -> str:
    """The site path of a named page: ("plan", plan="gold") is "/piani/gold/"; ("contact",
    plan="gold") is the contact form with Gold chosen; anchor adds "#anchor"."""
    template = PAGES[page]
    if "{plan}" in template:
        if plan is None:
            raise ValueError(f'the "{page}" page needs a plan')
        path = template.format(plan=plan)
    else:
        path = template + (f"?plan={plan}" if plan else "")
    return path + (f"#{anchor}" if anchor else "")


def slugify(label: str) -> str:
    """ASCII slug of an Italian label: "Priorità e urgenze" -> "priorita-e-urgenze"."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
