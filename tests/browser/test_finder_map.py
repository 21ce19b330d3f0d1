"""Browser tests of the network finder and the map links, in headless Debian Chromium.

The site and the browser are the session's (tests/browser/browser_support.py): the real site
served on 127.0.0.1, Debian's Chromium. A missing browser fails these tests, never skips them.
"""

from __future__ import annotations

import pytest

from citynet.load import load_catalogue
from support import DATA


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
        ".cn-overview tbody tr",
        "rows => rows.filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.network)",
    )


def expected(catalogue, *, nrw=None, scope=None, status=None) -> list[str]:
    result = []
    for n in catalogue.networks:
        if nrw is not None and bool(n.member_cities(nrw=True, current=True)) != nrw:
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
    assert (
        page.locator(".cn-finder__count").inner_text() == f"{len(with_nrw)} von {len(everything)} Netzwerken angezeigt"
    )
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
    assert (
        page.locator(".cn-finder__count").inner_text()
        == f"Showing {len(without)} of {len(catalogue.networks)} networks"
    )
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
    # The names beside the NRW points do not overlap on screen (numbers where names would: then
    # the numbered list names them).
    page.goto(finder_base_url + "/netzwerke/")
    boxes = page.eval_on_selector_all(
        "#cn-map svg[data-cn-map=nrw] a.cn-map__city text",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })",
    )
    assert boxes
    if not page.locator("#cn-map .cn-map__list").count():
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)
    context.close()


def shown_places(page) -> dict[str, bool]:
    """Each place on the overview's map (its point) and whether it is displayed."""
    return dict(
        page.eval_on_selector_all(
            "#cn-map a.cn-map__city",
            "els => els.map(e => [e.dataset.city, getComputedStyle(e).display !== 'none'])",
        )
    )


@pytest.mark.parametrize("query", ["nrw=yes", "status=closed", "scope=transatlantic"])
def test_the_map_follows_the_finder(page, finder_base_url, catalogue, query):
    """A place is shown while one of its networks is in the filtered table; the numbered list,
    where there is one, follows its points."""
    page.goto(f"{finder_base_url}/netzwerke/")
    everything = shown_places(page)
    assert everything and all(everything.values())
    page.goto(f"{finder_base_url}/netzwerke/?{query}")
    visible = set(visible_networks(page))
    assert 0 < len(visible) < len(catalogue.networks)
    networks = dict(
        page.eval_on_selector_all("#cn-map a.cn-map__city", "els => els.map(e => [e.dataset.city, e.dataset.networks])")
    )
    shown = shown_places(page)
    for city, ids in networks.items():
        assert ids, city  # the overview draws the places connected with a network, each says which
        assert shown[city] == bool(set(ids.split()) & visible), (query, city, ids)
    assert not all(shown.values())
    listed = dict(
        page.eval_on_selector_all(
            "#cn-map .cn-map__list li",
            "els => els.map(e => [e.dataset.listCity, getComputedStyle(e).display !== 'none'])",
        )
    )
    for city, displayed in listed.items():
        assert displayed == shown[city], (query, city)
    # Reset: every place is back.
    page.click(".cn-finder button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert all(shown_places(page).values())


def _rgba(value: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in value[value.index("(") + 1 : value.index(")")].replace("/", ",").split(",")]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def _over(colour, background):
    """A colour with alpha, painted over an opaque background."""
    r, g, b, a = colour
    return tuple(a * c + (1 - a) * d for c, d in zip((r, g, b), background[:3], strict=True)) + (1.0,)


def _luminance(colour) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# The land a point of each kind lies on: NRW, another German state (or Germany on Europe's map),
# land abroad.
LAND_OF = {"nrw": [".cn-map__nrw"], "germany": [".cn-map__state", ".cn-map__home"], "abroad": [".cn-map__land"]}

MAP_PAGES = [("overview", "netzwerke/"), ("network", "netzwerke/metropolis/"), ("city", "staedte/koeln/")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_points_and_the_nrw_border_stand_out_in_light_and_dark(browser, finder_base_url, scheme):
    """WCAG 1.4.11 (non-text contrast, 3:1): each point (its fill, or a ring's stroke) against the
    land it lies on, and NRW's border against NRW and the states around it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{finder_base_url}/netzwerke/")
    background = _rgba(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert (scheme == "dark") == (_luminance(background) < 0.2)

    def paint(selector: str, prop: str) -> list[tuple]:
        values = page.eval_on_selector_all(selector, f"els => els.map(e => getComputedStyle(e).{prop})")
        return [_over(_rgba(v), background) for v in values]

    checked = 0
    for kind, lands in LAND_OF.items():
        for ring, prop in ((False, "fill"), (True, "stroke")):
            member = ".cn-map__city--no-member" if ring else ":not(.cn-map__city--no-member)"
            fills = [colour for land in lands for colour in paint(f"#cn-map {land}", "fill")]
            for dot in paint(f"#cn-map .cn-map__city--{kind}{member} .cn-map__dot", prop):
                for fill in fills:
                    assert contrast(dot, fill) >= 3, (scheme, kind, ring, dot, fill)
                    checked += 1
    assert checked
    border = paint("#cn-map .cn-map__nrw", "stroke")[0]
    for land in paint("#cn-map .cn-map__nrw", "fill") + paint("#cn-map svg[data-cn-map=nrw] .cn-map__state", "fill"):
        assert contrast(border, land) >= 3, (scheme, border, land)
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_maps_fit_and_are_kept_as_screenshots(browser, finder_base_url, artifacts, width):
    """The map of each page type, both languages, light and dark: no sideways scrolling, and a
    screenshot of the figure in test-artifacts/maps/ for people to look at."""
    folder = artifacts / "maps"
    folder.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for kind, path in MAP_PAGES:
            for prefix in ("", "en/"):
                page.goto(f"{finder_base_url}/{prefix}{path}")
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (prefix + path, width)
                figure = page.locator("#cn-map")
                assert figure.count() == 1, prefix + path
                box = figure.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= width, (prefix + path, box)
                # The sticky header would cover the top of an element screenshot.
                page.add_style_tag(content=".md-header { position: static !important; }")
                figure.screenshot(path=folder / f"{kind}-{prefix.strip('/') or 'de'}-{width}-{scheme}.png")
        context.close()
