"""The Nu Html Checker (vnu.jar): check many files in one Java run, report per file."""

from __future__ import annotations

import json
import subprocess
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .tools import VNU_JAR


@dataclass(frozen=True)
class VnuMessage:
    file: str  # relative to the checked root
    line: int | None
    column: int | None
    type: str
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.column:
            where += f":{self.column}"
        extract = " ".join(self.extract.split())
        return f"{where}: {self.message}" + (f"  [{extract}]" if extract else "")


def run_vnu(root: Path, files: list[str], errors_only: bool = True) -> dict[str, list[VnuMessage]]:
    """Check `files` (relative to `root`) in one vnu run; return {file: messages}, all files
    present as keys. Raises RuntimeError when vnu's output is not its JSON report."""
    root = Path(root).resolve()
    cmd = [
        "java",
        "-Xss8m",
        "-jar",
        str(VNU_JAR),
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
    ]
    if errors_only:
        cmd.append("--errors-only")
    cmd += [str(root / f) for f in files]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"vnu gave no JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        ) from exc
    results: dict[str, list[VnuMessage]] = defaultdict(list)
    for f in files:
        results[f] = []
    for m in report.get("messages", []):
        url = m.get("url", "")
        path = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)) if url else None
        try:
            rel = path.relative_to(root).as_posix() if path else "?"
        except ValueError:
            rel = str(path)
        results[rel].append(
            VnuMessage(
                file=rel,
                line=m.get("lastLine") or m.get("firstLine"),
                column=m.get("firstColumn") or m.get("lastColumn"),
                type=m.get("subType") or m.get("type", ""),
                message=m.get("message", ""),
                extract=m.get("extract", ""),
            )
        )
    return dict(results)


def format_messages(messages: list[VnuMessage]) -> str:
    return f"{len(messages)} Nu Html Checker error(s):\n" + "\n".join(f"- {m}" for m in messages)
