"""The prospect's path on real screens: home -> plans -> request.

Every comparison cell is read with its plan's name and its row label on screen, from a 320 px
phone to a 1366 px laptop and at 200 % zoom; the home page's first screen offers both next
steps; every plan has its request link; nothing overflows or breaks a word at 200 % zoom; axe
finds nothing in dark mode or in print.

The tests share one page per set of browser options (opening a page costs more than a visit in
an open one), resized to each window, and each visit starts from a blank page, on screen. Loops
over a page's elements run in the page, in one call. Axe reads each page on one visit: in dark
mode, then on paper.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from harness.axe import AXE_SCRIPT, format_violations, run_axe
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


# Each cell of a plan brought into view, and read with the plan's name and the row's label:
# [rows, the plan's cells, problems].
_READ_CELLS = f"""(plan) => {{
    const seen = {_SEEN};
    const planLabel = {_PLAN_LABEL};
    const rows = document.querySelectorAll('table.comparison tr[data-row]').length;
    const cells = document.querySelectorAll(`table.comparison td[data-plan="${{plan}}"]`);
    const problems = [];
    for (const cell of cells) {{
        cell.scrollIntoView({{block: cell.offsetHeight > innerHeight / 2 ? 'start' : 'center'}});
        const row = cell.closest('tr').dataset.row;
        const where = `${{plan}}/${{row}}`;
        let why = seen(cell);
        if (why) problems.push(`${{where}}: cell ${{why}}`);
        const label = planLabel(plan);
        if (!label) problems.push(`${{where}}: no visible plan name`);
        else if ((why = seen(label))) problems.push(`${{where}}: plan name ${{why}}`);
        const rowLabels = document.querySelectorAll(`[data-row-label="${{row}}"]`);
        why = rowLabels.length === 1 ? seen(rowLabels[0]) : `found ${{rowLabels.length}} times`;
        if (why) problems.push(`${{where}}: row label ${{why}}`);
    }}
    return [rows, cells.length, problems];
}}"""


@pytest.fixture(scope="module")
def tabs(browser_contexts) -> Iterator[Callable[..., tuple[object, dict]]]:
    """`tabs(**context_options) -> (Page, its own viewport)`: one page per set of options, for
    all the module's tests."""
    pages: dict[str, tuple[object, dict]] = {}

    def tab(**options):
        key = json.dumps(options, sort_keys=True)
        if key not in pages or pages[key][0].is_closed():
            page = browser_contexts(**options).new_page()
            pages[key] = page, page.viewport_size
        return pages[key]

    yield tab
    for page, _ in pages.values():
        page.close()


@pytest.fixture
def visit(tabs) -> Callable[..., object]:
    """`visit(url, viewport=None, **context_options) -> Page`: the module's page for these
    options (see `new_page`), in a window of that size (by default the context's), showing url
    opened from a blank page, on screen: nothing of the test before remains, neither print
    media nor a form's state nor a scroll position. The site's layout is CSS alone (no script
    reads the window's size), so a resized page lays out as one opened at that size."""

    def go(url: str, viewport: dict | None = None, **options):
        page, own_viewport = tabs(**options)
        page.emulate_media(media="null")
        page.goto("about:blank")
        page.set_viewport_size(viewport or own_viewport)
        page.goto(url)
        return page

    return go


def comparison_page(visit, site_server: str, screen: str):
    width, height, scale = SCREENS[screen]
    scaled = {"device_scale_factor": scale} if scale != 1 else {}  # 1 by default
    return visit(site_server + "piani/", viewport={"width": width, "height": height}, **scaled)


def show_plan(page, plan: str) -> None:
    """Where the comparison shows two plans, pick this one first, as a visitor would."""
    first = page.locator("#pick-first")
    if first.is_visible():
        first.select_option(plan)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_cell_is_read_with_its_plan_and_row_label(
    visit, site_server: str, screen: str
) -> None:
    page = comparison_page(visit, site_server, screen)
    problems = []
    for plan in PLAN_IDS:
        show_plan(page, plan)
        rows, cells, found = page.evaluate(_READ_CELLS, plan)
        assert rows, "the comparison has no rows"
        assert cells == rows, f"{plan}: {cells} cells for {rows} rows"
        problems += found
    assert not problems, "\n".join(problems)


