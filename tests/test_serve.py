"""`sitegen serve`: a saved change reaches the open page, a bad edit shows the error page and the
next good save brings the site back, nothing outside the build is served, a burst of saves gives
one rebuild, and the reload script never reaches `sitegen build` output.

Each server is a real `python -m sitegen serve` subprocess on a free port (`--port 0`), serving a
temporary copy of the shipped sources, so tests can edit them freely.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import queue
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from harness.cli import run_cli
from harness.local_server import serving
from harness.site import copy_sources
from harness.tools import REPO_ROOT
from sitegen.core.errors import Problem, SourceError
from sitegen.serve.builder import inject_reload
from sitegen.serve.error_page import error_page
from sitegen.serve.live import Build
from sitegen.serve.respond import respond, site_key
from sitegen.serve.server import DevServer, Handler
from sitegen.sources.load import load_offer

SERVE = [sys.executable, "-m", "sitegen", "serve"]
# Like SERVE, but with Python's Ctrl-C handler even when this process was started with SIGINT
# ignored (a background job), which children would inherit.
SERVE_WITH_CTRL_C = [
    sys.executable,
    "-c",
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from sitegen.cli import main; sys.exit(main())",
    "serve",
]
SERVING = r"^sitegen: anteprima del sito su (http://\S+/) \(Ctrl-C per fermarla\)$"
REBUILT = re.compile(r"^sitegen: sito rigenerato in \d+ ms$")
BUILD_FAILED = (
    "sitegen: il sito non è stato generato; correggi il file e salvalo: l'anteprima si "
    "aggiorna da sola"
)
EXPOSED = (
    "sitegen: attenzione: l'anteprima è aperta su {}, quindi anche gli altri computer della "
    "rete possono leggere le bozze; usa --host 127.0.0.1 per tenerle su questo computer"
)


class Server:
    """A `sitegen serve` subprocess; its output lines are collected as they come."""

    def __init__(
        self,
        source: Path,
        *options: str,
        command: list[str] = SERVE,
        env: dict[str, str] | None = None,
    ) -> None:
        self.process = subprocess.Popen(
            [*command, "--source", str(source), "--port", "0", *options],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self._arrived: queue.Queue[None] = queue.Queue()
        self._readers = [
            threading.Thread(target=self._collect, args=(stream, lines), daemon=True)
            for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err))
        ]
        for reader in self._readers:
            reader.start()
        try:  # a start is slow on a loaded machine: wait for it, but never leave it running
            self.url = self.wait_for(SERVING, timeout=30)[1]
        except BaseException:
            self.process.kill()
            self.process.wait()
            raise

    def _collect(self, stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))
            self._arrived.put(None)

    def wait_for(self, pattern: str, lines: list[str] | None = None, timeout: float = 10):
        """The first match of `pattern` in the output (stdout unless `lines` says), waiting."""
        lines = self.out if lines is None else lines
        deadline = time.monotonic() + timeout
        while True:
            exited = self.process.poll() is not None
            if exited:  # read what it wrote last before giving up
                for reader in self._readers:
                    reader.join(timeout=2)
            for line in list(lines):
                if match := re.search(pattern, line):
                    return match
            if exited or time.monotonic() > deadline:
                output = "\n".join(self.out + self.err)
                pytest.fail(f"no {pattern!r} in the server output:\n{output}")
            with contextlib.suppress(queue.Empty):
                self._arrived.get(timeout=0.05)

    def get(self, raw_path: str) -> tuple[int, dict[str, str], bytes]:
        """Send `raw_path` exactly as written (no normalisation) and return the answer."""
        address = urlsplit(self.url)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
        try:
            connection.request("GET", raw_path)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=5)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A private copy of the shipped sources, free to edit."""
    return copy_sources(tmp_path / "site")


