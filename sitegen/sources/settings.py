"""site.yaml as a model: the one place for each company fact the site shows."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    model_validator,
)

from sitegen.core.errors import LocatedValueError
from sitegen.core.urls import check_base_url
from sitegen.sources.fields import Line, Model, OptionalLine, unquoted


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
    value = unquoted(value)
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
