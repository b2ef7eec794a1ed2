"""Bad input: one FILE:LINE: message per mistake, exit 1, no traceback, last output untouched."""

from __future__ import annotations

import pytest

from harness.cli import run_cli, snapshot
from harness.project import Project


def test_yaml_syntax_error(project: Project) -> None:
    line = project.edit("plans.yaml", "    name: Silver\n", "    name: Silver: Plus\n")
    project.assert_reported("plans.yaml", line, "YAML syntax error")


def test_missing_field(project: Project) -> None:
    plans = project.root / "plans.yaml"
    project.edit(
        "plans.yaml",
        "    audience: attività che richiedono maggiore reattività e copertura estesa.\n",
        "",
    )
    line = plans.read_text(encoding="utf-8").splitlines().index("  - id: silver") + 1
    project.assert_reported("plans.yaml", line, 'missing field "audience"')


def test_mistyped_field(project: Project) -> None:
    line = project.edit("plans.yaml", "      hours: 4\n", "      hours: quattro\n")
    project.assert_reported("plans.yaml", line, "hours")


def test_unknown_key_suggests_the_right_one(project: Project) -> None:
    line = project.edit(
        "plans.yaml", "    response:\n      hours: 8", "    respose_time:\n      hours: 8"
    )
    project.assert_reported("plans.yaml", line, 'unknown key "respose_time"')
    result = project.build()
    assert 'did you mean "response"' in result.stderr


def test_duplicate_plan_id(project: Project) -> None:
    line = project.edit("plans.yaml", "  - id: gold", "  - id: silver")
    project.assert_reported("plans.yaml", line, 'duplicate plan id "silver"')


def test_duplicate_yaml_key(project: Project) -> None:
    line = project.edit("plans.yaml", "    name: Gold\n", "    name: Gold\n    name: Oro\n") + 1
    project.assert_reported("plans.yaml", line, 'duplicate key "name"')


@pytest.mark.parametrize("value", ['"25:00"', '"24:30"', '"7.30"'])
def test_impossible_time(project: Project, value: str) -> None:
    line = project.edit("plans.yaml", '      closes: "18:00"', f"      closes: {value}")
    project.assert_reported("plans.yaml", line, "is not a valid time")


def test_closing_before_opening(project: Project) -> None:
    line = project.edit("plans.yaml", '      closes: "18:00"', '      closes: "09:00"')
    project.assert_reported("plans.yaml", line, "must be after opens")


def test_unquoted_time_read_as_a_number(project: Project) -> None:
    line = project.edit("plans.yaml", '      opens: "10:00"', "      opens: 10:00")
    project.assert_reported("plans.yaml", line, "must be quoted")


