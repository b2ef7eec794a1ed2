"""The fixture projects the tests build, each built once per test session, and their pages.

Tests test the code, never today's content: they build the projects under tests/fixtures/, not
the shipped site.yaml, plans.yaml, ethics.md and content/, which staff change. `company` is a
frozen copy of the company's sources, the one the company document is the oracle for; the other
fixtures hold only the files they change (`four-plans/plans.yaml`), laid over `company`. Every
fixture is built with the repository's own templates/, which are code under test.

A build runs in-process through `sitegen.build.build_site`, into a temporary folder removed
when the interpreter exits. It is cached so that test collection (which needs the list of pages
to parametrise the browser tests) and the fixtures share one build.
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


FIXTURES = REPO_ROOT / "tests" / "fixtures"
COMPANY = "company"


def copy_sources(target: Path, fixture: str = COMPANY) -> Path:
    """A private project in target, free for a test to edit: the company fixture, the named
    fixture's files over it, and the repository's templates/."""
    from sitegen.core.layout import TEMPLATES_DIR

    target.mkdir(parents=True, exist_ok=True)
    for layer in dict.fromkeys([FIXTURES / COMPANY, FIXTURES / fixture]):
        assert layer.is_dir(), f"no fixture project {layer}"
        shutil.copytree(layer, target, dirs_exist_ok=True)
    if not (target / TEMPLATES_DIR).exists():
        shutil.copytree(REPO_ROOT / TEMPLATES_DIR, target / TEMPLATES_DIR)
    return target


def build_into(output: Path, source: Path, base_url: str | None = None) -> SiteBuild:
    """Build `source` into `output` with the generator, in-process."""
    from sitegen.build import build_site

    warnings = build_site(source, output, base_url=base_url)
    return SiteBuild(Path(output), tuple(str(warning) for warning in warnings))


@functools.cache
def fixture_source(fixture: str = COMPANY) -> Path:
    """A fixture project's sources, laid out once per session (do not modify them)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"sitegen-test-{fixture}-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    return copy_sources(tmp / "source", fixture)


@functools.cache
def _built(fixture: str) -> SiteBuild | BaseException:
    source = fixture_source(fixture)
    try:
        return build_into(source.parent / "site", source)
    except Exception as exc:  # reported by the fixture, for every test that needs the site
        return exc


def fixture_site(fixture: str = COMPANY) -> SiteBuild:
    """A fixture project built once per session; re-raises the build's error."""
    result = _built(fixture)
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


def site_pages(fixture: str = COMPANY) -> list[str]:
    """URL paths of every page of a fixture's build, or [] when the build fails."""
    try:
        return [url_path(rel) for rel in html_files(fixture_site(fixture).path)]
    except Exception:
        return []
