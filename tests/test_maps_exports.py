"""Map, timeline, city pages, JSON-LD and the open data files: pure logic, plus the built site."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from citynet import maps
from citynet.cities import city_profiles
from citynet.export import (
    CITY_COLUMNS,
    NETWORK_COLUMNS,
    city_rows,
    export_files,
    network_rows,
    networks_document,
    to_csv,
    write_if_changed,
)
from citynet.geoprep import clip_ring, features, ring_area, simplify
from citynet.load import load_catalogue
from citynet.model import Text
from citynet.render import Renderer, json_for_script, render_pages
from citynet.timeline import FONT, WIDTH, timeline

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA, today=TODAY)


@pytest.fixture(scope="module")
def profiles(catalogue):
    return list(city_profiles(catalogue).values())


# -- base map preparation ------------------------------------------------------------------------

def test_topojson_arcs_are_decoded_with_transform_and_reversal():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 40]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {"x": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "A"}},
            {"type": "Polygon", "arcs": [[~1, ~0]], "id": "2"},
        ]}},
    }
    a, b = features(topology, "x")
    assert a["name"] == "A"
    assert a["polygons"][0][0] == [(10, 40), (11, 40), (11, 41), (10, 41), (10, 40)]
    assert b["polygons"][0][0] == list(reversed(a["polygons"][0][0]))


def test_clipping_a_ring_to_a_box_keeps_only_the_inside():
    square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    clipped = clip_ring(square, (1, 1, 10, 10))
    assert clipped[0] == clipped[-1]
    assert all(1 <= x <= 4 and 1 <= y <= 4 for x, y in clipped)
    assert ring_area(clipped) == pytest.approx(9)
    assert clip_ring(square, (5, 5, 6, 6)) == []


def test_simplify_keeps_the_shape_and_drops_points_on_a_line():
    ring = [(0, 0), (1, 0.001), (2, 0), (2, 2), (0, 2), (0, 0)]
    simple = simplify(ring, 0.01)
    assert (1, 0.001) not in simple
    assert simple[0] == simple[-1] == (0, 0)
    assert ring_area(simple) == pytest.approx(4, rel=0.01)


@pytest.mark.parametrize("name", ["germany.geo.json", "europe.geo.json", "world.geo.json"])
def test_committed_base_maps_are_valid_small_geojson(name):
    path = DATA / "geo" / name
    assert path.stat().st_size < 40_000
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection" and "Natural Earth" in document["source"]
    for feature in document["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)


# -- maps ----------------------------------------------------------------------------------------

def test_projection_maps_the_frame_onto_the_viewbox():
    for frame in (maps.GERMANY, maps.EUROPE, maps.WORLD):
        project, height = maps.projection(frame)
        x0, y0 = project(frame.west, frame.north if frame is not maps.WORLD else 0)
        x1, _ = project(frame.east, frame.south if frame is not maps.WORLD else 0)
        assert x0 == pytest.approx(0, abs=0.5) and x1 == pytest.approx(frame.width, abs=0.5)
        assert project(0, frame.north)[1] == pytest.approx(0, abs=0.5)
        assert project(0, frame.south)[1] == pytest.approx(height, abs=1)


def test_every_city_is_drawn_exactly_once_inside_its_frame(catalogue, profiles):
    for lang in ("de", "en"):
        drawn = []
        for panel in maps.panels(profiles, lang):
            for point in panel.points:
                drawn.append(point.profile.city.id)
                assert 0 <= point.x <= panel.frame.width, point.profile.city.id
                assert 0 <= point.y <= panel.height, point.profile.city.id
                left, top, right, bottom = point.box
                assert left >= 0 and top >= 0 and right <= panel.frame.width and bottom <= panel.height, point.profile.city.id
        assert sorted(drawn) == sorted(catalogue.cities)


def test_nrw_cities_are_on_the_germany_panel_and_seats_abroad_elsewhere(profiles):
    by_city = {p.profile.city.id: panel.frame.id for panel in maps.panels(profiles, "de") for p in panel.points}
    assert by_city["koeln"] == by_city["essen"] == by_city["duesseldorf"] == "de"
    assert by_city["barcelona"] == by_city["paris"] == "eu"
    assert by_city["melbourne"] == by_city["washington"] == "world"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_labels_neither_overlap_nor_sit_nearer_another_city(profiles, lang):
    for panel in maps.panels(profiles, lang):
        boxes = [p.box for p in panel.points]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert maps._overlap(a, b) == 0, (panel.frame.id, a, b)
            own = panel.points[i]
            for other in panel.points:
                if other is not own:
                    assert maps._distance(a, other.x, other.y) > maps._distance(a, own.x, own.y), own.profile.city.id


def test_labels_are_readable_on_a_phone():
    # A 360 px screen leaves about 328 px for content; each panel's text must stay >= 11.5 px there.
    for frame in (maps.GERMANY, maps.EUROPE, maps.WORLD):
        assert frame.font * 328 / frame.width >= 11.5
    assert FONT * 328 / WIDTH >= 11.5


def test_map_svg_links_every_point_to_its_city_page(catalogue):
    page = render_pages(catalogue)["netzwerke/index.md"]
    links = re.findall(r'<a class="cn-map__city[^"]*" href="([^"]+)" data-city="([^"]+)"', page)
    assert sorted(city for _, city in links) == sorted(catalogue.cities)
    assert all(href == f"../staedte/{city}/" for href, city in links)
    assert page.count("<svg") == 3 + 1  # three map panels, one timeline


def test_a_crowded_panel_draws_named_points_without_labels_quickly(tmp_path):
    """2,000 labelled cities would take a minute to place and could not be read: beyond
    MAX_LABELLED_POINTS the points carry their names as accessible names and tooltips."""
    import time

    from citynet.synthetic import make_data_set

    crowded = make_data_set(DATA, tmp_path / "data", networks=20, cities=2000)
    started = time.perf_counter()
    page = Renderer(crowded).cities("en")
    assert time.perf_counter() - started < 5
    points = re.findall(r'<a class="cn-map__city[^"]*" href="[^"]+" data-city="([^"]+)" aria-label="([^"]+)">\n<circle[^>]*/>\n<title>([^<]+)</title>', page)
    assert len(points) == 2000 and all(label == title for _, label, title in points)
    assert "2000 cities shown as points; the table with the map lists them all." in page
    assert page.count("<tr") >= 2000  # the table names every city

    # The real data stays labelled.
    real = Renderer(load_catalogue(DATA)).cities("en")
    assert "aria-label=" not in real.split("<figure", 1)[1].split("</figure>", 1)[0]
    assert "cn-map__city" in real and "<text " in real


# -- timeline ------------------------------------------------------------------------------------

def test_timeline_rows_follow_founding_status_and_stay_in_the_frame(catalogue):
    tl = timeline(catalogue.networks, TODAY)
    founded = [row.network.founded.date for row in tl.rows]
    assert founded == sorted(founded) and len(tl.rows) == len(catalogue.networks)
    for row in tl.rows:
        assert 0 < row.start < row.end <= tl.width
        assert row.bar_y + 14 < tl.height
        status = row.network.status.value
        assert (row.dormant_end is not None) == (status == "dormant")
        assert row.closed == (status == "closed")
    rows = {row.network.id: row for row in tl.rows}
    # The closed programme's bar ends at its closing, well before an active network's.
    assert rows["global-compact-cities"].end < rows["uclg"].end
    assert rows["tcn"].end < rows["tcn"].dormant_end
    assert [year for _, year in tl.ticks] == list(range(1990, 2030, 10))


# -- JSON-LD -------------------------------------------------------------------------------------

def test_json_for_script_cannot_close_the_script_and_stays_the_same_json():
    data = {"name": "</script><script>alert(1)</script> & <!-- x"}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_json_ld_of_a_hostile_record_is_safe(catalogue):
    network = catalogue.network("uclg")
    hostile = replace(network, name=Text("</script><img src=x onerror=alert(1)>", "</SCRIPT>"))
    renderer = Renderer(replace(catalogue, networks=[hostile]), site_url="https://example.org/")
    page = renderer.network(hostile, "de")
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(script)
    assert data["name"] == "</script><img src=x onerror=alert(1)>"
    assert page.count("</script>") == 1


def test_json_ld_describes_the_network(catalogue):
    renderer = Renderer(catalogue, site_url="https://example.org/")
    for network in catalogue.networks:
        for lang in ("de", "en"):
            page = renderer.network(network, lang)
            data = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
            assert data["@type"] == "Organization" and data["@context"] == "https://schema.org"
            assert data["name"] == network.name[lang]
            assert data["foundingDate"] == network.founded.date.iso()
            prefix = "" if lang == "de" else "en/"
            assert data["mainEntityOfPage"] == f"https://example.org/{prefix}netzwerke/{network.id}/"
            if network.seat:
                assert data["location"]["name"] == network.seat.city.name[lang]
            if network.website:
                assert network.website in data["sameAs"]
    gcc = json.loads(renderer.network(catalogue.network("global-compact-cities"), "en").split('ld+json">', 1)[1].split("</script>")[0])
    assert gcc["dissolutionDate"] == "2021-02-15"


# -- exports -------------------------------------------------------------------------------------

def _schema_validator(name):
    schema = json.loads((DATA / "schema" / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_networks_json_validates_against_the_schemas(catalogue):
    files = export_files(catalogue, DATA, "https://example.org/")
    document = json.loads(files["networks.json"])
    network_schema = _schema_validator("network.schema.json")
    assert sorted(document["networks"]) == sorted(n.id for n in catalogue.networks)
    for network_id, record in document["networks"].items():
        errors = list(network_schema.iter_errors(record))
        assert not errors, (network_id, [e.message for e in errors])
    assert not list(_schema_validator("cities.schema.json").iter_errors(document["cities"]))
    assert not list(_schema_validator("topics.schema.json").iter_errors(document["topics"]))
    assert document["license"]["id"] == "CC-BY-4.0"
    assert document["pages"]["cities"]["koeln"] == {"de": "https://example.org/staedte/koeln/", "en": "https://example.org/en/staedte/koeln/"}


def test_networks_json_keeps_both_languages_and_every_field(catalogue):
    document = networks_document(catalogue)
    uclg = document["networks"]["uclg"]
    assert uclg["name"]["de"] != uclg["name"]["en"]
    assert {"representatives", "history", "partners", "sources", "members"} <= set(uclg)
    assert document["cities"]["koeln"]["name"] == {"de": "Köln", "en": "Cologne"}


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_files_round_trip(catalogue):
    for rows, columns in ((network_rows(catalogue), NETWORK_COLUMNS), (city_rows(catalogue), CITY_COLUMNS)):
        text = to_csv(rows, columns)
        assert text.splitlines()[0].split(",") == columns
        assert _read_csv(text) == rows


def test_csv_round_trips_awkward_text():
    rows = [{"a": 'Quote " and, comma', "b": "line\nbreak; semi"}, {"a": "Köln – Düsseldorf", "b": ""}]
    assert _read_csv(to_csv(rows, ["a", "b"])) == rows


def test_csv_rows_say_what_the_records_say(catalogue):
    rows = {row["id"]: row for row in network_rows(catalogue)}
    assert len(rows) == len(catalogue.networks)
    assert rows["tcn"]["status"] == "dormant" and rows["tcn"]["status_since"] == "2017"
    assert rows["tcn"]["nrw_cities"] == "essen"
    assert rows["metropolis"]["eligible"] == "capital-cities;cities-over-1m"
    assert rows["metropolis"]["members_count"] == "150" and rows["metropolis"]["members_as_of"] == "2023-06"
    assert rows["uclg"]["name_de"] != rows["uclg"]["name_en"]
    cities = {row["id"]: row for row in city_rows(catalogue)}
    assert sorted(cities) == sorted(catalogue.cities)
    assert cities["koeln"]["name_en"] == "Cologne" and cities["koeln"]["state"] == "DE-NW"
    assert cities["barcelona"]["seat_of"] == "metropolis;uclg"
    assert "essen" in cities and cities["essen"]["networks"] == "tcn"


def test_write_if_changed_leaves_equal_files_alone(tmp_path):
    files = {"a.json": b"1", "schema/b.json": b"2"}
    assert sorted(write_if_changed(tmp_path, files)) == ["a.json", "schema/b.json"]
    stamp = (tmp_path / "a.json").stat().st_mtime_ns
    assert write_if_changed(tmp_path, files) == []
    assert (tmp_path / "a.json").stat().st_mtime_ns == stamp
    assert write_if_changed(tmp_path, {"a.json": b"3"}) == ["a.json"]


# -- the built site ------------------------------------------------------------------------------

def test_build_publishes_the_open_data_once_at_the_site_root(site):
    data = site.site / "data"
    names = sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file())
    assert names == ["cities.csv", "networks.csv", "networks.json", "schema/cities.schema.json",
                     "schema/network.schema.json", "schema/topics.schema.json"]
    assert not (site.site / "en" / "data").exists()
    json.loads((data / "networks.json").read_text(encoding="utf-8"))
    assert (data / "schema/network.schema.json").read_bytes() == (DATA / "schema/network.schema.json").read_bytes()


@pytest.mark.parametrize("page", ["daten/index.html", "en/daten/index.html"])
def test_data_page_links_resolve_and_state_the_licence(site, page):
    html = site.html(page)
    hrefs = re.findall(r'href="((?:\.\./)+data/[^"]+)"', html)
    assert len(hrefs) == 6
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
        assert "report-k.de" in html  # the participation's source
        assert 'aria-current="page"' in html  # its own point on the map
        assert "2009 – 20." in html or "2009 – 20 October 2015" in html
    assert "Mitwirkung in Netzwerken" in german and "Taking part in networks" in english
    barcelona = site.html("en/staedte/barcelona/index.html")
    assert "Seat of" in barcelona and "Metropolis" in barcelona


def test_finder_rows_carry_the_filter_attributes(site):
    html = site.html("netzwerke/index.html")
    rows = dict(re.findall(r'<tr data-network="([^"]+)"([^>]*)>', html))
    assert sorted(rows) == sorted(["cdia", "global-compact-cities", "metropolis", "tcn", "uclg"])
    assert 'data-nrw="yes"' in rows["tcn"] and 'data-nrw="no"' in rows["metropolis"]
    assert 'data-status="closed"' in rows["global-compact-cities"]
    assert '<form class="cn-finder" data-cn-finder hidden' in html
    # Figures, their table copies and the form stay out of the one search index every page loads.
    assert html.count('data-search-exclude') == 5
