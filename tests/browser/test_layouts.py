"""Layouts hold from one plan to six, from 320 to 1366 px and at 200 % zoom: nothing scrolls
sideways, and axe finds no violation in the light and the dark theme (plan colours included:
axe measures the text on every plan's band).

The sites: one-plan, four-plans and six-plans, and the company fixture after all nine routine
edits of harness/staff_edits.py (its Platinum takes a palette colour it never had before).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from harness import staff_edits
from harness.site import build_into, copy_sources, fixture_site

SITES = ["one-plan", "four-plans", "six-plans", "all-edits"]
# (width, height, device scale); 200 % zoom on a 360 px phone is a 180 px wide window.
SCREENS = {
    "320": (320, 640, 1),
    "360": (360, 800, 1),
    "768": (768, 1024, 1),
    "1366": (1366, 768, 1),
    "360-zoom-200": (180, 400, 2),
}

_TOO_WIDE = """() => {
    const limit = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((e) => {
        const box = e.getBoundingClientRect();
        return box.width && box.right > limit + 0.5 && e.checkVisibility();
    });
    return [document.documentElement.scrollWidth, limit,
            wide.slice(0, 4).map((e) => e.outerHTML.slice(0, 80))];
}"""


@pytest.fixture(scope="module")
def site_urls(serve_dir, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    def all_edits() -> Path:
        folder = tmp_path_factory.mktemp("all-edits")
        source = staff_edits.apply_all(copy_sources(folder / "source"))
        return build_into(folder / "site", source).path

    built: dict[str, Callable[[], Path]] = {
        name: (lambda name=name: fixture_site(name).path) for name in SITES[:-1]
    }
    built["all-edits"] = all_edits
    return {name: serve_dir(make()) for name, make in built.items()}


def pages_of(base: str, site: str) -> list[str]:
    last_plan = {
        "one-plan": "unico",
        "four-plans": "titanio",
        "six-plans": "iridio",
        "all-edits": "platinum",
    }[site]
    return ["", "piani/", "tempi-di-risposta/", f"piani/{last_plan}/", "contatti/"]


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_nothing_scrolls_sideways(new_page, site_urls, site: str, screen: str) -> None:
    width, height, scale = SCREENS[screen]
    page = new_page(viewport={"width": width, "height": height}, device_scale_factor=scale)
    problems = []
    for path in pages_of(site_urls[site], site):
        page.goto(site_urls[site] + path)
        scroll_width, limit, wide = page.evaluate(_TOO_WIDE)
        if scroll_width > limit or wide:
            problems.append(f"/{path}: {scroll_width} px in {limit} px: {wide}")
    assert problems == []


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessible_in_both_themes(new_page, site_urls, axe, site: str, scheme: str) -> None:
    page = new_page(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    for path in pages_of(site_urls[site], site):
        page.goto(site_urls[site] + path)
        axe(page)
