"""Weight of each page as a first-time visitor downloads it: the HTML plus every stylesheet,
script module (with the modules it imports) and icon it references. Target for every page, the
plans page with its chooser and the SLA calculator's page included: under 40 KB uncompressed.
Also prints the gzip size, what hosts actually send.

Usage: .venv/bin/python benchmarks/bench_page_weight.py
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.build import build_site  # noqa: E402

TARGET_BYTES = 40 * 1024
_IMPORT = re.compile(r"""from\s*["']\./([\w.-]+\.js)["']""")


def page_files(site: Path, page: Path) -> list[Path]:
    """The page and everything a browser fetches for it from the site."""
    soup = BeautifulSoup(page.read_bytes(), "html.parser")
    refs = [tag.get("href") for tag in soup.find_all("link")]
    refs += [tag.get("src") for tag in soup.find_all("script", src=True)]
    files = [page]
    pending = [site / ref.lstrip("/") for ref in refs if ref and ref.startswith("/")]
    while pending:
        path = pending.pop()
        if path in files or not path.is_file():
            continue
        files.append(path)
        if path.suffix == ".js":
            pending += [path.parent / name for name in _IMPORT.findall(path.read_text())]
    return files


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(ROOT, site)
        print(f"{'page':<28}{'files':>6}{'bytes':>9}{'gzip':>8}")
        heaviest = (0, "")
        for page in sorted(site.rglob("*.html")):
            files = page_files(site, page)
            raw = sum(path.stat().st_size for path in files)
            packed = sum(len(gzip.compress(path.read_bytes())) for path in files)
            name = "/" + page.relative_to(site).as_posix().removesuffix("index.html")
            print(f"{name:<28}{len(files):>6}{raw:>9}{packed:>8}")
            heaviest = max(heaviest, (raw, name))
        raw, name = heaviest
        verdict = "OK" if raw < TARGET_BYTES else "OVER"
        print(f"heaviest page: {name} {raw / 1024:.1f} KB (every page < 40 KB): {verdict}")


if __name__ == "__main__":
    main()
