"""The YAML slips staff make, explained in plain Italian at the line where they are.

The parser notices a mistake where it can no longer go on, which is often lines later: an
unclosed quote on line 27 swallows what follows until the next quote and fails at line 49. So
the explanation looks at the text itself, the way a person would: a tab in the indentation, a
quote opened and not closed on its line, a second colon in a value, a key without its colon,
a line indented unlike its neighbours. Each message says what is wrong and what to write.
"""

from __future__ import annotations

import re

import yaml

# A line's value that starts with a quote: after the indentation, any "- " list marks and an
# optional "key: ".
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s"'#][^"'#]*?:\s+)?(["'])""")
_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:#][^:#]*?):(?:\s|$)")
_KEY_LIKE = re.compile(r"^[\w-]+:(?:\s|$)")
_QUOTE_NAMES = {'"': 'virgolette doppie («"»)', "'": "virgoletta semplice («'»)"}
_GENERIC = (
    "questa riga non si riesce a leggere: controlla che i rientri siano fatti con gli spazi "
    "come nelle righe vicine, che dopo ogni nome di campo ci siano i due punti «:» e che ogni "
    "virgoletta aperta sia chiusa"
)


def tab_in_indentation(text: str) -> tuple[int, str] | None:
    """The first line indented with a tab, and what to do; YAML indents with spaces only."""
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.lstrip(" \t")
        indentation = line[: len(line) - len(content)]
        if content and "\t" in indentation:
            column = indentation.index("\t") + 1
            where = "all’inizio della riga" if column == 1 else f"alla colonna {column}"
            return number, (
                f"{where} c’è una tabulazione (il tasto Tab): qui i rientri si fanno solo con "
                "gli spazi. Cancellala e rientra con gli spazi, come le righe vicine"
            )
    return None


def explain_syntax_error(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str]:
    """(1-based line, message) for a parser error, at the line of the slip that caused it."""
    lines = text.splitlines()
    mark = error.problem_mark or error.context_mark
    at = mark.line if mark else 0
    unclosed = _unclosed_quote(lines, min(at, len(lines) - 1))
    if unclosed is not None:
        return unclosed
    problem = error.problem or ""
    context = error.context or ""
    context_line = error.context_mark.line if error.context_mark else at
    line_text = lines[at] if at < len(lines) else ""
    if "could not find expected ':'" in problem and "simple key" in context:
        return context_line + 1, _missing_colon(lines[context_line])
    if "mapping values are not allowed" in problem:
        return at + 1, _colon_in_value(line_text, mark.column if mark else 0)
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        bracket = "[" if "]" in problem else "{"
        closing = "]" if bracket == "[" else "}"
        return context_line + 1, (
            f"la parentesi «{bracket}» aperta qui non è chiusa: chiudila con «{closing}» alla "
            "fine dell’elenco, sulla stessa riga; se il testo comincia davvero con "
            f"«{bracket}», mettilo tra virgolette"
        )
    if "unknown escape character" in problem:
        return at + 1, (
            "tra virgolette doppie la barra rovesciata «\\» introduce un carattere speciale: "
            "scrivi «\\\\» per una barra, oppure usa le virgolette semplici «'»"
        )
    if "cannot start any token" in problem and line_text[mark.column : mark.column + 1]:
        character = line_text[mark.column]
        return at + 1, (
            f"un valore non può cominciare con «{character}»: mettilo tra virgolette, "
            f'per esempio "{character}…"'
        )
    if "expected key" in problem or "block end" in problem or "'-' indicator" in problem:
        return at + 1, _misaligned(line_text)
    return at + 1, _GENERIC


def explain_reader_error(text: str, error: yaml.reader.ReaderError) -> tuple[int, str]:
    """(1-based line, message) for a character YAML refuses outright."""
    position = text.find(chr(error.character))
    line = text.count("\n", 0, position) + 1 if position >= 0 else 1
    return line, (
        f"c’è un carattere invisibile (U+{error.character:04X}) che non può stare nel file: "
        "cancellalo"
    )


def merged_line(
    source_lines: list[str], node: yaml.ScalarNode, first_line: int
) -> tuple[int, str] | None:
    """A plain value that ran over to a next line that looks like a list item or a key: an
    indentation slip YAML silently reads as one longer text ("A - B")."""
    start, end = node.start_mark.line, node.end_mark.line
    for index in range(start + 1, min(end, len(source_lines) - 1) + 1):
        following = source_lines[index].lstrip()
        if following.startswith("- ") or following == "-":
            return index + first_line, (
                "questa voce è rientrata più di quella sopra, così le due diventano una sola "
                f"(«{_clip(node.value)}»): allinea il trattino «-» con quello della riga "
                f"{start + first_line}"
            )
        if _KEY_LIKE.match(following):
            key = following.split(":", 1)[0]
            return index + first_line, (
                f"«{key}:» è rientrato più della riga sopra, così diventa il seguito del suo "
                f"testo: allinea «{key}:» con i campi dello stesso livello"
            )
    return None


def _unclosed_quote(lines: list[str], last: int) -> tuple[int, str] | None:
    """The first line up to `last` whose value opens a quote and does not close it."""
    for index in range(0, last + 1):
        line = lines[index]
        found = _QUOTED_VALUE.match(line)
        if found is None or _closes(line, found.end(), found[1]):
            continue
        quote = found[1]
        return index + 1, (
            f"le {_QUOTE_NAMES[quote]} aperte qui non sono chiuse: aggiungi «{quote}» alla "
            "fine del testo, sulla stessa riga"
            if quote == '"'
            else f"la {_QUOTE_NAMES[quote]} aperta qui non è chiusa: aggiungi «{quote}» alla "
            "fine del testo, sulla stessa riga (un apostrofo dentro il testo si scrive «''», "
            "oppure usa le virgolette doppie)"
        )
    return None


def _closes(line: str, start: int, quote: str) -> bool:
    """Whether the quote opened before `start` closes later on the line."""
    index = start
    while index < len(line):
        character = line[index]
        if quote == '"' and character == "\\":
            index += 2
            continue
        if character == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2
                continue
            return True
        index += 1
    return False


def _missing_colon(line: str) -> str:
    words = line.strip().lstrip("- ").split(None, 1)
    example = f"«{words[0]}: {words[1]}»" if len(words) == 2 else "«nome: valore»"
    return f"manca «:» dopo il nome del campo: scrivi per esempio {example}"


def _colon_in_value(line: str, column: int) -> str:
    key = _KEY.match(line)
    if key is not None and key.end() <= column:
        value = line[key.end() :].strip()
        return (
            "il valore contiene «: », che qui separa un campo dal suo valore: metti il valore "
            f'tra virgolette, per esempio {key[1].strip()}: "{_clip(value)}"'
        )
    return (
        "questa riga è rientrata più di quella sopra: allinea il nome del campo con quelli "
        "dello stesso livello (solo spazi, come nelle righe vicine)"
    )


def _misaligned(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("-"):
        return (
            "questa voce d’elenco non è allineata con le altre: metti il trattino «-» allo "
            "stesso rientro delle voci sopra (solo spazi)"
        )
    key = _KEY.match(line)
    name = f"«{key[1].strip()}:»" if key else "questa riga"
    return (
        f"il rientro di {name} non torna con le righe sopra: allinealo con i campi dello "
        "stesso livello, usando solo spazi"
    )


def _clip(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
