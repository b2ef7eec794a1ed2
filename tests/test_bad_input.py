"""Bad input: one FILE:LINE: message per mistake, exit 1, no traceback, last output untouched."""

from __future__ import annotations

import pytest

from harness.cli import run_cli, snapshot
from harness.project import Project


def test_a_second_colon_in_a_value(project: Project) -> None:
    line = project.edit("plans.yaml", "    name: Silver\n", "    name: Silver: Plus\n")
    project.assert_reported(
        "plans.yaml",
        line,
        "il valore contiene «: », che qui separa un campo dal suo valore: metti il valore tra "
        'virgolette, per esempio name: "Silver: Plus"',
    )


def test_missing_field(project: Project) -> None:
    plans = project.root / "plans.yaml"
    project.edit(
        "plans.yaml",
        "    audience: attività che richiedono maggiore reattività e copertura estesa.\n",
        "",
    )
    line = plans.read_text(encoding="utf-8").splitlines().index("  - id: silver") + 1
    project.assert_reported(
        "plans.yaml",
        line,
        "manca «audience» (a chi è destinato il piano, come lo dice il documento): aggiungi la "
        "riga «audience: …» sotto «plans:»",
    )


def test_duplicate_yaml_key(project: Project) -> None:
    line = project.edit("plans.yaml", "    name: Gold\n", "    name: Gold\n    name: Oro\n") + 1
    project.assert_reported(
        "plans.yaml",
        line,
        f"«name» compare due volte in questa sezione (righe {line - 1} e {line}): se hai "
        "cancellato la voce a cui apparteneva questa riga, cancella anche questa; altrimenti "
        "tieni una sola delle due",
    )


@pytest.mark.parametrize("value", ['"25:00"', '"24:30"', '"7:60"', "sera"])
def test_impossible_time(project: Project, value: str) -> None:
    line = project.edit("plans.yaml", '      closes: "18:00"', f"      closes: {value}")
    shown = value.strip('"')
    expected = (
        f"«{shown}» non è un orario: l’ultimo orario possibile è 24:00"
        if shown == "24:30"
        else f"«{shown}» non è un orario: scrivi ore e minuti tra 00:00 e 24:00, per esempio 18:00"
    )
    project.assert_reported("plans.yaml", line, expected)


def test_closing_before_opening(project: Project) -> None:
    line = project.edit("plans.yaml", '      closes: "18:00"', '      closes: "09:00"')
    project.assert_reported(
        "plans.yaml",
        line,
        "la copertura finisce (9:00) prima di iniziare (10:00): «closes» deve venire dopo «opens»",
    )


def test_empty_plan_list(project: Project) -> None:
    plans = project.root / "plans.yaml"
    text = plans.read_text(encoding="utf-8")
    start, end = text.index("plans:\n"), text.index("\n# Il confronto dei piani")
    plans.write_text(text[:start] + "plans: []\n" + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    project.assert_reported("plans.yaml", line, "«plans» è vuoto: scrivi almeno una voce")


def test_page_with_broken_front_matter_yaml(project: Project) -> None:
    line = project.edit("content/contatti.md", "menu: 4\n", "menu: [4\n")
    project.assert_reported(
        "content/contatti.md",
        line,
        "la parentesi «[» aperta qui non è chiusa: chiudila con «]» alla fine dell’elenco, sulla "
        "stessa riga; se il testo comincia davvero con «[», mettilo tra virgolette",
    )


def test_page_missing_its_title(project: Project) -> None:
    project.edit("content/contatti.md", "title: Contatti\n", "")
    project.assert_reported("content/contatti.md", 2, "manca «title»: aggiungi la riga «title: …»")


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
        f"ethics.md:{line + 1}: «{{: #feedback }}» è la vecchia forma dell’ancora: cancella "
        "questa riga e scrivi {#feedback} alla fine della riga sopra"
    ]


def test_principle_over_two_lines_without_anchor(project: Project) -> None:
    line = project.edit(
        "ethics.md",
        "- Cerchiamo feedback per crescere. {#feedback}\n",
        "- Cerchiamo feedback\n  per crescere.\n",
    )
    project.assert_reported(
        "ethics.md", line, "il principio «Cerchiamo feedback per crescere.» non ha la sua ancora"
    )


def test_raw_html_in_ethics_is_refused_at_its_line(project: Project) -> None:
    """The site's Markdown renders no raw HTML (markdown_html): rather than words vanishing
    from the page, the build names the line."""
    line = project.edit(
        "ethics.md",
        "Questo codice descrive",
        "Questo<br> codice <b onmouseover=alert(1)>descrive</b>",
    )
    project.assert_reported(
        "ethics.md",
        line,
        "«<br>» è codice HTML, che una pagina non può contenere: scrivi il testo in Markdown "
        "(**grassetto**, *corsivo*, [collegamento](/contatti/), una riga vuota tra i paragrafi)",
    )


def test_attribute_list_in_a_page(project: Project) -> None:
    """Content pages share GitHub's dialect: an attribute list is named, not shown as text."""
    line = project.edit("content/privacy.md", "## ", "## Titolo\n{: #titolo }\n\n## ")
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
        assert self.refused(project, ".") == (
            f"sitegen: non uso {project.root} per il sito: contiene i file da cui sitegen genera "
            "il sito, che andrebbero persi; indica con --output un'altra cartella, per esempio "
            "output\n"
        )
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
        assert self.refused(project, "~") == (
            f"sitegen: non uso {home} per il sito: a ogni generazione sitegen svuota la cartella "
            "del sito; indica con --output una cartella solo per il sito, per esempio output\n"
        )
        assert (home / "notes.txt").read_text() == "keep me"

    def test_a_folder_with_other_files(self, project: Project) -> None:
        other = project.root / "documents"
        other.mkdir()
        (other / "contract.pdf").write_bytes(b"%PDF")
        assert self.refused(project, str(other)) == (
            f"sitegen: non uso {other} per il sito: contiene file che non ha scritto sitegen "
            "(manca il file .sitegen-output); svuota la cartella o indica con --output un'altra "
            "cartella\n"
        )
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
    project.assert_reported(
        "templates/static/secret.txt",
        1,
        "questo collegamento (symlink) porta fuori di templates/static/: copia qui il file invece",
    )
