"""JSON Schemas of plans.yaml and site.yaml, made from the models, for help while typing.

Each file names its schema on its first line (`# yaml-language-server: $schema=…`), so VS Code's
YAML extension (and any editor using yaml-language-server) underlines a wrong day, a missing
key or a bad time as staff type, with the models' Italian descriptions as hints. Editors read
YAML 1.2, in which an unquoted 18:00 is text and 18.00 a number: the schema accepts what the
build accepts. The files in schemas/ are generated: `make schemas` writes them again, and a
test keeps them in step with the models.

    python -m sitegen.sources.schema [FOLDER]     (default: schemas)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sitegen.sources.offer import Offer
from sitegen.sources.settings import Settings

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "plans.schema.json": (Offer, "I piani di assistenza (plans.yaml)"),
    "site.schema.json": (Settings, "Le impostazioni del sito (site.yaml)"),
}
_ENUM_MESSAGES = {
    frozenset({"mon", "tue", "wed", "thu", "fri", "sat", "sun"}): (
        "Scrivi il giorno con la sigla inglese: mon tue wed thu fri sat sun (lunedì è mon)."
    ),
    frozenset({"email", "phone", "chat"}): "Scrivi il canale come email, phone o chat.",
}
# A plan line is a text, or a text with the comparison row it stands in.
_PLAN_LINE = "#/$defs/PlanLine"
# The words models.YesNo reads as yes and no (pydantic's, and the Italian sì), as YAML 1.2
# gives them to an editor: text, or the numbers 1 and 0.
_YES_NO_WORDS = [
    spelling
    for word in ("true", "false", "yes", "no", "on", "off", "sì", "si")
    for spelling in (word, word.capitalize(), word.upper())
]


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The model's JSON Schema, for editors: Italian only, lines as text or text and row."""
    schema = model.model_json_schema(mode="validation")
    schema = _for_editors(schema)
    return {"$schema": SCHEMA_DRAFT, "title": title, **schema}


def schema_text(model: type[BaseModel], title: str) -> str:
    return json.dumps(schema_of(model, title), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into folder; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (model, title) in SCHEMAS.items():
        path = folder / name
        path.write_text(schema_text(model, title), encoding="utf-8")
        written.append(path)
    return written


def _for_editors(node: Any) -> Any:
    """Drop what pydantic writes in English (model docstrings, field titles), give enums an
    Italian message, let a plan line be a plain text, and accept what the build reads as staff
    meant it: a number where text goes (YAML 1.2 reads `partita_iva: 01234567890` as a
    number), and yes, no, sì where true or false go. What the editor accepts, the build does."""
    if isinstance(node, list):
        return [_for_editors(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("$ref") == _PLAN_LINE:
        return {"anyOf": [{"type": "string", "minLength": 1}, {"$ref": _PLAN_LINE}]}
    cleaned = {
        key: _for_editors(value)
        for key, value in node.items()
        if key != "title" and not (key == "description" and "properties" in node)
    }
    if "properties" in node:  # field names, not keywords: keep every one
        cleaned["properties"] = {
            name: _for_editors(value) for name, value in node["properties"].items()
        }
    message = _ENUM_MESSAGES.get(frozenset(node.get("enum", ())))
    if message:
        cleaned["errorMessage"] = message
    if node.get("type") == "string" and not {"enum", "pattern", "format"} & node.keys():
        cleaned["type"] = ["string", "number"]
    if node.get("type") == "boolean":
        del cleaned["type"]
        cleaned["anyOf"] = [{"type": "boolean"}, {"enum": [*_YES_NO_WORDS, 0, 1]}]
    return cleaned


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("schemas")
    for path in write_schemas(folder):
        print(f"sitegen: scritto {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
