"""Layout in Chromium on every page of both languages (issue 14): tables that fit, no layout shift.

On a phone and on a laptop (1280×900): no page and no table scrolls sideways, no table cell is cut,
and on a phone every table is a stack of labelled cards that is still a table to screen readers.
These read the visits of every page that test_pages.py's checks use too (walks.py: the phone is
360×740 there, with is_mobile). On one page of each kind the cumulative layout shift stays below
0.02, at 360×780 and 1280×900. Screenshots of the main page kinds on a phone in the dark scheme go
to test-artifacts/screenshots/ (the other schemes and widths are taken by the walks).
"""

from __future__ import annotations

import pytest
from conftest import PAGE_KINDS

SIZES = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_no_table_and_no_page_scrolls_sideways_and_no_cell_is_cut(size, request, served_site):
    walk = request.getfixturevalue(f"{size}_walk")
    assert list(walk.visits) == served_site.pages(), "the walk did not visit every page"
    problems, tables = [], 0
    for path, visit in walk.visits.items():
        tables += visit.tables
        problems += [f"{size} /{path}: {problem}" for problem in visit.overflow]
    assert tables, "no table found on the site"
    assert not problems, "\n".join(problems)


def test_on_a_phone_every_table_is_labelled_cards_and_still_a_table(phone_walk, served_site):
    assert list(phone_walk.visits) == served_site.pages(), "the walk did not visit every page"
    problems, checked = [], 0
    for path, visit in phone_walk.visits.items():
        if not visit.tables:
            continue
        checked += 1
        problems += [f"/{path}: {problem}" for problem in visit.cards]
        # What a screen reader gets: Chromium's accessibility tree still has the tables, their
        # column headers and their cells, though the CSS lays the rows out as cards.
        roles, shown = visit.roles, visit.shown_tables
        for role in ("table", "columnheader", "rowheader", "cell"):
            if role == "table" and roles.count(role) < shown or role not in roles:
                problems.append(
                    f"/{path}: the accessibility tree has {roles.count(role)} {role} (tables shown: {shown})"
                )
    assert checked, "no page with a table"
    assert not problems, "\n".join(problems)


# Layout shift as Chromium reports it (Layout Instability API), without shifts right after input.
CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""


SCREENSHOT_PAGES = {"home": "", "overview": "netzwerke/", "network": "netzwerke/uclg/", "city": "staedte/koeln/"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_overview_answers_first_with_the_nrw_municipalities(browser, served_site, lang):
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    page.goto(served_site.url + ("en/" if lang == "en" else "") + "netzwerke/")
    headers = page.eval_on_selector_all(".cn-overview thead th", "ths => ths.map(th => th.textContent.trim())")
    assert headers[:2] == (["Netzwerk", "Kommunen in NRW"] if lang == "de" else ["Network", "Municipalities in NRW"])
    # The table of contents gives its room to the table on the overview.
    assert page.locator(".md-sidebar--secondary:visible").count() == 0
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_page_kind_shifts_its_layout(browser, served_site, size, lang):
    context = browser.new_context(viewport=SIZES[size], service_workers="block")
    page = context.new_page()
    shifts = {}
    for kind, path in PAGE_KINDS.items():
        page.goto(served_site.url + ("en/" if lang == "en" else "") + path, wait_until="load")
        shifts[kind] = round(page.evaluate(CLS), 4)
    context.close()
    assert all(shift < 0.02 for shift in shifts.values()), shifts


def test_the_finder_is_there_from_the_first_paint(browser, served_site):
    """The form is shown before finder.js runs (it used to appear afterwards and push the table
    down): with the script held back, the form and its count are already on screen."""
    context = browser.new_context(viewport=SIZES["phone"])
    context.route("**/assets/finder.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(served_site.url + "netzwerke/", wait_until="load")
    assert page.locator("form.cn-finder").is_visible()
    rows = page.locator(".cn-overview tbody tr").count()
    assert page.locator(".cn-finder__count").inner_text() == f"{rows} von {rows} Netzwerken angezeigt"
    context.close()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_screenshots_on_a_phone_in_the_dark_scheme(browser, served_site, artifacts, lang):
    context = browser.new_context(viewport=SIZES["phone"], color_scheme="dark", is_mobile=True)
    page = context.new_page()
    (artifacts / "screenshots").mkdir(exist_ok=True)
    for kind, path in SCREENSHOT_PAGES.items():
        page.goto(served_site.url + ("en/" if lang == "en" else "") + path, wait_until="load")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.screenshot(path=artifacts / "screenshots" / f"phone-dark-{lang}-{kind}.png", full_page=True)
    context.close()
