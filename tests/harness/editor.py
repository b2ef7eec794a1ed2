"""The sources as an editor sees them: YAML 1.2 (yaml-language-server's reading), checked
against the JSON Schemas sitegen makes from its models."""

from __future__ import annotations

import io
from typing import Any

from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from sitegen.sources.schema import SCHEMAS, schema_of


def editor_reading(text: str) -> Any:
    yaml = YAML(typ="safe")
    yaml.version = (1, 2)
    return yaml.load(io.StringIO(text))


def schema_errors(schema_name: str, text: str) -> list[tuple[str, str]]:
    """(path, message) of every place the editor would underline, sorted."""
    model, title = SCHEMAS[schema_name]
    validator = Draft202012Validator(schema_of(model, title))
    return sorted(
        ("/".join(str(p) for p in error.absolute_path), error.message)
        for error in validator.iter_errors(editor_reading(text))
    )