@pytest.fixture
def server(sources: Path) -> Iterator[Server]:
    running = Server(sources)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the read-only tests; its sources hold a symlink to a file outside."""
    root = tmp_path_factory.mktemp("serve")
    (root / "secret.txt").write_text("SECRET outside the site\n")
    source = copy_sources(root / "site")
    (source / "secret.txt").symlink_to(root / "secret.txt")
    running = Server(source)
    yield running
    running.stop()


def replace_once(path: Path, old: str, new: str) -> str:
    """Replace `old` (which must be there) by `new` in the file; return the old text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


# In the browser


def test_a_saved_change_reaches_the_open_page(server: Server, sources: Path, page) -> None:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(server.url + "piani/")
    expect(page.get_by_text("Tre livelli di servizio")).to_be_visible()

    replace_once(sources / "plans.yaml", "Tre livelli di servizio", "Tre livelli di prova")

    expect(page.get_by_text("Tre livelli di prova")).to_be_visible()
    assert errors == []  # the reload script passes the site's CSP


def test_a_bad_edit_shows_the_error_and_a_good_save_restores(
    server: Server, sources: Path, page
) -> None:
    plans = sources / "plans.yaml"
    page.goto(server.url + "piani/")
    heading = page.locator("h1").inner_text()

    good = replace_once(plans, "    name: Bronze\n", "    name: [Bronze\n")
    with pytest.raises(SourceError) as raised:
        load_offer(sources)
    problem = raised.value.problems[0]
    marked_line = plans.read_text(encoding="utf-8").split("\n")[problem.line - 1]

    expect(page.locator("h1")).to_have_text("Il sito non è stato generato")
    expect(page.locator("h2")).to_have_text(str(problem))
    expect(page.locator("mark")).to_contain_text(f"{problem.line} | {marked_line}")
    assert server.wait_for(re.escape(str(problem)), server.err)
    assert server.wait_for(f"^{re.escape(BUILD_FAILED)}$", server.err)

    plans.write_text(good, encoding="utf-8")
    expect(page.locator("h1")).to_have_text(heading)


# Over HTTP


@pytest.mark.parametrize(
    "raw_path",
    [
        "/../site.yaml",
        "/%2e%2e/plans.yaml",
        "/static/..%2f..%2fplans.yaml",
        "/static/%2e%2e/%2e%2e/plans.yaml",
        "/..%5cplans.yaml",
        "//etc/passwd",
        "/piani/../../site.yaml",
        "/static%2fcss",
        "/secret.txt",  # a symlink in the sources, pointing outside
        "/static/../secret.txt",
    ],
)
def test_nothing_outside_the_build_is_served(shared_server: Server, raw_path: str) -> None:
    status, _, body = shared_server.get(raw_path)
    assert status == 404
    assert b"SECRET" not in body and b"plans:" not in body and b"root:" not in body


def test_static_host_semantics(shared_server: Server) -> None:
    status, headers, _ = shared_server.get("/piani?x=1")
    assert (status, headers["Location"]) == (301, "/piani/?x=1")
    status, headers, _ = shared_server.get("/non-esiste/")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    status, _, home = shared_server.get("/")
    assert status == 200 and b"<html" in home
    for link in re.findall(rb'(?:href|src)="(/static/[^"]+)"', home):
        status, headers, _ = shared_server.get(link.decode())
        assert status == 200, link
        assert headers["Content-Type"] != "application/octet-stream", link


