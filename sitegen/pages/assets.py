"""Static assets with content-hashed names, so hosts may cache them for a year.

ES modules import each other by relative name; those specifiers are rewritten to the hashed
names, dependencies first, so a change in one module changes the name of every importer.
Scripts and stylesheets are minified (rjsmin, rcssmin): visitors on phones download the site,
not its comments.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

import rcssmin
import rjsmin

from sitegen.core.errors import SourceError
from sitegen.core.layout import STATIC_PREFIX
from sitegen.sources.files import SAVE_AS_UTF8

SOURCE_FOLDER = "templates/static/"  # where the sources live, for FILE:LINE messages
_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])\./([\w.-]+\.js)\2""")


def fingerprint(name: str, content: bytes) -> str:
    """ "css/site.css" -> "css/site.3f2a9c1e.css" (8 hex digits of SHA-256)."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(content).hexdigest()[:8]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def build_assets(sources: dict[str, bytes]) -> tuple[dict[str, str], dict[str, bytes]]:
    """Map logical names (relative to static/) to hashed output paths, and produce the files."""
    names: dict[str, str] = {}
    files: dict[str, bytes] = {}

    def resolve(name: str, chain: tuple[str, ...] = ()) -> str:
        if name in names:
            return names[name]
        content = sources[name]
        if name.endswith(".css"):
            content = rcssmin.cssmin(_text(name, content)).encode("utf-8")
        if name.endswith(".js"):
            folder = PurePosixPath(name).parent
            text = _text(name, content)

            def hashed(match: re.Match[str]) -> str:
                target = str(folder / match[3])
                if target not in sources or target in (*chain, name):
                    _bad_import(name, text, match[3], target in sources)
                new_name = PurePosixPath(resolve(target, (*chain, name))).name
                return f"{match[1]}{match[2]}./{new_name}{match[2]}"

            content = _IMPORT.sub(hashed, rjsmin.jsmin(text)).encode("utf-8")
        output = STATIC_PREFIX + fingerprint(name, content)
        names[name] = output
        files[output] = content
        return output

    for name in sorted(sources):
        resolve(name)
    return names, files


def _text(name: str, content: bytes) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        message = f"questo file non è scritto in UTF-8: {SAVE_AS_UTF8}"
        raise SourceError.at(SOURCE_FOLDER + name, line, message) from None


def _bad_import(name: str, text: str, specifier: str, exists: bool) -> None:
    """An import of a missing module, or one that leads back to its importer (a cycle)."""
    at = text.find(f"./{specifier}")
    line = text[:at].count("\n") + 1 if at >= 0 else None
    if exists:
        message = (
            f"importare «./{specifier}» chiude un giro di import (un modulo importa, "
            "attraverso altri, sé stesso): toglilo"
        )
    else:
        message = f"importa «./{specifier}», che non c’è in {SOURCE_FOLDER}"
    raise SourceError.at(SOURCE_FOLDER + name, line, message)
