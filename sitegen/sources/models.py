"""Typed, immutable models of the sources staff edit.

Validation lives here so that every later stage can trust its input: the renderer and the SLA
engine never re-check what these models already guarantee. The YAML reader hands every value
over as text (yamlsource.py), so these models decide what a value means: "18:00" and "18.00"
are times, "8" and "4,5" are hours, "2026-08-14" is a date. Every message a validator raises is
for staff: plain Italian, with what to write instead. The field descriptions are Italian too:
they become the hints editors show while staff type (schemas/, made by sources/schema.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, time
from functools import cached_property
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from sitegen.core.characters import control_character
from sitegen.core.errors import LocatedValueError, Problem
from sitegen.core.italian import clock_label, duration_words
from sitegen.core.urls import check_base_url
from sitegen.sources.plan_colours import (
    PlanColours,
    UnreadableColour,
    palette_colours,
    plan_colours,
)
from sitegen.sources.plan_wording import (
    MINUTES_PER_DAY,
    clock_times_in,
    coverage_words,
    days_in,
    days_words,
    durations_in,
    holidays_in,
    is_round_the_clock,
    response_words,
)

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


def _unquoted(value: object) -> object:
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
    BeforeValidator(_unquoted),
    Field(
        pattern=r"^[a-z][a-z0-9-]*$",
        max_length=40,
        description="L’identificativo del piano nell’indirizzo delle pagine: lettere minuscole, "
        "cifre e trattini, come gold (pagina /piani/gold/).",
    ),
]
RowKey = Annotated[
    str,
    BeforeValidator(_unquoted),
    Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=60),
]

_CLOCK = re.compile(r"^([01]?\d|2[0-4])(?:[:.]([0-5]\d))?$")


def _parse_clock(value: object) -> time | None:
    """ "18:00", "8:00", "18.00" or "18" as a time; "24:00" (end of day) becomes None so
    closing can mean midnight."""
    value = _unquoted(value)
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
    value = _unquoted(value)
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
    value = _unquoted(value)
    if isinstance(value, str) and value.casefold() not in CHANNELS:
        english = _ITALIAN_CHANNELS.get(value.casefold(), "chat" if "chat" in value else None)
        fix = f"scrivi {english}" if english else "scrivi email, phone o chat"
        raise ValueError(f"«{value}» non è un canale di contatto: {fix}")
    return value.casefold() if isinstance(value, str) else value


ChannelName = Annotated[Channel, BeforeValidator(_channel)]


def _yes_no(value: object) -> object:
    """true/false, and the Italian sì/no; pydantic reads the English forms itself."""
    value = _unquoted(value)
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


def _hours(value: object) -> object:
    """Hours as a number: "8", "1.5", and the Italian decimal comma "1,5"."""
    value = _unquoted(value)
    if isinstance(value, str):
        number = value.replace(",", ".", 1)
        try:
            return float(number)
        except ValueError:
            raise ValueError(
                f"«{value}» non è un numero di ore: scrivi le ore in cifre, per esempio 8, "
                "oppure 0.5 per mezz’ora"
            ) from None
    return value


def _at_least_a_minute(hours: float) -> float:
    """Both SLA engines count whole minutes: a shorter target would round to nothing."""
    if hours * 60 < 1:
        raise ValueError(f"{hours:g} ore sono meno di un minuto: il tempo minimo è 1 minuto")
    if hours > 24 * 7:
        raise ValueError(f"{hours:g} ore sono più di una settimana: il massimo è 168 ore")
    return hours


class Model(BaseModel):
    """Shared strictness: unknown keys are errors (typos must not pass silently), values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _minutes(value: time | None) -> int:
    return MINUTES_PER_DAY if value is None else value.hour * 60 + value.minute


def _midnight_as_zero(minutes: set[int]) -> set[int]:
    """Times of day with midnight written once: "alle 24:00" and "da mezzanotte" are both it."""
    return {minute % MINUTES_PER_DAY for minute in minutes}


