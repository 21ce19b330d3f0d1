"""Map, timeline, city pages, JSON-LD and the open data files: pure logic, plus the built site."""

from __future__ import annotations

import json
import re

import pytest

from support import DATA


def test_build_publishes_the_open_data_once_at_the_site_root(site):
    data = site.site / "data"
    names = sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file())
    assert names == [
        "catalog.ttl",
        "cities.csv",
        "datapackage.json",
        "networks.csv",
        "networks.json",
        "participations.csv",
        "schema/cities.schema.json",
        "schema/network.schema.json",
        "schema/networks-file.schema.json",
        "schema/topics.schema.json",
        "staedtenetzwerke.xlsx",
    ]
    assert not (site.site / "en" / "data").exists()
    json.loads((data / "networks.json").read_text(encoding="utf-8"))
    assert (data / "schema/network.schema.json").read_bytes() == (DATA / "schema/network.schema.json").read_bytes()


@pytest.mark.parametrize("page", ["daten/index.html", "en/daten/index.html"])
def test_data_page_links_resolve_and_state_the_licence(site, page):
    html = site.html(page)
    hrefs = re.findall(r'href="((?:\.\./)+data/[^"]+)"', html)
    published = [p for p in (site.site / "data").rglob("*") if p.is_file()]
    assert len(hrefs) == len(published)  # every published file is linked, once
    for href in hrefs:
        target = (site.site / page).parent.joinpath(href).resolve()
        assert target.is_file(), href
    assert "CC BY 4.0" in html and "creativecommons.org/licenses/by/4.0/" in html


def test_network_pages_carry_valid_json_ld(site):
    for prefix in ("", "en/"):
        html = site.html(f"{prefix}netzwerke/metropolis/index.html")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["foundingDate"] == "1985" and data["location"]["name"] == "Barcelona"
        assert data["url"] == "https://www.metropolis.org"


def test_city_page_lists_networks_roles_and_sources(site):
    german = site.html("staedte/koeln/index.html")
    english = site.html("en/staedte/koeln/index.html")
    assert "<h1>Köln</h1>" in german and "<h1>Cologne</h1>" in english
    for html in (german, english):
        assert 'href="../../netzwerke/uclg/"' in html  # from /en/staedte/koeln/ too: /en/netzwerke/uclg/
        assert "report-k.de" in html  # the representation's source
        assert 'aria-current="page"' in html  # its own point on the map
    assert "November 2009 – 20. Oktober 2015" in german and "November 2009 – 20 October 2015" in english
    assert "Menschen aus Köln in Netzwerkämtern" in german and "People from Cologne in network offices" in english
    essen = site.html("staedte/essen/index.html")
    assert "Mitgliedschaften" in essen and "ruht mit dem Netzwerk seit etwa 2013" in essen
    barcelona = site.html("en/staedte/barcelona/index.html")
    assert "Seat of" in barcelona and "Metropolis" in barcelona


def test_finder_rows_carry_the_filter_attributes(site):
    html = site.html("netzwerke/index.html")
    rows = dict(re.findall(r'<tr data-network="([^"]+)"([^>]*)>', html))
    # a row per record of the real data (it grows: read, not pinned)
    assert sorted(rows) == sorted(path.stem for path in (DATA / "networks").glob("*.yml"))
    # Current memberships only: Düsseldorf in CDIA; Essen's TCN membership rests with the network.
    assert 'data-nrw="yes"' in rows["cdia"] and 'data-nrw="no"' in rows["tcn"] and 'data-nrw="no"' in rows["uclg"]
    assert 'data-status="closed"' in rows["global-compact-cities"]
    # The form is in the page from the start (no layout shift when finder.js runs); the style sheet
    # hides it where no script runs (tests/browser/test_finder_map.py).
    assert '<form class="cn-finder" data-cn-finder data-search-exclude' in html
    # Figures, their table copies and the form stay out of the one search index every page loads.
    assert html.count("data-search-exclude") == 5
