"""sitegen's own server in a thread, answering from files with the static host's rules.

The browser tests serve built sites through it, so the rules they rely on are the ones
`sitegen serve` implements (sitegen/serve/respond.py), not a second copy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sitegen.serve.live import Build
from sitegen.serve.server import DevServer


@contextmanager
def serving(files: Mapping[str, bytes], prefix: str = "/") -> Iterator[str]:
    """Serve files ({path: bytes}) under prefix on a free loopback port; yield the base URL
    ("http://127.0.0.1:PORT/prefix/")."""
    httpd = DevServer(("127.0.0.1", 0), prefix)
    httpd.live.publish(Build("test", files))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = httpd.server_address[:2]
        yield f"http://{host}:{port}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