def test_reload_script_is_served_but_never_built(shared_server: Server, built_site: Path) -> None:
    _, _, home = shared_server.get("/")
    assert b'<script src="/__sitegen__/reload.js"' in home
    status, headers, _ = shared_server.get("/__sitegen__/reload.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    leaks = [p for p in built_site.rglob("*") if p.is_file() and b"__sitegen__" in p.read_bytes()]
    assert leaks == []


# The process


def test_a_burst_of_saves_gives_one_rebuild(server: Server, sources: Path) -> None:
    for name in ("plans.yaml", "ethics.md", "content/index.md", "templates/base.html"):
        with (sources / name).open("a", encoding="utf-8") as file:
            file.write("\n")
    server.wait_for(REBUILT.pattern)
    time.sleep(0.5)  # several debounce periods: a second rebuild would have shown up
    assert len([line for line in server.out if REBUILT.match(line)]) == 1


def test_port_in_use_gets_one_line_and_exit_1(sources: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*SERVE, "--source", str(sources), "--port", str(port)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    expected = f"sitegen: la porta {port} è già occupata su 127.0.0.1; prova con --port {port + 1}"
    assert result.stderr == expected + "\n"


@pytest.mark.parametrize(
    ("host", "port", "reason"),
    [
        (  # TEST-NET-1: no machine has it
            "192.0.2.1",
            8000,
            "192.0.2.1 non è un indirizzo di questo computer; usa --host 127.0.0.1",
        ),
        ("127.0.0.1", 70000, "la porta deve essere un numero da 0 a 65535; prova con --port 8000"),
    ],
)
def test_an_address_it_cannot_listen_on_gets_one_line_and_exit_1(
    sources: Path, host: str, port: int, reason: str
) -> None:
    result = subprocess.run(
        [*SERVE, "--source", str(sources), "--host", host, "--port", str(port)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    expected = f"sitegen: non riesco ad aprire l'anteprima su {host}:{port}: {reason}"
    assert result.stderr == expected + "\n"


# Issue 19: a body that would run for minutes. `9**(9**9)` is one C call that held the
# interpreter, and so the server, the watcher and Ctrl-C, until it ended; a run of slow
# comparisons, each within its limits, is stopped by the body's time limit.
POWER = "{{ 9**(9**9) }}\n"
SLOW = (
    "{% set a = site.name * 40000 %}\n{% set b = site.name * 30000 ~ '!' %}\n"
    + "{% if b in a %}{% endif %}\n" * 1500
)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (POWER, "qui verrebbe un numero di più di 1.000 cifre, troppe per una pagina"),
        (SLOW, "la pagina impiega troppo tempo a generarsi"),
    ],
)
def test_a_runaway_body_shows_its_error_while_the_server_keeps_answering(
    server: Server, sources: Path, body: str, words: str
) -> None:
    index = sources / "content/index.md"
    good = index.read_text(encoding="utf-8")
    index.write_text(good + "\n" + body, encoding="utf-8")
    started = time.monotonic()
    statuses = []
    while not statuses or statuses[-1] != 500:  # every request answered, within 5 s
        assert time.monotonic() - started < 10, statuses
        statuses.append(server.get("/")[0])
        time.sleep(0.02)
    _, _, page = server.get("/")
    assert words in page.decode("utf-8")
    assert "content/index.md:" in page.decode("utf-8")

    index.write_text(good, encoding="utf-8")
    started = time.monotonic()
    while server.get("/")[0] != 200:
        assert time.monotonic() - started < 10
        time.sleep(0.02)


@pytest.mark.parametrize("body", [POWER, SLOW])
def test_ctrl_c_stops_the_server_after_a_runaway_body(sources: Path, body: str) -> None:
    running = Server(sources, command=SERVE_WITH_CTRL_C)
    index = sources / "content/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")
    time.sleep(0.5)  # the rebuild is under way
    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=5) in (0, 130)
    running.wait_for("^sitegen: anteprima fermata$")


def test_ctrl_c_stops_cleanly(sources: Path) -> None:
    running = Server(sources, command=SERVE_WITH_CTRL_C)
    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=5) in (0, 130)
    running.wait_for("^sitegen: anteprima fermata$")
    assert not any("Traceback" in line for line in running.err)


