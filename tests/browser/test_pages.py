"""Every page of both languages in Chromium: requests, console, axe-core, structure, phone width.

Three passes over all pages: light and dark scheme at desktop width, light at 360 px (a phone).
axe-core checks every rule in the light passes; in the dark pass, where only the colours differ,
the rules about colour (contrast of text and of links in text), a third of the full run's time.
The light passes' visits also serve test_layout.py (walks.py: each page is loaded once per pass).
Each pass writes its request log to test-artifacts/requests-<pass>.log and screenshots of each
page type in both languages to test-artifacts/screenshots/ (taken during the visits).
"""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest
from walks import INDEX_LOADED, PASSES

WALKS = {"desktop-light": "desktop_walk", "desktop-dark": "desktop_dark_walk", "phone-light": "phone_walk"}


def counterpart(path: str) -> tuple[str, str]:
    """(language of the page at `path`, path of the same page in the other language)."""
    if path.startswith("en/"):
        return "en", path[3:]
    return "de", "en/" + path


@pytest.mark.parametrize("pass_name", list(PASSES))
def test_every_page(pass_name, request, served_site, artifacts):
    walk = request.getfixturevalue(WALKS[pass_name])  # the walk this pass needs, only that one
    problems, log = [], []
    host = urlsplit(served_site.url).netloc
    pages = served_site.pages()
    assert list(walk.visits) == pages, "the walk did not visit every page"
    for path in pages:
        visit = walk.visits[path]
        facts = visit.facts
        not_found = path.endswith("404.html")
        if not not_found and visit.status != 200:
            problems.append(f"{path}: HTTP {visit.status}")
        for violation in visit.violations:
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
        wanted_scheme = "slate" if PASSES[pass_name]["color_scheme"] == "dark" else "default"
        if facts["scheme"] != wanted_scheme:
            problems.append(f"{path}: colour scheme {facts['scheme']!r}, expected {wanted_scheme!r}")
        if facts["scrollWidth"] > facts["innerWidth"]:
            problems.append(f"{path}: scrolls sideways at {facts['innerWidth']} px (content {facts['scrollWidth']} px)")

    (artifacts / f"requests-{pass_name}.log").write_text("\n".join(log) + "\n", encoding="utf-8")
    summary = {
        "pass": pass_name,
        "pages": len(pages),
        "requests": sum(1 for line in log if not line.startswith("#")),
        "seconds": round(walk.seconds, 1),  # the walk's
        "problems": len(problems),
    }
    (artifacts / f"summary-{pass_name}.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(summary)
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
