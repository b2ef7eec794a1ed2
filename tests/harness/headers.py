"""Reading the `_headers` file the build writes for Netlify and Cloudflare Pages."""

from __future__ import annotations


def parse_headers(text: str) -> dict[str, dict[str, str]]:
    """`_headers` rules, {path pattern: {header: value}}: a path line, then indented
    `Name: value` lines; a header before any path, or twice in one rule, fails the test."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():
            assert current is not None, f"header before any path: {line!r}"
            name, _, value = line.strip().partition(":")
            assert name not in current, f"{name} twice in one rule"
            current[name] = value.strip()
        else:
            current = rules.setdefault(line.strip(), {})
    return rules