class Coverage(Model):
    """When a plan's clock runs: the days, the daily window and the holiday rule."""

    days: Annotated[
        tuple[Day, ...],
        Field(
            min_length=1,
            description="I giorni coperti, con le sigle inglesi: mon tue wed thu fri sat sun.",
        ),
    ]
    opens: Annotated[
        Clock, Field(description="L’ora in cui inizia la copertura, per esempio 08:00.")
    ]
    closes: Annotated[
        Clock,
        Field(
            description="L’ora in cui finisce la copertura, per esempio 18:00 (24:00 è mezzanotte)."
        ),
    ]
    closed_on_holidays: Annotated[
        YesNo,
        Field(
            description="true se il piano non conta i giorni festivi (e le chiusure di site.yaml), "
            "false se li copre."
        ),
    ]
    holidays_stated: Annotated[
        YesNo,
        Field(
            description="false se il documento non dice se il piano copre i festivi: il confronto "
            "lo scrive, e il calcolo segue closed_on_holidays."
        ),
    ] = True
    text: Annotated[
        OptionalLine,
        Field(
            description="Facoltativo: le parole con cui il sito descrive la copertura. Se manca, "
            "il "
            "sito le scrive dai dati (lunedì-venerdì, dalle 8:00 alle 20:00)."
        ),
    ] = None

    @model_validator(mode="after")
    def _window_is_possible(self) -> Coverage:
        if self.opens is None:
            raise LocatedValueError(
                "«opens» non può essere 24:00: la copertura inizierebbe a fine giornata", "opens"
            )
        if _minutes(self.closes) <= _minutes(self.opens):
            raise LocatedValueError(
                f"la copertura finisce ({clock_label(self.closes)}) prima di iniziare "
                f"({clock_label(self.opens)}): «closes» deve venire dopo «opens»",
                "closes",
            )
        if len(set(self.days)) != len(self.days):
            raise LocatedValueError("un giorno è scritto due volte: cancellane uno", "days")
        if self.text is not None:
            self._text_agrees()
        return self

    def _text_agrees(self) -> None:
        """Staff's own words may not contradict the data: times, days and holidays."""
        assert self.text is not None
        derived = self.wording_from_data
        instead = f"oppure cancella «text» e il sito scriverà «{derived}»"
        times = clock_times_in(self.text)
        wanted = {self.opens_minute, self.closes_minute}
        if times is None or _midnight_as_zero(times) != _midnight_as_zero(wanted):
            raise LocatedValueError(
                f"il testo «{self.text}» non dice gli stessi orari dei dati (dalle "
                f"{clock_label(self.opens)} alle {clock_label(self.closes)}): correggilo, "
                f"{instead}",
                "text",
            )
        days = days_in(self.text)
        if days is not None and days != set(self.weekday_numbers):
            raise LocatedValueError(
                f"il testo «{self.text}» non dice gli stessi giorni dei dati "
                f"({days_words(self.weekday_numbers)}): correggilo, {instead}",
                "text",
            )
        holidays = holidays_in(self.text)
        if holidays is not None and holidays != self.closed_on_holidays:
            said = "esclude" if holidays else "include"
            raise LocatedValueError(
                f"il testo «{self.text}» {said} le festività, ma closed_on_holidays dice il "
                f"contrario: correggi uno dei due, {instead}",
                "text",
            )

    @property
    def opens_minute(self) -> int:
        """Minutes after midnight at which coverage starts."""
        return _minutes(self.opens)

    @property
    def closes_minute(self) -> int:
        """Minutes after midnight at which coverage ends (1440 means midnight)."""
        return _minutes(self.closes)

    @cached_property
    def weekday_numbers(self) -> tuple[int, ...]:
        """Covered days as Python weekday numbers (Monday is 0), in week order; cached, as the
        SLA engine asks for it on every day it walks."""
        return tuple(sorted(WEEKDAYS.index(day) for day in self.days))

    @property
    def round_the_clock(self) -> bool:
        """Every minute of every day counts, holidays included."""
        return is_round_the_clock(
            self.weekday_numbers, self.opens_minute, self.closes_minute, self.closed_on_holidays
        )

    @property
    def wording_from_data(self) -> str:
        return coverage_words(
            self.weekday_numbers,
            self.opens_minute,
            self.closes_minute,
            self.closed_on_holidays,
            self.holidays_stated,
        )

    @property
    def wording(self) -> str:
        """What the site says of the coverage: staff's words, else words made from the data."""
        return self.text or self.wording_from_data


