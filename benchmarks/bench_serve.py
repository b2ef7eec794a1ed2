"""Save-to-reload time of `sitegen serve` on the shipped site, and its CPU use while idle.

Starts the dev server on a copy of the sources and opens a page in headless Chromium; then, for
each edit (plans.yaml with /piani/ open, the body of content/index.md with the home page open),
N times rewrites the file and measures the wall time from the write to the new text in the page
(the server must notice the save, rebuild, and the page must reload by itself). Targets (issue
13): median <= 100 ms, p90 <= 150 ms, and about 0 % of a core while idle, measured from the
server's utime + stime in /proc over IDLE_SECONDS with a page open. For scale it also times
the browser alone: a plain reload of the same page, from navigation to first paint, which no
server can shorten.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright
from serving import REBUILT, copy_sources, start_server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
RUNS = 10
# Pause between saves, as a person makes: the reloaded page's scripts keep the CPU busy for a
# moment, and a save in that moment would measure a rebuild competing with them.
SETTLE_SECONDS = 1.0
TARGET_MEDIAN_MS = 100
TARGET_P90_MS = 150
IDLE_SECONDS = 5.0


@dataclass(frozen=True)
class Edit:
    """A save to time: the file, the page open in the browser, and text of it to rewrite."""

    file: str
    page: str
    anchor: str


EDITS = (
    Edit("plans.yaml", "piani/", "Tre livelli di servizio"),
    Edit("content/index.md", "", "In questa sezione trovi i principi"),
)
# When the reloaded page first showed its text, in seconds since the epoch: the browser's own
# timing, as Playwright's waits poll with back-off and would add up to half a second.
SHOWN_AT = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const navigation = performance.getEntriesByType("navigation")[0];
  return performance.timeOrigin + (paint ? paint.startTime : navigation.domContentLoadedEventEnd);
}"""


def measure(page, file: Path, anchor: str, lines: list[tuple[float, str]]) -> list[Run]:
    """Time each write of the file to its new text showing in the open page."""
    original = file.read_text(encoding="utf-8")
    assert anchor in original, f"{anchor!r} is no longer in {file.name}: update the benchmark"
    runs = []
    for number in range(RUNS):
        marker = f"{anchor} (misura {number})"
        seen = len(lines)
        started = time.time()
        file.write_text(original.replace(anchor, marker, 1), encoding="utf-8")
        page.get_by_text(marker).first.wait_for(timeout=10_000)
        shown = page.evaluate(SHOWN_AT) / 1000
        built_at, build_ms = next(
            (at, int(m[1])) for at, line in lines[seen:] if (m := REBUILT.match(line))
        )
        runs.append(Run(ms(shown - started), ms(built_at - started), build_ms))
        time.sleep(SETTLE_SECONDS)
    return runs


def plain_reloads(page) -> list[float]:
    """Navigation start to first paint of reloads of the open page with nothing changed, in ms."""
    shown = []
    for _ in range(RUNS):
        page.reload()
        shown.append(page.evaluate(SHOWN_AT) - page.evaluate("performance.timeOrigin"))
        time.sleep(SETTLE_SECONDS)
    return shown


def idle_cpu(pid: int, seconds: float) -> float:
    """The share of one core the process used over `seconds`, in %, from /proc/PID/stat."""

    def cpu_seconds() -> float:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime

    before, started = cpu_seconds(), time.monotonic()
    time.sleep(seconds)
    return 100 * (cpu_seconds() - before) / (time.monotonic() - started)


@dataclass(frozen=True)
class Run:
    total: float  # save to new text in the page
    built: float  # save to the server's "sito rigenerato" line: noticing, debounce, rebuild
    build: float  # the rebuild alone, as the server reports it


def ms(seconds: float) -> float:
    return seconds * 1000


def main() -> int:
    results: dict[Edit, list[Run]] = {}
    floors: dict[Edit, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-serve-") as folder:
        source = Path(folder)
        copy_sources(source)
        process, url, lines = start_server(source)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(url + EDITS[0].page)
                time.sleep(SETTLE_SECONDS)
                idle = idle_cpu(process.pid, IDLE_SECONDS)
                for edit in EDITS:
                    page.goto(url + edit.page)
                    results[edit] = measure(page, source / edit.file, edit.anchor, lines)
                    floors[edit] = plain_reloads(page)
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=5)
    print(
        f"sitegen serve, save to reloaded page "
        f"(target: median <= {TARGET_MEDIAN_MS} ms, p90 <= {TARGET_P90_MS} ms)"
    )
    for edit, runs in results.items():
        print(f"{RUNS} saves of {edit.file} with /{edit.page} open:")
        summary("save to reloaded page", [run.total for run in runs], target=True)
        summary("  save to rebuilt", [run.built for run in runs])
        summary("  rebuild alone", [run.build for run in runs])
        summary("  rebuilt to page shown", [run.total - run.built for run in runs])
        summary("  browser alone (reload)", floors[edit])
    print(f"idle server, {IDLE_SECONDS:g} s with a page open: {idle:.2f} % of a core")
    return 0


def summary(label: str, values: list[float], target: bool = False) -> None:
    values = sorted(values)
    median = statistics.median(values)
    p90 = values[max(0, round(0.9 * len(values)) - 1)]
    verdict = ""
    if target:
        met = median <= TARGET_MEDIAN_MS and p90 <= TARGET_P90_MS
        verdict = "  OK" if met else "  OVER"
    print(
        f"{label:<24} median {median:4.0f} ms, p90 {p90:4.0f} ms, max {values[-1]:4.0f} ms"
        + verdict
    )


if __name__ == "__main__":
    sys.exit(main())
