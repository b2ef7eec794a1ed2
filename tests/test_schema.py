"""The JSON Schemas in schemas/ help staff while they type: they are the models' own (a test
keeps them in step), they accept the company fixture as editors read it (YAML 1.2), and they
flag the mistakes the build refuses: a wrong day, a missing key, a time that is no time."""

from __future__ import annotations

import pytest

from harness.editor import schema_errors as errors
from harness.site import fixture_source
from harness.tools import REPO_ROOT
from sitegen.sources.schema import SCHEMAS, schema_of, schema_text


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_committed_schema_is_the_models_schema(name: str) -> None:
    model, title = SCHEMAS[name]
    committed = (REPO_ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema_text(model, title), "run `make schemas` and commit schemas/"


@pytest.mark.parametrize(
    ("file", "name"), [("plans.yaml", "plans.schema.json"), ("site.yaml", "site.schema.json")]
)
def test_the_company_sources_pass_their_schema(file: str, name: str) -> None:
    text = (fixture_source() / file).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=schemas/{name}"
    assert errors(name, text) == []


def plans_with(old: str, new: str) -> str:
    text = (fixture_source() / "plans.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_a_wrong_day_is_flagged_in_italian() -> None:
    found = errors("plans.schema.json", plans_with("days: [mon, tue", "days: [lunedì, tue"))
    assert [path for path, _ in found] == ["plans/0/coverage/days/0"]
    model, title = SCHEMAS["plans.schema.json"]
    day = schema_of(model, title)["$defs"]["Coverage"]["properties"]["days"]["items"]
    assert day["errorMessage"].startswith("Scrivi il giorno con la sigla inglese")


def test_a_missing_key_and_a_bad_time_are_flagged() -> None:
    text = plans_with("    audience: utenti privati", "    publico: utenti privati")
    text = text.replace('closes: "18:00"', 'closes: "25:00"', 1)
    paths = [path for path, _ in errors("plans.schema.json", text)]
    assert "plans/0" in paths  # audience missing, publico unknown
    assert "plans/0/coverage/closes" in paths


def test_what_the_build_reads_leniently_editors_accept() -> None:
    text = plans_with('closes: "18:00"', "closes: 18.00").replace("hours: 8", "hours: 4,5", 1)
    text = text.replace('opens: "10:00"', "opens: 10:00", 1)
    assert errors("plans.schema.json", text) == []


def test_the_schema_speaks_italian() -> None:
    """No English from the models' docstrings or pydantic's titles reaches the editor."""
    for name in SCHEMAS:
        text = (REPO_ROOT / "schemas" / name).read_text(encoding="utf-8")
        for english in ("The ", "Plan's", "When a plan", '"title": "Days"'):
            assert english not in text, (name, english)
