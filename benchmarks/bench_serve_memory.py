"""`sitegen serve`'s memory over many saves of one page body.

Starts the dev server on a copy of the shipped sources whose content/privacy.md is padded to
about 225 KB, then saves that page SAVES times, each with a new sentence at the end, waiting for
the server's "sito rigenerato" line after each; it prints the server's resident memory (VmRSS in
/proc/PID/status) after the first save and along the way. Target (issue 19): after 300 saves,
within 20 MB of where it started. Before the fix it grew by about 1 MB a save (73 -> 184 MB
over 100 saves): every body ever rendered was kept.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from serving import REBUILT, copy_sources, start_server

PAGE = "content/privacy.md"
PADDING = "Un paragrafo di riempimento, per fare di questa pagina una pagina lunga.\n\n"
PAGE_BYTES = 225_000
SAVES = 300
REPORT_EVERY = 50
TARGET_MB = 20.0
WAIT_SECONDS = 10.0


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def save_and_wait(page: Path, text: str, lines: list[tuple[float, str]]) -> None:
    """Write the page and wait until the server has rebuilt after it."""
    rebuilt = sum(1 for _, line in lines if REBUILT.match(line))
    page.write_text(text, encoding="utf-8")
    deadline = time.monotonic() + WAIT_SECONDS
    while sum(1 for _, line in lines if REBUILT.match(line)) == rebuilt:
        if time.monotonic() > deadline:
            raise SystemExit("bench_serve_memory: the server did not rebuild after a save")
        time.sleep(0.005)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-memory-") as folder:
        source = Path(folder)
        copy_sources(source)
        page = source / PAGE
        original = page.read_text(encoding="utf-8")
        padded = original + PADDING * (PAGE_BYTES // len(PADDING))
        process, _, lines = start_server(source)
        figures: list[tuple[int, float]] = []
        try:
            for save in range(1, SAVES + 1):
                save_and_wait(page, f"{padded}\nSalvataggio numero {save}.\n", lines)
                if save == 1 or save % REPORT_EVERY == 0:
                    figures.append((save, rss_mb(process.pid)))
        finally:
            process.terminate()
            process.wait(timeout=5)
    start, end = figures[0][1], figures[-1][1]
    print(f"sitegen serve, {SAVES} saves of the body of {PAGE} ({len(padded) // 1000} KB)")
    for save, rss in figures:
        print(f"  after save {save:>3}: {rss:6.1f} MB")
    verdict = "OK" if end - start <= TARGET_MB else "OVER"
    print(f"growth {end - start:+.1f} MB  {verdict} (target: within {TARGET_MB:g} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
