"""Dev server: serve the latest good build from memory, rebuild on save, reload open pages.

Why not livereload: it rebuilds once per changed file and polls slowly. Here a watcher polls
mtimes every few milliseconds and rebuilds once when a burst of saves settles; pages come from the
last complete in-memory render, so none is ever half-built and nothing is written to disk; the
reload travels over Server-Sent Events, which the site's CSP allows ('self'). Only the standard
library is needed.
"""

from __future__ import annotations

import errno
import functools
import html
import ipaddress
import mimetypes
import socket
import sys
import threading
import time
import traceback
import uuid
import webbrowser
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from sitegen.assets import STATIC_PREFIX
from sitegen.build import render_in_memory
from sitegen.build import warnings as site_warnings
from sitegen.error_page import error_page
from sitegen.errors import Problem, SourceError, UsageError
from sitegen.security import HEADERS_FILE
from sitegen.templating_errors import described
from sitegen.watch import snapshot, watch

KEEPALIVE_SECONDS = 15.0
IDLE_SECONDS = 20.0  # a connection silent this long is closed: silent sockets held threads

DEV_PREFIX = "/__sitegen__/"
EVENTS_PATH = DEV_PREFIX + "events"
RELOAD_TAG = '<script src="/__sitegen__/reload.js" data-generation="{}" defer></script>'
DEV_ASSETS = {"reload.js", "error.css"}
# Files the host reads as its configuration and never serves (Netlify, Cloudflare Pages).
HOST_ONLY = frozenset({HEADERS_FILE})

# Static files have content-hashed names: the browser may keep them, so a reload fetches the page
# alone (a changed file gets a new name).
IMMUTABLE = "max-age=31536000, immutable"
HTML_TYPE = "text/html; charset=utf-8"
CONTENT_TYPES = {
    ".html": HTML_TYPE,
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}


def serve(source: Path, host: str, port: int, open_browser: bool = False) -> int:
    """Build, serve and watch until Ctrl-C; return the exit status."""
    try:
        httpd = DevServer((host, port))
    except OSError as error:
        print(_listen_error(error, host, port), file=sys.stderr)
        return 1
    url = _base_url(host, httpd.server_address[1])
    if not _is_loopback(host):
        print(
            f"sitegen: warning: listening on {host}: other machines on the network "
            "can read the drafts; use --host 127.0.0.1 to keep them on this one",
            file=sys.stderr,
            flush=True,
        )
    builder = Builder(source, url, httpd.live)
    stop = threading.Event()
    try:
        seen = snapshot(source)
        builder.build("built")
        watcher = threading.Thread(target=watch, args=(source, seen, builder.build, stop))
        watcher.daemon = True
        watcher.start()
        print(f"sitegen: serving {url} (Ctrl-C to stop)", flush=True)
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        httpd.serve_forever()
    except KeyboardInterrupt:
        print("sitegen: stopped", flush=True)
    finally:
        stop.set()
        httpd.server_close()
    return 0


