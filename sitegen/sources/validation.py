"""A model's validation errors as problems staff can fix: plain Italian, at the right line.

pydantic words its errors for programmers ("Input should be a valid string"); staff need to
read what is wrong and what to write. Each error becomes one `FILE:LINE: message` problem:
a missing field names what it is for, an unknown key suggests the field it resembles, or says
that it belongs to another section (a key indented under the wrong parent), and every other
error says what the value must look like.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from sitegen.core.errors import LocatedValueError, Problem, SourceError
from sitegen.sources.yaml_reader import LineMap, Location, line_of

ModelT = typing.TypeVar("ModelT", bound=BaseModel)


def validate(model: type[ModelT], data: Any, path: str, lines: LineMap) -> ModelT:
    """Validate data as model; turn pydantic's errors into Italian FILE:LINE problems."""
    if not isinstance(data, dict):
        message = "il file deve contenere dei campi, uno per riga, come «nome: valore»"
        raise SourceError.at(path, line_of(lines, ()), message)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        raise SourceError(problems_of(model, errors, path, lines)) from None


def problems_of(
    model: type[BaseModel], errors: list[Any], path: str, lines: LineMap
) -> list[Problem]:
    """One problem per error, in file order, each once; a mistyped key and the field it
    misses are one problem (the suggestion), not two."""
    missing = {tuple(detail["loc"]) for detail in errors if detail["type"] == "missing"}
    suggested = {_suggested_field(model, detail, missing) for detail in errors}
    found = {
        _problem(model, detail, path, lines, missing)
        for detail in errors
        if not (detail["type"] == "missing" and tuple(detail["loc"]) in suggested)
    }
    return sorted(found, key=lambda problem: (problem.line or 0, problem.message))


def _suggested_field(
    model: type[BaseModel], detail: Any, missing: set[tuple[Any, ...]]
) -> tuple[Any, ...] | None:
    """For an unknown key, the missing field it is surely a misspelling of."""
    if detail["type"] != "extra_forbidden":
        return None
    location = tuple(detail["loc"])
    wanted = [str(loc[-1]) for loc in missing if loc[:-1] == location[:-1]]
    close = difflib.get_close_matches(str(location[-1]), wanted, n=1, cutoff=0.6)
    return (*location[:-1], close[0]) if close else None


def _problem(
    model: type[BaseModel], detail: Any, path: str, lines: LineMap, missing: set[tuple[Any, ...]]
) -> Problem:
    location = tuple(part for part in detail["loc"] if part != "[key]")
    cause = detail.get("ctx", {}).get("error")
    if isinstance(cause, LocatedValueError):
        location = (*location, *cause.at)
    kind = detail["type"]
    if kind == "missing":
        return Problem(path, line_of(lines, location[:-1]), _missing(model, location))
    if kind == "extra_forbidden":
        wanted = [str(loc[-1]) for loc in missing if loc[:-1] == location[:-1]]
        return Problem(path, line_of(lines, location), _unknown(model, location, wanted))
    return Problem(path, line_of(lines, location), _message(kind, detail, cause, location))


def _missing(model: type[BaseModel], location: Location) -> str:
    name = str(location[-1])
    field = _fields_at(model, location[:-1]).get(name)
    what = f" ({_first_sentence(field.description)})" if field and field.description else ""
    parent = _parent_name(location)
    return f"manca «{name}»{what}: aggiungi la riga «{name}: …»{parent}"


def _unknown(model: type[BaseModel], location: Location, wanted: list[str]) -> str:
    name = str(location[-1])
    here = _fields_at(model, location[:-1])
    likely = difflib.get_close_matches(name, wanted, n=1, cutoff=0.6)
    if likely:
        return f"«{name}» non è un campo di questa sezione: forse intendevi «{likely[0]}»?"
    elsewhere = [place for place in _places_of(model, name) if place != _shape(location[:-1])]
    if elsewhere:
        owner = next((str(part) for part in reversed(elsewhere[0]) if part != "*"), None)
        where = f"sotto «{owner}:»" if owner else "al primo livello del file"
        return (
            f"«{name}» non va qui: va {where}. Controlla il rientro della riga (solo spazi, "
            "allineata con i campi dello stesso gruppo)"
        )
    close = difflib.get_close_matches(name, list(here), n=1, cutoff=0.6)
    hint = f": forse intendevi «{close[0]}»?" if close else ""
    known = ", ".join(here)
    listed = f" (qui si possono usare: {known})" if not close and known else ""
    return f"«{name}» non è un campo di questa sezione{hint}{listed}"


