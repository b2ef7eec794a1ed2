"""Each plan's colour in the light and the dark theme, and the text that reads on it.

A plan may name its colour in plans.yaml; otherwise it takes the palette's colour for its level
(first plan, second plan...), so a new plan needs no stylesheet edit. The band with the plan's
name carries white or dark text, whichever reads better; a colour on which neither reaches WCAG
AA contrast (4.5:1) in either theme is refused, so no plan name is ever unreadable. The rules
reach the browser as custom properties (--plan, --on-plan) in the site's stylesheet, written
here from the data: no plan id or colour is typed in a stylesheet.
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping
from dataclasses import dataclass

# The two text colours a band may carry, per theme (site.css's --ink and --paper).
LIGHT_INKS = ("#ffffff", "#1b1f24")
DARK_INKS = ("#11161c", "#e6edf3")
DARK_PAPER = "#11161c"
AA = 4.5
# (light theme, dark theme) by level: bronze, slate blue, gold, indigo, teal, plum.
PALETTE = (
    ("#8b4513", "#f0b07a"),
    ("#3f5873", "#b4c8dc"),
    ("#d4a72c", "#f2d06b"),
    ("#4b4f8a", "#c3c6f0"),
    ("#1f6f5c", "#8fd9c3"),
    ("#7a2e5b", "#e7a9cc"),
)


@dataclass(frozen=True)
class PlanColours:
    """A plan's colour in each theme, and the text colour that reads on each."""

    light: str
    dark: str
    on_light: str
    on_dark: str


class UnreadableColour(ValueError):
    """No text colour reaches AA contrast on this colour; `theme` is "light" or "dark"."""

    def __init__(self, message: str, theme: str) -> None:
        super().__init__(message)
        self.theme = theme


def palette_colours(index: int) -> tuple[str, str]:
    """The palette's (light, dark) colours for the plan at this position (0 is the first)."""
    return PALETTE[index % len(PALETTE)]


def plan_colours(light: str | None, dark: str | None, fallback: tuple[str, str]) -> PlanColours:
    """A plan's colours: those given, the dark one derived from a given light one, else the
    palette's. Raises UnreadableColour when no text reads on one of them."""
    if light is None:
        light = fallback[0]
        dark = dark or fallback[1]
    elif dark is None:
        dark = _lightened(light)
    return PlanColours(light, dark, _ink(light, LIGHT_INKS, "light"), _ink(dark, DARK_INKS, "dark"))


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two "#rrggbb" colours, from 1 to 21."""
    brighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (brighter + 0.05) / (darker + 0.05)


def stylesheet(colours: Mapping[str, PlanColours]) -> str:
    """The custom properties of every plan, `.plan-ID{--plan:…;--on-plan:…}`, both themes."""
    light = "".join(
        f".plan-{plan_id}{{--plan:{c.light};--on-plan:{c.on_light}}}"
        for plan_id, c in colours.items()
    )
    dark = "".join(
        f".plan-{plan_id}{{--plan:{c.dark};--on-plan:{c.on_dark}}}"
        for plan_id, c in colours.items()
    )
    return f"{light}@media (prefers-color-scheme:dark){{{dark}}}"


def _ink(colour: str, inks: tuple[str, str], theme: str) -> str:
    best = max(inks, key=lambda ink: contrast(colour, ink))
    if contrast(colour, best) < AA:
        which = "chiaro" if theme == "light" else "scuro"
        raise UnreadableColour(
            f"sul colore {colour} nel tema {which} nessun testo si legge abbastanza bene "
            f"(contrasto {contrast(colour, best):.1f}:1, serve almeno {AA:g}:1): scegli un "
            "colore più scuro o più chiaro",
            theme,
        )
    return best


def _lightened(colour: str) -> str:
    """The same hue made light enough to stand out on the dark theme's page with dark text."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    while lightness < 0.95:
        candidate = _hex(colorsys.hls_to_rgb(hue, lightness, saturation))
        if contrast(candidate, DARK_PAPER) >= 7:
            return candidate
        lightness += 0.02
    return _hex(colorsys.hls_to_rgb(hue, 0.95, saturation))


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(part, 0), 1) * 255):02x}" for part in rgb)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