def _listen_error(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"sitegen: port {port} is already in use on {host}; try --port {port + 1}"
    return f"sitegen: cannot listen on {host}:{port}: {error.strerror or error}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def _base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


# Building


@dataclass(frozen=True)
class Build:
    """One render as served: its files (reload script injected), or an error page."""

    generation: str
    files: Mapping[str, bytes] = field(default_factory=dict)
    error_page: bytes | None = None


class LiveSite:
    """The build being served, replaced whole; event streams wait here for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._current = Build("")

    @property
    def current(self) -> Build:
        with self._changed:
            return self._current

    def publish(self, build: Build) -> None:
        with self._changed:
            self._current = build
            self._changed.notify_all()

    def wait_past(self, generation: str, timeout: float) -> Build:
        """The current build as soon as it is not `generation`, or after timeout anyway."""
        with self._changed:
            self._changed.wait_for(lambda: self._current.generation != generation, timeout)
            return self._current


class Builder:
    """Renders the sources into the live site and tells the terminal how it went."""

    def __init__(self, source: Path, base_url: str, live: LiveSite) -> None:
        self.source = source
        self.base_url = base_url
        self.live = live
        self._boot = uuid.uuid4().hex[:8]  # a restarted server's pages see a new generation
        self._count = 0
        self._warnings: list[str] = []

    def build(self, verb: str = "rebuilt") -> None:
        """Render once; publish the site, or an error page that lists what to fix."""
        started = time.perf_counter()
        self._count += 1
        generation = f"{self._boot}-{self._count}"
        try:
            site, files = render_in_memory(self.source, self.base_url)
        except Exception as error:
            self._fail(error, generation)
            return
        self._show_warnings(site_warnings(site))
        self.live.publish(Build(generation, with_reload(files, generation)))
        elapsed = round((time.perf_counter() - started) * 1000)
        print(f"sitegen: {verb} in {elapsed} ms", flush=True)

    def _fail(self, error: Exception, generation: str) -> None:
        if not isinstance(error, SourceError | UsageError):
            traceback.print_exception(error, file=sys.stderr)  # a sitegen bug: show where
        problems = _problems(error)
        for problem in problems:
            print(problem, file=sys.stderr, flush=True)
        print("sitegen: build failed; the site comes back at the next good save", file=sys.stderr)
        page = inject_reload(error_page(problems, self.source), generation)
        self.live.publish(Build(generation, error_page=page))

    def _show_warnings(self, warnings: list[str]) -> None:
        """Print warnings when they change, not on every save."""
        if warnings != self._warnings:
            for warning in warnings:
                print(warning, file=sys.stderr, flush=True)
        self._warnings = warnings


def _problems(error: Exception) -> list[Problem | str]:
    """What went wrong, one line each, as the command line prints it."""
    if isinstance(error, SourceError):
        return list(error.problems)
    if isinstance(error, UsageError):
        return [f"sitegen: {error}"]
    return [f"sitegen: {described(error)}"]


def with_reload(files: Mapping[str, bytes], generation: str) -> dict[str, bytes]:
    """The rendered files with the reload script in every HTML page."""
    return {
        name: inject_reload(content, generation) if name.endswith(".html") else content
        for name, content in files.items()
    }


def inject_reload(page: bytes, generation: str) -> bytes:
    """Add the reload script before </head> (or at the end of a page without one)."""
    tag = RELOAD_TAG.format(html.escape(generation)).encode()
    at = page.find(b"</head>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


# Answering requests


@dataclass(frozen=True)
class Response:
    """An answer, kept apart from the socket so the URL rules can be tested without one."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    location: str | None = None
    cache_control: str = "no-store"


def respond(build: Build, target: str) -> Response:
    """What a static host would answer for `target` (path and query), from memory only."""
    parts = urlsplit(target)
    if parts.path.startswith(DEV_PREFIX):
        return _dev_asset(parts.path.removeprefix(DEV_PREFIX))
    if build.error_page is not None:
        return Response(500, build.error_page, HTML_TYPE)
    key = site_key(parts.path)
    if key is None or key in HOST_ONLY:
        return _not_found(build)
    if key in build.files:
        cache = IMMUTABLE if key.startswith(STATIC_PREFIX) else "no-store"
        return Response(200, build.files[key], content_type(key), cache_control=cache)
    if f"{key}/index.html" in build.files:
        query = f"?{parts.query}" if parts.query else ""
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
    """The type a static host sends; ours first, as mimetypes varies by machine (.js, .mjs)."""
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
    return resources.files("sitegen").joinpath("serve_assets", name).read_bytes()


class DevServer(ThreadingHTTPServer):
    """A threading HTTP server holding the live site; IPv6 when the host is an IPv6 address."""

    daemon_threads = True  # open event streams must not keep the process alive

    def __init__(self, address: tuple[str, int]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.live = LiveSite()
        super().__init__(address, Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a tab or a connection that idles out is routine: no traceback.
        Anything else is a sitegen bug and keeps its traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD from the live site, plus the reload event stream."""

    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS  # socketserver sets it on the connection: reads and writes give up
    server: DevServer

    def do_GET(self) -> None:
        if urlsplit(self.path).path == EVENTS_PATH:
            self._stream_events()
        else:
            self._send(respond(self.server.live.current, self.path), body=True)

    def do_HEAD(self) -> None:
        self._send(respond(self.server.live.current, self.path), body=False)

    def _send(self, response: Response, body: bool) -> None:
        self.send_response(response.status)
        if response.location:
            self.send_header("Location", response.location)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", response.cache_control)
        self.send_header("X-Content-Type-Options", "nosniff")
        if response.status == 500:  # the error page is ours: hold it to the site's policy
            self.send_header("Content-Security-Policy", "default-src 'self'")
        self.end_headers()
        if body:
            self.wfile.write(response.body)

    def _stream_events(self) -> None:
        """Send "reload" once the served build differs from the page's; keep-alives meanwhile
        (a write to a closed tab fails and ends the thread)."""
        since = parse_qs(urlsplit(self.path).query).get("since", [""])[0]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(b"retry: 250\n\n")
            self.wfile.flush()
            live = self.server.live
            while (build := live.wait_past(since, KEEPALIVE_SECONDS)).generation == since:
                self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
            self.wfile.write(f"event: reload\ndata: {build.generation}\n\n".encode())
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Quiet: the terminal is for build results; errors are still logged."""

    def log_error(self, format: str, *args: object) -> None:
        """Quiet about idle connections closed by the timeout; other errors are logged."""
        if not any(isinstance(arg, TimeoutError) for arg in args):
            super().log_error(format, *args)