class Response(Model):
    """The guaranteed response time: hours of covered time, and optionally the words for it."""

    hours: Annotated[
        float,
        BeforeValidator(_hours),
        AfterValidator(_at_least_a_minute),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "number", "exclusiveMinimum": 0, "maximum": 168},
                    {
                        "type": "string",
                        "pattern": r"^\s*\d+([.,]\d+)?\s*$",
                        "patternErrorMessage": "Scrivi le ore in cifre, per esempio 8 o 0.5.",
                    },
                ]
            }
        ),
        Field(
            description="Entro quante ore di copertura arriva la risposta: 8, 1.5, 0.5 (mezz’ora)."
        ),
    ]
    text: Annotated[
        OptionalLine,
        Field(
            description="Facoltativo: le parole con cui il sito dice il tempo di risposta. Se "
            "manca, il sito le scrive dai dati (entro 8 ore lavorative)."
        ),
    ] = None

    @model_validator(mode="after")
    def _text_matches_hours(self) -> Response:
        """Staff's own words must state the same time as the data."""
        if self.text is None:
            return self
        found = durations_in(self.text)
        data = duration_words(self.minutes)
        instead = "oppure cancella «text» e il sito lo scriverà dai dati"
        if found is None:
            raise LocatedValueError(
                f"il testo «{self.text}» conta in giorni: scrivi il tempo in ore o minuti "
                f"(per esempio «entro {data}»), {instead}",
                "text",
            )
        if not found or any(minutes != self.minutes for minutes in found):
            said = f"dice {duration_words(found[0])}" if found else "non dice entro quanto"
            raise LocatedValueError(
                f"il testo «{self.text}» {said}, ma hours dice {data}: correggi uno dei due, "
                f"{instead}",
                "text",
            )
        return self

    @property
    def minutes(self) -> int:
        """The target in whole minutes, the unit both SLA engines count in."""
        return round(self.hours * 60)


class PlanLine(Model):
    """One line the document lists for a plan, and the comparison row it stands in."""

    text: Annotated[Line, Field(description="La riga, con le parole del documento.")]
    row: Annotated[
        RowKey | None,
        Field(
            description="La riga del confronto in cui compare (una chiave di comparison.groups). "
            "Se manca, la riga compare tra gli «altri» del confronto."
        ),
    ] = None


def _plan_line(value: object) -> object:
    """A plain text is a line without a row; a one-key mapping is a colon inside a line."""
    if isinstance(value, dict) and len(value) == 1 and not {"text", "row"} & value.keys():
        [(key, rest)] = value.items()
        whole = f"{key}: {rest}" if rest is not None else f"{key}:"
        raise ValueError(
            f"questa riga contiene «: », che qui separa un campo dal suo valore: metti tutto il "
            f'testo tra virgolette, - "{whole}"'
        )
    return {"text": value} if isinstance(value, str) else value


PlanLineEntry = Annotated[PlanLine, BeforeValidator(_plan_line)]
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _colour(value: object) -> object:
    value = _unquoted(value)
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


class Plan(Model):
    """One service level, with every line the document gives it."""

    id: PlanId
    name: Annotated[Line, Field(description="Il nome del piano come lo leggono i clienti: Gold.")]
    audience: Annotated[
        Line, Field(description="A chi è destinato il piano, come lo dice il documento.")
    ]
    response: Response
    coverage: Coverage
    channels: Annotated[
        tuple[ChannelName, ...],
        Field(min_length=1, description="Come si contatta l’assistenza: email, phone, chat."),
    ]
    services: Annotated[
        tuple[PlanLineEntry, ...], Field(description="I servizi inclusi, una riga per servizio.")
    ] = ()
    exclusions: Annotated[
        tuple[PlanLineEntry, ...], Field(description="Le esclusioni, una riga per esclusione.")
    ] = ()
    advantages: Annotated[
        tuple[PlanLineEntry, ...], Field(description="I vantaggi, una riga per vantaggio.")
    ] = ()
    colour: Annotated[
        Colour | None,
        Field(
            description='Facoltativo: il colore del piano nel tema chiaro, come "#8b4513". Se '
            "manca, il sito usa la tavolozza per livello."
        ),
    ] = None
    colour_dark: Annotated[
        Colour | None,
        Field(
            description="Facoltativo: il colore del piano nel tema scuro. Se manca, il sito lo "
            "ricava da colour (o dalla tavolozza)."
        ),
    ] = None

    @model_validator(mode="after")
    def _colours_are_readable(self) -> Plan:
        """A colour staff choose must carry readable text in both themes (WCAG AA, 4.5:1)."""
        if self.colour is None and self.colour_dark is None:
            return self
        try:
            plan_colours(self.colour, self.colour_dark, palette_colours(0))
        except UnreadableColour as error:
            dark = error.theme == "dark" and self.colour_dark is not None
            raise LocatedValueError(str(error), "colour_dark" if dark else "colour") from None
        return self

    @property
    def lines(self) -> tuple[PlanLine, ...]:
        """Every line the document lists for this plan, in document order."""
        return self.services + self.exclusions + self.advantages

    @property
    def response_wording(self) -> str:
        """What the site says of the response time: staff's words, else the data's."""
        return self.response.text or response_words(
            self.response.minutes, self.coverage.round_the_clock
        )


