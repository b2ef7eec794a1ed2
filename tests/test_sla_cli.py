"""`sitegen sla`: the support desk's tool for real tickets."""

from __future__ import annotations

import subprocess
import sys

from harness.site import fixture_source


def sla(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitegen", "sla", *args, "--source", str(fixture_source())],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_one_deadline_per_receipt_in_order() -> None:
    result = sla("bronze", "--at", "2026-12-04T17:00", "--at", "2026-12-07T12:00")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026-12-07T17:00:00+01:00",  # the weekend is skipped
        "2026-12-09T12:00:00+01:00",  # 8 December is a holiday
    ]


def test_a_receipt_with_its_own_offset() -> None:
    """16:00 UTC is 17:00 in Rome in December."""
    result = sla("bronze", "--at", "2026-12-04T16:00+00:00")
    assert result.stdout.strip() == "2026-12-07T17:00:00+01:00"


def test_gold_across_the_autumn_clock_change() -> None:
    result = sla("gold", "--at", "2026-10-24T21:30")
    assert result.stdout.strip() == "2026-10-25T08:30:00+01:00"


def test_explain_names_what_was_skipped() -> None:
    result = sla("bronze", "--at", "2027-10-01T15:00", "--explain")
    lines = result.stdout.splitlines()
    assert lines[0] == "2027-10-05T15:00:00+02:00"
    assert "San Francesco" in lines[1]
    assert "fine settimana" in lines[1]


def test_unknown_plan_is_one_line_and_exit_1() -> None:
    result = sla("platinum", "--at", "2026-12-04T17:00")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "sitegen: non c’è un piano «platinum» (i piani sono: bronze, silver, gold)"
    ]


def test_malformed_time_is_one_line_and_exit_1() -> None:
    result = sla("gold", "--at", "4 dicembre")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "non è una data e ora nel formato ISO 8601" in result.stderr
    assert result.stdout == ""
