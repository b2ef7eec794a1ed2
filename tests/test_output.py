"""Atomic output: output/ always names a complete tree, builds queue, kills leave no mess."""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from harness.cli import Outcome, run_cli, snapshot
from harness.project import Project
from sitegen.build import render_in_memory
from sitegen.write import MARKER, write_tree

POLLER = """
import os, sys, pathlib
path, stop = sys.argv[1], pathlib.Path(sys.argv[2])
checks = missing = 0
while not stop.exists():
    checks += 1
    try:
        with open(path, "rb") as page:
            if b"</html>" not in page.read():
                missing += 1
    except FileNotFoundError:
        missing += 1
print(checks, missing)
"""


def leftovers(project: Project) -> list[str]:
    return sorted(path.name for path in project.root.iterdir() if path.name.startswith(".output"))


def sitegen_process(project: Project) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "sitegen", "build", "--source", str(project.root)]
    return subprocess.Popen(
        [*command, "--output", str(project.output)],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_index_html_never_goes_missing_during_20_builds(project: Project) -> None:
    _, files = render_in_memory(project.root)
    stop = project.root / "stop"
    poller = subprocess.Popen(
        [sys.executable, "-c", POLLER, str(project.output / "index.html"), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.3)  # let the poller start
    for build in range(20):
        changed = {**files, "index.html": files["index.html"] + f"<!-- {build} -->".encode()}
        write_tree(changed, project.output, project.root)
    stop.touch()
    checks, missing = map(int, poller.communicate(timeout=30)[0].split())
    assert checks > 100, "the poller did not run during the builds"
    assert missing == 0
    assert (project.output / "index.html").read_bytes().endswith(b"<!-- 19 -->")


def test_five_builds_at_once_leave_one_complete_output(project: Project) -> None:
    good = snapshot(project.output)
    shutil.rmtree(project.output)
    processes = [sitegen_process(project) for _ in range(5)]
    results = [process.communicate(timeout=300) for process in processes]
    for process, (_, stderr) in zip(processes, results, strict=True):
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
    assert snapshot(project.output) == good
    assert leftovers(project) == []


def test_a_killed_build_leaves_the_last_output_and_no_leftovers(project: Project) -> None:
    good = snapshot(project.output)
    rng = random.Random(11)
    for _ in range(4):
        process = sitegen_process(project)
        time.sleep(rng.uniform(0.2, 2.5))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        assert snapshot(project.output) == good  # the old tree or an identical new one
    assert project.build().status == 0
    assert snapshot(project.output) == good
    assert leftovers(project) == []


def test_leftovers_of_killed_builds_are_removed_and_foreign_folders_kept(
    project: Project,
) -> None:
    for name in (".output.new-a1", ".output.old-b2"):
        (project.root / name / "piani").mkdir(parents=True)
        (project.root / name / MARKER).write_bytes(b"")
    (project.root / ".output.new-empty").mkdir()
    earlier = project.root / ".output.old-c3" / "output"  # how sitegen retired trees before
    earlier.mkdir(parents=True)
    (earlier / MARKER).write_bytes(b"")
    foreign = project.root / ".output.new-notes"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    assert project.build().status == 0
    assert leftovers(project) == [".output.new-notes"]
    assert (foreign / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("output", ["README.md/x", "/proc/sitegen-x", "/sys/sitegen-x"])
def test_an_output_path_that_cannot_be_written(project: Project, output: str) -> None:
    (project.root / "README.md").write_text("read me")
    outcome = project_build(project, output)
    assert outcome.status == 1
    assert "Traceback" not in outcome.stderr
    assert outcome.stderr.startswith("sitegen: cannot write ")
    assert len(outcome.stderr.splitlines()) == 1


@pytest.mark.parametrize("output", ["templates/static/gen", "content/out", "templates"])
def test_an_output_folder_inside_what_the_build_reads(project: Project, output: str) -> None:
    before = snapshot(project.root)
    outcome = project_build(project, output)
    assert outcome.status == 1
    assert "the build reads" in outcome.stderr
    assert snapshot(project.root) == before


def project_build(project: Project, output: str) -> Outcome:
    """Build into output, relative to the project unless absolute."""
    return run_cli("build", "--source", str(project.root), "--output", str(project.root / output))


def test_a_build_waits_while_another_holds_the_output(project: Project) -> None:
    _, files = render_in_memory(project.root)
    changed = {**files, "index.html": b"<!doctype html><title>nuova</title></html>"}
    folder = os.open(project.root, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(folder, fcntl.LOCK_EX)  # what a running build holds
    try:
        writer = threading.Thread(target=write_tree, args=(changed, project.output, project.root))
        writer.start()
        writer.join(timeout=1.0)
        assert writer.is_alive(), "the build did not wait for the running one"
        assert b"nuova" not in (project.output / "index.html").read_bytes()
    finally:
        os.close(folder)
    writer.join(timeout=30)
    assert (project.output / "index.html").read_bytes() == changed["index.html"]