def _message(kind: str, detail: Any, cause: object, location: Location) -> str:
    name = _name(location)
    given = detail.get("input")
    ctx = detail.get("ctx", {})
    if kind in ("value_error", "assertion_error") and cause is not None:
        return str(cause)
    if kind in ("string_type", "str_type"):
        return f"{name} deve essere un testo, non {_kind_of(given)}"
    if kind in ("tuple_type", "list_type", "iterable_type"):
        return (
            f"{name} deve essere un elenco: una voce per riga che comincia con «- », oppure "
            "tra parentesi quadre, come [mon, tue]"
        )
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        if given is None:
            return f"{name} è vuoto: scrivi i suoi campi nelle righe sotto, rientrati di due spazi"
        return f"{name} deve contenere dei campi («nome: valore»), rientrati nelle righe sotto"
    if kind == "too_short":
        return f"{name} è vuoto: scrivi almeno una voce"
    if kind == "string_too_short":
        return f"{name} è vuoto: scrivi il testo dopo i due punti"
    if kind in ("too_long", "string_too_long"):
        return f"{name} è troppo lungo: al massimo {ctx.get('max_length')} caratteri"
    if kind == "string_pattern_mismatch":
        return (
            f"«{given}» non va bene per {name}: usa solo lettere minuscole senza accenti, "
            "cifre e trattini, e comincia con una lettera, per esempio gold"
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"«{given}» non va bene per {name}: scrivi {expected}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{name} deve essere almeno {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{name} può essere al massimo {ctx.get('le', ctx.get('lt'))}"
    if kind in ("int_parsing", "int_type", "float_parsing", "float_type"):
        return f"«{given}» non è un numero: scrivi {name} in cifre"
    if kind in ("bool_parsing", "bool_type"):
        return f"«{given}» non è un sì o un no: scrivi true (sì) oppure false (no)"
    return f"il valore di {name} non va bene: guarda come è scritto negli esempi della guida"


def _name(location: Location) -> str:
    names = [str(part) for part in location if not isinstance(part, int)]
    return f"«{names[-1]}»" if names else "il file"


def _parent_name(location: Location) -> str:
    parents = [str(part) for part in location[:-1] if not isinstance(part, int)]
    return f" sotto «{parents[-1]}:»" if parents else ""


def _kind_of(value: object) -> str:
    if isinstance(value, dict):
        return "un gruppo di campi (forse una riga contiene «: » e va messa tra virgolette)"
    if isinstance(value, list):
        return "un elenco"
    return "un valore vuoto" if value is None else "questo valore"


def _first_sentence(text: str) -> str:
    return text.split(". ", 1)[0].rstrip(".").lower()


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models a field's annotation holds, through unions, tuples, dicts and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if typing.get_origin(annotation) is typing.Annotated:
        yield from _models_in(typing.get_args(annotation)[0])
        return
    for argument in typing.get_args(annotation):
        if argument is not Ellipsis and not isinstance(argument, str | types.NoneType):
            yield from _models_in(argument)


def _fields_at(model: type[BaseModel], location: Location) -> dict[str, Any]:
    """The fields of the model that the value at `location` is validated as ({} if none)."""
    current: type[BaseModel] | None = model
    for part in location:
        if current is None:
            return {}
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        current = next(_models_in(field.annotation), None) if field else None
    return dict(current.model_fields) if current else {}


def _places_of(model: type[BaseModel], name: str) -> list[tuple[str, ...]]:
    """Where a field called `name` may stand in the file, as paths with "*" for list items."""
    places: list[tuple[str, ...]] = []

    def visit(current: type[BaseModel], path: tuple[str, ...], seen: frozenset[type]) -> None:
        for field_name, field in current.model_fields.items():
            if field_name == name:
                places.append(path)
            for inner in _models_in(field.annotation):
                if inner not in seen:
                    is_list = typing.get_origin(_unwrapped(field.annotation)) in (tuple, list)
                    step = (field_name, "*") if is_list else (field_name,)
                    visit(inner, path + step, seen | {inner})

    visit(model, (), frozenset({model}))
    return places


def _unwrapped(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _shape(location: Location) -> tuple[str, ...]:
    return tuple("*" if isinstance(part, int) else str(part) for part in location)
