"""Save-to-reload time of `sitegen serve` on the shipped site; the target is under 300 ms.

Starts the dev server on a copy of the sources, opens /piani/ in headless Chromium, then N times
rewrites plans.yaml and measures the wall time from the write to the new text in the page (the
server must notice the save, rebuild, and the page must reload by itself).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitegen.load import SOURCES

ROOT = Path(__file__).resolve().parents[1]
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
TARGET_MS = 300
ANCHOR = "Tre livelli di servizio"
# When the reloaded page first showed its text, in seconds since the epoch: the browser's own
# timing, as Playwright's waits poll with back-off and would add up to half a second.
SHOWN_AT = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const navigation = performance.getEntriesByType("navigation")[0];
  return performance.timeOrigin + (paint ? paint.startTime : navigation.domContentLoadedEventEnd);
}"""
REBUILT = re.compile(r"sitegen: rebuilt in (\d+) ms")


def copy_sources(target: Path) -> None:
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
        else:
            shutil.copy2(ROOT / name, target / name)


def start_server(source: Path) -> tuple[subprocess.Popen[str], str, list[tuple[float, str]]]:
    """Start `sitegen serve` on a free port; return it, its URL and its stdout lines as they
    arrive, each with its time.time()."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "--source", str(source), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    seen: list[str] = []
    for line in process.stdout:
        seen.append(line)
        if match := re.match(r"sitegen: serving (\S+) ", line):
            lines: list[tuple[float, str]] = []
            threading.Thread(target=_drain, args=(process.stdout, lines), daemon=True).start()
            return process, match[1], lines
    raise SystemExit("bench_serve: the server did not start:\n" + "".join(seen))


def _drain(stream, lines: list[tuple[float, str]]) -> None:
    for line in stream:
        lines.append((time.time(), line.rstrip("\n")))


def measure(page, plans: Path, original: str, lines: list[tuple[float, str]]) -> list[Run]:
    """Time each write of plans.yaml to its text showing in the open page."""
    runs = []
    for number in range(RUNS):
        marker = f"{ANCHOR} (misura {number})"
        seen = len(lines)
        started = time.time()
        plans.write_text(original.replace(ANCHOR, marker, 1), encoding="utf-8")
        page.get_by_text(marker).first.wait_for(timeout=10_000)
        shown = page.evaluate(SHOWN_AT) / 1000
        built_at, build_ms = next(
            (at, int(m[1])) for at, line in lines[seen:] if (m := REBUILT.match(line))
        )
        runs.append(Run(ms(shown - started), ms(built_at - started), build_ms))
        time.sleep(SETTLE_SECONDS)
    return runs


@dataclass(frozen=True)
class Run:
    total: float  # save to new text in the page
    built: float  # save to the server's "rebuilt" line: noticing, debounce, rebuild
    build: float  # the rebuild alone, as the server reports it


def ms(seconds: float) -> float:
    return seconds * 1000


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-serve-") as folder:
        source = Path(folder)
        copy_sources(source)
        plans = source / "plans.yaml"
        original = plans.read_text(encoding="utf-8")
        assert ANCHOR in original, f"{ANCHOR!r} is no longer in plans.yaml: update the benchmark"
        process, url, lines = start_server(source)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(url + "piani/")
                runs = measure(page, plans, original, lines)
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=5)
    print(f"sitegen serve, {RUNS} saves of plans.yaml with /piani/ open (target < {TARGET_MS} ms):")
    summary("save to reloaded page", [run.total for run in runs])
    summary("  save to rebuilt", [run.built for run in runs])
    summary("  rebuild alone", [run.build for run in runs])
    summary("  rebuilt to page shown", [run.total - run.built for run in runs])
    return 0


def summary(label: str, values: list[float]) -> None:
    values = sorted(values)
    p90 = values[max(0, round(0.9 * len(values)) - 1)]
    print(
        f"{label:<24} median {statistics.median(values):4.0f} ms, "
        f"p90 {p90:4.0f} ms, max {values[-1]:4.0f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
