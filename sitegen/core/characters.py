"""Which characters a source text may hold.

Control characters are invisible in an editor and do harm on a page (a NUL byte in a title, an
escape sequence in the menu), and they reach a value through YAML escapes ("\\0", "\\e",
"\\x01") as easily as through a stray byte. Tabs and line breaks are the exceptions, and only
where a value may hold several lines.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAK_OR_TAB = re.compile(r"[\t\n]")


def control_character(text: str, *, several_lines: bool = True) -> str | None:
    """What staff must fix when text holds a control character, or None when it holds none.

    several_lines=False also refuses tabs and line breaks (a name, a title, an address).
    """
    found = _CONTROL.search(text) or (None if several_lines else _BREAK_OR_TAB.search(text))
    if found is None:
        return None
    code = f"U+{ord(found[0]):04X}"
    if found[0] in "\t\n":
        what = "una tabulazione" if found[0] == "\t" else "un a capo"
        return f"qui il testo deve stare su una riga, ma contiene {what} ({code}): toglilo"
    return (
        f"il testo contiene un carattere invisibile di controllo ({code}): cancellalo "
        '(se l’hai scritto con una barra rovesciata tra virgolette, come "\\0", togli la '
        "barra e il carattere dopo)"
    )


def line_of_offset(text: str, offset: int) -> int:
    """The 1-based line of a character offset in text."""
    return text.count("\n", 0, offset) + 1
