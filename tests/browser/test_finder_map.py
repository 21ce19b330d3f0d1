"""Browser tests of the network finder and the map links, in headless Debian Chromium.

The site and the browser are the session's (tests/browser/browser_support.py): the real site
served on 127.0.0.1, Debian's Chromium. A missing browser fails these tests, never skips them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citynet.load import load_catalogue

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def finder_base_url(served_site):
    return served_site.url.rstrip("/")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA)


def visible_networks(page) -> list[str]:
    return page.eval_on_selector_all(
        ".cn-overview tbody tr", "rows => rows.filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.network)"
    )


def expected(catalogue, *, nrw=None, scope=None, status=None) -> list[str]:
    result = []
    for n in catalogue.networks:
        if nrw is not None and any(c.is_nrw for c in n.german_cities) != nrw:
            continue
        if scope and n.scope != scope:
            continue
        if status and n.status.value != status:
            continue
        result.append(n.id)
    return result


def test_a_filter_narrows_the_list_and_says_how_many(page, finder_base_url, catalogue):
    page.goto(f"{finder_base_url}/netzwerke/")
    assert page.locator("form.cn-finder").is_visible()
    everything = [n.id for n in catalogue.networks]
    assert visible_networks(page) == everything
    page.select_option("#cn-finder-nrw", "yes")
    with_nrw = expected(catalogue, nrw=True)
    assert 0 < len(with_nrw) < len(everything)
    assert visible_networks(page) == with_nrw
    assert page.locator(".cn-finder__count").inner_text() == f"{len(with_nrw)} von {len(everything)} Netzwerken angezeigt"
    page.select_option("#cn-finder-status", "active")
    assert visible_networks(page) == expected(catalogue, nrw=True, status="active")


def test_the_url_reproduces_a_filtered_view(page, finder_base_url, catalogue):
    page.goto(f"{finder_base_url}/netzwerke/")
    page.select_option("#cn-finder-scope", "transatlantic")
    page.select_option("#cn-finder-nrw", "yes")
    assert page.url.endswith("/netzwerke/?scope=transatlantic&nrw=yes")
    shown = visible_networks(page)
    assert shown == expected(catalogue, nrw=True, scope="transatlantic")

    fresh = page.context.new_page()
    fresh.goto(page.url)
    assert visible_networks(fresh) == shown
    assert fresh.input_value("#cn-finder-scope") == "transatlantic"
    assert fresh.input_value("#cn-finder-nrw") == "yes"

    fresh.click(".cn-finder button[type=reset]")
    fresh.wait_for_function("() => !location.search")
    assert visible_networks(fresh) == [n.id for n in catalogue.networks]


def test_an_unknown_value_in_the_url_is_ignored(page, finder_base_url, catalogue):
    page.goto(f"{finder_base_url}/netzwerke/?scope=galactic&status=closed")
    assert page.input_value("#cn-finder-scope") == ""
    assert visible_networks(page) == expected(catalogue, status="closed")


def test_english_finder_speaks_english(page, finder_base_url, catalogue):
    page.goto(f"{finder_base_url}/en/netzwerke/?nrw=no")
    assert page.locator("label[for=cn-finder-scope]").inner_text() == "Scope"
    without = expected(catalogue, nrw=False)
    assert page.locator(".cn-finder__count").inner_text() == f"Showing {len(without)} of {len(catalogue.networks)} networks"
    assert visible_networks(page) == without


def test_without_javascript_the_whole_table_shows_and_no_controls(browser, finder_base_url, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{finder_base_url}/netzwerke/?nrw=yes")
    assert not page.locator("form.cn-finder").is_visible()
    assert visible_networks(page) == [n.id for n in catalogue.networks]
    context.close()


@pytest.mark.parametrize("prefix, name", [("", "Köln"), ("/en", "Cologne")])
def test_a_city_point_on_the_map_opens_the_city_page(page, finder_base_url, prefix, name):
    page.goto(f"{finder_base_url}{prefix}/netzwerke/")
    point = page.locator("#cn-map a[data-city=koeln] circle")
    point.scroll_into_view_if_needed()
    point.click()
    page.wait_for_url(f"**{prefix}/staedte/koeln/")
    assert page.locator("h1").inner_text() == name
    # The city page has a locator map: its own point, marked, and no other (flat page size).
    assert page.locator("#cn-map a[data-city=koeln]").get_attribute("aria-current") == "page"
    assert page.locator("#cn-map a[data-city]").count() == 1
    # The map of all cities is one link away.
    page.locator("a[href='../']", has_text="Karte" if not prefix else "map").last.click()
    page.wait_for_url(f"**{prefix}/staedte/")
    assert page.locator("#cn-map a[data-city=essen]").count() == 1


def test_map_labels_are_readable_and_nothing_scrolls_sideways_on_a_phone(browser, finder_base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/netzwerke/", "/staedte/", "/en/staedte/duesseldorf/"):
        page.goto(finder_base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        heights = page.eval_on_selector_all(
            ".cn-map__city text, .cn-timeline__name",
            "els => els.map(e => e.getBoundingClientRect().height)",
        )
        assert heights and min(heights) >= 11, (path, min(heights))
    # Labels of the three close NRW cities do not overlap on screen.
    page.goto(finder_base_url + "/netzwerke/")
    boxes = page.eval_on_selector_all(
        "#cn-map svg[data-cn-map=de] a.cn-map__city--nrw text",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })",
    )
    assert len(boxes) == 3
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)
    context.close()
