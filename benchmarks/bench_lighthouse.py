"""Lighthouse (mobile, its default) on every page of the shipped site: the four category scores
and the layout shift (CLS), which must stay under 0.02 on the calculator that answers as it
loads. Target: 100 in every category on every page.

On first use Lighthouse 12 is installed with npm into .cache/bench/lighthouse (ignored by git);
Debian's Chromium runs it. Pages are served by sitegen's own server on loopback.

Usage: .venv/bin/python benchmarks/bench_lighthouse.py [--pages /,/piani/]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.build import build_site  # noqa: E402
from sitegen.serve.live import Build  # noqa: E402
from sitegen.serve.server import DevServer  # noqa: E402

TOOL = ROOT / ".cache" / "bench" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
)


def lighthouse() -> Path | None:
    """The lighthouse command, installed on first use; None when npm cannot install it."""
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL.mkdir(parents=True, exist_ok=True)
        (TOOL / "package.json").write_text('{"private": true}\n')
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "lighthouse@12"],
            cwd=TOOL,
            check=False,
        )
        if done.returncode != 0:
            return None
    return binary


def served(files: dict[str, bytes]) -> tuple[DevServer, str]:
    server = DevServer(("127.0.0.1", 0))
    server.live.publish(Build("bench", files))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def audit(binary: Path, url: str) -> dict[str, float]:
    """The scores (0-100) and CLS of one page."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report.name}",
                f"--chrome-flags={FLAGS}",
                f"--only-categories={','.join(CATEGORIES)}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
        )
        result = json.loads(Path(report.name).read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["cls"] = result["audits"]["cumulative-layout-shift"]["numericValue"]
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", help="comma-separated URL paths (default: every page)")
    args = parser.parse_args()
    binary = lighthouse()
    if binary is None:
        print("bench_lighthouse: Lighthouse could not be installed with npm; skipped")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "site"
        build_site(ROOT, output)
        files = {
            p.relative_to(output).as_posix(): p.read_bytes()
            for p in output.rglob("*")
            if p.is_file()
        }
    pages = (
        args.pages.split(",")
        if args.pages
        else sorted(
            "/" + name.removesuffix("index.html") for name in files if name.endswith(".html")
        )
    )
    server, base = served(files)
    print(f"{'page':<28} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'CLS':>7}")
    worst = 100
    try:
        for path in pages:
            scores = audit(binary, base + path)
            worst = min(worst, *(scores[name] for name in CATEGORIES))
            print(
                f"{path:<28} "
                + " ".join(f"{scores[n]:>5}" for n in CATEGORIES)
                + f" {scores['cls']:>7.3f}"
            )
    finally:
        server.shutdown()
    print(f"lighthouse: lowest score {worst} (target 100 everywhere, CLS under 0.02)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
