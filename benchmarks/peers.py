"""sitegen and the generators it is measured against: how each lays out the corpus, how it is
installed (outside the project's venv, under .cache/bench/, which git ignores) and how it builds.

Every generator gets the same corpus.Page files; only the configuration around them differs.
MkDocs and Pelican use their default themes. Pelican's would list every page in every page's
menu, which grows with the square of the pages; sitegen's corpus pages stay out of its menu, so
Pelican's do too. MkDocs keeps its automatic navigation: it has no switch to leave pages out.
Eleventy and Hugo ship no theme, so they get a minimal page layout (title, description, a link
home, the body), else they would publish bare fragments (Eleventy) or nothing at all (Hugo).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import corpus

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench"
PYTHON_PEERS = CACHE / "python"
ELEVENTY_DIR = CACHE / "eleventy"
PYTHON_REQUIREMENTS = ("mkdocs>=1.6,<1.7", "pelican>=4,<5", "markdown")
ELEVENTY_PACKAGE = "@11ty/eleventy@3"
# What sitegen reads besides content/; the corpus replaces content/ but keeps the home page.
SHIPPED_SOURCES = ("site.yaml", "plans.yaml", "ethics.md", "templates")
HOME_PAGE = "content/index.md"

LAYOUT = """<!doctype html>
<html lang="it">
<head><meta charset="utf-8"><title>{title}</title>
<meta name="description" content="{description}"></head>
<body><header><a href="/">Home</a></header>
<main><h1>{title}</h1>
{body}
</main></body></html>
"""
MKDOCS_CONFIG = """site_name: Benchmark
validation:
  links:
    absolute_links: ignore
    unrecognized_links: ignore
"""
PELICAN_CONFIG = """SITENAME = "Benchmark"
PATH = "content"
TIMEZONE = "Europe/Rome"
DEFAULT_LANG = "it"
SLUGIFY_SOURCE = "basename"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DISPLAY_PAGES_ON_MENU = False
"""
ELEVENTY_CONFIG = """module.exports = function (config) {
  config.addGlobalData("layout", "page.njk");
};
"""
HUGO_CONFIG = """baseURL = "http://localhost/"
languageCode = "it"
title = "Benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"""


class Unavailable(Exception):
    """A peer that could not be installed here; the benchmark skips it with this note."""


Command = Callable[[Path, Path], list[str]]  # (sources, output) -> argv, run in sources


@dataclass(frozen=True)
class Generator:
    """A static site generator: lays a corpus out as its sources, then builds them."""

    name: str
    install: Callable[[], str]  # installs on first use; returns the version, or Unavailable
    lay_out: Callable[[list[corpus.Page], Path], None]  # sources of the corpus into a folder
    command: Command


def _run(argv: list[str]) -> str:
    """An install step or version query's output; on failure Unavailable, with its last lines."""
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode:
        tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
        raise Unavailable(f"{' '.join(argv[:3])}... failed: {' / '.join(tail)}")
    return done.stdout


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# sitegen, from the venv running the benchmark.


def _sitegen_version() -> str:
    from importlib.metadata import version

    return version("sitegen")


def _sitegen_lay_out(pages: list[corpus.Page], folder: Path) -> None:
    corpus.write(pages, folder / "content")
    for name in SHIPPED_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy2(source, folder / name)
    shutil.copy2(ROOT / HOME_PAGE, folder / HOME_PAGE)


def sitegen_command(source: Path, output: Path) -> list[str]:
    """A cold build with the sitegen installed beside the running Python."""
    sitegen = Path(sys.executable).with_name("sitegen")
    return [str(sitegen), "build", "--source", str(source), "--output", str(output)]


SITEGEN = Generator("sitegen", _sitegen_version, _sitegen_lay_out, sitegen_command)


# MkDocs and Pelican share one venv under .cache/bench/.


def _python_peer_version(package: str) -> str:
    python = PYTHON_PEERS / "bin" / "python"
    if not (PYTHON_PEERS / "bin" / "pelican").exists():
        print(f"installing {', '.join(PYTHON_REQUIREMENTS)} into {PYTHON_PEERS}", flush=True)
        _run([sys.executable, "-m", "venv", "--clear", str(PYTHON_PEERS)])
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        _run([*pip, *PYTHON_REQUIREMENTS])
    script = f"from importlib.metadata import version; print(version({package!r}))"
    return _run([str(python), "-c", script]).strip()


