"""Layouts hold from one plan to six, from 320 to 1366 px and at 200 % zoom: nothing scrolls
sideways, and axe finds no violation in the light and the dark theme (plan colours included:
axe measures the text on every plan's band).

The sites: one-plan, four-plans and six-plans, and the company fixture after all nine routine
edits of harness/staff_edits.py (its Platinum takes a palette colour it never had before).

Each page is loaded once per device scale. At scale 1 the window is resized to each width
(the layout is CSS alone, no script reads the window's size, so a resized page lays out as one
loaded at that size), then axe reads it at 360 px in both themes; 200 % zoom needs a page of
its own, as a page's device scale cannot change. A site is checked by the first test that
needs it, and each test asserts on its part of the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness import staff_edits
from harness.axe import AXE_SCRIPT, format_violations, run_axe
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
ZOOMED = "360-zoom-200"
SCHEMES = ["light", "dark"]
AXE_SCREEN = {"width": 360, "height": 800}  # the window axe reads both themes in

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


@dataclass
class SiteRecord:
    """What the checks found on every page of a site."""

    # screen: one line per page that scrolls sideways on it
    sideways: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in SCREENS})
    # theme: one axe report per page with violations in it
    axe: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in SCHEMES})


def too_wide(page, path: str) -> list[str]:
    scroll_width, limit, wide = page.evaluate(_TOO_WIDE)
    if scroll_width > limit or wide:
        return [f"/{path}: {scroll_width} px in {limit} px: {wide}"]
    return []


@pytest.fixture(scope="module")
def site_record(browser_contexts, site_urls) -> Iterator[Callable[[str], SiteRecord]]:
    """`site_record(site)`: every check on every page of the site, made on its first call."""
    page = browser_contexts(viewport=AXE_SCREEN).new_page()
    page.add_init_script(AXE_SCRIPT)
    width, height, scale = SCREENS[ZOOMED]
    zoomed = browser_contexts(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    ).new_page()
    records: dict[str, SiteRecord] = {}

    def check(site: str) -> SiteRecord:
        record = SiteRecord()
        for path in pages_of(site_urls[site], site):
            url = site_urls[site] + path
            page.emulate_media(color_scheme="light")
            page.goto(url)
            for screen, (screen_width, screen_height, _) in SCREENS.items():
                if screen != ZOOMED:
                    page.set_viewport_size({"width": screen_width, "height": screen_height})
                    record.sideways[screen] += too_wide(page, path)
            page.set_viewport_size(AXE_SCREEN)
            for scheme in SCHEMES:
                page.emulate_media(color_scheme=scheme)
                if violations := run_axe(page):
                    record.axe[scheme].append(format_violations(violations, page.url))
            zoomed.goto(url)
            record.sideways[ZOOMED] += too_wide(zoomed, path)
        return record

    def record_of(site: str) -> SiteRecord:
        if site not in records:
            records[site] = check(site)
        return records[site]

    yield record_of
    page.close()
    zoomed.close()


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_nothing_scrolls_sideways(site_record, site: str, screen: str) -> None:
    problems = site_record(site).sideways[screen]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_accessible_in_both_themes(site_record, site: str, scheme: str) -> None:
    reports = site_record(site).axe[scheme]
    assert not reports, "\n".join(reports)
