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

STATIC_PREFIX = "static/"
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
        if name in chain:
            raise ValueError(f"import cycle between static modules: {' -> '.join(chain)}")
        content = sources[name]
        if name.endswith(".css"):
            content = rcssmin.cssmin(content.decode("utf-8")).encode("utf-8")
        if name.endswith(".js"):
            folder = PurePosixPath(name).parent

            def hashed(match: re.Match[str]) -> str:
                target = str(folder / match[3])
                new_name = PurePosixPath(resolve(target, (*chain, name))).name
                return f"{match[1]}{match[2]}./{new_name}{match[2]}"

            minified = rjsmin.jsmin(content.decode("utf-8"))
            content = _IMPORT.sub(hashed, minified).encode("utf-8")
        output = STATIC_PREFIX + fingerprint(name, content)
        names[name] = output
        files[output] = content
        return output

    for name in sorted(sources):
        resolve(name)
    return names, files
