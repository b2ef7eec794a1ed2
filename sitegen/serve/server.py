"""The dev server: build, then answer HTTP from the live site until Ctrl-C.

Why not livereload: it rebuilds once per changed file and polls slowly. Here the operating
system reports saves and the watcher rebuilds once when a burst of them settles (watch.py); a
save renders only what it changed, and pages come from the last complete in-memory render
(builder.py, rerender.py); the reload travels over Server-Sent Events, which the site's CSP
allows ('self'). Besides sitegen's own dependencies, only watchfiles is needed.
"""

from __future__ import annotations

import errno
import io
import ipaddress
import socket
import sys
import threading
import time
import webbrowser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sitegen.core.urls import Urls
from sitegen.serve.builder import Builder
from sitegen.serve.live import LiveSite
from sitegen.serve.respond import DEV_PREFIX, Response, respond
from sitegen.serve.watch import Watcher

KEEPALIVE_SECONDS = 15.0
IDLE_SECONDS = 20.0  # a read or write waiting this long gives up: silent sockets held threads
# A request's line and headers must arrive whole within this, however slowly they trickle in
# (one header line every 5 s held a thread for good); it also ends an idle kept-alive connection.
HEADER_SECONDS = 10.0
# Connections waiting to be accepted: a page opens several at once, tools and tests many more;
# Python's default of 5 left 111 of 200 clients at once unanswered after 30 s.
LISTEN_BACKLOG = 1024
MAX_THREADS = 64  # connections served at once; the next ones wait in the backlog
# Open reload streams (browser tabs) at most: each holds a thread, and pages need threads too.
MAX_STREAMS = 32
STREAM_RETRY_MS = 5000  # a tab past MAX_STREAMS asks again this much later
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
    except (OSError, OverflowError) as error:  # OverflowError: a port past 65535
        print(_listen_error(error, host, port), file=sys.stderr)
        return 1
    root = _root_url(host, httpd.server_address[1])
    url = root + prefix.removeprefix("/")
    if not _is_loopback(host):
        print(
            f"sitegen: attenzione: l'anteprima è aperta su {host}, quindi anche gli altri "
            "computer della rete possono leggere le bozze; usa --host 127.0.0.1 per tenerle su "
            "questo computer",
            file=sys.stderr,
            flush=True,
        )
    builder = Builder(source, base_url or root, httpd.live)
    watcher = Watcher(source, builder.build)
    try:
        if not watcher.start():  # before the first build: a save during it gives a rebuild
            print(
                f"sitegen: non riesco a seguire i salvataggi dei file in {source}, quindi "
                "l'anteprima non si aggiornerebbe; chiudi i programmi che non usi e avvia di "
                "nuovo sitegen serve",
                file=sys.stderr,
            )
            return 1
        builder.build(verb="generato")
        print(f"sitegen: anteprima del sito su {url} (Ctrl-C per fermarla)", flush=True)
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        httpd.serve_forever()
    except KeyboardInterrupt:
        print("sitegen: anteprima fermata", flush=True)
    finally:
        watcher.stop.set()
        httpd.server_close()
    return 0


def _listen_error(error: OSError | OverflowError, host: str, port: int) -> str:
    """One line: why the preview cannot open at host:port, and what to write instead."""
    if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
        return f"sitegen: la porta {port} è già occupata su {host}; prova con --port {port + 1}"
    return f"sitegen: non riesco ad aprire l'anteprima su {host}:{port}: {_why(error, host)}"


def _why(error: OSError | OverflowError, host: str) -> str:
    if isinstance(error, OverflowError):
        return "la porta deve essere un numero da 0 a 65535; prova con --port 8000"
    if isinstance(error, socket.gaierror):
        return f"non trovo il computer {host}; usa --host 127.0.0.1"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} non è un indirizzo di questo computer; usa --host 127.0.0.1"
    if error.errno == errno.EACCES:
        return "le porte sotto 1024 sono riservate all'amministratore; prova con --port 8000"
    code = errno.errorcode.get(error.errno or 0, error.errno)
    return f"il sistema risponde con l'errore {code}; prova con --port 8000"


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
    is an IPv6 address. A thread per connection, at most max_threads of them, of which at most
    max_streams are reload streams, so pages always find a thread."""

    daemon_threads = True  # open event streams must not keep the process alive
    request_queue_size = LISTEN_BACKLOG
    max_threads = MAX_THREADS
    max_streams = MAX_STREAMS

    def __init__(self, address: tuple[str, int], prefix: str = "/") -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.live = LiveSite()
        self.prefix = prefix
        self._free_threads = threading.BoundedSemaphore(self.max_threads)
        self.free_streams = threading.BoundedSemaphore(self.max_streams)
        super().__init__(address, Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread once one is free; until then new connections wait
        in the listen backlog, not in threads."""
        self._free_threads.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._free_threads.release()  # no thread started: it will not release it
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._free_threads.release()

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a tab or a connection that idles out is routine: no traceback.
        Anything else is a sitegen bug and keeps its traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD from the live site, plus the reload event stream."""

    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS  # socketserver sets it on the connection: reads and writes give up
    header_seconds = HEADER_SECONDS
    server: DevServer

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # read through the header deadline instead
        self._reader = HeaderDeadline(self.connection, self.timeout)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        self._reader.start(self.header_seconds)
        super().handle_one_request()

    def parse_request(self) -> bool:
        parsed = super().parse_request()  # reads the headers
        self._reader.stop()
        return parsed

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
        if not self.server.free_streams.acquire(blocking=False):
            self.wfile.write(f"retry: {STREAM_RETRY_MS}\n\n".encode())  # EventSource asks again
            return
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
        finally:
            self.server.free_streams.release()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Quiet: the terminal is for build results; errors are still logged."""

    def log_error(self, format: str, *args: object) -> None:
        """Quiet about idle connections closed by the timeout; other errors are logged."""
        if not any(isinstance(arg, TimeoutError) for arg in args):
            super().log_error(format, *args)


class HeaderDeadline(io.RawIOBase):
    """A connection's bytes, read so that a request's line and headers must all arrive by a
    deadline: the idle timeout alone bounds each read, not a client trickling bytes."""

    def __init__(self, connection: socket.socket, idle: float | None) -> None:
        self._connection = connection
        self._idle = idle
        self._deadline: float | None = None

    def start(self, seconds: float) -> None:
        """A request is awaited: its headers are due within seconds."""
        self._deadline = time.monotonic() + seconds

    def stop(self) -> None:
        """The headers are in: back to the idle timeout alone, for reads and writes."""
        self._deadline = None
        self._connection.settimeout(self._idle)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._deadline is not None:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request's headers did not arrive in time")
            self._connection.settimeout(left if self._idle is None else min(left, self._idle))
        return self._connection.recv_into(buffer)
