"""Accessibility checks with axe-core (through axe-playwright-python), WCAG 2.2 A and AA."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

_axe = Axe()


def axe_violations(page, context: str | dict | None = None) -> list[dict]:
    """Run axe on the page as it is now; return its violations (axe's JSON)."""
    options = {
        "runOnly": {"type": "tag", "values": list(AXE_TAGS)},
        "resultTypes": ["violations"],
    }
    return _axe.run(page, context=context, options=options).response["violations"]


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
