"""A page body's Jinja mistakes in plain Italian, at the line that holds them.

Jinja words its errors for programmers ("expected token 'end of print statement'") and reports
the line where it gave up, which is often not the line of the mistake: an unclosed `{{` is found
at the next line that cannot be part of an expression. So a syntax error is looked up here in
the body's text itself: the `{{`, `{%` or `{#` left open, the `{% if %}` left without its
`{% endif %}`; and what Jinja's message names (an unknown tag) is said in Italian.
"""

from __future__ import annotations

import re

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from sitegen.pages.body_limits import BodyError
from sitegen.pages.body_rules import TAGS_HELP, tag_refusal
from sitegen.pages.template_errors import raised_at

_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_WHAT = {"{{": "del segnaposto", "{%": "del comando", "{#": "del commento"}
_DELIMITER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_IF_TAG = re.compile(r"\{%[-+]?\s*(if|endif)\b")
_UNKNOWN_TAG = re.compile(r"unknown tag '(\w+)'")
_OPEN_BLOCK = re.compile(r"innermost block that needs to be closed is '(\w+)'")
_RUNTIME = {
    ZeroDivisionError: "qui c'è una divisione per zero",
    OverflowError: "qui un numero diventa troppo grande",
    TypeError: "qui si usano insieme valori che non vanno d'accordo (per esempio un testo e un "
    "numero)",
    ValueError: "qui un valore non va bene (per esempio un testo dove serve un numero)",
    RecursionError: "questa parte è troppo complicata: scrivila in modo più semplice",
    MemoryError: "questa parte chiede troppa memoria: scrivila in modo più semplice",
}


def syntax_problem(error: TemplateSyntaxError, body: str) -> tuple[int, str]:
    """The body line and Italian message of a Jinja syntax error in body."""
    unclosed = _unclosed_delimiter(body)
    if unclosed is not None:
        line, opener = unclosed
        return line, f"manca la chiusura «{_CLOSERS[opener]}» {_WHAT[opener]} aperto qui"
    if (block := _OPEN_BLOCK.search(error.message or "")) and block[1] == "if":
        line = _unclosed_if(body) or error.lineno
        return line, "manca «{% endif %}» per il «{% if %}» aperto qui"
    if block:
        return error.lineno, tag_refusal(block[1])
    if tag := _UNKNOWN_TAG.search(error.message or ""):
        if tag[1] in ("endif", "else", "elif"):
            message = f"«{{% {tag[1]} %}}» non ha prima un «{{% if … %}}» da chiudere"
            return error.lineno, message
        if tag[1].startswith("end"):
            return error.lineno, f"«{{% {tag[1]} %}}» non chiude niente. {TAGS_HELP}"
        return error.lineno, tag_refusal(tag[1])
    return error.lineno, (
        "qui un segnaposto «{{ … }}» o un comando «{% … %}» è scritto male: controlla le "
        "parentesi, le virgolette e i nomi"
    )


def runtime_message(error: BaseException) -> str:
    """What went wrong as the body ran, in Italian."""
    if isinstance(error, BodyError | UndefinedError | SecurityError):
        return str(error)  # body_limits and body_sandbox.Missing word these in Italian
    for kind, message in _RUNTIME.items():
        if isinstance(error, kind):
            return message
    return "questa parte della pagina non si può calcolare: scrivila in modo più semplice"


def runtime_line(error: BaseException, name: str) -> int | None:
    """The body line at fault; None when the error arose outside the body's code."""
    at = raised_at(error, lambda filename: filename == name)
    return at[1] if at else None


def _unclosed_delimiter(body: str) -> tuple[int, str] | None:
    """The line and kind of the first `{{`, `{%` or `{#` not closed before the next one opens
    (inside a comment, only `#}` counts)."""
    opened: tuple[int, str] | None = None
    for match in _DELIMITER.finditer(body):
        token = match[0]
        if opened is not None and token == _CLOSERS[opened[1]]:
            opened = None
        elif token in _CLOSERS and (opened is None or opened[1] != "{#"):
            if opened is not None:
                return opened
            opened = (body.count("\n", 0, match.start()) + 1, token)
    return opened


def _unclosed_if(body: str) -> int | None:
    """The line of the innermost `{% if %}` that no `{% endif %}` closes."""
    open_ifs: list[int] = []
    for match in _IF_TAG.finditer(body):
        if match[1] == "if":
            open_ifs.append(body.count("\n", 0, match.start()) + 1)
        elif open_ifs:
            open_ifs.pop()
    return open_ifs[-1] if open_ifs else None