def _mkdocs_lay_out(pages: list[corpus.Page], folder: Path) -> None:
    corpus.write(pages, folder / "docs")
    _write(folder, {"mkdocs.yml": MKDOCS_CONFIG})


def _mkdocs_command(source: Path, output: Path) -> list[str]:
    return [str(PYTHON_PEERS / "bin" / "mkdocs"), "build", "--quiet", "--site-dir", str(output)]


def _pelican_lay_out(pages: list[corpus.Page], folder: Path) -> None:
    corpus.write(pages, folder / "content" / "pages")
    _write(folder, {"pelicanconf.py": PELICAN_CONFIG})


def _pelican_command(source: Path, output: Path) -> list[str]:
    pelican = str(PYTHON_PEERS / "bin" / "pelican")
    return [pelican, "content", "--settings", "pelicanconf.py", "--output", str(output), "-q"]


MKDOCS = Generator(
    "MkDocs", lambda: _python_peer_version("mkdocs"), _mkdocs_lay_out, _mkdocs_command
)
PELICAN = Generator(
    "Pelican", lambda: _python_peer_version("pelican"), _pelican_lay_out, _pelican_command
)


# Eleventy, with npm into .cache/bench/eleventy/.


def _eleventy_version() -> str:
    package = ELEVENTY_DIR / "node_modules" / "@11ty" / "eleventy" / "package.json"
    if not package.exists():
        if shutil.which("npm") is None:
            raise Unavailable("npm not found (Node.js is needed for Eleventy)")
        print(f"installing {ELEVENTY_PACKAGE} into {ELEVENTY_DIR}", flush=True)
        npm = ["npm", "install", "--prefix", str(ELEVENTY_DIR), "--no-audit", "--no-fund"]
        _run([*npm, "--loglevel=error", ELEVENTY_PACKAGE])
    return json.loads(package.read_text())["version"]


def _eleventy_lay_out(pages: list[corpus.Page], folder: Path) -> None:
    corpus.write(pages, folder)
    layout = LAYOUT.format(
        title="{{ title }}", description="{{ description }}", body="{{ content | safe }}"
    )
    _write(folder, {"eleventy.config.cjs": ELEVENTY_CONFIG, "_includes/page.njk": layout})


def _eleventy_command(source: Path, output: Path) -> list[str]:
    cli = ELEVENTY_DIR / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
    return ["node", str(cli), "--input=.", f"--output={output}", "--quiet"]


ELEVENTY = Generator("Eleventy", _eleventy_version, _eleventy_lay_out, _eleventy_command)


# Hugo, optional: Debian's package, installed with apt-get when it is missing and we may.


def _hugo_version() -> str:
    if shutil.which("hugo") is None:
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            raise Unavailable("hugo is not installed and apt-get cannot install it here")
        print("installing Debian's hugo package with apt-get", flush=True)
        _run(["apt-get", "update", "-q"])
        _run(["apt-get", "install", "-y", "-q", "--no-install-recommends", "hugo"])
    words = _run(["hugo", "version"]).split()
    return words[1].lstrip("v").split("+")[0] if len(words) > 1 else "?"


def _hugo_lay_out(pages: list[corpus.Page], folder: Path) -> None:
    corpus.write(pages, folder / "content")
    single = LAYOUT.format(
        title="{{ .Title }}", description="{{ .Description }}", body="{{ .Content }}"
    )
    listing = LAYOUT.format(title="{{ .Title }}", description="", body="")
    _write(
        folder,
        {
            "hugo.toml": HUGO_CONFIG,
            "layouts/_default/single.html": single,
            "layouts/_default/list.html": listing,
        },
    )


def _hugo_command(source: Path, output: Path) -> list[str]:
    return ["hugo", "--quiet", "--source", str(source), "--destination", str(output)]


HUGO = Generator("Hugo", _hugo_version, _hugo_lay_out, _hugo_command)

PEERS = (MKDOCS, PELICAN, ELEVENTY, HUGO)
