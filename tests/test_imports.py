"""Every module of sitegen imports on its own: none relies on another having been imported
first, which an import circle (even one through type hints) would break in some order."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import sitegen

# __main__ runs the command line when imported; `python -m sitegen` is tested with the CLI.
MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(sitegen.__path__, "sitegen.")
    if not module.name.endswith(".__main__")
)


def import_alone(module: str) -> str | None:
    """Import module first thing in a fresh interpreter; the error it raised, if any."""
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True
    )
    return f"{module}:\n{result.stderr}" if result.returncode else None


def test_the_walk_finds_every_stage() -> None:
    """The list below is not empty by accident: each folder of the pipeline is in it."""
    folders = {name.split(".")[1] for name in MODULES if name.count(".") >= 2}
    assert folders == {"core", "sources", "sla", "pages", "output", "serve"}


def test_each_module_imports_alone_in_a_fresh_interpreter() -> None:
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        failures = [failure for failure in pool.map(import_alone, MODULES) if failure]
    assert failures == []
