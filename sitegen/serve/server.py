"""The dev server: build, then answer HTTP from the live site until Ctrl-C.

Why not livereload: it rebuilds once per changed file and polls slowly. Here the operating
system reports saves and the watcher rebuilds once when a burst of them settles (watch.py); a
save renders only what it changed, and pages come from the last complete in-memory render
(builder.py, rerender.py); the reload travels over Server-Sent Events, which the site's CSP
allows ('self'). Besides sitegen's own dependencies, only watchfiles is needed.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
import threading
import webbrowser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sitegen.serve.builder import Builder
from sitegen.serve.live import LiveSite
from sitegen.serve.respond import DEV_PREFIX, Response, respond
from sitegen.serve.watch import Watcher
from sitegen.urls import Urls

KEEPALIVE_SECONDS = 15.0
IDLE_SECONDS = 20.0  # a connection silent this long is closed: silent sockets held threads
EVENTS_PATH = DEV_PREFIX + "events"


def serve(
    source: Path, host: str, port: int, open_browser: bool = False, base_url: str | None = None
) -> int:
    """Build, serve and watch until Ctrl-C; return the exit status.

    With base_url the site is built for that address and served under its path, so a GitHub
    Pages project site (https://user.github.io/repo/) is previewed at /repo/.
    """
    prefix = Urls(base_url).prefix if base_url else "/"
    try:
        httpd = DevServer((host, port), prefix)
    except OSError as error:
        print(_listen_error(error, host, port), file=sys.stderr)
        return 1
    root = _root_url(host, httpd.server_address[1])
    url = root + prefix.removeprefix("/")
    if not _is_loopback(host):
        print(
            f"sitegen: warning: listening on {host}: other machines on the network "
            "can read the drafts; use --host 127.0.0.1 to keep them on this one",
            file=sys.stderr,
            flush=True,
        )
    builder = Builder(source, base_url or root, httpd.live)
    watcher = Watcher(source, builder.build)
    try:
        if not watcher.start():  # before the first build: a save during it gives a rebuild
            print(f"sitegen: cannot watch {source} for changes", file=sys.stderr)
            return 1
        builder.build(verb="built")
        print(f"sitegen: serving {url} (Ctrl-C to stop)", flush=True)
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        httpd.serve_forever()
    except KeyboardInterrupt:
        print("sitegen: stopped", flush=True)
    finally:
        watcher.stop.set()
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


def _root_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class DevServer(ThreadingHTTPServer):
    """A threading HTTP server holding the live site, served under `prefix`; IPv6 when the host
    is an IPv6 address."""

    daemon_threads = True  # open event streams must not keep the process alive

    def __init__(self, address: tuple[str, int], prefix: str = "/") -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.live = LiveSite()
        self.prefix = prefix
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
            self._send(self._answer(), body=True)

    def do_HEAD(self) -> None:
        self._send(self._answer(), body=False)

    def _answer(self) -> Response:
        return respond(self.server.live.current, self.path, self.server.prefix)

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
