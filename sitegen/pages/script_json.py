"""Data as JSON inside a <script> element: "<" escaped, so "</script>" cannot end the element
early and "<!--" cannot open a comment; markup-safe, so Jinja leaves it alone. The chooser's
and the calculator's data and the JSON-LD all go through here."""

from __future__ import annotations

import json

from markupsafe import Markup


def script_json(data: object, *, sort_keys: bool = True) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
    return Markup(text.replace("<", "\\u003c"))
