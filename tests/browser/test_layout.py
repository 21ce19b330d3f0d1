"""Layout in Chromium on every page of both languages (issue 14): tables that fit, no layout shift.

At 360×780 (a phone) and 1280×900 (a laptop): no page and no table scrolls sideways, no table cell
is cut, and on a phone every table is a stack of labelled cards that is still a table to screen
readers. On one page of each kind the cumulative layout shift stays below 0.02. Screenshots of
the main page kinds on a phone in the dark scheme go to test-artifacts/screenshots/ (the other
schemes and widths are taken by test_pages.py).
"""

from __future__ import annotations

import pytest
from conftest import PAGE_KINDS

SIZES = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}

# Everything on the page that overflows sideways: the page itself, each table's box and every
# element around a table that scrolls (Material wraps tables in a scrolling box of its own), and
# every cell whose content is wider than the cell or that reaches outside its table's box.
OVERFLOW = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) found.push(`page: ${root.scrollWidth} > ${root.clientWidth} px`);
  const article = document.querySelector("article");
  for (const table of article ? article.querySelectorAll("table") : []) {
    const name = (table.caption ? table.caption.textContent : "a table").trim().slice(0, 60);
    for (let box = table.parentElement; box && box !== article; box = box.parentElement) {
      const overflowX = getComputedStyle(box).overflowX;
      if (overflowX !== "visible" && box.scrollWidth > box.clientWidth + 1) {
        found.push(`${name}: its box .${box.className.split(" ").join(".")} scrolls (${box.scrollWidth} > ${box.clientWidth} px)`);
      }
    }
    const wrapper = table.closest(".cn-table") || table.parentElement;
    const edge = wrapper.getBoundingClientRect();
    for (const cell of table.querySelectorAll("th, td")) {
      if (cell.closest("thead") && getComputedStyle(cell.closest("thead")).position === "absolute") continue;
      const box = cell.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;  // a row the finder hid
      const text = cell.textContent.trim().slice(0, 40);
      if (cell.scrollWidth > cell.clientWidth + 1) found.push(`${name}: cell "${text}" is cut (${cell.scrollWidth} > ${cell.clientWidth} px)`);
      if (box.right > edge.right + 1 || box.left < edge.left - 1) found.push(`${name}: cell "${text}" reaches outside the table's box`);
      if (box.right > root.clientWidth + 1) found.push(`${name}: cell "${text}" ends beyond the screen (${Math.round(box.right)} px)`);
    }
  }
  return found;
}"""

# On a phone: each body cell is a card line with its column's name, the row's header its title.
CARDS = """() => {
  const found = [];
  for (const table of document.querySelectorAll("article table")) {
    const name = (table.caption ? table.caption.textContent : "a table").trim().slice(0, 60);
    const headers = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
    if (getComputedStyle(table.querySelector("tbody tr")).display !== "block") found.push(`${name}: rows are not cards`);
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.cells].forEach((cell, index) => {
        if (cell.tagName === "TD" && cell.dataset.label !== headers[index]) {
          found.push(`${name}: cell ${index + 1} is labelled ${JSON.stringify(cell.dataset.label)}, its column is ${JSON.stringify(headers[index])}`);
        }
      });
    }
  }
  return found;
}"""

# Layout shift as Chromium reports it (Layout Instability API), without shifts right after input.
CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""


SCREENSHOT_PAGES = {"home": "", "overview": "netzwerke/", "network": "netzwerke/uclg/", "city": "staedte/koeln/"}


@pytest.fixture(scope="module", params=list(SIZES))
def sized_page(request, browser):
    context = browser.new_context(viewport=SIZES[request.param], service_workers="block")
    page = context.new_page()
    yield request.param, page
    context.close()


def test_no_table_and_no_page_scrolls_sideways_and_no_cell_is_cut(sized_page, served_site):
    size, page = sized_page
    problems, tables = [], 0
    for path in served_site.pages():
        page.goto(served_site.url + path, wait_until="load")
        tables += page.locator("article table").count()
        problems += [f"{size} /{path}: {problem}" for problem in page.evaluate(OVERFLOW)]
    assert tables, "no table found on the site"
    assert not problems, "\n".join(problems)


def test_on_a_phone_every_table_is_labelled_cards_and_still_a_table(browser, served_site):
    context = browser.new_context(viewport=SIZES["phone"], service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    problems, checked = [], 0
    for path in served_site.pages():
        page.goto(served_site.url + path, wait_until="load")
        count = page.locator("article table").count()
        if not count:
            continue
        # A table in a closed <details> (the map's and the timeline's text alternatives) is out of
        # the accessibility tree until it is opened.
        shown = page.evaluate("""() => [...document.querySelectorAll("article table")]
          .filter(t => !t.closest("details:not([open])")).length""")
        checked += 1
        problems += [f"/{path}: {problem}" for problem in page.evaluate(CARDS)]
        # What a screen reader gets: Chromium's accessibility tree still has the tables, their
        # column headers and their cells, though the CSS lays the rows out as cards.
        cdp.send("Accessibility.enable")
        roles = [node.get("role", {}).get("value") for node in cdp.send("Accessibility.getFullAXTree")["nodes"]]
        for role in ("table", "columnheader", "rowheader", "cell"):
            if role == "table" and roles.count(role) < shown or role not in roles:
                problems.append(
                    f"/{path}: the accessibility tree has {roles.count(role)} {role} (tables shown: {shown})"
                )
    context.close()
    assert checked, "no page with a table"
    assert not problems, "\n".join(problems)


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
