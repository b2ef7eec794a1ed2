"""Cold builds of sitegen against MkDocs, Pelican, Eleventy and Hugo on one generated corpus,
with the targets of issue 13 marked OK or OVER.

Each comparison alternates the two builds (sitegen, peer, sitegen, peer...) after one untimed
warm-up of each (which fills sitegen's build cache, as any earlier build on a staff machine
does; the shipped site is also timed with that cache emptied before every run), so a load
change on the machine hits both sides alike; it reports the medians and the median of the
per-pair ratios sitegen / peer. Every build is a new process writing into an empty output
folder. Peers are installed on first use under .cache/bench/ (see peers.py).
Always exits 0: a benchmark reports, it does not fail.

Usage: .venv/bin/python benchmarks/bench_peers.py [--sizes 10,1000,5000] [--pairs 5]
           [--peers mkdocs,pelican,eleventy,hugo] [--peers-up-to 1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import corpus
import peers

from sitegen.core.cache import cache_location

# The peers' venv has all three (sitegen's own no longer has Python-Markdown); same interpreter.
FLOOR = (str(peers.PYTHON_PEERS / "bin" / "python"), "-c", "import jinja2, markdown, yaml")
SHIPPED_LIMIT = 0.5  # the shipped site / MkDocs on 10 pages
ELEVENTY_SIZE, ELEVENTY_LIMIT = 1000, 1.0  # sitegen / Eleventy on 1,000 pages
GROWTH_SIZES = (1000, 5000)
GROWTH_LIMIT = 5.5  # 5,000-page time / 1,000-page time
MEMORY_LIMIT_MB = 300  # peak resident memory at 5,000 pages stays under this


class BuildFailed(Exception):
    """A build exited non-zero; carries the end of its output."""


@dataclass(frozen=True)
class Sample:
    """One timed build: wall time and the peak resident memory of its process tree."""

    seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Build:
    """One command that builds one site from cold."""

    label: str
    argv: tuple[str, ...]
    cwd: Path
    output: Path | None = None
    cache: Path | None = None  # removed before each run too: a build with nothing to reuse

    def run(self) -> Sample:
        """Time it; the output folder is emptied first so every build starts from nothing."""
        for folder in (self.output, self.cache):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        with tempfile.TemporaryFile() as log:
            began = time.perf_counter()
            process = subprocess.Popen(self.argv, cwd=self.cwd, stdout=log, stderr=log)
            # wait4 gives this child's own rusage: ru_maxrss of it and the children it waited for.
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - began
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode:
                log.seek(0)
                tail = log.read().decode(errors="replace").strip().splitlines()[-5:]
                raise BuildFailed(f"{self.label} exited {process.returncode}: " + " / ".join(tail))
        return Sample(seconds, usage.ru_maxrss / 1024)


@dataclass(frozen=True)
class Pairing:
    """Alternating runs of two builds, sample i of each taken back to back."""

    first: list[Sample]
    second: list[Sample]

    @property
    def medians(self) -> tuple[float, float]:
        """Median seconds of first and of second."""
        return tuple(
            statistics.median(s.seconds for s in side) for side in (self.first, self.second)
        )

    @property
    def ratio(self) -> float:
        """Median of the per-pair ratios first / second."""
        return statistics.median(
            a.seconds / b.seconds for a, b in zip(self.first, self.second, strict=True)
        )


def alternate(first: Build, second: Build, pairs: int) -> Pairing:
    """first, second, first, second... pairs times each."""
    result = Pairing([], [])
    for _ in range(pairs):
        result.first.append(first.run())
        result.second.append(second.run())
    return result


class Workspace:
    """Corpora laid out once per generator and size in a temporary folder, as Builds, each run
    once untimed when made (first-run costs such as a cache a generator fills are not timed)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.builds: dict[tuple[str, int], Build] = {}

    def build(self, generator: peers.Generator, size: int) -> Build:
        key = (generator.name, size)
        if key not in self.builds:
            source = self.folder / f"{generator.name}-{size}"
            generator.lay_out(corpus.pages(size), source)
            self.builds[key] = self.warmed(f"{generator.name} {size}", generator.command, source)
        return self.builds[key]

    def warmed(self, label: str, command: peers.Command, source: Path) -> Build:
        """The Build of command on source, into a folder of its own, after one untimed run."""
        output = self.folder / f"{label.replace(' ', '-')}-output"
        build = Build(label, tuple(command(source, output)), source, output)
        build.run()
        return build


def verdict(value: float, limit: float, unit: str = "", below: bool = False) -> str:
    """A target line's tail: the limit and OK or OVER; below makes the limit itself OVER."""
    ok = value < limit if below else value <= limit
    return f"(target {'<' if below else '≤'} {limit:g}{unit}) {'OK' if ok else 'OVER'}"


def install(chosen: list[peers.Generator]) -> list[peers.Generator]:
    """Install what is missing, print each version; peers that cannot be had are left out."""
    print(f"sitegen {peers.SITEGEN.install()}, Python {sys.version.split()[0]}")
    usable = []
    for generator in chosen:
        try:
            print(f"{generator.name} {generator.install()}")
            usable.append(generator)
        except peers.Unavailable as error:
            print(f"{generator.name}: skipped, {error}")
    return usable


