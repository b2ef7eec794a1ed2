"""External tools the tests need, and the rule for when one is missing.

Locally a missing tool skips the tests that need it, with the reason. When the environment
variable CI is set (to anything but "", "0" or "false") a missing tool fails them instead: CI must
never pass by skipping. `make test` installs every tool (see .ci/system-deps).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
VNU_JAR = Path(os.environ.get("VNU_JAR", REPO_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))

# tool name -> (how to find it, how to get it)
_TOOLS = {
    "chromium": (
        lambda: os.access(CHROMIUM, os.X_OK),
        f"Debian's chromium at {CHROMIUM} (apt-get install chromium)",
    ),
    "java": (
        lambda: shutil.which("java") is not None,
        "java (apt-get install default-jre-headless)",
    ),
    "node": (lambda: shutil.which("node") is not None, "node (apt-get install nodejs)"),
    "vnu": (lambda: VNU_JAR.is_file(), f"{VNU_JAR} (npm ci --ignore-scripts)"),
}


def in_ci() -> bool:
    """True when the environment variable CI is set to a true-ish value."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(tool: str) -> str | None:
    """Return why `tool` is unusable, or None when it is there."""
    found, hint = _TOOLS[tool]
    return None if found() else f"{tool} is missing: needs {hint}; `make test` installs it"


def require(*tools: str) -> None:
    """Skip the calling test (fail it when CI is set) unless every tool is present."""
    reasons = [r for r in map(missing, tools) if r]
    if not reasons:
        return
    reason = "; ".join(reasons)
    if in_ci():
        pytest.fail(
            f"{reason} (CI is set, so a missing tool is a failure, not a skip)", pytrace=False
        )
    pytest.skip(reason)
