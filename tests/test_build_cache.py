"""The build cache (build_cache.cache_location) only saves work: after any edit, a build with a
warm cache writes exactly the bytes a clean build of the same sources writes, and a damaged or
unwritable cache changes nothing but the time.

Each test builds a project once to fill its cache, edits it as staff would, builds again, and
compares that output, file by file and byte by byte, with a build of a fresh copy of the edited
sources that has no cache at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.cli import run_cli, snapshot
from harness.project import Project
from harness.site import copy_sources
from sitegen.core.cache import cache_location
from sitegen.core.layout import SOURCES

# The same year for every build here, so the calendar the pages carry is the same.
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    for name, value in EPOCH.items():
        monkeypatch.setenv(name, value)
    project = Project(copy_sources(tmp_path / "project"))
    assert project.build().status == 0
    cache = cache_location(project.root)
    assert list(cache.rglob("*.cache")), "no compiled template was cached"
    assert list(cache.glob("holidays-*.json")), "no holidays were cached"
    return project


def clean_build(project: Project, tmp_path: Path) -> dict[str, bytes]:
    """The output of the project's current sources, built with no cache."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    copy_sources(fresh, project.root)
    shutil.rmtree(cache_location(fresh), ignore_errors=True)
    assert run_cli("build", "--source", str(fresh), "--output", str(fresh / "output")).status == 0
    return snapshot(fresh / "output")


def cached_build(project: Project) -> dict[str, bytes]:
    outcome = project.build()
    assert outcome.status == 0, outcome.stderr
    return snapshot(project.output)


def assert_same_as_clean(project: Project, tmp_path: Path) -> dict[str, bytes]:
    cached = cached_build(project)
    clean = clean_build(project, tmp_path)
    assert cached.keys() == clean.keys()
    different = [name for name in cached if cached[name] != clean[name]]
    assert not different, f"the cached build differs from a clean one in {different}"
    return cached


def test_body_edit(project: Project, tmp_path: Path) -> None:
    before = snapshot(project.output)
    project.edit("content/index.md", "con cui lavoriamo", "con cui lavoriamo ogni giorno")
    after = assert_same_as_clean(project, tmp_path)
    assert after["index.html"] != before["index.html"]


def test_plans_edit(project: Project, tmp_path: Path) -> None:
    before = snapshot(project.output)
    project.edit("plans.yaml", "Tre livelli di servizio", "Tre livelli di servizio (modificato)")
    after = assert_same_as_clean(project, tmp_path)
    assert after["piani/index.html"] != before["piani/index.html"]


def test_template_edit(project: Project, tmp_path: Path) -> None:
    """A layout edit reaches every page although its old compiled code is in the cache."""
    before = snapshot(project.output)
    project.edit("templates/base.html", "</main>", "<p>Nuova riga.</p></main>")
    after = assert_same_as_clean(project, tmp_path)
    assert b"Nuova riga." in after["index.html"] and b"Nuova riga." not in before["index.html"]


def test_included_template_edit(project: Project, tmp_path: Path) -> None:
    """A partial is cached on its own: an edit to it alone must reach the pages including it."""
    project.edit("templates/_plan.html", "livello", "grado")
    after = assert_same_as_clean(project, tmp_path)
    assert b"grado" in after["piani/index.html"]


def test_static_edit(project: Project, tmp_path: Path) -> None:
    before = snapshot(project.output)
    css = project.root / "templates/static/css/site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.nuova{color:red}\n", encoding="utf-8")
    after = assert_same_as_clean(project, tmp_path)
    assert after.keys() != before.keys(), "the stylesheet's fingerprinted name did not change"


def test_subdivision_edit(project: Project, tmp_path: Path) -> None:
    """A province adds its patron saint: the holidays cached for no province must not serve."""
    project.edit("site.yaml", "holiday_subdivision: null", "holiday_subdivision: MI")
    after = assert_same_as_clean(project, tmp_path)
    assert b"Sant'Ambrogio" in after["tempi-di-risposta/index.html"]


def test_damaged_cache_is_ignored(project: Project, tmp_path: Path) -> None:
    for entry in cache_location(project.root).rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\x00garbage")
    assert_same_as_clean(project, tmp_path)


def test_cache_that_is_a_file_only_costs_time(project: Project, tmp_path: Path) -> None:
    """A cache that cannot be created (here a file stands in its way; unlike a read-only folder
    this stops root too, and CI runs as root) only costs time."""
    cache = cache_location(project.root)
    shutil.rmtree(cache)
    cache.write_text("not a folder")
    assert_same_as_clean(project, tmp_path)


def test_warm_build_does_not_import_holidays(project: Project) -> None:
    """The point of the holidays cache: a repeat build never imports the package."""
    script = (
        "import sys; from sitegen.cli import main; "
        f"status = main(['build', '--source', {str(project.root)!r}, "
        f"'--output', {str(project.output)!r}]); "
        "print('holidays' in sys.modules); sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, **EPOCH},
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "False"


def test_build_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds in different folders, one with a cold cache and one warm, give one digest."""
    for name, value in EPOCH.items():
        monkeypatch.setenv(name, value)
    digests = []
    for name in ("first", "second"):
        project = Project(copy_sources(tmp_path / name))
        for _ in range(2 if name == "second" else 1):
            assert project.build().status == 0
        digests.append(_digest(snapshot(project.output)))
    assert digests[0] == digests[1]


def _digest(files: dict[str, bytes]) -> str:
    total = hashlib.sha256()
    for name, content in sorted(files.items()):
        total.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return total.hexdigest()


def test_error_in_cached_body_code_names_its_line(project: Project) -> None:
    """A body compiled on an earlier build, whose code now raises, still points at its line:
    the cached code keeps the page's name for the traceback."""
    line = project.edit(
        "content/privacy.md",
        "{% if site.form_endpoint %}\n",
        "{% if site.form_endpoint %}\n{{ site.form_endpoint_host.missing }}\n",
    )
    assert project.build().status == 0  # no form_endpoint: the branch is not taken
    project.edit("site.yaml", "legal:", 'form_endpoint: "https://moduli.example.org/f/1"\nlegal:')
    project.assert_reported("content/privacy.md", line + 1, "missing")


def test_cache_is_outside_the_project(project: Project) -> None:
    """Compiled templates are code: nothing in the project folder, which is pushed and built by
    CI, may be read back as cache."""
    names = {path.name for path in project.root.iterdir()}
    assert names == {*SOURCES, "output"}
    assert not cache_location(project.root).is_relative_to(project.root)
