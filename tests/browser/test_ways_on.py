"""Ways on for a visitor who is lost or just arrived (issue 14): the 404 page in the language of
its address, an empty search that offers the finder and the networks, a start page that routes
without JavaScript."""

from __future__ import annotations

import pytest


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield context
    context.close()


def errors_of(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


@pytest.mark.parametrize(
    "path, lang, title, placeholder",
    [
        ("keine-seite/", "de", "Seite nicht gefunden", "Suche"),
        ("en/no-such-page/", "en", "Page not found", "Search"),
        ("en/netzwerke/gibt-es-nicht/", "en", "Page not found", "Search"),
    ],
)
def test_a_host_with_one_404_page_shows_it_in_the_language_of_the_address(
    context, served_site, path, lang, title, placeholder
):
    """GitHub Pages answers every missing address with /404.html (German): under /en/ its script
    shows the English page, at the same address, with the English header and menus."""
    german = (served_site.build.site / "404.html").read_bytes()
    missing = served_site.url + path
    context.route(missing, lambda route: route.fulfill(status=404, body=german, content_type="text/html"))
    page = context.new_page()
    errors = errors_of(page)
    page.goto(missing)
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
    assert page.url == missing
    assert page.locator("h1").inner_text() == title
    assert page.locator("input.md-search__input").get_attribute("placeholder") == placeholder
    assert page.evaluate("getComputedStyle(document.documentElement).visibility") == "visible"
    switch = page.eval_on_selector_all("a.md-select__link[hreflang]", "as => as.map(a => a.href)")
    assert switch == [served_site.url, served_site.url + "en/"]
    # The browser logs the 404 status of the address itself; nothing else may fail.
    assert [e for e in errors if "404" not in e] == []


@pytest.mark.parametrize(
    "root, query, hint",
    [("", "xqzqzxq", "Nichts gefunden?"), ("en/", "xqzqzxq", "Nothing found?")],
)
def test_an_empty_search_offers_the_finder_and_the_list_of_networks(context, served_site, root, query, hint):
    page = context.new_page()
    page.goto(served_site.url + root)
    empty = page.locator(".cn-search-empty")
    page.click("input.md-search__input")
    assert not empty.is_visible()  # nothing typed yet
    page.keyboard.type(query)
    empty.wait_for(state="visible")
    assert empty.inner_text().startswith(hint)
    links = empty.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert links == [served_site.url + root + "netzwerke/#cn-finder", served_site.url + root + "netzwerke/"]
    page.fill("input.md-search__input", "")
    page.keyboard.type("UCLG")  # a query with results: the hint goes, the results show
    page.wait_for_selector("a.md-search-result__link")
    assert not empty.is_visible()


@pytest.mark.parametrize("root", ["", "en/"])
def test_the_start_page_routes_without_javascript(browser, served_site, root):
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site.url + root)
    cards = page.locator(".cn-routes a.cn-routes__link")
    assert cards.count() == 4
    for index in range(4):
        assert cards.nth(index).is_visible()
        box = cards.nth(index).bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24  # WCAG 2.2 target size
    # "My municipality" leads to the list of NRW municipalities, and one of them to its page.
    cards.first.click()
    first = page.locator("ul.cn-pick a").first
    name = first.inner_text()
    first.click()
    page.wait_for_url(f"{served_site.url}{root}staedte/*/")
    assert page.locator("h1").inner_text() == name
    # "How to join" leads to a network's joining section.
    page.goto(served_site.url + root)
    page.locator(".cn-routes a.cn-routes__link").nth(2).click()
    page.locator("ul.cn-pick--wide a").first.click()
    page.wait_for_url("**/#cn-joining")
    assert page.locator("#cn-joining").is_visible()
    context.close()
