"""Bad input: one FILE:LINE: message per mistake, exit 1, no traceback, last output untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.site import copy_sources


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped sources with a good build already in output/."""
    copy_sources(tmp_path)
    assert sitegen(tmp_path, "build").returncode == 0
    return tmp_path


def sitegen(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args, "--source", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of old; return the 1-based line where it starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drift: {old!r} not in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def assert_reported(project: Path, file: str, line: int, words: str) -> None:
    before = snapshot(project / "output")
    result = sitegen(project, "build")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert f"{file}:{line}: " in result.stderr, result.stderr
    reported = next(row for row in result.stderr.splitlines() if row.startswith(f"{file}:{line}: "))
    assert words in reported, result.stderr
    assert snapshot(project / "output") == before


def test_yaml_syntax_error(project: Path) -> None:
    line = edit(project / "plans.yaml", "    name: Silver\n", "    name: Silver: Plus\n")
    assert_reported(project, "plans.yaml", line, "YAML syntax error")


def test_missing_field(project: Path) -> None:
    plans = project / "plans.yaml"
    edit(
        plans, "    audience: attività che richiedono maggiore reattività e copertura estesa.\n", ""
    )
    line = plans.read_text(encoding="utf-8").splitlines().index("  - id: silver") + 1
    assert_reported(project, "plans.yaml", line, 'missing field "audience"')


def test_mistyped_field(project: Path) -> None:
    line = edit(project / "plans.yaml", "      hours: 4\n", "      hours: quattro\n")
    assert_reported(project, "plans.yaml", line, "hours")


def test_unknown_key_suggests_the_right_one(project: Path) -> None:
    line = edit(
        project / "plans.yaml", "    response:\n      hours: 8", "    respose_time:\n      hours: 8"
    )
    assert_reported(project, "plans.yaml", line, 'unknown key "respose_time"')
    result = sitegen(project, "build")
    assert 'did you mean "response"' in result.stderr


def test_duplicate_plan_id(project: Path) -> None:
    line = edit(project / "plans.yaml", "  - id: gold", "  - id: silver")
    assert_reported(project, "plans.yaml", line, 'duplicate plan id "silver"')


def test_duplicate_yaml_key(project: Path) -> None:
    line = edit(project / "plans.yaml", "    name: Gold\n", "    name: Gold\n    name: Oro\n") + 1
    assert_reported(project, "plans.yaml", line, 'duplicate key "name"')


@pytest.mark.parametrize("value", ['"25:00"', '"24:30"', '"7.30"'])
def test_impossible_time(project: Path, value: str) -> None:
    line = edit(project / "plans.yaml", '      closes: "18:00"', f"      closes: {value}")
    assert_reported(project, "plans.yaml", line, "is not a valid time")


def test_closing_before_opening(project: Path) -> None:
    line = edit(project / "plans.yaml", '      closes: "18:00"', '      closes: "09:00"')
    assert_reported(project, "plans.yaml", line, "must be after opens")


def test_unquoted_time_read_as_a_number(project: Path) -> None:
    line = edit(project / "plans.yaml", '      opens: "10:00"', "      opens: 10:00")
    assert_reported(project, "plans.yaml", line, "must be quoted")


def test_empty_plan_list(project: Path) -> None:
    plans = project / "plans.yaml"
    text = plans.read_text(encoding="utf-8")
    start, end = text.index("plans:\n"), text.index("\n# The comparison table")
    plans.write_text(text[:start] + "plans: []\n" + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    assert_reported(project, "plans.yaml", line, "at least 1 item")


def test_comparison_naming_an_unknown_plan(project: Path) -> None:
    line = edit(
        project / "plans.yaml",
        "            gold: Report mensili",
        "            oro: Report mensili",
    )
    assert_reported(project, "plans.yaml", line, 'unknown plan "oro"')


def test_page_without_closing_front_matter(project: Path) -> None:
    page = project / "content" / "contatti.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("template: contact.html\n---\n", "template: contact.html\n"))
    assert_reported(project, "content/contatti.md", 1, "front matter not closed")


def test_page_with_broken_front_matter_yaml(project: Path) -> None:
    line = edit(project / "content" / "contatti.md", "menu: 4\n", "menu: [4\n")
    assert_reported(project, "content/contatti.md", line + 1, "YAML syntax error")


def test_page_missing_its_title(project: Path) -> None:
    edit(project / "content" / "contatti.md", "title: Contatti\n", "")
    assert_reported(project, "content/contatti.md", 2, 'missing field "title"')


def test_principle_without_anchor(project: Path) -> None:
    line = edit(
        project / "ethics.md",
        "- Cerchiamo feedback per crescere.\n  {: #feedback }\n",
        "- Cerchiamo feedback per crescere.\n",
    )
    assert_reported(project, "ethics.md", line, "principle needs an anchor")


def test_template_error_points_at_the_template_line(project: Path) -> None:
    line = edit(
        project / "templates" / "404.html", "<h1>{{ page.title }}</h1>", "<h1>{{ page.titel }}</h1>"
    )
    assert_reported(project, "templates/404.html", line, "titel")


def test_every_problem_is_reported_at_once(project: Path) -> None:
    edit(project / "plans.yaml", "      hours: 4\n", "      hours: quattro\n")
    edit(project / "site.yaml", "email: info@misterinformatica.it", "email: info-at-example")
    result = sitegen(project, "build")
    assert result.returncode == 1
    assert "plans.yaml:" in result.stderr and "site.yaml:" in result.stderr


class TestForeignOutputFolders:
    """The build replaces its output folder, so it refuses any folder it did not create."""

    def refused(self, project: Path, output: str, env_home: Path | None = None) -> str:
        import os

        env = {**os.environ, "HOME": str(env_home)} if env_home else None
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sitegen",
                "build",
                "--source",
                str(project),
                "--output",
                output,
            ],
            cwd=project,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        return result.stderr

    def test_the_source_folder(self, project: Path) -> None:
        before = snapshot(project)
        assert "refusing" in self.refused(project, ".")
        assert snapshot(project) == before

    def test_the_home_folder(self, project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        home = tmp_path_factory.mktemp("home")
        (home / "notes.txt").write_text("keep me")
        assert "refusing" in self.refused(project, "~", env_home=home)
        assert (home / "notes.txt").read_text() == "keep me"

    def test_a_folder_with_other_files(self, project: Path) -> None:
        other = project / "documents"
        other.mkdir()
        (other / "contract.pdf").write_bytes(b"%PDF")
        assert "did not write" in self.refused(project, "documents")
        assert (other / "contract.pdf").read_bytes() == b"%PDF"

    def test_its_own_previous_output_is_replaced(self, project: Path) -> None:
        (project / "output" / "stale.html").write_text("old")
        assert sitegen(project, "build").returncode == 0
        assert not (project / "output" / "stale.html").exists()
        assert (project / "output" / "index.html").is_file()


def test_static_symlink_out_of_the_folder_is_refused(project: Path, tmp_path_factory) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    secret.write_text("not for the web")
    (project / "templates" / "static" / "secret.txt").symlink_to(secret)
    assert_reported(project, "templates/static/secret.txt", 1, "symlink points outside")