def test_empty_plan_list(project: Project) -> None:
    plans = project.root / "plans.yaml"
    text = plans.read_text(encoding="utf-8")
    start, end = text.index("plans:\n"), text.index("\n# The comparison table")
    plans.write_text(text[:start] + "plans: []\n" + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    project.assert_reported("plans.yaml", line, "at least 1 item")


def test_comparison_naming_an_unknown_plan(project: Project) -> None:
    line = project.edit(
        "plans.yaml",
        "            gold: Report mensili",
        "            oro: Report mensili",
    )
    project.assert_reported("plans.yaml", line, 'unknown plan "oro"')


def test_page_without_closing_front_matter(project: Project) -> None:
    page = project.root / "content" / "contatti.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("template: contact.html\n---\n", "template: contact.html\n"))
    project.assert_reported("content/contatti.md", 1, "front matter not closed")


def test_page_with_broken_front_matter_yaml(project: Project) -> None:
    line = project.edit("content/contatti.md", "menu: 4\n", "menu: [4\n")
    project.assert_reported("content/contatti.md", line + 1, "YAML syntax error")


def test_page_missing_its_title(project: Project) -> None:
    project.edit("content/contatti.md", "title: Contatti\n", "")
    project.assert_reported("content/contatti.md", 2, 'missing field "title"')


def test_principle_without_anchor(project: Project) -> None:
    line = project.edit(
        "ethics.md",
        "- Cerchiamo feedback per crescere. {#feedback}\n",
        "- Cerchiamo feedback per crescere.\n",
    )
    project.assert_reported("ethics.md", line, "principle needs an anchor")


def test_heading_without_anchor(project: Project) -> None:
    line = project.edit("ethics.md", "## Onestà {#onesta}\n", "## Onestà\n")
    project.assert_reported("ethics.md", line, "heading needs an anchor")


def test_old_anchor_form_says_what_to_write(project: Project) -> None:
    """Python-Markdown's attribute line would reach the page as text: the build says how the
    anchor is written now."""
    line = project.edit(
        "ethics.md",
        "- Cerchiamo feedback per crescere. {#feedback}\n",
        "- Cerchiamo feedback per crescere.\n  {: #feedback }\n",
    )
    problems = project.refused()
    assert problems == [
        f'ethics.md:{line + 1}: "{{: #feedback }}" is the old anchor form: '
        "end the line above with {#feedback} instead"
    ]


def test_principle_over_two_lines_without_anchor(project: Project) -> None:
    line = project.edit(
        "ethics.md",
        "- Cerchiamo feedback per crescere. {#feedback}\n",
        "- Cerchiamo feedback\n  per crescere.\n",
    )
    project.assert_reported("ethics.md", line, "principle needs an anchor")


def test_raw_html_in_ethics_is_left_out(project: Project) -> None:
    """The site's Markdown renders no raw HTML (markdown_html): not even an unclosed tag, which
    the ethics loader used to stop at, gets to the page."""
    project.edit(
        "ethics.md",
        "Questo codice descrive",
        "Questo<br> codice <b onmouseover=alert(1)>descrive</b>",
    )
    assert project.build().status == 0
    html = (project.output / "codice-etico" / "index.html").read_text(encoding="utf-8")
    assert "<p>Questo codice descrive i principi" in html


def test_attribute_list_in_a_page(project: Project) -> None:
    """Content pages share GitHub's dialect: an attribute list is named, not shown as text."""
    line = project.edit(
        "content/privacy.md", "## ", "## Titolo\n{: #titolo }\n\n## "
    )
    assert project.refused() == [
        "content/privacy.md:"
        f"{line + 1}: «{{: #titolo }}» non fa parte del Markdown del sito (quello di GitHub): "
        "cancellalo"
    ]


def test_template_error_points_at_the_template_line(project: Project) -> None:
    line = project.edit(
        "templates/404.html", "<h1>{{ page.title }}</h1>", "<h1>{{ page.titel }}</h1>"
    )
    project.assert_reported("templates/404.html", line, "titel")


def test_every_problem_is_reported_at_once(project: Project) -> None:
    project.edit("plans.yaml", "      hours: 4\n", "      hours: quattro\n")
    project.edit("site.yaml", "email: info@misterinformatica.it", "email: info-at-example")
    result = project.build()
    assert result.status == 1
    assert "plans.yaml:" in result.stderr and "site.yaml:" in result.stderr


class TestForeignOutputFolders:
    """The build replaces its output folder, so it refuses any folder it did not create."""

    def refused(self, project: Project, output: str) -> str:
        outcome = run_cli("build", "--source", str(project.root), "--output", output)
        assert outcome.status == 1
        assert "Traceback" not in outcome.stderr
        return outcome.stderr

    def test_the_source_folder(self, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
        before = snapshot(project.root)
        monkeypatch.chdir(project.root)
        assert "refusing" in self.refused(project, ".")
        assert snapshot(project.root) == before

    def test_the_home_folder(
        self,
        project: Project,
        tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        home = tmp_path_factory.mktemp("home")
        (home / "notes.txt").write_text("keep me")
        monkeypatch.setenv("HOME", str(home))
        assert "refusing" in self.refused(project, "~")
        assert (home / "notes.txt").read_text() == "keep me"

    def test_a_folder_with_other_files(self, project: Project) -> None:
        other = project.root / "documents"
        other.mkdir()
        (other / "contract.pdf").write_bytes(b"%PDF")
        assert "did not write" in self.refused(project, str(other))
        assert (other / "contract.pdf").read_bytes() == b"%PDF"

    def test_its_own_previous_output_is_replaced(self, project: Project) -> None:
        (project.output / "stale.html").write_text("old")
        assert project.build().status == 0
        assert not (project.output / "stale.html").exists()
        assert (project.output / "index.html").is_file()


def test_static_symlink_out_of_the_folder_is_refused(project: Project, tmp_path_factory) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    secret.write_text("not for the web")
    (project.root / "templates" / "static" / "secret.txt").symlink_to(secret)
    project.assert_reported("templates/static/secret.txt", 1, "symlink points outside")
