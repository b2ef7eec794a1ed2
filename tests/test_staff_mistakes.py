"""The everyday mistakes of a non-programmer, each made on a fresh copy of the company fixture.

Each is either refused, with exit 1, no traceback, output/ untouched and one Italian
`FILE:LINE: message` at the line of the mistake (±1) that says what to write instead; or it is
read as what staff obviously meant (the lenient readings of YAML 1.2 and Windows files), and the
site shows it. The messages are asserted word for word: they are what staff read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.project import Project

SAVE_AS_UTF8 = (
    "salvalo come UTF-8. Con Blocco note: File → Salva con nome, poi in basso scegli "
    "«Codifica: UTF-8» e salva. Con TextEdit: Formato → Converti in formato Solo testo, poi "
    "salva scegliendo «Codifica testo normale: Unicode (UTF-8)»"
)
TAB = (
    "all’inizio della riga c’è una tabulazione (il tasto Tab): qui i rientri si fanno solo con "
    "gli spazi. Cancellala e rientra con gli spazi, come le righe vicine"
)
RESTORE = "ripristinalo dalla cronologia del progetto (su GitHub: History, poi il commit prima"


@dataclass(frozen=True)
class Mistake:
    """An edit of one file: `old` becomes `new` (the mistake is on old's first line + shift)."""

    file: str
    old: str
    new: str
    message: str
    shift: int = 0

    def make(self, project: Project) -> int:
        return project.edit(self.file, self.old, self.new) + self.shift


MISTAKES = {
    "plans: tab indent": Mistake("plans.yaml", "    name: Silver\n", "\tname: Silver\n", TAB),
    "plans: missing colon": Mistake(
        "plans.yaml",
        "    name: Silver\n",
        "    name Silver\n",
        "manca «:» dopo il nome del campo: scrivi per esempio «name: Silver»",
    ),
    "plans: missing closing quote": Mistake(
        "plans.yaml",
        '      opens: "08:00"\n      closes: "20:00"',
        '      opens: "08:00\n      closes: "20:00"',
        'le virgolette doppie («"») aperte qui non sono chiuse: aggiungi «"» alla fine del '
        "testo, sulla stessa riga",
    ),
    "plans: Italian day name": Mistake(
        "plans.yaml",
        '      days: [mon, tue, wed, thu, fri]\n      opens: "08:00"',
        '      days: [lunedì, tue, wed, thu, fri]\n      opens: "08:00"',
        "«lunedì» non è un giorno come lo scrive questo file: scrivi mon (i giorni si scrivono "
        "con le sigle inglesi: mon tue wed thu fri sat sun)",
    ),
    "plans: list item indented too far": Mistake(
        "plans.yaml",
        "      - text: Aggiornamenti rapidi su richiesta",
        "        - text: Aggiornamenti rapidi su richiesta",
        "questa voce d’elenco non è allineata con le altre: metti il trattino «-» allo stesso "
        "rientro delle voci sopra (solo spazi)",
    ),
    "plans: two services merged by indentation": Mistake(
        "plans.yaml",
        "      - text: Supporto prioritario con presa in carico immediata\n"
        "        row: priorita-e-urgenze\n",
        "      - Supporto prioritario con presa in carico immediata\n"
        "        - Interventi urgenti\n",
        "questa voce è rientrata più di quella sopra, così le due diventano una sola («Supporto "
        "prioritario con presa in carico immediata…»): allinea il trattino «-» con quello della "
        "riga {line}",
        shift=1,
    ),
    "plans: duplicate plan id": Mistake(
        "plans.yaml",
        "  - id: gold",
        "  - id: silver",
        "c’è già un piano con id «silver»: ogni piano ha il suo, che diventa l’indirizzo della "
        "sua pagina (/piani/silver/)",
    ),
    "plans: a colon inside a service line": Mistake(
        "plans.yaml",
        "      - text: Interventi da remoto programmati\n        row: assistenza\n",
        "      - Interventi da remoto: programmati\n",
        "questa riga contiene «: », che qui separa un campo dal suo valore: metti tutto il testo "
        'tra virgolette, - "Interventi da remoto: programmati"',
    ),
    "plans: hours in words": Mistake(
        "plans.yaml",
        "      hours: 4\n",
        "      hours: otto\n",
        "«otto» non è un numero di ore: scrivi le ore in cifre, per esempio 8, oppure 0.5 per "
        "mezz’ora",
    ),
    "plans: a key under the wrong parent": Mistake(
        "plans.yaml",
        "      closed_on_holidays: true\n    channels: [email]\n",
        "      closed_on_holidays: true\n    channels: [email]\n    holidays_stated: true\n",
        "«holidays_stated» non va qui: va sotto «coverage:». Controlla il rientro della riga "
        "(solo spazi, allineata con i campi dello stesso gruppo)",
        shift=2,
    ),
    "plans: a mistyped key": Mistake(
        "plans.yaml",
        "    audience: attività che",
        "    audiance: attività che",
        "«audiance» non è un campo di questa sezione: forse intendevi «audience»?",
    ),
    "site: tab": Mistake("site.yaml", "language: it", "\tlanguage: it", TAB),
    "site: an email without domain": Mistake(
        "site.yaml",
        "email: info@misterinformatica.it",
        "email: info@",
        "«info@» non è un indirizzo email: scrivi solo l’indirizzo, per esempio nome@esempio.it",
    ),
    "site: an email with mail headers": Mistake(
        "site.yaml",
        "email: info@misterinformatica.it",
        "email: info@misterinformatica.it?bcc=spia.it",
        "«info@misterinformatica.it?bcc=spia.it» non è un indirizzo email: scrivi solo "
        "l’indirizzo, per esempio nome@esempio.it",
    ),
    "site: a missing colon": Mistake(
        "site.yaml",
        "language: it",
        "language it",
        "manca «:» dopo il nome del campo: scrivi per esempio «language: it»",
    ),
    "site: a partita IVA with a typo": Mistake(
        "site.yaml",
        "  partita_iva: null",
        "  partita_iva: 12345670018",
        "«12345670018» non è una partita IVA valida: sono 11 cifre (il prefisso IT è "
        "facoltativo); controlla di averla copiata giusta",
    ),
    "page: front matter with a missing colon": Mistake(
        "content/contatti.md",
        "menu: 4\n",
        "menu 4\n",
        "manca «:» dopo il nome del campo: scrivi per esempio «menu: 4»",
    ),
    "page: front matter not closed": Mistake(
        "content/contatti.md",
        "template: contact.html\n---\n",
        "template: contact.html\n",
        "qui finisce l’intestazione della pagina, ma manca la riga «---» che la chiude: "
        "aggiungila prima di questa riga",
        shift=1,
    ),
    "page: a tab": Mistake("content/contatti.md", "menu: 4\n", "\tmenu: 4\n", TAB),
    "page: menu in words": Mistake(
        "content/contatti.md",
        "menu: 4\n",
        "menu: quattro\n",
        "«quattro» non è una posizione nel menu: scrivi un numero in cifre, per esempio 4",
    ),
    "page: a title used twice": Mistake(
        "content/contatti.md",
        "title: Contatti\n",
        "title: Codice etico\n",
        "il titolo «Codice etico» è già quello di ethics.md: dai a questa pagina un titolo diverso",
    ),
    "page: an unknown template": Mistake(
        "content/contatti.md",
        "template: contact.html\n",
        "template: contatti.html\n",
        "non c’è un modello «contatti.html» in templates/: scrivi il nome di uno dei file .html "
        "di quella cartella (page.html per una pagina semplice), oppure togli la riga template",
    ),
    "ethics: a principle without anchor": Mistake(
        "ethics.md",
        "- Cerchiamo feedback per crescere. {#feedback}",
        "- Cerchiamo feedback per crescere.",
        "il principio «Cerchiamo feedback per crescere.» non ha la sua ancora: aggiungi alla "
        "fine della riga uno spazio e {#cerchiamo-feedback-per} (una parola che lo ricordi)",
    ),
    "ethics: a heading without anchor": Mistake(
        "ethics.md",
        "## Onestà {#onesta}",
        "## Onestà",
        "il tema «Onestà» non ha la sua ancora: aggiungi alla fine della riga uno spazio e "
        "{#onesta}",
    ),
    "ethics: an anchor used twice": Mistake(
        "ethics.md",
        "{#feedback}",
        "{#promesse}",
        "l’ancora {#promesse} è già usata alla riga {first}: ogni tema e principio ha la sua, "
        "cambiane una",
    ),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_a_mistake_is_refused_in_italian_at_its_line(project: Project, name: str) -> None:
    mistake = MISTAKES[name]
    line = mistake.make(project)
    first = _first_line(project.root / mistake.file, "{#promesse}")
    expected = mistake.message.replace("{line}", str(line - 1)).replace("{first}", str(first))
    [problem] = [p for p in project.refused() if p.startswith(f"{mistake.file}:")]
    where, message = problem.split(": ", 1)
    assert message == expected
    assert abs(int(where.rsplit(":", 1)[1]) - line) <= 1, problem


def _first_line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((number for number, line in enumerate(lines, 1) if text in line), 0)


# Whole files: saved by Windows, saved in the wrong encoding, emptied, deleted.


def windows_1252(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))


def empty(path: Path) -> None:
    path.write_text("", encoding="utf-8")


def delete(path: Path) -> None:
    path.unlink()


FILE_MISTAKES: dict[str, tuple[str, Callable[[Path], None], int, str]] = {
    "plans: Windows-1252": (
        "plans.yaml",
        windows_1252,
        3,
        "«# dell’azienda (codice-etico-e-sla.txt): non aggiungere prom»: in questa riga c’è un "
        "carattere (come una lettera accentata) salvato con la codifica Windows-1252, non in "
        f"UTF-8: {SAVE_AS_UTF8}",
    ),
    "plans: empty file": (
        "plans.yaml",
        empty,
        1,
        f"il file plans.yaml è vuoto: {RESTORE} della modifica)",
    ),
    "plans: deleted file": (
        "plans.yaml",
        delete,
        1,
        f"manca il file plans.yaml: {RESTORE} della cancellazione)",
    ),
    "page: Windows-1252": (
        "content/privacy.md",
        windows_1252,
        6,
        "«Informativa ai sensi dell’art. 13 del Regolamento (UE) 2016/»: in questa riga c’è un "
        "carattere (come una lettera accentata) salvato con la codifica Windows-1252, non in "
        f"UTF-8: {SAVE_AS_UTF8}",
    ),
    "page: a page the site links to is deleted": (
        "content/contatti.md",
        delete,
        1,
        "manca la pagina content/contatti.md: il sito vi rimanda da ogni pagina. Ripristinala "
        "dalla cronologia del progetto (su GitHub: History, poi il commit prima della "
        "cancellazione)",
    ),
    "ethics: the file emptied": (
        "ethics.md",
        empty,
        1,
        "il file è vuoto: la pagina deve cominciare con una riga «---», poi le righe title: e "
        "description:, poi un’altra riga «---»; dopo viene il testo della pagina",
    ),
}


@pytest.mark.parametrize("name", FILE_MISTAKES)
def test_a_file_mistake_is_refused_in_italian(project: Project, name: str) -> None:
    file, mistake, line, message = FILE_MISTAKES[name]
    mistake(project.root / file)
    assert project.refused() == [f"{file}:{line}: {message}"]


# What staff obviously meant is read so.


@dataclass(frozen=True)
class Reading:
    """An edit the build accepts, and what the built page then says."""

    file: str
    old: str
    new: str
    page: str
    shows: str


LENIENT = {
    "an unquoted time is a time": Reading(
        "plans.yaml",
        '      closes: "20:00"',
        "      closes: 21:00",
        "piani/silver/index.html",
        "lunedì-venerdì, dalle 8:00 alle 21:00",
    ),
    "typographic quotes around a time": Reading(
        "plans.yaml",
        '      closes: "20:00"',
        "      closes: “21:00”",
        "piani/silver/index.html",
        "dalle 8:00 alle 21:00",
    ),
    "a trailing space in a time": Reading(
        "plans.yaml",
        '      closes: "20:00"',
        '      closes: "21:00 "',
        "piani/silver/index.html",
        "dalle 8:00 alle 21:00",
    ),
    "18.00 is 18:00": Reading(
        "plans.yaml",
        '      closes: "20:00"',
        "      closes: 21.00",
        "piani/silver/index.html",
        "dalle 8:00 alle 21:00",
    ),
    "a decimal comma": Reading(
        "plans.yaml",
        "      hours: 4\n",
        "      hours: 4,5\n",
        "piani/silver/index.html",
        "entro 4 ore e 30 minuti lavorativi",
    ),
    "an unquoted partita IVA keeps its leading zero": Reading(
        "site.yaml",
        "  partita_iva: null",
        "  partita_iva: 01234560017",
        "index.html",
        "01234560017",
    ),
    "no is the word no": Reading(
        "plans.yaml",
        '  unavailable: "No"',
        "  unavailable: no",
        "piani/index.html",
        ">no</td>",
    ),
}


@pytest.mark.parametrize("name", LENIENT)
def test_what_staff_meant_is_read_so(project: Project, name: str) -> None:
    reading = LENIENT[name]
    project.edit(reading.file, reading.old, reading.new)
    outcome = project.build()
    assert outcome.status == 0, outcome.stderr
    assert reading.shows in (project.output / reading.page).read_text(encoding="utf-8")


@pytest.mark.parametrize("file", ["plans.yaml", "site.yaml", "ethics.md", "content/privacy.md"])
@pytest.mark.parametrize("how", ["crlf", "bom", "both"])
def test_files_as_windows_saves_them_build_the_same_site(
    project: Project, file: str, how: str
) -> None:
    from harness.cli import snapshot

    before = snapshot(project.output)
    path = project.root / file
    data = path.read_bytes()
    if how in ("crlf", "both"):
        data = data.replace(b"\n", b"\r\n")
    if how in ("bom", "both"):
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    outcome = project.build()
    assert outcome.status == 0, outcome.stderr
    assert snapshot(project.output) == before


def test_all_problems_at_once_each_once_in_file_order(project: Project) -> None:
    project.edit("plans.yaml", "      hours: 8\n", "      hours: otto\n")
    project.edit("plans.yaml", "      hours: 4\n", "      hours: quattro\n")
    project.edit("site.yaml", "email: info@misterinformatica.it", "email: info-at-example")
    project.edit("content/contatti.md", "menu: 4\n", "menu: quattro\n")
    problems = project.refused()
    files = [problem.split(":", 1)[0] for problem in problems]
    assert files == ["site.yaml", "plans.yaml", "plans.yaml", "content/contatti.md"]
    plan_lines = [int(problem.split(":")[1]) for problem in problems if problem.startswith("plans")]
    assert plan_lines == sorted(plan_lines)
    assert len(problems) == len(set(problems))


def test_two_pages_at_one_menu_position_get_a_warning(project: Project) -> None:
    page = project.write_page("content/chi-siamo.md", "Chi siamo")
    page.write_text(page.read_text().replace("---\ntitle:", "---\nmenu: 4\ntitle:"))
    outcome = project.build()
    assert outcome.status == 0
    assert (
        "content/contatti.md:4: avviso: anche content/chi-siamo.md ha «menu: 4»: dai a ogni "
        "pagina una posizione diversa nel menu"
    ) in outcome.stderr.splitlines()
