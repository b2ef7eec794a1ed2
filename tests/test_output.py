"""Atomic output: output/ always names a complete tree, builds queue, kills leave no mess."""

from __future__ import annotations

import fcntl
import functools
import os
import pwd
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from harness.cli import Outcome, problem_lines, run_cli, snapshot
from harness.project import Project
from harness.tools import REPO_ROOT
from sitegen.build import render_in_memory
from sitegen.output.write import MARKER, write_tree

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
        time.sleep(rng.uniform(0.2, 1.0))  # a build takes about 0.6 s: before, during, after
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
    foreign = project.root / ".output.new-notes"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    assert project.build().status == 0
    assert leftovers(project) == [".output.new-notes"]
    assert (foreign / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("output", "reasons"),
    [
        ("README.md/x", {"nel percorso c'è un file dove serve una cartella"}),
        ("/proc/sitegen-x", {"il percorso non esiste e non si può creare"}),
        (  # root gets EPERM from sysfs, other users EACCES
            "/sys/sitegen-x",
            {"il sistema non permette di scrivere lì", "non hai il permesso di scrivere lì"},
        ),
    ],
)
def test_an_output_path_that_cannot_be_written(
    project: Project, output: str, reasons: set[str]
) -> None:
    (project.root / "README.md").write_text("read me")
    outcome = project_build(project, output)
    assert outcome.status == 1
    target = project.root / output
    said = {
        f"sitegen: non riesco a scrivere il sito in {target}: {reason}; indica con --output "
        "un'altra cartella\n"
        for reason in reasons
    }
    assert outcome.stderr in said


@pytest.mark.parametrize(
    ("output", "read"),
    [("templates/static/gen", "templates"), ("content/out", "content"), ("templates", "templates")],
)
def test_an_output_folder_inside_what_the_build_reads(
    project: Project, output: str, read: str
) -> None:
    before = snapshot(project.root)
    outcome = project_build(project, output)
    assert outcome.status == 1
    assert outcome.stderr == (
        f"sitegen: non scrivo il sito in {project.root / output}: fa parte di {read}, che "
        "sitegen legge per generare il sito, e il sito finirebbe pubblicato dentro sé stesso; "
        f"indica con --output una cartella fuori da {read}\n"
    )
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


class Killed(BaseException):
    """What a kill -9 does to a build: it stops where it is, no handler runs."""


def die_after(monkeypatch: pytest.MonkeyPatch, calls: int, *functions: str) -> None:
    """Patch these os functions to let `calls` calls through in all, then kill the build."""
    made = 0

    def dying(real: Callable[..., None], *args: object, **kwargs: object) -> None:
        nonlocal made
        made += 1
        if made > calls:
            raise Killed
        real(*args, **kwargs)

    for name in functions:
        monkeypatch.setattr(os, name, functools.partial(dying, getattr(os, name)))