def shown_plans(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.comparison td[data-plan]",
        "cs => [...new Set(cs.filter(c => c.checkVisibility()).map(c => c.dataset.plan))]",
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_two_chosen_plans_side_by_side_on_a_phone(
    visit, site_server: str, javascript: bool
) -> None:
    scripts = {} if javascript else {"java_script_enabled": False}  # on by default
    page = visit(site_server + "piani/", viewport={"width": 360, "height": 800}, **scripts)
    assert shown_plans(page) == ["bronze", "silver"]
    page.select_option("#pick-first", "gold")
    assert shown_plans(page) == ["silver", "gold"]
    tops = page.locator("tr[data-row='chat'] td").evaluate_all(
        "cs => cs.filter(c => c.checkVisibility())"
        ".map(c => Math.round(c.getBoundingClientRect().top))"
    )
    assert len(tops) == 2 and tops[0] == tops[1], "the two plans are not side by side"


def test_picking_the_plan_shown_beside_swaps_them(visit, site_server: str) -> None:
    page = visit(site_server + "piani/", viewport={"width": 360, "height": 800})
    page.select_option("#pick-first", "silver")
    expect(page.locator("#pick-second")).to_have_value("bronze")
    assert shown_plans(page) == ["bronze", "silver"]


@pytest.mark.parametrize(
    ("plan", "beside"), [("bronze", "silver"), ("silver", "bronze"), ("gold", "silver")]
)
def test_the_comparison_opens_on_the_plan_the_visitor_came_from(
    visit, site_server: str, plan: str, beside: str
) -> None:
    page = visit(site_server + f"piani/{plan}/", viewport={"width": 360, "height": 800})
    page.locator(f"main a[href='/piani/?plan={plan}#confronto']").click()
    expect(page.locator("#pick-first")).to_have_value(plan)
    expect(page.locator("#pick-second")).to_have_value(beside)
    assert sorted(shown_plans(page)) == sorted([plan, beside])


# Each row of the comparison brought into view, and its label read: [rows, problems].
_READ_ROW_LABELS = f"""() => {{
    const seen = {_SEEN};
    const rows = document.querySelectorAll('table.comparison tbody tr[data-row]');
    const problems = [];
    for (const row of rows) {{
        row.scrollIntoView();
        const labels = row.querySelectorAll('th');
        const why = labels.length === 1 ? seen(labels[0]) : `${{labels.length}} labels`;
        if (why) problems.push(`${{row.dataset.row}}: ${{why}}`);
    }}
    return [rows.length, problems];
}}"""


def test_the_sticky_plan_names_never_cover_a_row_brought_into_view(visit, site_server: str) -> None:
    page = visit(site_server + "piani/", viewport={"width": 360, "height": 800})
    rows, problems = page.evaluate(_READ_ROW_LABELS)
    assert rows, "the comparison has no rows"
    assert not problems, "\n".join(problems)


# The buttons the visitor sees on arrival (their href), and how the page's heading is seen.
_FIRST_SCREEN = f"""() => {{
    const seen = {_SEEN};
    const links = [...document.querySelectorAll('main a.button')];
    const headings = document.querySelectorAll('main h1');
    return [
        links.filter((link) => seen(link) === '').map((link) => link.getAttribute('href')),
        headings.length === 1 ? seen(headings[0]) : `${{headings.length}} headings`,
    ];
}}"""


def test_the_home_page_offers_both_next_steps_in_the_first_screen(visit, site_server: str) -> None:
    page = visit(site_server, viewport={"width": 360, "height": 800})
    first_screen, heading = page.evaluate(_FIRST_SCREEN)
    assert any(href.startswith("/piani/") for href in first_screen), first_screen
    assert "/contatti/" in first_screen, first_screen
    assert heading == "", f"main h1: {heading}"


@pytest.mark.parametrize("path", ["", "piani/"])
def test_every_plan_has_its_request_link(visit, site_server: str, path: str) -> None:
    page = visit(site_server + path)
    for plan in PLAN_IDS:
        link = page.locator(f"main a[href='/contatti/?plan={plan}']").first
        assert link.is_visible(), f"/{path}: no visible request link for {plan}"
        words = " ".join(link.inner_text().split())
        assert words == f"Chiedi informazioni sul piano {plan.title()}"


@pytest.mark.parametrize("plan", PLAN_IDS)
def test_each_plan_sheet_has_its_request_link_and_the_others(
    visit, site_server: str, plan: str
) -> None:
    page = visit(site_server + f"piani/{plan}/")
    assert page.locator(f"main a[href='/contatti/?plan={plan}']").first.is_visible()
    others = [other for other in PLAN_IDS if other != plan]
    for other in others:
        assert page.locator(f"main a[href='/piani/{other}/']").is_visible()
    assert page.get_by_role("button", name="Stampa la scheda").is_visible()


@pytest.mark.parametrize("plan", PLAN_IDS)
def test_a_printed_plan_sheet_has_its_address_and_email_and_no_buttons(
    visit, site_server: str, plan: str
) -> None:
    page = visit(site_server + f"piani/{plan}/")
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


def test_printed_plans_page_has_no_empty_rows(visit, site_server: str) -> None:
    page = visit(site_server + "piani/")
    page.emulate_media(media="print")
    empty = page.locator("table.comparison tr[data-row]").evaluate_all(
        """rows => rows.filter(r => r.checkVisibility())
            .filter(r => [...r.cells].filter(c => c.checkVisibility())
                .some(c => !c.innerText.trim())).map(r => r.dataset.row)"""
    )
    assert empty == []


@pytest.mark.parametrize("path", ["", "piani/"])
def test_three_plans_sit_in_one_row_or_one_per_row_at_768(
    visit, site_server: str, path: str
) -> None:
    page = visit(site_server + path, viewport={"width": 768, "height": 1024})
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
    visit, site_server: str, path: str
) -> None:
    page = visit(site_server + path, viewport={"width": 180, "height": 400}, device_scale_factor=2)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 180, f"/{path} is {width} CSS px wide at 200 % zoom"
    assert page.evaluate(_BROKEN_WORDS) == []