LINE_KINDS = ("services", "exclusions", "advantages")
# Rows derived from the plan data rather than from plan lines, by key.
FIELD_ROWS = ("audience", "response", "coverage_days", "coverage_hours", "holidays", *CHANNELS)


class ComparisonGroup(Model):
    """A titled block of rows, each `key: label`, in table order."""

    title: Annotated[Line, Field(description="Il titolo del gruppo di righe nella tabella.")]
    rows: Annotated[
        dict[RowKey, Line],
        Field(
            min_length=1,
            description="Le righe del gruppo, una per riga: chiave: Etichetta. Le chiavi audience, "
            "response, coverage_days, coverage_hours, holidays, email, phone e chat mostrano i "
            "dati del piano; le altre raccolgono le righe dei piani che le nominano.",
        ),
    ]


class OtherLines(Model):
    """Where the lines that name no row are shown: one row per kind, in a last group."""

    title: Annotated[Line, Field(description="Il titolo del gruppo.")] = "Altro"
    services: Annotated[Line, Field(description="L’etichetta della riga dei servizi.")] = (
        "Altri servizi inclusi"
    )
    exclusions: Annotated[Line, Field(description="L’etichetta della riga delle esclusioni.")] = (
        "Altre esclusioni"
    )
    advantages: Annotated[Line, Field(description="L’etichetta della riga dei vantaggi.")] = (
        "Altri vantaggi"
    )


class Comparison(Model):
    """The comparison table: the wording of derived cells and the grouped rows."""

    available: Annotated[Line, Field(description="Come si dice che un canale c’è.")] = "Sì"
    unavailable: Annotated[Line, Field(description="Come si dice che un canale non c’è.")] = "No"
    unstated: Annotated[Line, Field(description="Come si dice che il documento non ne parla.")] = (
        "Non indicato"
    )
    holidays_excluded: Line = "Escluse"
    holidays_included: Line = "Incluse"
    holidays_unstated: Line = "Non indicate"
    groups: Annotated[tuple[ComparisonGroup, ...], Field(min_length=1)]
    other_lines: OtherLines = OtherLines()

    @model_validator(mode="before")
    @classmethod
    def _not_the_old_form(cls, data: Any) -> Any:
        """The old `cells:` form quoted every line a second time: one message says what to
        write instead."""
        if not isinstance(data, dict):
            return data
        for group_index, group in enumerate(data.get("groups") or ()):
            rows = group.get("rows") if isinstance(group, dict) else None
            if isinstance(rows, list):
                at = ("groups", group_index, "rows")
                for row_index, row in enumerate(rows):
                    if isinstance(row, dict) and "cells" in row:
                        at = ("groups", group_index, "rows", row_index, "cells")
                        break
                raise LocatedValueError(OLD_CELLS, *at)
        if "caption" in data:
            raise LocatedValueError(
                "«caption» non serve più: il titolo del confronto viene dai nomi dei piani. "
                "Cancella la riga",
                "caption",
            )
        return data

    @property
    def row_labels(self) -> dict[str, str]:
        """Every declared row's label by key, in table order."""
        return {key: label for group in self.groups for key, label in group.rows.items()}


