"""Markup a browser would run, found in HTML: the check behind "safe without a CSP".

A page with no Content-Security-Policy (a host that strips or overrides the meta tag) runs any
`on…=` attribute, and any `javascript:` (or `vbscript:`, or a `data:` document) URL that a
click, a form or a frame loads. Browsers read attribute values with their entities decoded and
ignore leading spaces and control characters and any tab or line break inside a URL, so this
does too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^[\x00-\x20]*(javascript|vbscript|data):", re.IGNORECASE)


def executable_markup(html: str) -> list[str]:
    """Each event-handler attribute and script-capable URL in html, as `tag attr="value"`."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            text = value or ""
            if name.startswith("on") or _SCHEME.match(_IGNORED_IN_URL.sub("", text)):
                self.found.append(f'{tag} {name}="{text}"')

    handle_startendtag = handle_starttag