AXE_MODES = {"dark": {"color_scheme": "dark"}, "print": {"color_scheme": "light", "media": "print"}}


@pytest.fixture(scope="module")
def axe_reports(browser_contexts, site_server: str) -> Iterator[Callable[[str], dict[str, str]]]:
    """`axe_reports(path) -> {mode: axe's report, "" when it found nothing}`: one visit per
    page, on its first call, in dark mode and then on paper (the light theme, as printed)."""
    page = browser_contexts().new_page()
    page.add_init_script(AXE_SCRIPT)
    reports: dict[str, dict[str, str]] = {}

    def check(path: str) -> dict[str, str]:
        page.emulate_media(media="null", **AXE_MODES["dark"])
        page.goto(site_server + path)
        found = {}
        for mode, media in AXE_MODES.items():
            page.emulate_media(**media)
            violations = run_axe(page)
            found[mode] = format_violations(violations, page.url) if violations else ""
        return found

    def reports_of(path: str) -> dict[str, str]:
        if path not in reports:
            reports[path] = check(path)
        return reports[path]

    yield reports_of
    page.close()


@pytest.mark.parametrize("path", site_pages())
@pytest.mark.parametrize("mode", list(AXE_MODES))
def test_accessible_in_dark_mode_and_in_print(axe_reports, path: str, mode: str) -> None:
    report = axe_reports(path)[mode]
    assert not report, report
