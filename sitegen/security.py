"""The site's Content-Security-Policy, written once for the <meta> tag and for _headers."""

from __future__ import annotations

from urllib.parse import urlsplit

from sitegen.models import Settings


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
