"""Build the shipped site once per test session, and list its pages.

The build runs in-process through `sitegen.build.build_site`, into a temporary folder that is
removed when the interpreter exits. It is cached so that test collection (which needs the list of
pages to parametrise the browser tests) and the `built_site` fixture share one build.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .tools import REPO_ROOT


@dataclass(frozen=True)
class SiteBuild:
    path: Path  # the built folder
    warnings: tuple[str, ...]  # what build_site returned


def copy_sources(target: Path, project: Path = REPO_ROOT) -> Path:
    """A private copy of a project's sources (the shipped ones by default) in target, free for
    a test to edit."""
    from sitegen.load import SOURCES

    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        origin = project / name
        if origin.is_dir():
            shutil.copytree(origin, target / name)
        else:
            shutil.copy2(origin, target / name)
    return target


def build_into(output: Path, source: Path = REPO_ROOT, base_url: str | None = None) -> SiteBuild:
    """Build `source` into `output` with the generator, in-process."""
    from sitegen.build import build_site

    warnings = build_site(source, output, base_url=base_url)
    return SiteBuild(Path(output), tuple(warnings or ()))


@functools.cache
def _shipped() -> SiteBuild | BaseException:
    tmp = Path(tempfile.mkdtemp(prefix="sitegen-test-build-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    try:
        return build_into(tmp / "site")
    except Exception as exc:  # reported by the fixture, for every test that needs the site
        return exc


def shipped_site() -> SiteBuild:
    """The shipped sources (the repo root) built once; re-raises the build's error."""
    result = _shipped()
    if isinstance(result, BaseException):
        raise result
    return result


def html_files(root: Path) -> list[str]:
    """Every .html file under `root`, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def url_path(rel: str) -> str:
    """The URL path (relative to the site's base, no leading '/') of a built html file."""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def shipped_pages() -> list[str]:
    """URL paths of every page of the shipped build, or [] when the build fails."""
    try:
        return [url_path(rel) for rel in html_files(shipped_site().path)]
    except Exception:
        return []