def compare_peers(
    work: Workspace, size: int, usable: list[peers.Generator], pairs: int
) -> dict[str, Pairing]:
    """sitegen against each peer at one size; prints a table and returns the pairings."""
    print(f"\n{size} pages, {pairs} pairs: medians in seconds, ratio = median of sitegen / peer")
    print(f"  {'peer':<10}{'peer s':>9}{'sitegen s':>11}{'ratio':>8}")
    found = {}
    for generator in usable:
        try:
            pairing = alternate(work.build(peers.SITEGEN, size), work.build(generator, size), pairs)
        except BuildFailed as error:
            print(f"  {generator.name}: no figures, {error}")
            continue
        found[generator.name] = pairing
        sitegen, peer = pairing.medians
        print(f"  {generator.name:<10}{peer:>9.2f}{sitegen:>11.2f}{pairing.ratio:>8.2f}")
    return found


def fixed_cost(work: Workspace, usable: list[peers.Generator], pairs: int) -> None:
    """The shipped site against the import floor and against MkDocs on 10 pages."""
    shipped = work.warmed("sitegen shipped", peers.sitegen_command, peers.ROOT)
    floor = alternate(shipped, Build("floor", FLOOR, peers.ROOT), pairs)
    print(f"\nshipped site ({pairs} pairs): sitegen {floor.medians[0]:.2f} s")
    uncached = replace(shipped, cache=cache_location(peers.ROOT))
    first = alternate(uncached, shipped, pairs)
    print(
        "  with an empty build cache (as on a new machine, or in CI): "
        f"{first.medians[0]:.2f} s, {first.ratio:.2f} times the repeat build"
    )
    print(
        f"  floor (import jinja2, markdown, yaml): {floor.medians[1]:.3f} s, "
        f"shipped / floor {floor.ratio:.1f}"
    )
    if peers.MKDOCS in usable:
        against = alternate(shipped, work.build(peers.MKDOCS, 10), pairs)
        print(f"  MkDocs on 10 pages: {against.medians[1]:.2f} s")
        print(
            f"  TARGET shipped / MkDocs-10: {against.ratio:.2f} "
            f"{verdict(against.ratio, SHIPPED_LIMIT)}"
        )


def growth(work: Workspace, pairs: int) -> None:
    """sitegen's 5,000-page build against its 1,000-page build, and its peak memory."""
    small, large = (work.build(peers.SITEGEN, size) for size in GROWTH_SIZES)
    pairing = alternate(large, small, pairs)
    peak = max(sample.peak_mb for sample in pairing.first)
    print(
        f"\nsitegen {GROWTH_SIZES[1]} against {GROWTH_SIZES[0]} pages ({pairs} pairs): "
        f"{pairing.medians[0]:.2f} s against {pairing.medians[1]:.2f} s"
    )
    print(
        f"  TARGET {GROWTH_SIZES[1]} / {GROWTH_SIZES[0]} pages: {pairing.ratio:.2f} "
        f"{verdict(pairing.ratio, GROWTH_LIMIT)}"
    )
    print(
        f"  TARGET peak memory at {GROWTH_SIZES[1]} pages: {peak:.0f} MB "
        f"{verdict(peak, MEMORY_LIMIT_MB, ' MB', below=True)}"
    )


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    names = ",".join(generator.name.lower() for generator in peers.PEERS)
    parser.add_argument("--sizes", default="10,1000,5000", help="corpus sizes in pages")
    parser.add_argument("--pairs", type=int, default=5, help="alternating pairs per comparison")
    parser.add_argument("--peers", default=names, help=f"peers to compare (default: {names})")
    parser.add_argument(
        "--peers-up-to",
        type=int,
        default=1000,
        help="compare peers only at sizes up to this (default 1000; larger sizes time sitegen "
        "against its own 1,000-page build, as the target asks)",
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    sizes = [int(size) for size in args.sizes.split(",")]
    wanted = args.peers.lower().split(",")
    usable = install([generator for generator in peers.PEERS if generator.name.lower() in wanted])
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as folder:
        work = Workspace(Path(folder))
        try:
            fixed_cost(work, usable, args.pairs)
            for size in (size for size in sizes if size <= args.peers_up_to):
                found = compare_peers(work, size, usable, args.pairs)
                if size == ELEVENTY_SIZE and peers.ELEVENTY.name in found:
                    ratio = found[peers.ELEVENTY.name].ratio
                    print(
                        f"  TARGET {size} pages / Eleventy: {ratio:.2f} "
                        f"{verdict(ratio, ELEVENTY_LIMIT)}"
                    )
            if all(size in sizes for size in GROWTH_SIZES):
                growth(work, args.pairs)
        except BuildFailed as error:
            print(f"no further figures: {error}")
    print(
        f"\nbench_peers: {time.perf_counter() - began:.0f} s; machine load "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