OLD_CELLS = (
    "questa è la vecchia forma del confronto, con «cells» che ripete ogni riga dei piani. Ora "
    "ogni gruppo elenca le sue righe come «chiave: Etichetta» (per esempio «monitoraggio: "
    "Monitoraggio»), e ogni servizio, esclusione o vantaggio dice da sé la sua riga sotto il suo "
    "piano: «- text: Monitoraggio giornaliero dei sistemi» e, sotto, «row: monitoraggio». "
    "Cancella «cells» e i suoi elenchi (vedi la guida in docs/guida-staff.md)"
)


def slugify(label: str) -> str:
    """ASCII slug of an Italian label: "Priorità e urgenze" -> "priorita-e-urgenze"."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Catalogue(Model):
    """All of plans.yaml: the introduction, the plans and how to compare them."""

    intro: Annotated[
        Paragraph,
        Field(description="La frase che presenta i piani, in cima alle pagine dei piani."),
    ]
    channel_names: Annotated[
        dict[ChannelName, Line],
        Field(description="Come il sito chiama ogni canale di contatto: phone: telefono."),
    ]
    plans: Annotated[
        tuple[Plan, ...],
        Field(min_length=1, description="I piani, dal più semplice al più completo."),
    ]
    comparison: Comparison

    @model_validator(mode="after")
    def _plans_fit_together(self) -> Catalogue:
        seen: set[str] = set()
        for index, plan in enumerate(self.plans):
            if plan.id in seen:
                raise LocatedValueError(
                    f"c’è già un piano con id «{plan.id}»: ogni piano ha il suo, che diventa "
                    f"l’indirizzo della sua pagina (/piani/{plan.id}/)",
                    "plans",
                    index,
                    "id",
                )
            seen.add(plan.id)
        for index, plan in enumerate(self.plans):
            missing = [c for c in plan.channels if c not in self.channel_names]
            if missing:
                raise LocatedValueError(
                    f"il canale «{missing[0]}» non ha un nome in channel_names: aggiungilo",
                    "plans",
                    index,
                    "channels",
                )
        self._rows_are_known()
        return self

    def _rows_are_known(self) -> None:
        """Rows are declared once, labels differ, and every line names a declared row."""
        declared: dict[str, tuple[int, str]] = {}
        labels: set[str] = set()
        for group_index, group in enumerate(self.comparison.groups):
            here = ("comparison", "groups", group_index)
            if group.title in labels:
                raise LocatedValueError(_SAME_LABEL.format(group.title), *here, "title")
            labels.add(group.title)
            for key, label in group.rows.items():
                if key in declared:
                    raise LocatedValueError(
                        f"la riga «{key}» è già nel gruppo «{declared[key][1]}»: ogni riga "
                        "compare una volta sola",
                        *here,
                        "rows",
                        key,
                    )
                if label in labels:
                    raise LocatedValueError(_SAME_LABEL.format(label), *here, "rows", key)
                declared[key] = (group_index, group.title)
                labels.add(label)
        for plan_index, plan in enumerate(self.plans):
            for kind in LINE_KINDS:
                for line_index, line in enumerate(getattr(plan, kind)):
                    if line.row is not None and line.row not in declared:
                        known = ", ".join(key for key in declared if key not in FIELD_ROWS)
                        raise LocatedValueError(
                            f"la riga del confronto «{line.row}» non esiste: usa una di queste "
                            f"({known}), oppure aggiungila in comparison.groups, oppure togli "
                            "«row» e la riga comparirà tra gli altri",
                            "plans",
                            plan_index,
                            kind,
                            line_index,
                            "row",
                        )

    @cached_property
    def colours(self) -> dict[str, PlanColours]:
        """Each plan's colours: its own, else the palette's for its level."""
        return {
            plan.id: plan_colours(plan.colour, plan.colour_dark, palette_colours(index))
            for index, plan in enumerate(self.plans)
        }

    def plan(self, plan_id: str) -> Plan:
        """The plan with this id; KeyError names the known ones."""
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        known = ", ".join(plan.id for plan in self.plans)
        raise KeyError(f"non c’è un piano «{plan_id}» (i piani sono: {known})")


_SAME_LABEL = "«{}» è già l’etichetta di un’altra riga o gruppo: scegline una diversa"


def sla_terms(plans: Iterable[Plan]) -> dict[str, tuple[Coverage, int]]:
    """Every plan's timetable and response time in minutes, by id: what the SLA clock reads
    of a plan (sla/terms.py)."""
    return {plan.id: (plan.coverage, plan.response.minutes) for plan in plans}


class Closure(Model):
    """A day the company is closed beyond the public holidays (plans closed on holidays skip it)."""

    date: Annotated[
        date,
        BeforeValidator(lambda value: _iso_date(value)),
        Field(description="Il giorno di chiusura, come 2026-08-14 (anno-mese-giorno)."),
    ]
    name: Annotated[Line, Field(description="Il nome della chiusura, come Chiusura estiva.")]


_ITALIAN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _iso_date(value: object) -> object:
    """A date as 2026-08-14; the Italian 14/08/2026 gets the exact fix."""
    value = _unquoted(value)
    if isinstance(value, str):
        italian = _ITALIAN_DATE.match(value)
        if italian:
            day, month, year = (int(part) for part in italian.groups())
            raise ValueError(f"scrivi la data come anno-mese-giorno: {year}-{month:02d}-{day:02d}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"«{value}» non è una data: scrivila come anno-mese-giorno, per esempio 2026-08-14"
            ) from None
    return value


def _partita_iva(value: str) -> str:
    """Eleven digits with the right check digit (stdnum knows the rule), shown as written."""
    from stdnum.it import iva

    if not iva.is_valid(value):
        raise ValueError(
            f"«{value}» non è una partita IVA valida: sono 11 cifre (il prefisso IT è "
            "facoltativo); controlla di averla copiata giusta"
        )
    return value


class Legal(Model):
    """Identity data Italian law asks a business site to show; empty until the company gives it."""

    partita_iva: Annotated[
        OptionalLine,
        AfterValidator(lambda value: value if value is None else _partita_iva(value)),
        Field(description="La partita IVA, 11 cifre (art. 35 DPR 633/1972)."),
    ] = None
    registered_office: Annotated[
        OptionalLine, Field(description="La sede legale (art. 2250 c.c.).")
    ] = None
    rea: Annotated[
        OptionalLine, Field(description="Il numero di Registro Imprese / REA (art. 2250 c.c.).")
    ] = None


def _known_zone(name: str) -> str:
    """The SLA engines read plan hours on this zone's wall clock: it must be one that both
    zoneinfo and the browsers' Intl know, i.e. a tz database name."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"«{name}» non è un fuso orario: scrivi il nome del fuso, per esempio Europe/Rome"
        ) from None
    return name


