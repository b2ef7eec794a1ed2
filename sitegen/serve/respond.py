"""What a static host answers for a request, from the files in memory; no sockets here, so the
URL rules can be tested without one.

The rules are those of GitHub Pages and the like: the site lives under a prefix ("/", or a
project's sub-path such as "/repo/"); "/dir" redirects to "/dir/", which serves dir/index.html;
anything else that is not a file gets the site's 404.html with status 404; no directory listings,
and no path can leave the files. The dev server adds its own assets under /__sitegen__/ and,
while a build is broken, answers every page with the error page.
"""

from __future__ import annotations

import functools
import mimetypes
from dataclasses import dataclass
from importlib import resources
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from sitegen.core.layout import HEADERS_FILE, STATIC_PREFIX
from sitegen.serve.live import Build

DEV_PREFIX = "/__sitegen__/"
DEV_ASSETS = {"reload.js", "error.css"}
# Files the host reads as its configuration and never serves (Netlify, Cloudflare Pages).
HOST_ONLY = frozenset({HEADERS_FILE})

# Static files have content-hashed names: the browser may keep them, so a reload fetches the page
# alone (a changed file gets a new name).
DEV_STATIC_CACHE = "max-age=31536000, immutable"
HTML_TYPE = "text/html; charset=utf-8"
CONTENT_TYPES = {
    ".html": HTML_TYPE,
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class Response:
    """An answer, kept apart from the socket."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    location: str | None = None
    cache_control: str = "no-store"


def respond(build: Build, target: str, prefix: str = "/") -> Response:
    """What a static host would answer for `target` (path and query) with the site under
    `prefix` (starting and ending with "/"), from memory only."""
    parts = urlsplit(target)
    if parts.path.startswith(DEV_PREFIX):
        return _dev_asset(parts.path.removeprefix(DEV_PREFIX))
    if build.error_page is not None:
        return Response(500, build.error_page, HTML_TYPE)
    query = f"?{parts.query}" if parts.query else ""
    if parts.path + "/" == prefix:  # the site's own folder, without its final "/"
        return Response(301, location=prefix + query)
    if not parts.path.startswith(prefix):
        return _not_found(build)
    key = site_key(parts.path[len(prefix) - 1 :])
    if key is None or key in HOST_ONLY:
        return _not_found(build)
    if key in build.files:
        cache = DEV_STATIC_CACHE if key.startswith(STATIC_PREFIX) else "no-store"
        return Response(200, build.files[key], content_type(key), cache_control=cache)
    if f"{key}/index.html" in build.files:
        return Response(301, location=f"{parts.path}/{query}")
    return _not_found(build)


def site_key(url_path: str) -> str | None:
    """The output file a URL path names ("/piani/" -> "piani/index.html"), or None for a
    path that tries to leave the site: dot segments, encoded slashes, empty segments."""
    lowered = url_path.lower()
    if "%2f" in lowered or "%5c" in lowered:
        return None
    decoded = unquote(url_path)
    if not decoded.startswith("/") or "\\" in decoded or "\0" in decoded:
        return None
    segments = decoded[1:].split("/")
    if any(s in ("", ".", "..") for s in segments[:-1]) or segments[-1] in (".", ".."):
        return None
    name = "/".join(segments)
    return name + "index.html" if name == "" or name.endswith("/") else name


def content_type(name: str) -> str:
    """The type a static host sends: ours for the suffixes a build writes, as mimetypes varies
    by machine (.js); the machine's guess for any other file staff add to static/."""
    suffix = PurePosixPath(name).suffix.lower()
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return CONTENT_TYPES.get(suffix, guessed)


def _not_found(build: Build) -> Response:
    page = build.files.get("404.html")
    if page is None:
        return Response(404, b"Not Found\n")
    return Response(404, page, HTML_TYPE)


def _dev_asset(name: str) -> Response:
    if name not in DEV_ASSETS:
        return Response(404, b"Not Found\n")
    return Response(200, _asset_bytes(name), content_type(name))


@functools.cache
def _asset_bytes(name: str) -> bytes:
    return resources.files("sitegen.serve").joinpath("assets", name).read_bytes()