def test_a_kill_at_any_moment_of_a_removal_leaves_what_the_next_build_removes(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19: a kill -9 while a build removed the old tree could come after the marker was
    deleted, and that folder stayed for good (2 of 3 runs of 100 kills). Here the build dies
    before each deletion of the removal in turn, and the next build must clean up."""
    _, files = render_in_memory(project.root)
    deletions = sum(1 for _ in project.output.rglob("*")) + 1  # each entry, then the folder
    for moment in range(deletions):
        with monkeypatch.context() as patched:
            die_after(patched, moment, "unlink", "rmdir")
            with pytest.raises(Killed):
                write_tree(files, project.output, project.root)
        assert len(leftovers(project)) == 1, moment  # the old tree, part deleted
        write_tree(files, project.output, project.root)
        assert leftovers(project) == [], moment
    assert snapshot(project.output) == {**files, MARKER: (project.output / MARKER).read_bytes()}


def copy_output(project: Project, name: str, without: tuple[str, ...] = (MARKER,)) -> Path:
    """A copy of the output beside it, as a killed removal may leave it (files missing)."""
    copy = project.root / name
    shutil.copytree(project.output, copy, symlinks=True)
    for relative in without:
        (copy / relative).unlink()
    return copy


def test_leftovers_without_their_marker_are_removed_and_lookalikes_kept(project: Project) -> None:
    """Leftovers of older versions, marker gone: a name only mkdtemp gives, and only what a
    build writes. A folder that is anything else stays, with everything in it."""
    copy_output(project, ".output.new-k3x9_q2a", (MARKER, "index.html", "piani/index.html"))
    copy_output(project, ".output.old-7hd0qzl1")  # the old tree, where renames put it
    (project.root / ".output.new-emptydir" / "piani" / "gold").mkdir(parents=True)

    (project.root / ".output.new-notes123").mkdir()
    (project.root / ".output.new-notes123" / "notes.txt").write_text("mine")
    copy_output(project, ".output.new-a1")  # not a name mkdtemp gives
    linked = copy_output(project, ".output.new-linked01")
    (linked / "piani" / "index.html").unlink()
    (linked / "piani" / "index.html").symlink_to(project.root / "site.yaml")
    forged = copy_output(project, ".output.new-forged01")
    css = next((forged / "static" / "css").iterdir())
    css.write_text("body { color: red }")  # its name no longer carries its digest
    names = (f".output.new-{name}" for name in ("notes123", "a1", "linked01", "forged01"))
    kept = {name: snapshot(project.root / name) for name in names}

    assert project.build().status == 0
    assert leftovers(project) == sorted(kept)
    assert {name: snapshot(project.root / name) for name in kept} == kept
    assert (linked / "piani" / "index.html").is_symlink()


def test_git_ignores_the_staging_folders() -> None:
    if subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    paths = [".output.new-k3x9_q2a/index.html", ".output.old-7hd0qzl1/index.html"]
    result = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "check-ignore", "--no-index", *paths],
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == paths


NOBODY = 65534


class Users:
    """Builds run as root and as a normal user. Under root, the normal user is nobody, allowed
    to read everything (as a user reads their own project) but to write only what it owns;
    under a normal user, root is `sudo -n`."""

    def __init__(self, project: Project) -> None:
        self.project = project
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("needs setpriv to build as a normal user")
            self._root: list[str] | None = []
            self._user = [
                "setpriv",
                f"--reuid={NOBODY}",
                f"--regid={NOBODY}",
                "--clear-groups",
                "--inh-caps=+dac_read_search",
                "--ambient-caps=+dac_read_search",
            ]
            self.user_name = pwd.getpwuid(NOBODY).pw_name
            chown_tree(project.root, NOBODY)  # the user's own project
        else:
            sudo = shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"]).returncode == 0
            self._root = ["sudo", "-n"] if sudo else None
            self._user = []
            self.user_name = pwd.getpwuid(os.geteuid()).pw_name

    def as_root(self, *command: str) -> subprocess.CompletedProcess[str]:
        if self._root is None:
            pytest.skip("needs root or sudo -n to make a folder root owns")
        return self._run(self._root, command)

    def as_user(self, *command: str) -> subprocess.CompletedProcess[str]:
        return self._run(self._user, command)

    def build(self, run: Callable[..., subprocess.CompletedProcess[str]]) -> tuple[int, str]:
        """`sitegen build` of the project, run as_root or as_user: its status, and its stderr
        less the warnings about site.yaml."""
        output = self.project.output
        done = run(sys.executable, "-m", "sitegen", "build", "--output", str(output))
        return done.returncode, "".join(f"{line}\n" for line in problem_lines(done.stderr))

    def _run(self, prefix: list[str], command: tuple[str, ...]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*prefix, *command], cwd=self.project.root, capture_output=True, text=True, timeout=60
        )

    def clean_up(self) -> None:
        """Remove what root made, which the test's own clean-up may not be able to."""
        if self._root is not None:
            self._run(self._root, ("rm", "-rf", str(self.project.root)))


def chown_tree(folder: Path, uid: int) -> None:
    for path in (folder, *folder.rglob("*")):
        os.lchown(path, uid, uid)


@pytest.fixture
def users(project: Project) -> Users:
    made = Users(project)
    yield made
    made.clean_up()


def test_after_a_sudo_build_a_user_build_says_who_owns_the_output(users: Users) -> None:
    """Issue 19: after one `sudo sitegen build`, every later build by the user failed with
    "Permission denied" and left a staging folder."""
    project = users.project
    assert users.build(users.as_root) == (0, "")
    before = snapshot(project.output)
    output = project.output.resolve()

    status, stderr = users.build(users.as_user)

    assert status == 1
    assert stderr == (
        f"sitegen: non riesco a sostituire {output}: la cartella {output} appartiene "
        f"all'utente root e non a te ({users.user_name}), come dopo un «sudo sitegen build»; "
        f"per rimediare esegui «sudo rm -rf {output}» e genera di nuovo il sito\n"
    )
    assert snapshot(project.output) == before
    assert leftovers(project) == []
    assert users.as_root("rm", "-rf", str(output)).returncode == 0  # what the message says
    assert users.build(users.as_user)[0] == 0
    assert leftovers(project) == []


def test_a_leftover_the_user_cannot_remove_says_who_owns_it(users: Users) -> None:
    project = users.project
    leftover = project.root.resolve() / ".output.new-r00t0wn1"
    made = users.as_root("mkdir", "-p", str(leftover / "piani"))
    assert made.returncode == 0 and users.as_root("touch", str(leftover / MARKER)).returncode == 0

    status, stderr = users.build(users.as_user)

    assert status == 1
    assert stderr == (
        f"sitegen: non riesco a eliminare {leftover}, lasciata da una generazione del sito "
        f"interrotta: la cartella {leftover} appartiene all'utente root e non a te "
        f"({users.user_name}), come dopo un «sudo sitegen build»; per rimediare esegui "
        f"«sudo rm -rf {leftover}» e genera di nuovo il sito\n"
    )
    assert leftovers(project) == [leftover.name]


def test_a_read_only_output_says_how_to_make_it_writable(users: Users) -> None:
    project = users.project
    output = project.output.resolve()
    (output / "piani").chmod(0o555)
    try:
        status, stderr = users.build(users.as_user)
    finally:
        (output / "piani").chmod(0o755)
    assert status == 1
    assert stderr == (
        f"sitegen: non riesco a sostituire {output}: la cartella {output}/piani è protetta in "
        f"scrittura; per rimediare esegui «chmod -R u+rwx {output}» e genera di nuovo il sito\n"
    )
    assert leftovers(project) == []
