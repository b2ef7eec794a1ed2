"""Helpers for the benchmarks of `sitegen serve`: a copy of the shipped sources, the server as a
subprocess on a free port, and the lines it prints."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from sitegen.core.layout import SOURCES

ROOT = Path(__file__).resolve().parents[1]
SERVING = re.compile(r"sitegen: anteprima del sito su (\S+) ")
REBUILT = re.compile(r"sitegen: sito rigenerato in (\d+) ms")


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
        if match := SERVING.match(line):
            lines: list[tuple[float, str]] = []
            threading.Thread(target=_drain, args=(process.stdout, lines), daemon=True).start()
            return process, match[1], lines
    raise SystemExit("the server did not start:\n" + "".join(seen))


def _drain(stream, lines: list[tuple[float, str]]) -> None:
    for line in stream:
        lines.append((time.time(), line.rstrip("\n")))
