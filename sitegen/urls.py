"""Where things live on the site: one function per kind of address, aware of the base URL."""

from __future__ import annotations

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
            f'"{value[:60]}" is not a base URL: write an absolute http:// or https:// address '
            'ending in "/", e.g. https://example.org/sub/'
        )
    return value


def page_file(site_path: str) -> str:
    """Output file for a pretty URL: "/piani/" -> "piani/index.html"; "/404.html" stays."""
    trimmed = site_path.lstrip("/")
    if not trimmed or trimmed.endswith("/"):
        return trimmed + "index.html"
    return trimmed


ETHICS_PATH = "/codice-etico/"
CONTACT_PATH = "/contatti/"


def plan_path(plan_id: str) -> str:
    """A plan's own sheet."""
    return f"/piani/{plan_id}/"


def request_path(plan_id: str) -> str:
    """The contact form with this plan already chosen."""
    return f"{CONTACT_PATH}?plan={plan_id}"


def principle_path(anchor: str) -> str:
    """One principle of the code of ethics."""
    return f"{ETHICS_PATH}#{anchor}"
