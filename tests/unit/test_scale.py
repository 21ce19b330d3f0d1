"""Scale (issue 13): with 30 networks and 100 NRW municipalities the list of municipalities is grouped
by Kreis (kreisfreie Städte first, members first), the timeline by decade, and the synthetic data the
checks use is NRW-like (Kreise, Städte and Gemeinden with a district that exists)."""

from __future__ import annotations

import datetime
import re

import pytest

from citynet.cities import city_groups, city_profiles
from citynet.collation import name_key
from citynet.load import load_catalogue
from citynet.render import Renderer
from citynet.timeline import timeline
from support import GEO, make_synthetic_data

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    data = make_synthetic_data(tmp_path_factory.mktemp("scale") / "data", networks=30, cities=400)
    return load_catalogue(data, today=TODAY)


def test_the_synthetic_data_is_nrw_like(catalogue):
    nrw = [c for c in catalogue.cities.values() if c.is_nrw]
    kinds = {c.kind for c in nrw}
    assert {"kreis", "kreisfreie-stadt", "kreisangehoerige-stadt", "gemeinde"} <= kinds
    assert len(nrw) >= 100
    for city in nrw:
        if city.kind in ("kreisangehoerige-stadt", "gemeinde"):
            assert catalogue.cities[city.district].kind == "kreis", city.id
        else:
            assert city.district is None
        assert 50.3 <= city.lat <= 52.5 and 5.9 <= city.lon <= 9.5, city.id
    years = {n.founded.date.year // 10 for n in catalogue.networks}
    assert len(years) >= 4
    states = {n.state(p) for n in catalogue.networks for p in n.memberships if p.city.is_nrw}
    assert states == {"current", "ended"}
    assert all(n.representations for n in catalogue.networks)


def test_the_list_of_municipalities_is_grouped_by_kreis_with_members_first(catalogue):
    profiles = list(city_profiles(catalogue).values())
    groups = city_groups(profiles)
    listed = [p.city.id for g in groups for p in g.profiles]
    assert sorted(listed) == sorted(p.city.id for p in profiles)  # each once
    assert groups[0].key == "kreisfreie"
    assert all(p.city.kind == "kreisfreie-stadt" and p.city.is_nrw for p in groups[0].profiles)
    keys = [g.key for g in groups]
    assert keys.index("germany") > max(i for i, k in enumerate(keys) if k == "district")
    for group in groups:
        if group.key == "district":
            assert group.profiles[0].city is group.district
            assert all(p.city.district == group.district.id for p in group.profiles[1:])
            members = group.profiles[1:]
        else:
            members = group.profiles
        rank = [0 if p.member_networks else 1 if p.former_networks else 2 for p in members]
        assert rank == sorted(rank), group.key
    district_names = [g.district.name.de for g in groups if g.key == "district"]
    assert district_names == sorted(district_names, key=name_key)


def test_the_cities_page_shows_one_row_group_per_part(catalogue):
    page = Renderer(catalogue, geo_dir=GEO, today=TODAY).cities("de")[2]
    bodies = re.findall(r'<tbody data-group="(\w+)"(?: data-district="([\w-]+)")?>\n<tr class="cn-cities__group">'
                        r'<th colspan="4" scope="rowgroup">([^<]+) <small>', page)  # fmt: skip
    assert bodies[0] == ("kreisfreie", "", "Kreisfreie Städte in NRW")
    assert ("germany", "", "Weitere Orte in Deutschland") in bodies
    district = next(b for b in bodies if b[0] == "district")
    assert district[2] == catalogue.cities[district[1]].name.de


def test_the_timeline_is_grouped_by_decade(catalogue):
    tl = timeline(catalogue.networks, TODAY)
    decades = [d.decade for d in tl.decades]
    assert decades == sorted(set(decades)) and len(decades) >= 4
    assert [r.network.id for d in tl.decades for r in d.rows] == [r.network.id for r in tl.rows]
    for d in tl.decades:
        assert all(r.network.founded.date.year // 10 * 10 == d.decade for r in d.rows)
        assert all(r.y > d.y for r in d.rows)  # the heading stands above its rows
    ys = [r.y for r in tl.rows]
    assert ys == sorted(ys) and tl.height > ys[-1]
    for lang, word in (("de", "Gegründet in den 1950er-Jahren"), ("en", "Founded in the 1950s")):
        page = Renderer(catalogue, geo_dir=GEO, today=TODAY).overview(lang)[2]
        assert f'font-weight="bold">{word}</text>' in page
        assert (
            f'<tbody data-decade="1950">\n<tr class="cn-timeline-table__decade"><th colspan="3" scope="rowgroup">{word}</th>'
            in page
        )


@pytest.mark.parametrize("first_year", [1950, 1953, 1996, 2004])
def test_the_year_labels_of_the_axis_do_not_run_into_each_other(catalogue, first_year):
    from dataclasses import replace

    from citynet.dates import PartialDate
    from citynet.timeline import FONT

    oldest = replace(
        catalogue.networks[0], founded=replace(catalogue.networks[0].founded, date=PartialDate(first_year))
    )
    tl = timeline([oldest, *catalogue.networks[1:]], TODAY)
    width = 4 * 0.6 * FONT  # four digits, at most 0.6 em each
    spans = []
    for index, (x, _) in enumerate(tl.ticks):
        anchor = "start" if index == 0 and x < 40 else "end" if x > tl.width - 40 else "middle"
        left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
        spans.append((left, left + width))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), tl.ticks


def test_a_kreis_page_lists_its_current_members_first(catalogue):
    profiles = city_profiles(catalogue)
    kreise = [p for p in profiles.values() if p.city.kind == "kreis" and p.towns]
    assert kreise
    for kreis in kreise:
        assert all(t.city.district == kreis.city.id for t in kreis.towns)
        rank = [0 if t.member_networks else 1 if t.former_networks else 2 for t in kreis.towns]
        assert rank == sorted(rank), kreis.city.id
    assert any(len({0 if t.member_networks else 1 for t in k.towns}) > 1 for k in kreise)


def test_a_long_member_list_in_the_overview_folds_away_after_ten_names(tmp_path):
    import yaml

    data = make_synthetic_data(tmp_path / "data", networks=2, cities=200)
    registry = yaml.safe_load((data / "cities.yml").read_text(encoding="utf-8"))
    nrw = [key for key, city in registry.items() if city["state"] == "DE-NW"][:25]
    path = data / "networks/synthetic-network-0001.yml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = record["participants"][0]["source"]
    record["participants"] = [{"city": c, "kind": "member", "since": "2001", "source": list(source)} for c in nrw]
    text = path.read_text(encoding="utf-8")
    start, end = text.index("participants:\n"), text.index("\noffices:")
    listed = yaml.safe_dump({"participants": record["participants"]}, allow_unicode=True, sort_keys=False)
    path.write_text(text[:start] + listed.rstrip("\n") + text[end:], encoding="utf-8")
    catalogue = load_catalogue(data, today=TODAY)
    for lang, more in (("de", "+ 15 weitere"), ("en", "+ 15 more")):
        page = Renderer(catalogue, geo_dir=GEO, today=TODAY).overview(lang)[2]
        row = page[page.index('<tr data-network="synthetic-network-0001"') :].split("</tr>")[0]
        shown, folded = row.split(f'<details class="cn-more"><summary>{more}</summary>')
        names = [catalogue.cities[c].name[lang] for c in nrw]
        assert all(name in shown for name in names[:10]) and names[10] not in shown.split("</td>")[-1]
        assert all(name in folded for name in names[10:])
        # A short list stays whole.
        other = page[page.index('<tr data-network="synthetic-network-0002"') :].split("</tr>")[0]
        assert "cn-more" not in other
