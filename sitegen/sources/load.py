"""Source files -> validated models, with every problem reported as FILE:LINE: message.

Each source is read under the rules of source_tree.py (regular files inside the project,
UTF-8, bounded), parsed by yamlsource.py where it is YAML, and validated by its model; model
errors become Italian problems at their line (model_errors.py). Every file is loaded even when
another fails, so staff see all their mistakes at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from sitegen.core.errors import Problem, SourceError
from sitegen.core.layout import PLANS_FILE, SETTINGS_FILE, SOURCES
from sitegen.sources import models
from sitegen.sources.content import load_pages, menu_warnings
from sitegen.sources.ethics import load_ethics
from sitegen.sources.files import inside, read_text
from sitegen.sources.notices import offer_warnings, settings_warnings
from sitegen.sources.validation import validate
from sitegen.sources.yaml_reader import LineMap, parse_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_site(source: Path) -> models.Site:
    """Read and validate every source under source; raise SourceError listing all problems."""
    problems: list[Problem] = []

    def attempt(load: Any, *args: Any) -> Any:
        try:
            return load(*args)
        except SourceError as error:
            problems.extend(error.problems)
            return None

    if attempt(_check_layout, source) is None:
        raise SourceError(problems)
    loaded_settings = attempt(_load_yaml_model, source, SETTINGS_FILE, models.Settings)
    loaded_offer = attempt(_load_yaml_model, source, PLANS_FILE, models.Offer)
    ethics = attempt(load_ethics, source)
    pages = attempt(load_pages, source)
    if problems:
        raise SourceError(problems)
    settings, settings_lines = loaded_settings
    offer, offer_lines = loaded_offer
    warnings = (
        settings_warnings(settings, settings_lines)
        + offer_warnings(offer, offer_lines)
        + menu_warnings(pages, ethics)
    )
    return models.Site(
        settings=settings,
        offer=offer,
        ethics=ethics,
        pages=pages,
        warnings=tuple(warnings),
    )


def _check_layout(source: Path) -> bool:
    """Every source and every folder the build reads stays inside the project: a link out of
    it would publish whatever it points at."""
    problems: list[Problem] = []
    for name in SOURCES:
        try:
            inside(source / name, source, source)
        except SourceError as error:
            problems.extend(error.problems)
    if problems:
        raise SourceError(problems)
    return True


def load_settings(source: Path) -> models.Settings:
    """The site settings file: company facts in one place."""
    return _load_yaml_model(source, SETTINGS_FILE, models.Settings)[0]


def load_offer(source: Path) -> models.Offer:
    """plans.yaml: the plans and their comparison."""
    return _load_yaml_model(source, PLANS_FILE, models.Offer)[0]


def read_source_text(source: Path, name: str) -> str:
    """A source file of the project as text, through the rules every source follows."""
    return read_text(inside(source / name, source, source), name)


def _load_yaml_model(source: Path, name: str, model: type[ModelT]) -> tuple[ModelT, LineMap]:
    text = read_source_text(source, name)
    if all(line.lstrip().startswith("#") for line in text.splitlines() if line.strip()):
        message = (
            f"il file {name} è vuoto: ripristinalo dalla cronologia del progetto (su GitHub: "
            "History, poi il commit prima della modifica)"
        )
        raise SourceError.at(name, 1, message)
    data, lines = parse_yaml(text, name)
    return validate(model, data, name, lines), lines