def test_open_flag_opens_the_browser(sources: Path, tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    browser = f"sh -c 'echo \"$0\" > {opened}' %s"  # webbrowser runs $BROWSER with the URL
    running = Server(sources, "--open", env={**os.environ, "BROWSER": browser})
    try:
        deadline = time.monotonic() + 5
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text().strip() == running.url
    finally:
        running.stop()


# The pieces, in-process


@pytest.mark.parametrize(
    ("url_path", "key"),
    [
        ("/", "index.html"),
        ("/piani/", "piani/index.html"),
        ("/piani", "piani"),
        ("/static/css/site.css", "static/css/site.css"),
        ("/%70iani/", "piani/index.html"),
        ("/..", None),
        ("/a/./b", None),
        ("/a//b", None),
        ("/a%2Fb", None),
        ("/a%00b", None),
        ("/a\\b", None),
    ],
)
def test_site_key(url_path: str, key: str | None) -> None:
    assert site_key(url_path) == key


TINY_SITE = {
    "index.html": b"<h1>Prova</h1>",
    "piani/index.html": b"<h1>Piani</h1>",
    "404.html": b"<h1>Pagina non trovata</h1>",
    "app.js": b"export {};\n",
}


@pytest.mark.parametrize("prefix", ["/", "/misterinformatica/"])
def test_static_host_semantics_under_a_prefix(prefix: str) -> None:
    build = Build("g-1", TINY_SITE)

    def answer(path: str) -> tuple[int, str | None, bytes]:
        response = respond(build, path, prefix)
        return response.status, response.location or response.content_type, response.body

    assert answer(prefix) == (200, "text/html; charset=utf-8", b"<h1>Prova</h1>")
    assert answer(prefix + "piani/")[::2] == (200, b"<h1>Piani</h1>")
    assert answer(prefix + "piani")[:2] == (301, prefix + "piani/")
    assert answer(prefix + "nessuna/pagina/")[::2] == (404, b"<h1>Pagina non trovata</h1>")
    status, kind, _ = answer(prefix + "app.js")
    assert (status, kind.split(";")[0]) == (200, "text/javascript")
    assert answer(prefix + "../../etc/passwd")[0] == 404
    if prefix != "/":
        assert answer("/index.html")[0] == 404
        assert answer(prefix.rstrip("/") + "?x=1")[:2] == (301, prefix + "?x=1")


def test_serve_previews_a_sub_path_site(sources: Path) -> None:
    running = Server(sources, "--base-url", "http://127.0.0.1:8000/repo/")
    try:
        assert urlsplit(running.url).path == "/repo/"
        status, _, home = running.get("/repo/")
        assert status == 200 and b'href="/repo/piani/"' in home
        assert running.get("/repo/piani/")[0] == 200
        assert running.get("/piani/")[0] == 404
        assert running.get("/__sitegen__/reload.js")[0] == 200
    finally:
        running.stop()


def test_serve_refuses_a_bad_base_url(sources: Path) -> None:
    outcome = run_cli("serve", "--source", str(sources), "--base-url", "ftp://example.org/")
    assert outcome.status == 1
    assert outcome.stderr.startswith("sitegen: --base-url: «")
    assert "non è l’indirizzo di un sito" in outcome.stderr


def test_every_page_answers_with_the_error_page_during_a_failure() -> None:
    build = Build("g-2", {"index.html": b"old"}, error_page=b"error")
    assert respond(build, "/").status == 500
    assert respond(build, "/nope").body == b"error"
    assert respond(build, "/__sitegen__/reload.js").status == 200


def test_reload_script_goes_before_head_end() -> None:
    page = inject_reload(b"<html><head><title>x</title></head><body></body></html>", "g-1")
    assert page.index(b'data-generation="g-1"') < page.index(b"</head>")


def test_error_page_escapes_and_marks_the_line(tmp_path: Path) -> None:
    lines = [f"line {n}" for n in range(1, 10)]
    lines[4] = 'name: "<script>alert(1)</script>'
    (tmp_path / "plans.yaml").write_text("\n".join(lines), encoding="utf-8")
    problem = Problem("plans.yaml", 5, "bad <value>")

    page = inject_reload(error_page([problem], tmp_path), "g-1").decode()

    assert "<script>alert" not in page and "bad <value>" not in page
    assert "plans.yaml:5: bad &lt;value&gt;" in page
    assert re.search(r"<mark[^>]*>&gt; 5 \| name: &quot;&lt;script&gt;", page)
    assert "line 2" in page and "line 8" in page and "line 1" not in page and "line 9" not in page
    assert '<script src="/__sitegen__/reload.js" data-generation="g-1" defer>' in page


def test_error_page_is_in_italian(tmp_path: Path) -> None:
    page = error_page([Problem("plans.yaml", 5, "x")], tmp_path).decode()
    assert '<html lang="it">' in page
    assert "<title>Il sito non è stato generato</title>" in page
    assert "<h1>Il sito non è stato generato</h1>" in page
    assert "<p>Correggi il file e salvalo: questa pagina si aggiorna da sola.</p>" in page


def test_the_terminal_says_the_site_is_built_and_where(shared_server: Server) -> None:
    assert re.fullmatch(r"sitegen: sito generato in \d+ ms", shared_server.out[0])
    assert re.fullmatch(SERVING, shared_server.out[1])


# Hostile clients and hosts


def test_files_for_the_host_are_not_served() -> None:
    build = Build("g-1", {"_headers": b"/*\n  X-Frame-Options: DENY\n", "404.html": b"nf"})
    response = respond(build, "/_headers")
    assert (response.status, response.body) == (404, b"nf")


@contextlib.contextmanager
def in_process_server(files: dict[str, bytes]) -> Iterator[tuple[str, int]]:
    """sitegen's server in this process, serving files, on a free loopback port."""
    with serving(files) as url:
        address = urlsplit(url)
        yield address.hostname, address.port


def test_silent_connections_are_closed_after_the_idle_timeout(monkeypatch) -> None:
    assert Handler.timeout is not None and 0 < Handler.timeout <= 60
    monkeypatch.setattr(Handler, "timeout", 0.5)  # the same mechanism, faster
    before = threading.active_count()
    with in_process_server({"index.html": b"home"}) as address:
        silent = [socket.create_connection(address, timeout=5) for _ in range(20)]
        for connection in silent:
            assert connection.recv(1) == b""  # closed by the server well before our 5 s
            connection.close()
        deadline = time.monotonic() + 5
        while threading.active_count() > before + 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert threading.active_count() <= before + 1  # only serve_forever's thread


@contextlib.contextmanager
def dev_server(files: dict[str, bytes]) -> Iterator[DevServer]:
    """sitegen's server in this process, serving files, on a free loopback port; the server
    itself, to publish builds on."""
    httpd = DevServer(("127.0.0.1", 0))
    httpd.live.publish(Build("g-1", files))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def closed_by_server(connection: socket.socket) -> bool:
    """Whether the server has closed the connection (it answers nothing on a timeout)."""
    try:
        return connection.recv(1) == b""
    except ConnectionResetError:
        return True


def test_200_clients_at_once_fit_in_the_listen_backlog() -> None:
    """Issue 19: with Python's backlog of 5, 111 of 200 clients at once were not answered after
    30 s. Until the server accepts them, connections wait in the backlog: all 200 must get in."""
    httpd = DevServer(("127.0.0.1", 0))  # listening, not accepting yet
    clients: list[socket.socket] = []
    try:
        for _ in range(200):
            clients.append(socket.create_connection(httpd.server_address[:2], timeout=2))
    finally:
        for client in clients:
            client.close()
        httpd.server_close()
    assert len(clients) == 200


def test_connections_are_served_by_a_bounded_number_of_threads(monkeypatch) -> None:
    monkeypatch.setattr(DevServer, "max_threads", 4)
    monkeypatch.setattr(Handler, "header_seconds", 0.3)
    before = threading.active_count()
    most = 0
    with in_process_server({"index.html": b"home"}) as address:
        silent = [socket.create_connection(address, timeout=10) for _ in range(12)]
        waiting = list(silent)
        while waiting:  # each is closed in turn as a thread frees up
            most = max(most, threading.active_count() - before - 1)  # less serve_forever's
            readable, _, _ = select.select(waiting, [], [], 0.02)
            for connection in readable:
                assert closed_by_server(connection)
                waiting.remove(connection)
        status, body = http_get(address, "/")
        for connection in silent:
            connection.close()
    assert 1 <= most <= 4
    assert (status, body) == (200, b"home")


def http_get(address: tuple[str, int], path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(*address, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_a_client_trickling_its_headers_is_cut_off_at_the_deadline(monkeypatch) -> None:
    """Issue 19: a client sending one header line every 5 s, under the idle timeout, held its
    thread for good. Here one line every 0.2 s, against a 1 s deadline (the idle timeout stays
    20 s)."""
    monkeypatch.setattr(Handler, "header_seconds", 1.0)
    with in_process_server({"index.html": b"home"}) as address:
        client = socket.create_connection(address, timeout=5)
        started = time.monotonic()
        client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        while not select.select([client], [], [], 0.2)[0] and time.monotonic() - started < 10:
            client.sendall(b"X-Slow: 1\r\n")
        elapsed = time.monotonic() - started
        assert closed_by_server(client)
        client.close()
    assert 1.0 <= elapsed < Handler.timeout / 2


def test_a_kept_alive_connection_has_a_new_deadline_for_each_request(monkeypatch) -> None:
    monkeypatch.setattr(Handler, "header_seconds", 1.0)
    with in_process_server({"index.html": b"home"}) as address:
        connection = http.client.HTTPConnection(*address, timeout=5)
        answers = []
        for _ in range(3):
            connection.request("GET", "/")
            response = connection.getresponse()
            answers.append((response.status, response.read()))
            time.sleep(0.6)  # 1.8 s in all on one connection, more than one deadline
        connection.close()
    assert answers == [(200, b"home")] * 3


def open_stream(address: tuple[str, int]) -> tuple[socket.socket, bytes]:
    """An event stream for generation g-1, and what it sent first (headers and retry)."""
    stream = socket.create_connection(address, timeout=5)
    stream.sendall(b"GET /__sitegen__/events?since=g-1 HTTP/1.1\r\nHost: x\r\n\r\n")
    received = b""
    while b"retry: " not in received or not received.endswith(b"\n\n"):
        received += stream.recv(1000)
    return stream, received


def test_reload_streams_past_the_cap_retry_later_and_pages_still_answer(monkeypatch) -> None:
    monkeypatch.setattr(DevServer, "max_streams", 2)
    with dev_server({"index.html": b"home"}) as httpd:
        address = httpd.server_address[:2]
        streams = [open_stream(address)[0] for _ in range(2)]
        extra, received = open_stream(address)
        assert received.endswith(b"retry: 5000\n\n") and closed_by_server(extra)
        assert http_get(address, "/") == (200, b"home")

        httpd.live.publish(Build("g-2", {"index.html": b"new"}))
        for stream in streams:
            assert b"event: reload\ndata: g-2\n\n" in stream.recv(1000)
            stream.close()
        extra.close()


def test_clients_that_hang_up_leave_no_traceback(capfd) -> None:
    with in_process_server({"index.html": b"<p>x</p>" * 200_000}) as address:
        for _ in range(30):
            client = socket.create_connection(address, timeout=5)
            client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(1)  # the answer has started
            # Close with a reset, as a browser tab that goes away mid-download.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        time.sleep(0.5)
    errors = capfd.readouterr().err
    assert "Traceback" not in errors
    assert errors == ""


def test_a_host_reachable_from_the_network_gets_a_warning(sources: Path) -> None:
    running = Server(sources, "--host", "0.0.0.0")
    try:
        warning = running.wait_for(f"^{re.escape(EXPOSED.format('0.0.0.0'))}$", running.err)
        assert warning
    finally:
        running.stop()


def test_the_loopback_host_gets_no_warning(shared_server: Server) -> None:
    assert not [line for line in shared_server.err if line.startswith("sitegen: attenzione")]
