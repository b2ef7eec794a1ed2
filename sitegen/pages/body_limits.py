"""How much a page body may compute: the limits Jinja's sandbox leaves to its host.

A body cannot loop (body_rules), so it runs each of its expressions once; what is left to bound
is what one expression can make. `{{ 9**(9**9) }}`, `{{ "x" * 3000000000 }}` and
`{{ "%0999999999d" % 1 }}` are each one call into C that holds the interpreter for minutes, or
takes gigabytes, before anything can stop it; so each operation is checked here on its
operands, before it runs, and refused when its result would be larger than a page can need.
The watchdog (page_body) bounds the time of the rest, which is ordinary Python code.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable
from decimal import Decimal

from jinja2 import Undefined
from markupsafe import soft_str

from sitegen.core.placeholders import MailLink

MAX_TEXT = 1_000_000  # characters: of any text a body computes, and of all it shows
MAX_DIGITS = 1_000  # of any number a body computes
MAX_ITEMS = 100  # of a list a body compares
_MAX_BITS = math.ceil(MAX_DIGITS * math.log2(10))
# What a body may show: text and plain values; a list or a record has no text for a page.
PRINTABLE = (str, int, float, Decimal, datetime.date, datetime.time, MailLink, type(None))
# printf-style conversions; their width and precision say how long the text becomes.
_CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?(.)")


class BodyError(Exception):
    """What a body may not do, found as it runs: too much, or the wrong kind of value. The
    message says so in Italian."""


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def text_too_long() -> BodyError:
    return BodyError(
        f"qui verrebbe un testo di più di {_thousands(MAX_TEXT)} caratteri, troppi per una pagina"
    )


def check_binop(operator: str, left: object, right: object) -> None:
    """Refuse `left operator right` when its result would be too large to make."""
    if isinstance(left, Undefined) or isinstance(right, Undefined):
        return  # the operation itself says which name is missing
    if operator == "%" and isinstance(left, str):
        _check_format(left, right)
    elif _is_text(left) or _is_text(right):
        _check_text(operator, left, right)
    elif _is_number(left) and _is_number(right):
        _check_number(operator, left, right)
    else:
        raise BodyError(_ONLY_NUMBERS_AND_TEXT)


def joined(parts: Iterable[object]) -> str:
    """`a ~ b`: the parts' texts one after the other, within MAX_TEXT."""
    texts = [soft_str(printable(part)) for part in parts]
    if sum(map(len, texts)) > MAX_TEXT:
        raise text_too_long()
    return "".join(texts)


def printable(value: object) -> object:
    """The value, if a page can show it as text; a list, a record or a helper it cannot."""
    if isinstance(value, Undefined):
        str(value)  # raises the missing name's own error
    if isinstance(value, PRINTABLE):
        return value
    raise BodyError(
        "questo valore non è un testo ma un gruppo di valori: scrivi uno dei suoi campi "
        "(per esempio {{ site.legal.rea }} invece di {{ site.legal }})"
    )


def comparable(value: object) -> object:
    """The value, if a comparison may take it: a text, a plain value, or a short list of them.
    Comparing long or nested lists is one C call as long as their lengths multiplied."""
    if isinstance(value, (Undefined, *PRINTABLE)):
        return value
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
    if (
        isinstance(items, list | tuple | set | frozenset)
        and len(value) <= MAX_ITEMS
        and all(isinstance(item, PRINTABLE) for item in items)
    ):
        return value
    raise BodyError(
        f"qui si possono confrontare solo testi, numeri ed elenchi di al massimo {MAX_ITEMS} "
        "testi o numeri"
    )


_ONLY_NUMBERS_AND_TEXT = (
    "qui si può calcolare solo con numeri e testi (per esempio {{ 2 * 3 }} o {{ site.name ~ '!' }})"
)


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal)


def _check_text(operator: str, left: object, right: object) -> None:
    if operator == "+" and _is_text(left) and _is_text(right):
        length = len(left) + len(right)
    elif operator == "*" and _is_text(left) and isinstance(right, int):
        length = len(left) * right
    elif operator == "*" and isinstance(left, int) and _is_text(right):
        length = left * len(right)
    else:
        raise BodyError(
            "qui un testo si può solo unire a un altro testo ({{ a ~ b }}) o ripetere un numero"
            " di volte ({{ '-' * 3 }})"
        )
    if length > MAX_TEXT:
        raise text_too_long()


def _check_number(operator: str, left: int | float | Decimal, right: int | float | Decimal) -> None:
    if not (isinstance(left, int) and isinstance(right, int)):
        return  # floats overflow at once; Decimal keeps its context's precision
    if operator == "**":  # an exponent past _MAX_BITS is too much for any base but 0, 1, -1
        grows = abs(left) > 1 and right > 0
        bits = min(right, _MAX_BITS + 1) * math.log2(abs(left)) if grows else 0
    elif operator == "*":
        bits = left.bit_length() + right.bit_length()
    else:  # + - / // % give no longer a number than their operands
        bits = max(left.bit_length(), right.bit_length()) + 1
    if bits > _MAX_BITS:
        raise BodyError(
            f"qui verrebbe un numero di più di {_thousands(MAX_DIGITS)} cifre, troppe per una "
            "pagina"
        )


def _check_format(template: str, arguments: object) -> None:
    """`"%5d" % 3`: refused when the widths and the values together exceed MAX_TEXT."""
    if isinstance(arguments, dict):
        values: Iterable[object] = arguments.values()
    else:
        values = arguments if isinstance(arguments, tuple) else (arguments,)
    length = len(template)
    for match in _CONVERSION.finditer(template):
        if "*" in (match[1], match[2]):
            raise BodyError("in «%*d» la larghezza va scritta in cifre, per esempio «%5d»")
        length += _width(match[1]) + _width(match[2] or "")
    length += sum(len(soft_str(printable(value))) for value in values)
    if length > MAX_TEXT:
        raise text_too_long()


def _width(digits: str) -> int:
    """A conversion's width or precision; one too long to read is too long to make."""
    if len(digits) > len(str(MAX_TEXT)):
        return MAX_TEXT + 1
    return int(digits or 0)
