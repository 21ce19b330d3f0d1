"""One visit of every page per pass, recorded for all the checks of test_pages.py and test_layout.py.

Loading a page is most of a browser check's time, and about 250 pages were loaded six times (three
passes of test_pages.py, three walks of test_layout.py). Here each page is loaded once per pass:
desktop width (1280×900) light, desktop dark, and a phone (360×740, is_mobile) light. Each light
visit records what every check asks about: requests, console errors, the page's facts, axe-core's
findings, what overflows, the table cards and the accessibility tree (phone), and the screenshots
of the page kinds; the dark visit what the dark pass checks (axe-core's colour rules only). The
checks themselves stay in the test modules and read these records.

The dark pass stays a load of its own: switching a loaded page to dark (Material reads the system
setting only at load; its toggle can be clicked) left some elements of the long overview table in
their light colours for a while, so what axe-core saw there was not what a dark page shows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

# WCAG 2.1 A and AA, WCAG 2.2 AA (target size: the citation links), and axe's best practices (one
# main landmark, one h1, content in landmarks ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_EVERY_RULE = {"type": "tag", "values": AXE_TAGS}
AXE_COLOURS_ONLY = {"type": "rule", "values": AXE_COLOUR_RULES}

# The passes of test_pages.py, each a walk over every page (conftest.py's fixtures).
PASSES = {
    "desktop-light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "desktop-dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone-light": {"viewport": {"width": 360, "height": 740}, "color_scheme": "light", "is_mobile": True},
}

PAGE_FACTS = """() => ({
  lang: document.documentElement.lang,
  h1: document.querySelectorAll("h1").length,
  main: document.querySelectorAll("main").length,
  header: document.querySelectorAll("header").length,
  footer: document.querySelectorAll("footer").length,
  legalLinks: document.querySelectorAll("footer nav.cn-legal a").length,
  tablesWithoutCaption: [...document.querySelectorAll("article table")].filter(t => !t.caption).length,
  headersWithoutScope: [...document.querySelectorAll("article table th")].filter(th => !th.scope).length,
  mermaid: document.querySelectorAll(".mermaid").length,
  scheme: document.body.getAttribute("data-md-color-scheme"),
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  switcher: Object.fromEntries([...document.querySelectorAll("a.md-select__link[hreflang]")]
    .map(a => [a.getAttribute("hreflang"), a.href])),
  colours: [document.body, document.querySelector("header"), document.querySelector("article")]
    .map(e => e ? `${getComputedStyle(e).color} on ${getComputedStyle(e).backgroundColor}` : null).join(" | "),
})"""

INDEX_LOADED = """() => performance.getEntriesByType("resource")
  .some(entry => entry.name.endsWith("/search/search_index.json") && entry.responseEnd > 0)"""

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

TABLES = """() => ({
  tables: document.querySelectorAll("article table").length,
  // A table in a closed <details> (the map's and the timeline's text alternatives) is out of the
  // accessibility tree until it is opened.
  shown: [...document.querySelectorAll("article table")].filter(t => !t.closest("details:not([open])")).length,
})"""

# axe-core's violations only: the passes and the rest, with every node, are most of what it would
# hand over, and resultTypes makes it collect only one node of each (the violations stay whole).
AXE_RUN = (
    """only => axe.run(document, {runOnly: only, resultTypes: ["violations"]}).then(result => result.violations)"""
)


@dataclass
class PageVisit:
    path: str
    status: int
    facts: dict
    violations: list[dict]
    requests: list[str]
    console_errors: list[str]
    tables: int = 0
    shown_tables: int = 0
    overflow: list[str] = field(default_factory=list)  # light passes only, as the layout tests
    cards: list[str] = field(default_factory=list)  # phone only
    roles: list[str] | None = None  # the accessibility tree's roles, phone pages with a table only


@dataclass
class Walk:
    pass_name: str
    visits: dict[str, PageVisit]
    seconds: float


def language(path: str) -> str:
    return "en" if path.startswith("en/") else "de"


def page_kind(path: str, kinds: dict[str, str]) -> str | None:
    for kind, kind_path in kinds.items():
        if path in (kind_path, "en/" + kind_path):
            return kind
    return None


def walk(pass_name: str, url: str, pages: list[str], browser, axe_source: str, kinds: dict, screenshots: Path) -> Walk:
    """Visit each page once for the pass `pass_name` (PASSES), recording what the checks need (see
    the module's docstring); screenshots of the pages of `kinds` (conftest.PAGE_KINDS) in both
    languages."""
    options = PASSES[pass_name]
    light, phone = options["color_scheme"] == "light", options.get("is_mobile", False)
    context = browser.new_context(**options, service_workers="block")
    context.add_init_script(axe_source)  # axe-core in every page, before the page's own scripts
    page = context.new_page()
    cdp = context.new_cdp_session(page) if phone else None
    requests, console_errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.on("pageerror", lambda error: console_errors.append(f"uncaught: {error}"))
    screenshots.mkdir(parents=True, exist_ok=True)

    visits, started = {}, time.monotonic()
    for path in pages:
        requests.clear()
        console_errors.clear()
        response = page.goto(url + path, wait_until="load")
        # Material loads the search index after the load event: the page's last request.
        page.wait_for_function(INDEX_LOADED)
        # The layout first: axe-core scrolls and measures, the layout checks want the page as loaded.
        tables = page.evaluate(TABLES)
        overflow = page.evaluate(OVERFLOW) if light else []
        cards, roles = [], None
        if phone and tables["tables"]:
            cards = page.evaluate(CARDS)
            # What a screen reader gets: Chromium's accessibility tree.
            cdp.send("Accessibility.enable")
            roles = [node.get("role", {}).get("value") for node in cdp.send("Accessibility.getFullAXTree")["nodes"]]
        facts = page.evaluate(PAGE_FACTS)
        # The dark pass: the same page in other colours, so only the rules about colour.
        violations = page.evaluate(AXE_RUN, AXE_EVERY_RULE if light else AXE_COLOURS_ONLY)
        kind = page_kind(path, kinds)
        if kind:
            page.screenshot(path=screenshots / f"{pass_name}-{language(path)}-{kind}.png", full_page=True)
        visits[path] = PageVisit(
            path,
            response.status,
            facts,
            violations,
            list(requests),
            list(console_errors),
            tables["tables"],
            tables["shown"],
            overflow,
            cards,
            roles,
        )
    context.close()
    return Walk(pass_name, visits, time.monotonic() - started)
