"""The comparison's plan picker holds for any number of plans: on a phone each plan of a
seven-plan site can be picked first or second, with and without JavaScript, and at 200 % zoom
the first pick shows alone; a single plan, which has no picker, always shows.

Seven plans are one more than any fixture has: the site is the six-plan fixture with one more
block in its plans.yaml, as staff would add it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from harness.site import build_into, copy_sources, fixture_site

SEVENTH = """  - id: osmio
    name: Osmio
    audience: chi vuole provare un settimo piano.
    response:
      hours: 2
    coverage:
      days: [mon, tue, wed, thu, fri, sat, sun]
      opens: "07:00"
      closes: "23:00"
      closed_on_holidays: false
    channels: [email, phone, chat]
    services:
      - text: Un servizio che solo il settimo piano ha
        row: assistenza

"""
PHONE = {"width": 360, "height": 800}
_SHOWN = """cells => [...new Set(cells.filter((c) => c.checkVisibility())
    .map((c) => c.dataset.plan))]"""


@pytest.fixture(scope="module")
def seven_plans(tmp_path_factory: pytest.TempPathFactory, serve_dir) -> tuple[str, list[str]]:
    """The seven-plan site's address and its plan ids, in plans.yaml order."""
    folder = tmp_path_factory.mktemp("seven-plans")
    source = copy_sources(folder / "source", "six-plans")
    plans = source / "plans.yaml"
    text = plans.read_text(encoding="utf-8")
    plans.write_text(text.replace("\ncomparison:", f"\n{SEVENTH}comparison:", 1), "utf-8")
    ids = re.findall(r"^  - id: (\w+)$", plans.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(ids) == 7
    return serve_dir(build_into(folder / "site", source).path), ids


def shown_plans(page) -> list[str]:
    return page.eval_on_selector_all("table.comparison td[data-plan]", _SHOWN)


@pytest.mark.parametrize("javascript", [True, False])
def test_every_one_of_seven_plans_can_be_picked_on_a_phone(
    new_page: Callable[..., object], seven_plans: tuple[str, list[str]], javascript: bool
) -> None:
    base, ids = seven_plans
    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto(base + "piani/")
    assert shown_plans(page) == ids[:2]
    for plan in ids[2:]:
        page.select_option("#pick-second", plan)
        assert shown_plans(page) == [ids[0], plan]
    page.select_option("#pick-second", ids[1])
    for plan in ids[2:]:
        page.select_option("#pick-first", plan)
        assert shown_plans(page) == [ids[1], plan]


def test_at_200_percent_zoom_the_first_pick_shows_alone(
    new_page: Callable[..., object], seven_plans: tuple[str, list[str]]
) -> None:
    base, ids = seven_plans
    page = new_page(viewport={"width": 180, "height": 400}, device_scale_factor=2)
    page.goto(base + "piani/")
    for plan in ids:
        page.select_option("#pick-first", plan)
        assert shown_plans(page) == [plan]


@pytest.mark.parametrize("width", [180, 360, 1366])
def test_a_single_plan_always_shows(new_page: Callable[..., object], serve_dir, width: int) -> None:
    page = new_page(viewport={"width": width, "height": 800})
    page.goto(serve_dir(fixture_site("one-plan").path) + "piani/")
    assert page.locator("#pick-first").count() == 0
    assert shown_plans(page) == ["unico"]
