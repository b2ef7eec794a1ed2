"""Link checking of a built site: every internal link and #anchor must resolve."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from sitegen.core.errors import Problem
from sitegen.core.urls import page_file

_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action"}


def broken_links(
    files: dict[str, bytes], sources: Mapping[str, str], prefix: str = "/"
) -> list[Problem]:
    """One problem per broken internal link in the rendered files ({output path: bytes}),
    named after the source the page comes from ({output path: source file}), where staff
    fix it."""
    pages = {
        path: BeautifulSoup(content, "html.parser")
        for path, content in files.items()
        if path.endswith(".html")
    }
    ids = {path: {tag["id"] for tag in soup.find_all(id=True)} for path, soup in pages.items()}
    problems = []
    for path, soup in pages.items():
        for tag_name, attribute in _LINKING.items():
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                link = tag[attribute]
                error = _link_error(path, link, files, ids, prefix)
                if error:
                    message = f"nella pagina {path} un collegamento è interrotto, {error}: {link}"
                    problems.append(Problem(sources.get(path, path), None, message))
    return problems


def _link_error(
    page: str, link: str, files: dict[str, bytes], ids: dict[str, set[str]], prefix: str
) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        # tel: is the phone number of site.yaml, linked in the footer of every page once filled.
        known = parts.scheme in {"mailto", "tel", "http", "https", "data"}
        return None if known else "tipo di collegamento sconosciuto"
    if not parts.path:
        target = page
    elif parts.path.startswith("/"):
        if not parts.path.startswith(prefix):
            return f"collegamento fuori dal sito (che sta sotto {prefix})"
        target = page_file(unquote(parts.path)[len(prefix) - 1 :])
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if joined.startswith(".."):
            return "collegamento fuori dal sito"
        target = page_file(joined + ("/" if parts.path.endswith("/") else ""))
    if target not in files:
        return "la pagina non esiste"
    if parts.fragment and parts.fragment not in ids.get(target, set()):
        return f"nella pagina non c’è il punto «#{parts.fragment}»"
    return None
