"""The value types of the sources, each reading a value as staff wrote it.

The YAML reader hands every value over as text (yaml_reader.py), so these types decide what it
means: "18:00" and "18.00" are times, "4,5" is a number, "sì" is yes, a day is mon...sun (an
Italian name gets the exact fix). Every message a validator raises is for staff: plain
Italian, with what to write instead. Models share one strictness (Model): unknown keys are
errors, values frozen.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from sitegen.core.characters import control_character

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Channel = Literal["email", "phone", "chat"]
CHANNELS: tuple[Channel, ...] = ("email", "phone", "chat")
# Typographic quotes that word processors put around a value: “18:00” means 18:00.
_TYPOGRAPHIC_QUOTES = "“”„«»‘’‚"  # noqa: RUF001 (the quotes word processors type)


def _single_line(value: str) -> str:
    message = control_character(value, several_lines=False)
    if message:
        raise ValueError(message)
    return value


def _several_lines(value: str) -> str:
    message = control_character(value)
    if message:
        raise ValueError(message)
    return value


def _text(value: object) -> object:
    """Text as staff wrote it, without the spaces around it."""
    return value.strip() if isinstance(value, str) else value


def _optional(value: object) -> object:
    """An empty optional value is no value: `partita_iva: ""` is the same as leaving it out."""
    return None if isinstance(value, str) and not value.strip() else value


def unquoted(value: object) -> object:
    """A number, time or word without spaces and typographic quotes around it."""
    return value.strip().strip(_TYPOGRAPHIC_QUOTES).strip() if isinstance(value, str) else value


Line = Annotated[
    str,
    BeforeValidator(_text),
    Field(min_length=1),
    AfterValidator(_single_line),
]
Paragraph = Annotated[
    str, BeforeValidator(_text), Field(min_length=1), AfterValidator(_several_lines)
]
OptionalLine = Annotated[Line | None, BeforeValidator(_optional)]
PlanId = Annotated[
    str,
    BeforeValidator(unquoted),
    Field(
        pattern=r"^[a-z][a-z0-9-]*$",
        max_length=40,
        description="L’identificativo del piano nell’indirizzo delle pagine: lettere minuscole, "
        "cifre e trattini, come gold (pagina /piani/gold/).",
    ),
]
RowKey = Annotated[
    str,
    BeforeValidator(unquoted),
    Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=60),
]

_CLOCK = re.compile(r"^([01]?\d|2[0-4])(?:[:.]([0-5]\d))?$")


def _parse_clock(value: object) -> time | None:
    """ "18:00", "8:00", "18.00" or "18" as a time; "24:00" (end of day) becomes None so
    closing can mean midnight."""
    value = unquoted(value)
    example = "scrivi ore e minuti tra 00:00 e 24:00, per esempio 18:00"
    if not isinstance(value, str):
        raise ValueError(f"qui serve un orario: {example}")
    match = _CLOCK.match(value)
    if not match:
        raise ValueError(f"«{value}» non è un orario: {example}")
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour == 24 and minute:
        raise ValueError(f"«{value}» non è un orario: l’ultimo orario possibile è 24:00")
    return None if hour == 24 else time(hour, minute)


Clock = Annotated[
    time | None,
    BeforeValidator(_parse_clock),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": r"^\s*[“”\"']?([01]?\d|2[0-4])([:.][0-5]\d)?[“”\"']?\s*$",
                    "patternErrorMessage": "Scrivi un orario tra 00:00 e 24:00, per esempio 18:00.",
                },
                {"type": "number", "minimum": 0, "maximum": 24},
            ],
            "examples": ["08:00", "18:00"],
        }
    ),
]

_ITALIAN_DAYS = {
    "lun": "mon",
    "mar": "tue",
    "mer": "wed",
    "gio": "thu",
    "ven": "fri",
    "sab": "sat",
    "dom": "sun",
}


def _weekday(value: object) -> object:
    """A day as the data writes it (mon…sun); an Italian name gets the exact fix."""
    value = unquoted(value)
    if isinstance(value, str) and value.casefold() not in WEEKDAYS:
        english = _ITALIAN_DAYS.get(unicodedata.normalize("NFKD", value.casefold())[:3])
        fix = f"scrivi {english}" if english else "usa le sigle mon tue wed thu fri sat sun"
        raise ValueError(
            f"«{value}» non è un giorno come lo scrive questo file: {fix} (i giorni si "
            "scrivono con le sigle inglesi: mon tue wed thu fri sat sun)"
        )
    return value.casefold() if isinstance(value, str) else value


Day = Annotated[Weekday, BeforeValidator(_weekday)]
_ITALIAN_CHANNELS = {"telefono": "phone", "tel": "phone", "posta": "email", "e-mail": "email"}


def _channel(value: object) -> object:
    value = unquoted(value)
    if isinstance(value, str) and value.casefold() not in CHANNELS:
        english = _ITALIAN_CHANNELS.get(value.casefold(), "chat" if "chat" in value else None)
        fix = f"scrivi {english}" if english else "scrivi email, phone o chat"
        raise ValueError(f"«{value}» non è un canale di contatto: {fix}")
    return value.casefold() if isinstance(value, str) else value


ChannelName = Annotated[Channel, BeforeValidator(_channel)]


def _yes_no(value: object) -> object:
    """true/false, and the Italian sì/no; pydantic reads the English forms itself."""
    value = unquoted(value)
    if isinstance(value, str) and value.casefold() in ("sì", "si"):
        return True
    if isinstance(value, str) and value.casefold() not in (
        "true",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "1",
        "0",
    ):
        raise ValueError(f"«{value}» non è un sì o un no: scrivi true (sì) oppure false (no)")
    return value


YesNo = Annotated[bool, BeforeValidator(_yes_no)]


class Model(BaseModel):
    """Shared strictness: unknown keys are errors (typos must not pass silently), values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _colour(value: object) -> object:
    value = unquoted(value)
    if isinstance(value, str) and not _HEX.match(value):
        raise ValueError(
            f'«{value}» non è un colore: scrivi # e sei cifre esadecimali, per esempio "#8b4513" '
            "(tra virgolette, perché # in YAML comincia un commento)"
        )
    return value.lower() if isinstance(value, str) else value


Colour = Annotated[
    str,
    BeforeValidator(_colour),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^#[0-9a-fA-F]{6}$",
            "patternErrorMessage": 'Scrivi il colore come "#8b4513": # e sei cifre esadecimali.',
        }
    ),
]


def _menu(value: object) -> object:
    value = _optional(unquoted(value))
    if isinstance(value, str) and not value.isdigit():
        raise ValueError(
            f"«{value}» non è una posizione nel menu: scrivi un numero in cifre, per esempio 4"
        )
    return value


MenuPosition = Annotated[
    Annotated[int, Field(ge=1, le=99)] | None,
    BeforeValidator(_menu),
    Field(description="La posizione nel menu principale: 1, 2, 3..."),
]
