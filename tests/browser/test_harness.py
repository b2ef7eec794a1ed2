"""The harness itself, on tiny hand-written pages: serve_dir, tool rule, axe, vnu, page log."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from harness import tools
from harness.axe import axe_violations
from harness.site import html_files, url_path
from harness.vnu import run_vnu

GOOD = """<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prova</title></head>
<body><nav aria-label="Principale"><a href="/piani/">Piani</a></nav>
<main><h1>Prova</h1><p>Testo.</p></main></body></html>
"""
BAD = """<!DOCTYPE html>
<html><head><title>Rotta</title></head>
<body><main><h1>Rotta</h1><img src="x.png"><div><li>fuori lista</li></div></main></body></html>
"""


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "piani").mkdir()
    (tmp_path / "index.html").write_text(GOOD)
    (tmp_path / "piani" / "index.html").write_text(GOOD.replace("Prova", "Piani"))
    (tmp_path / "404.html").write_text(GOOD.replace("Prova", "Pagina non trovata"))
    (tmp_path / "bad.html").write_text(BAD)
    (tmp_path / "app.js").write_text("export {};\n")
    return tmp_path


def fetch(url: str) -> tuple[int, str, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        where = e.headers.get("Location") or e.headers.get("Content-Type", "")
        return e.code, where, e.read().decode()


def test_serve_dir_fixture(serve_dir, tiny_site: Path) -> None:
    base = serve_dir(tiny_site, prefix="/misterinformatica/")
    assert base.startswith("http://127.0.0.1:") and base.endswith("/misterinformatica/")
    assert fetch(base + "piani/")[0] == 200


def test_pages_are_found_as_urls(tiny_site: Path) -> None:
    files = html_files(tiny_site)
    assert files == ["404.html", "bad.html", "index.html", "piani/index.html"]
    assert [url_path(f) for f in files] == ["404.html", "bad.html", "", "piani/"]


def test_missing_tool_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(tools._TOOLS, "nothing", (lambda: False, "nothing at all"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="nothing is missing"):
        tools.require("nothing")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        tools.require("nothing")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        tools.require("nothing")


def test_axe_finds_violations(tiny_site: Path, serve_dir, page, page_log) -> None:
    base = serve_dir(tiny_site)
    page.goto(base)
    assert axe_violations(page) == []
    page.goto(base + "bad.html")
    ids = {v["id"] for v in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "listitem"} <= ids
    assert all(u.startswith(base) for u in page_log.requests)


def test_page_log_and_outside_requests(tiny_site: Path, serve_dir, page, page_log) -> None:
    (tiny_site / "leaky.html").write_text(
        GOOD.replace(
            "</main>",
            '</main><script src="https://cdn.example.invalid/x.js"></script>'
            "<script>console.error('boom')</script>",
        )
    )
    page.goto(serve_dir(tiny_site) + "leaky.html", wait_until="networkidle")
    assert "https://cdn.example.invalid/x.js" in page_log.requests
    assert any("boom" in e for e in page_log.console_errors)


def test_vnu_reports_per_file(tiny_site: Path) -> None:
    tools.require("java", "vnu")
    report = run_vnu(tiny_site, ["index.html", "bad.html"])
    assert report["index.html"] == []
    assert report["bad.html"], "vnu found nothing wrong in bad.html"
    assert all(m.file == "bad.html" and m.line for m in report["bad.html"])
