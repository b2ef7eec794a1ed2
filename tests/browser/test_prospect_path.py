"""The prospect's path on real screens: home -> plans -> request.

Every comparison cell is read with its plan's name and its row label on screen, from a 320 px
phone to a 1366 px laptop and at 200 % zoom; the home page's first screen offers both next
steps; every plan has its request link; nothing overflows or breaks a word at 200 % zoom; axe
finds nothing in dark mode or in print."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness.site import site_pages

PLAN_IDS = ("bronze", "silver", "gold")
# (CSS viewport width, height, device scale): 180 CSS px at scale 2 is a 360 px phone at 200 %.
SCREENS = {
    "320": (320, 640, 1),
    "360": (360, 800, 1),
    "768": (768, 1024, 1),
    "1366": (1366, 768, 1),
    "360-zoom-200": (180, 400, 2),
}

# Where is this element, and is it the one the visitor sees where it starts? An element taller
# than the window is read from its top, so only its top must be in view.
_SEEN = """(element) => {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height) return 'not rendered';
    const bottom = box.height > innerHeight / 2 ? box.top + 24 : box.bottom;
    if (box.top < 0 || box.left < 0 || bottom > innerHeight || box.right > innerWidth) {
        const [x, y, w, h] = [box.left, box.top, box.width, box.height].map(Math.round);
        return `outside the viewport (${x},${y} ${w}x${h})`;
    }
    const x = box.left + Math.min(box.width / 2, 20), y = box.top + Math.min(box.height / 2, 12);
    const top = document.elementFromPoint(x, y);
    if (!top || !(element === top || element.contains(top)))
        return 'covered by ' + (top ? top.outerHTML.slice(0, 80) : 'nothing');
    if (element.scrollWidth > element.clientWidth + 1) return 'clipped';
    return '';
}"""

# The element naming this plan that the visitor sees now (table header or switcher label).
_PLAN_LABEL = """(plan) => [...document.querySelectorAll(`[data-plan-label="${plan}"]`)]
    .find((e) => e.checkVisibility() && e.getBoundingClientRect().width > 0)"""


def comparison_page(new_page, site_server: str, screen: str):
    width, height, scale = SCREENS[screen]
    page = new_page(viewport={"width": width, "height": height}, device_scale_factor=scale)
    page.goto(site_server + "piani/")
    return page


def show_plan(page, plan: str) -> None:
    """Where the comparison shows two plans, pick this one first, as a visitor would."""
    first = page.locator("#pick-first")
    if first.is_visible():
        first.select_option(plan)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_cell_is_read_with_its_plan_and_row_label(
    new_page, site_server: str, screen: str
) -> None:
    page = comparison_page(new_page, site_server, screen)
    rows = page.locator("table.comparison tr[data-row]").count()
    problems = []
    for plan in PLAN_IDS:
        show_plan(page, plan)
        cells = page.locator(f"table.comparison td[data-plan='{plan}']")
        assert cells.count() == rows, f"{plan}: {cells.count()} cells for {rows} rows"
        for index in range(rows):
            cell = cells.nth(index)
            cell.evaluate(
                "(e) => e.scrollIntoView("
                "{block: e.offsetHeight > innerHeight / 2 ? 'start' : 'center'})"
            )
            row = cell.evaluate("(e) => e.closest('tr').dataset.row")
            where = f"{plan}/{row}"
            if seen := cell.evaluate(_SEEN):
                problems.append(f"{where}: cell {seen}")
            label = page.evaluate_handle(_PLAN_LABEL, plan).as_element()
            if label is None:
                problems.append(f"{where}: no visible plan name")
            elif seen := label.evaluate(_SEEN):
                problems.append(f"{where}: plan name {seen}")
            row_label = page.locator(f"[data-row-label='{row}']")
            if seen := row_label.evaluate(_SEEN):
                problems.append(f"{where}: row label {seen}")
    assert not problems, "\n".join(problems)


def shown_plans(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.comparison td[data-plan]",
        "cs => [...new Set(cs.filter(c => c.checkVisibility()).map(c => c.dataset.plan))]",
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_two_chosen_plans_side_by_side_on_a_phone(
    new_page, site_server: str, javascript: bool
) -> None:
    page = new_page(viewport={"width": 360, "height": 800}, java_script_enabled=javascript)
    page.goto(site_server + "piani/")
    assert shown_plans(page) == ["bronze", "silver"]
    page.select_option("#pick-first", "gold")
    assert shown_plans(page) == ["silver", "gold"]
    tops = page.locator("tr[data-row='chat'] td").evaluate_all(
        "cs => cs.filter(c => c.checkVisibility())"
        ".map(c => Math.round(c.getBoundingClientRect().top))"
    )
    assert len(tops) == 2 and tops[0] == tops[1], "the two plans are not side by side"


def test_picking_the_plan_shown_beside_swaps_them(new_page, site_server: str) -> None:
    page = new_page(viewport={"width": 360, "height": 800})
    page.goto(site_server + "piani/")
    page.select_option("#pick-first", "silver")
    expect(page.locator("#pick-second")).to_have_value("bronze")
    assert shown_plans(page) == ["bronze", "silver"]


@pytest.mark.parametrize(
    ("plan", "beside"), [("bronze", "silver"), ("silver", "bronze"), ("gold", "silver")]
)
def test_the_comparison_opens_on_the_plan_the_visitor_came_from(
    new_page, site_server: str, plan: str, beside: str
) -> None:
    page = new_page(viewport={"width": 360, "height": 800})
    page.goto(site_server + f"piani/{plan}/")
    page.locator(f"main a[href='/piani/?plan={plan}#confronto']").click()
    expect(page.locator("#pick-first")).to_have_value(plan)
    expect(page.locator("#pick-second")).to_have_value(beside)
    assert sorted(shown_plans(page)) == sorted([plan, beside])


def test_the_sticky_plan_names_never_cover_a_row_brought_into_view(
    new_page, site_server: str
) -> None:
    page = new_page(viewport={"width": 360, "height": 800})
    page.goto(site_server + "piani/")
    for row in page.locator("table.comparison tbody tr[data-row]").all():
        row.evaluate("(r) => r.scrollIntoView()")
        label = row.locator("th")
        assert label.evaluate(_SEEN) == "", row.get_attribute("data-row")


def test_the_home_page_offers_both_next_steps_in_the_first_screen(
    new_page, site_server: str
) -> None:
    page = new_page(viewport={"width": 360, "height": 800})
    page.goto(site_server)
    links = page.locator("main a.button")
    first_screen = [
        links.nth(i).get_attribute("href")
        for i in range(links.count())
        if links.nth(i).evaluate(_SEEN) == ""
    ]
    assert any(href.startswith("/piani/") for href in first_screen), first_screen
    assert "/contatti/" in first_screen, first_screen
    assert page.locator("main h1").evaluate(_SEEN) == ""


@pytest.mark.parametrize("path", ["", "piani/"])
def test_every_plan_has_its_request_link(page, site_server: str, path: str) -> None:
    page.goto(site_server + path)
    for plan in PLAN_IDS:
        link = page.locator(f"main a[href='/contatti/?plan={plan}']").first
        assert link.is_visible(), f"/{path}: no visible request link for {plan}"
        words = " ".join(link.inner_text().split())
        assert words == f"Chiedi informazioni sul piano {plan.title()}"


@pytest.mark.parametrize("plan", PLAN_IDS)
def test_each_plan_sheet_has_its_request_link_and_the_others(
    page, site_server: str, plan: str
) -> None:
    page.goto(site_server + f"piani/{plan}/")
    assert page.locator(f"main a[href='/contatti/?plan={plan}']").first.is_visible()
    others = [other for other in PLAN_IDS if other != plan]
    for other in others:
        assert page.locator(f"main a[href='/piani/{other}/']").is_visible()
    assert page.get_by_role("button", name="Stampa la scheda").is_visible()


@pytest.mark.parametrize("plan", PLAN_IDS)
def test_a_printed_plan_sheet_has_its_address_and_email_and_no_buttons(
    page, site_server: str, plan: str
) -> None:
    page.goto(site_server + f"piani/{plan}/")
    page.emulate_media(media="print")
    printed = page.locator("main").inner_text()
    assert f"/piani/{plan}/" in printed and "info@misterinformatica.it" in printed
    # Paper has no backgrounds: the plan's name must print in the text colour, not white.
    colours = page.evaluate(
        "[getComputedStyle(document.querySelector('main h1')).color,"
        " getComputedStyle(document.body).color]"
    )
    assert colours[0] == colours[1]
    visible_buttons = page.locator(".button, button").evaluate_all(
        "els => els.filter(e => e.checkVisibility()).map(e => e.outerHTML)"
    )
    assert visible_buttons == []


def test_printed_plans_page_has_no_empty_rows(page, site_server: str) -> None:
    page.goto(site_server + "piani/")
    page.emulate_media(media="print")
    empty = page.locator("table.comparison tr[data-row]").evaluate_all(
        """rows => rows.filter(r => r.checkVisibility())
            .filter(r => [...r.cells].filter(c => c.checkVisibility())
                .some(c => !c.innerText.trim())).map(r => r.dataset.row)"""
    )
    assert empty == []


@pytest.mark.parametrize("path", ["", "piani/"])
def test_three_plans_sit_in_one_row_or_one_per_row_at_768(
    new_page, site_server: str, path: str
) -> None:
    page = new_page(viewport={"width": 768, "height": 1024})
    page.goto(site_server + path)
    tops = page.locator(".plan-row > li").evaluate_all(
        "cards => cards.map(c => Math.round(c.getBoundingClientRect().top))"
    )
    assert len(tops) == 3
    assert len(set(tops)) in (1, 3), f"two plus one: {tops}"


# Every word on one line; addresses (email, web) may wrap anywhere, they have no syllables.
_BROKEN_WORDS = r"""() => {
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        // Skip what is not shown, and visually hidden text (a 1 px box for screen readers).
        if (!parent.checkVisibility() || parent.getBoundingClientRect().width <= 1) continue;
        for (const match of node.data.matchAll(/\S+/g)) {
            const word = match[0];
            if (word.length < 4 || /[-/@:]|\w\.\w/.test(word)) continue;
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + word.length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(word);
        }
    }
    return broken;
}"""


@pytest.mark.parametrize("path", site_pages())
def test_nothing_overflows_or_breaks_a_word_at_200_percent_zoom(
    new_page, site_server: str, path: str
) -> None:
    page = new_page(viewport={"width": 180, "height": 400}, device_scale_factor=2)
    page.goto(site_server + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 180, f"/{path} is {width} CSS px wide at 200 % zoom"
    assert page.evaluate(_BROKEN_WORDS) == []


@pytest.mark.parametrize("path", site_pages())
@pytest.mark.parametrize("mode", ["dark", "print"])
def test_accessible_in_dark_mode_and_in_print(
    new_page, site_server: str, axe, path: str, mode: str
) -> None:
    page = new_page(color_scheme="dark" if mode == "dark" else "light")
    page.goto(site_server + path)
    if mode == "print":
        page.emulate_media(media="print")
    axe(page)
