"""Every page of both languages in Chromium: requests, console, axe-core, structure, phone width.

Three passes over all pages: light and dark scheme at desktop width, light at 360 px (a phone).
axe-core checks every rule in the light passes; in the dark pass, where only the colours differ,
the rules about colour (contrast of text and of links in text), a third of the full run's time.
Each pass writes its request log to test-artifacts/requests-<pass>.log and screenshots of each
page type in both languages to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import PAGE_KINDS

# WCAG 2.1 A and AA, WCAG 2.2 AA (target size: the citation links), and axe's best practices (one
# main landmark, one h1, content in landmarks ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_EVERY_RULE = {"type": "tag", "values": AXE_TAGS}

PASSES = {
    "desktop-light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "desktop-dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone-light": {"viewport": {"width": 360, "height": 740}, "color_scheme": "light", "is_mobile": True},
}
AXE_RULES = {
    "desktop-light": AXE_EVERY_RULE,
    "desktop-dark": {"type": "rule", "values": AXE_COLOUR_RULES},  # the same page in other colours
    "phone-light": AXE_EVERY_RULE,  # other elements shown, other sizes (targets, reflow)
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
})"""


INDEX_LOADED = """() => performance.getEntriesByType("resource")
  .some(entry => entry.name.endsWith("/search/search_index.json") && entry.responseEnd > 0)"""


@dataclass
class Visit:
    path: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def counterpart(path: str) -> tuple[str, str]:
    """(language of the page at `path`, path of the same page in the other language)."""
    if path.startswith("en/"):
        return "en", path[3:]
    return "de", "en/" + path


@pytest.mark.parametrize("pass_name", list(PASSES))
def test_every_page(pass_name, served_site, browser, axe_source, artifacts):
    options = PASSES[pass_name]
    context = browser.new_context(**options, service_workers="block")
    context.add_init_script(axe_source)  # axe-core in every page, before the page's own scripts
    page = context.new_page()
    visit = Visit("")
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught: {error}"))
    (artifacts / "screenshots").mkdir(exist_ok=True)

    problems, log, started = [], [], time.monotonic()
    host = urlsplit(served_site.url).netloc
    pages = served_site.pages()
    for path in pages:
        visit.path, visit.requests[:], visit.console_errors[:] = path, [], []
        response = page.goto(served_site.url + path, wait_until="load")
        # Material loads the search index after the load event: the page's last request.
        page.wait_for_function(INDEX_LOADED)
        not_found = path.endswith("404.html")
        if not not_found and response.status != 200:
            problems.append(f"{path}: HTTP {response.status}")
        facts = page.evaluate(PAGE_FACTS)
        result = page.evaluate("only => axe.run(document, {runOnly: only})", AXE_RULES[pass_name])
        for violation in result["violations"]:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            problems.append(f"{path}: axe {violation['id']} ({violation['impact']}): {violation['help']} – {targets}")

        log.append(f"# {path}")
        log.extend(visit.requests)
        foreign = [
            url
            for url in visit.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != host
        ]
        problems += [f"{path}: request to another host: {url}" for url in foreign]
        problems += [f"{path}: console error: {text}" for text in visit.console_errors]

        language, other = counterpart(path)
        if facts["lang"] != language:
            problems.append(f"{path}: <html lang={facts['lang']!r}>, expected {language!r}")
        other_language = "de" if language == "en" else "en"
        target = facts["switcher"].get(other_language)
        # A 404 page has no counterpart: its switch leads to the other language's start page.
        wanted = (
            urljoin(served_site.url, "" if language == "en" else "en/")
            if not_found
            else urljoin(served_site.url, other)
        )
        if target != wanted:
            problems.append(f"{path}: language switcher leads to {target}, expected {wanted}")
        for landmark in ("h1", "main", "header", "footer"):
            if facts[landmark] != 1:
                problems.append(f"{path}: {facts[landmark]} <{landmark}> elements, expected exactly one")
        for fact, what in [
            ("tablesWithoutCaption", "tables without <caption>"),
            ("headersWithoutScope", "<th> without scope"),
            ("mermaid", "Mermaid diagrams (Material would load mermaid.js from unpkg.com)"),
        ]:
            if facts[fact]:
                problems.append(f"{path}: {facts[fact]} {what}")
        if facts["legalLinks"] != 3:
            problems.append(f"{path}: {facts['legalLinks']} legal links in the footer, expected 3")
        wanted_scheme = "slate" if options["color_scheme"] == "dark" else "default"
        if facts["scheme"] != wanted_scheme:
            problems.append(f"{path}: colour scheme {facts['scheme']!r}, expected {wanted_scheme!r}")
        if facts["scrollWidth"] > facts["innerWidth"]:
            problems.append(f"{path}: scrolls sideways at {facts['innerWidth']} px (content {facts['scrollWidth']} px)")

        for kind, kind_path in PAGE_KINDS.items():
            if path in (kind_path, "en/" + kind_path):
                page.screenshot(path=artifacts / "screenshots" / f"{pass_name}-{language}-{kind}.png", full_page=True)

    (artifacts / f"requests-{pass_name}.log").write_text("\n".join(log) + "\n", encoding="utf-8")
    summary = {
        "pass": pass_name,
        "pages": len(pages),
        "requests": sum(1 for line in log if not line.startswith("#")),
        "seconds": round(time.monotonic() - started, 1),
        "problems": len(problems),
    }
    (artifacts / f"summary-{pass_name}.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(summary)
    context.close()
    assert len(pages) >= 20, pages  # both languages of every kind of page, not a half-built site
    assert not problems, "\n".join(problems)


def test_an_old_browser_without_resize_observer_still_loads_nothing_from_elsewhere(served_site, browser):
    """Material fetches a ResizeObserver polyfill from unpkg.com where the browser lacks one."""
    context = browser.new_context(service_workers="block")
    context.add_init_script("delete window.ResizeObserver")
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served_site.url + "netzwerke/uclg/", wait_until="load")
    page.wait_for_function(INDEX_LOADED)
    assert page.evaluate("typeof window.ResizeObserver") == "function"
    context.close()
    assert requests and all(url.startswith(served_site.url) for url in requests), requests
