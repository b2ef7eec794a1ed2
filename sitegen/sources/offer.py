"""plans.yaml as a model: the plans on offer, their lines, and how to compare them.

Validation lives here so that every later stage can trust its input: the renderer and the SLA
engine never re-check what these models already guarantee. A plan is one block; its response
and coverage words come from the data unless staff give their own, which must agree with it;
its colour from the palette by level unless given; each line names its comparison row. The
field descriptions are Italian: they become the hints editors show while staff type
(schemas/, made by schema.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from functools import cached_property
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    WithJsonSchema,
    model_validator,
)

from sitegen.core.errors import LocatedValueError
from sitegen.core.italian import clock_label, duration_words
from sitegen.sources.fields import (
    CHANNELS,
    WEEKDAYS,
    ChannelName,
    Clock,
    Colour,
    Day,
    Line,
    Model,
    OptionalLine,
    Paragraph,
    PlanId,
    RowKey,
    YesNo,
    unquoted,
)
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


def _hours(value: object) -> object:
    """Hours as a number: "8", "1.5", and the Italian decimal comma "1,5"."""
    value = unquoted(value)
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


OLD_CELLS = (
    "questa è la vecchia forma del confronto, con «cells» che ripete ogni riga dei piani. Ora "
    "ogni gruppo elenca le sue righe come «chiave: Etichetta» (per esempio «monitoraggio: "
    "Monitoraggio»), e ogni servizio, esclusione o vantaggio dice da sé la sua riga sotto il suo "
    "piano: «- text: Monitoraggio giornaliero dei sistemi» e, sotto, «row: monitoraggio». "
    "Cancella «cells» e i suoi elenchi (vedi la guida in docs/guida-staff.md)"
)


class Offer(Model):
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
    def _plans_fit_together(self) -> Offer:
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
