"""Every mailto: link of the site, built in one place that encodes what it is given.

The address comes from site.yaml and is checked to be an address only (models.Settings), and
it is percent-encoded here as well, so nothing in it can add a header (?bcc=) to a link. Subject
and body are encoded as js/mailto.js encodes them (encodeURIComponent: spaces as %20, never
"+"; line breaks as %0D%0A), so the mail program shows exactly the text composed.
"""

from __future__ import annotations

from urllib.parse import quote

# encodeURIComponent's unreserved characters.
_UNRESERVED = "-_.!~*'()"


def mailto_url(address: str, subject: str | None = None, body: str | None = None) -> str:
    """ "mailto:info@example.it", with ?subject=…&body=… when given."""
    fields = [
        f"{name}={quote(value, safe=_UNRESERVED)}"
        for name, value in (("subject", subject), ("body", _crlf(body)))
        if value
    ]
    query = f"?{'&'.join(fields)}" if fields else ""
    return f"mailto:{quote(address, safe='@' + _UNRESERVED)}{query}"


def _crlf(text: str | None) -> str | None:
    """Line breaks as the mail standard writes them."""
    return None if text is None else text.replace("\r\n", "\n").replace("\n", "\r\n")
