"""Command-line values and the environment: a bad one is one `sitegen: ...` line and exit 1."""

from __future__ import annotations

import pytest

from harness.cli import Outcome, run_cli, snapshot
from harness.project import Project
from harness.site import fixture_source


def assert_one_line(outcome: Outcome, words: str) -> str:
    assert outcome.status == 1, outcome
    assert "Traceback" not in outcome.stderr
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("sitegen: ") and words in lines[0], lines
    return lines[0]


def sla(*at: str) -> Outcome:
    return run_cli(
        "sla",
        "bronze",
        *(arg for value in at for arg in ("--at", value)),
        "--source",
        str(fixture_source()),
    )


@pytest.mark.parametrize(
    "value", ["9998-01-01T10:00", "0001-01-01T00:00", "9997-12-31T23:59-12:00"]
)
def test_sla_years_out_of_range(value: str) -> None:
    assert_one_line(sla(value), "l’anno deve essere tra il 1970 e il 9996")


@pytest.mark.parametrize("value", ["2026-02-30T10:00", "2026-13-01T10:00", "2027-02-29"])
def test_sla_dates_that_do_not_exist(value: str) -> None:
    assert_one_line(sla(value), f"«{value}»: questa data non esiste")


def test_sla_wrong_format_is_not_called_a_missing_date() -> None:
    line = assert_one_line(sla("4 dicembre alle 17"), "non è una data e ora nel formato ISO")
    assert line == (
        "sitegen: «4 dicembre alle 17»: non è una data e ora nel formato ISO 8601 "
        "(per esempio 2026-12-04T17:00)"
    )


def test_sla_echoes_a_long_value_shortened() -> None:
    line = assert_one_line(sla("x" * 10_000), "non è una data e ora nel formato ISO")
    assert len(line) < 200


def test_sla_on_the_last_supported_year_works() -> None:
    outcome = sla("9996-12-30T10:00")
    assert outcome.status == 0, outcome.stderr
    assert outcome.stdout.startswith("9996-12-30T18:00:00+01:00")


@pytest.mark.parametrize(
    "value",
    [
        "user.github.io/repo",
        "javascript:alert(1)//",
        "https://",
        "ftp://example.org/",
        "https://example.org/?a=1",
        "https://example.org/#x",
        "https://exa mple.org/",
    ],
)
def test_a_base_url_must_be_absolute_http(project: Project, value: str) -> None:
    before = snapshot(project.output)
    assert_one_line(project.build("--base-url", value), "non è l’indirizzo di un sito")
    assert snapshot(project.output) == before


def test_a_base_url_without_the_final_slash_is_completed(project: Project) -> None:
    assert project.build("--base-url", "https://utente.github.io/sito").status == 0
    sitemap = (project.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://utente.github.io/sito/piani/</loc>" in sitemap


def test_site_yaml_follows_the_same_base_url_rule(project: Project) -> None:
    line = project.edit(
        "site.yaml", "base_url: https://www.misterinformatica.it/", "base_url: javascript:x//"
    )
    project.assert_reported(
        "site.yaml",
        line,
        "«javascript:x//» non è l’indirizzo di un sito: scrivi l’indirizzo completo, che comincia "
        "con https:// (o http://) e finisce con /, per esempio https://www.esempio.it/",
    )


@pytest.mark.parametrize("epoch", ["abc", "-5", "1.5", "99999999999999999999", "٣"])
def test_a_bad_source_date_epoch(
    project: Project, monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    before = snapshot(project.output)
    assert_one_line(project.build(), "SOURCE_DATE_EPOCH=«")
    assert snapshot(project.output) == before


def test_a_good_source_date_epoch_builds(project: Project, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert project.build().status == 0