def _email(value: str) -> str:
    """An address and nothing else: every mailto: link is built on it, so a "?bcc=" must not
    pass (email-validator knows the addr-spec rules)."""
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise ValueError(
            f"«{value}» non è un indirizzo email: scrivi solo l’indirizzo, per esempio "
            "nome@esempio.it"
        ) from None
    return value


def _base_url(value: str) -> str:
    try:
        return check_base_url(value)
    except ValueError as error:
        raise ValueError(str(error)) from None


def _form_endpoint(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in value):
        raise ValueError(
            f"«{value}» non è un indirizzo https: scrivi l’indirizzo completo del servizio, "
            "che comincia con https://"
        )
    return value


_PHONE = re.compile(r"^\+?[0-9][0-9 ./-]{4,}[0-9]$")


def _phone(value: str) -> str:
    if not _PHONE.match(value):
        raise ValueError(
            f"«{value}» non è un numero di telefono: scrivi solo cifre, spazi e, se serve, il "
            "prefisso +39, per esempio +39 02 1234567"
        )
    return value


class Settings(Model):
    """The one place for each company fact templates may show."""

    name: Annotated[Line, Field(description="Il nome dell’azienda come compare sul sito.")]
    email: Annotated[
        Line,
        AfterValidator(_email),
        Field(description="L’indirizzo a cui arrivano le richieste dal sito."),
    ]
    language: Annotated[Literal["it"], Field(description="La lingua del sito: it.")]
    timezone: Annotated[
        Line,
        AfterValidator(_known_zone),
        Field(description="Il fuso orario degli orari dei piani: Europe/Rome."),
    ]
    base_url: Annotated[
        Line,
        AfterValidator(_base_url),
        Field(description="L’indirizzo pubblico del sito, con / finale."),
    ]
    holiday_subdivision: Annotated[
        OptionalLine,
        Field(description="La sigla della provincia per il santo patrono (MI, RM, TO...)."),
    ] = None
    closures: Annotated[
        tuple[Closure, ...],
        Field(description="Le chiusure dell’azienda oltre alle festività."),
    ] = ()
    legal: Legal = Legal()
    phone: Annotated[
        OptionalLine,
        AfterValidator(lambda value: value if value is None else _phone(value)),
        Field(description="Facoltativo: il numero di telefono dell’azienda."),
    ] = None
    address: Annotated[
        OptionalLine,
        Field(description="Facoltativo: l’indirizzo o la zona servita, come la scrive l’azienda."),
    ] = None
    form_endpoint: Annotated[
        OptionalLine,
        AfterValidator(lambda value: value if value is None else _form_endpoint(value)),
        Field(description="Facoltativo: il servizio esterno che riceve il modulo di contatto."),
    ] = None

    @model_validator(mode="after")
    def _subdivision_is_known(self) -> Settings:
        # Looked up only when set: importing `holidays` costs a build a tenth of a second, and
        # the build cache spares it when the holidays were computed before (sla.public_holidays).
        subdivision = self.holiday_subdivision
        if subdivision is None:
            return self
        from holidays.countries.italy import Italy

        if subdivision not in Italy.subdivisions:
            raise LocatedValueError(
                f"«{subdivision}» non è la sigla di una provincia: scrivi una sigla come MI, RM, "
                "TO o NA, oppure null se non serve",
                "holiday_subdivision",
            )
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The time zone of the company's hours, for the SLA calendar."""
        return ZoneInfo(self.timezone)

    @property
    def form_endpoint_host(self) -> str | None:
        """The form service's host name, which the privacy notice must name."""
        return urlsplit(self.form_endpoint).hostname if self.form_endpoint else None


