"""Accessibility checks with axe-core (the copy axe-playwright-python ships), WCAG 2.2 A and AA."""

from __future__ import annotations

from axe_playwright_python.base import AXE_SCRIPT

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}
_RUN = """([context, options]) => axe.run(context || document, options)
    .then((results) => results.violations)"""


def load_axe(page) -> None:
    """Put axe-core (500 KB) in the page's document, for any number of `run_axe` calls; for
    every document a page opens, `page.add_init_script(AXE_SCRIPT)` instead."""
    page.evaluate(AXE_SCRIPT)


def run_axe(page, context: str | dict | None = None) -> list[dict]:
    """Run the axe-core already in the page (see `load_axe`) on it as it is now, or on the
    `context` selector; return its violations (axe's JSON)."""
    return page.evaluate(_RUN, [context, AXE_OPTIONS])


def axe_violations(page, context: str | dict | None = None) -> list[dict]:
    """Load axe into the page and run it once; its violations."""
    load_axe(page)
    return run_axe(page, context)


def format_violations(violations: list[dict], where: str = "") -> str:
    lines = [f"{len(violations)} axe violation(s){' on ' + where if where else ''}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page, context: str | dict | None = None) -> None:
    """Fail with a readable list (rule id, help, targets) if axe finds any violation."""
    violations = axe_violations(page, context)
    assert not violations, format_violations(violations, page.url)
