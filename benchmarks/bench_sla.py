"""Time both SLA engines over the whole carried calendar, with the shipped plans and settings.

Usage: .venv/bin/python benchmarks/bench_sla.py          (prints Python, then Node figures)
       .venv/bin/python benchmarks/bench_sla.py --data   (prints the calendar JSON, for Node)
`node benchmarks/bench_sla_js.mjs` calls the second form itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.sla.calendar import Calendar  # noqa: E402
from sitegen.sla.engine import explain  # noqa: E402
from sitegen.sources.load import load_offer, load_settings  # noqa: E402

FIRST_YEAR, LAST_YEAR = 2026, 2027
RECEIPTS_PER_PLAN = 5000


def data() -> dict[str, Any]:
    """The JSON the site embeds, built from the shipped plans.yaml and site.yaml."""
    calendar = Calendar.for_years(load_settings(ROOT), FIRST_YEAR, LAST_YEAR)
    return calendar.browser_data(load_offer(ROOT).plans)


def receipts() -> list[datetime]:
    """Receipts spread evenly over the calendar, stopping a month short so deadlines fit."""
    start = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
    span = datetime(LAST_YEAR, 12, 1, tzinfo=UTC) - start
    step = span / RECEIPTS_PER_PLAN
    return [start + step * n for n in range(RECEIPTS_PER_PLAN)]


def bench_python() -> None:
    calendar = Calendar.for_years(load_settings(ROOT), FIRST_YEAR, LAST_YEAR)
    for plan in load_offer(ROOT).plans:
        began = time.perf_counter()
        for received in receipts():
            explain(received, plan.coverage, plan.response.minutes, calendar)
        per_call = (time.perf_counter() - began) / RECEIPTS_PER_PLAN
        print(f"python {plan.id:>8}: {per_call * 1000:.4f} ms per deadline")


def main() -> None:
    if sys.argv[1:] == ["--data"]:
        json.dump(data(), sys.stdout)
        return
    bench_python()
    subprocess.run(["node", str(ROOT / "benchmarks" / "bench_sla_js.mjs")], check=True)


if __name__ == "__main__":
    main()