def _menu(value: object) -> object:
    value = _optional(_unquoted(value))
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


class Page(Model):
    """A Markdown page from content/ with its front matter."""

    slug: str
    title: Annotated[Line, Field(max_length=200)]
    description: Annotated[Line, Field(max_length=400)]
    menu: MenuPosition = None
    menu_title: OptionalLine = None
    template: Annotated[Line, Field(max_length=100)] = "page.html"
    body: str
    body_line: int = 1  # the file line the body starts on, for FILE:LINE errors in it
    source: str
    # The line of each front matter key, as (key, line) pairs, for messages about the page.
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int | None:
        """The line of a front matter key, or None when the page does not set it."""
        return dict(self.field_lines).get(key)

    @property
    def path(self) -> str:
        """The page's pretty URL: "/" for the home page, "/contatti/" for contatti.md."""
        return f"/{self.slug}/" if self.slug else "/"


class Principle(Model):
    """One ethics principle with its stable anchor."""

    anchor: str
    text: Line


class PrincipleGroup(Model):
    """Principles under one theme heading."""

    anchor: str
    title: Line
    principles: tuple[Principle, ...]


class Ethics(Model):
    """The code of ethics: its title, the document's intro and the grouped principles."""

    title: Line
    description: Line
    menu: MenuPosition = None
    menu_title: OptionalLine = None
    intro_html: str
    groups: Annotated[tuple[PrincipleGroup, ...], Field(min_length=1)]
    # The line of each front matter key, as (key, line) pairs, for messages about the page.
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int | None:
        """The line of a front matter key, or None when the page does not set it."""
        return dict(self.field_lines).get(key)

    def principle(self, anchor: str) -> Principle | None:
        """The principle with this anchor, for a template that quotes it."""
        for group in self.groups:
            for principle in group.principles:
                if principle.anchor == anchor:
                    return principle
        return None


class Site(Model):
    """Everything the renderer needs, already validated, and what staff should still fix."""

    settings: Settings
    catalogue: Catalogue
    ethics: Ethics
    pages: tuple[Page, ...]
    # Likely slips and missing facts that do not stop a build ("avviso: …" problems).
    warnings: tuple[Problem, ...] = ()
