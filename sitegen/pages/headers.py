"""The site's Content-Security-Policy, written once for the <meta> tag and for _headers."""

from __future__ import annotations

from urllib.parse import urlsplit

from sitegen.sources.settings import Settings


def content_security_policy(settings: Settings, *, in_meta: bool = False) -> str:
    """A strict policy: own files only, no inline script or style attributes.

    form-action does not fall back to default-src and 'self' does not match mailto:, so the
    contact form's targets are listed. frame-ancestors is ignored (with a console warning) in a
    <meta> policy, so it is only sent as a header.
    """
    form_targets = ["'self'", "mailto:"]
    if settings.form_endpoint:
        endpoint = urlsplit(settings.form_endpoint)
        form_targets.append(f"{endpoint.scheme}://{endpoint.netloc}")
    directives = [
        "default-src 'self'",
        "img-src 'self' data:",
        f"form-action {' '.join(form_targets)}",
        "base-uri 'none'",
        "object-src 'none'",
    ]
    if not in_meta:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)
HSTS = "max-age=31536000; includeSubDomains"
HOST_STATIC_CACHE = "public, max-age=31536000, immutable"


def headers_file(settings: Settings) -> str:
    """The `_headers` file Netlify and Cloudflare Pages read (other hosts: copy its rules).

    Paths are relative to the host's root, where these hosts always serve the published folder,
    so they do not take the base URL's sub-path. Only `static/` is cached for a year: its names
    change with their content. HTML, the sitemap and the JSON keep the hosts' default, which
    revalidates on every visit, so a new build shows at once.
    """
    rules = {
        "/*": {
            "Content-Security-Policy": content_security_policy(settings),
            "Referrer-Policy": "strict-origin-when-cross-origin",
            "X-Content-Type-Options": "nosniff",
            "Permissions-Policy": PERMISSIONS_POLICY,
            "Strict-Transport-Security": HSTS,
        },
        "/static/*": {"Cache-Control": HOST_STATIC_CACHE},
    }
    blocks = [
        "\n".join([path, *(f"  {name}: {value}" for name, value in headers.items())])
        for path, headers in rules.items()
    ]
    return "\n\n".join(blocks) + "\n"
