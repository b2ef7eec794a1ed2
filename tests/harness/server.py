"""A static HTTP server with the semantics of a static host (GitHub Pages and the like).

- the site is served under `prefix` (default "/"); anything outside it is a 404;
- `/dir` redirects to `/dir/`, and `/dir/` serves `/dir/index.html`;
- a path with no file serves the site's `404.html` with status 404; no directory listings.

Runs on 127.0.0.1 on a free port, in a daemon thread.
"""

from __future__ import annotations

import http.server
import posixpath
import threading
import urllib.parse
from pathlib import Path

from sitegen.serve import content_type


class StaticServer:
    """Serve `root` under `prefix`. Use as a context manager, or call start() and stop()."""

    def __init__(self, root: Path, prefix: str = "/") -> None:
        self.root = Path(root).resolve()
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.requests: list[tuple[str, int]] = []  # (path, status) of every request, in order
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """Base URL of the site, ending in '/': origin + prefix."""
        return self.origin + self.prefix

    def start(self) -> StaticServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def resolve(self, url_path: str) -> tuple[int, Path | str | None]:
        """Map a URL path to (status, file) or (301, location) as a static host would."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(url_path).path)
        if path + "/" == self.prefix:
            return 301, self.prefix
        if not path.startswith(self.prefix):
            return 404, self._not_found()
        rel = posixpath.normpath(path[len(self.prefix) :]).lstrip("/")
        if rel in (".", ""):
            rel = ""
        if rel.startswith("..") or "\0" in rel:
            return 404, self._not_found()
        target = self.root / rel
        if target.is_dir():
            if not path.endswith("/"):
                return 301, path + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target
        return 404, self._not_found()

    def _not_found(self) -> Path | None:
        page = self.root / "404.html"
        return page if page.is_file() else None

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._serve(body=True)

            def do_HEAD(self) -> None:
                self._serve(body=False)

            def _serve(self, body: bool) -> None:
                status, target = server.resolve(self.path)
                server.requests.append((self.path, status))
                if status == 301:
                    query = urllib.parse.urlsplit(self.path).query
                    self.send_response(301)
                    self.send_header("Location", str(target) + ("?" + query if query else ""))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if target is None:
                    data, ctype = b"Not Found\n", "text/plain; charset=utf-8"
                else:
                    assert isinstance(target, Path)
                    data = target.read_bytes()
                    ctype = content_type(target.name)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                if body:
                    self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean; see server.requests

        return Handler
