"""The real data set, and the loading, validation and rendering logic on its own (no MkDocs)."""

from __future__ import annotations

import datetime
import json
import re
import shutil

import pytest

from citynet.dates import PartialDate
from citynet.labels import all_labels
from citynet.load import load_catalogue
from citynet.problems import DataError
from citynet.render import render_pages
from citynet.urls import HTTP_WARNING
from citynet.yamlio import YamlError, parse_yaml
from support import DATA, GEO


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA)


def test_real_data_loads_without_problems(catalogue):
    ids = [n.id for n in catalogue.networks]
    # the records of the first data set are still there (real data grows: no pinned list), each once
    assert {"cdia", "global-compact-cities", "metropolis", "tcn", "uclg"} <= set(ids) and len(ids) == len(set(ids))
    # Only sources that no https:// address was found for warn (an archived page, a press summary).
    assert all(w.message == HTTP_WARNING and w.file.startswith("data/networks/") for w in catalogue.warnings)


def test_outdated_statements_are_history_not_current(catalogue):
    programme = catalogue.network("global-compact-cities")
    assert programme.status.value == "closed" and programme.status.since == PartialDate(2021, 2, 15)
    assert programme.joining is None and programme.status.successor.network is None
    (berlin,) = programme.participants
    assert berlin.kind == "signatory" and programme.state(berlin) == "ended"
    tcn = catalogue.network("tcn")
    assert tcn.status.value == "dormant" and tcn.status.successor.network == "cdia"
    essen = next(p for p in tcn.participants if p.city.id == "essen")
    assert essen.until is None and tcn.state(essen) == "dormant"  # not current: the network rests
    leipzig = next(p for p in tcn.participants if p.city.id == "leipzig")
    assert leipzig.confidence == "low" and leipzig.note
    metropolis = catalogue.network("metropolis")
    # the newest dated figure is shown first; undated figures come last
    assert (metropolis.latest_members.count, metropolis.latest_members.as_of) == (150, PartialDate(2023, 6, 21))
    assert [m.count for m in metropolis.members] == [150, 140, 141, 144]
    uclg = catalogue.network("uclg")
    presidents = {o.person: o for o in uclg.offices}
    # van Zanen handed over to Lee Jang-Woo in Xi'an on 17 October 2025; Lee's year ran to the 8th World
    # Congress (Tangier, June 2026): neither is shown as the current president.
    assert presidents["Jan van Zanen"].end == PartialDate(2025, 10, 17)
    assert presidents["Lee Jang-Woo"].end == PartialDate(2026, 6)
    assert uclg.state(presidents["Jan van Zanen"]) == "ended" and uclg.state(presidents["Lee Jang-Woo"]) == "ended"
    roters = [p for p in uclg.participants if p.person == "Jürgen Roters"]
    assert [(p.kind, p.since, p.until) for p in roters] == [
        ("representation", PartialDate(2009, 11), PartialDate(2015, 10, 20)),
        ("representation", PartialDate(2010), PartialDate(2015, 10, 20)),
    ]
    assert next(p for p in uclg.participants if p.person and "Schröter" in p.person).confidence == "low"
    wuerzner = next(p for p in uclg.participants if p.person and "Würzner" in p.person)
    assert wuerzner.since is None and wuerzner.as_of is None  # the source is undated: no invented start


def test_representatives_home_towns_are_not_members(catalogue):
    """Köln, Jena, Heidelberg and the Kreis Paderborn are in UCLG's data only as the home towns of
    people who sat for a German body; UCLG has no German member."""
    uclg = catalogue.network("uclg")
    assert {p.kind for p in uclg.participants} == {"representation"}
    assert uclg.memberships == ()
    assert {p.city.id for p in uclg.representations} == {"koeln", "jena", "heidelberg", "kreis-paderborn"}
    for nrw in (True, False):
        for current in (True, False):
            assert uclg.member_cities(nrw=nrw, current=current) == ()


def test_every_fact_cites_a_source_of_its_record(catalogue):
    for network in catalogue.networks:
        joining = network.joining
        facts = [
            network.status,
            network.founded,
            *network.members,
            *network.participants,
            *network.offices,
            *network.relations,
            *network.partners,
            *network.history,
        ]
        if network.status.successor:
            facts.append(network.status.successor)
        if joining:
            facts += [joining.who] + [f for f in (joining.german_route, joining.commitments) if not isinstance(f, str)]
            facts += [] if isinstance(joining.steps, str) else list(joining.steps)
            facts += [] if isinstance(joining.fee, str) else [joining.fee]
        for fact in facts:
            if fact is None:
                continue
            assert fact.sources, (network.id, fact)
            assert set(fact.sources) <= set(network.sources)


def test_every_active_network_says_how_to_join_and_the_others_what_replaced_them(catalogue):
    for network in catalogue.networks:
        if network.status.value == "active":
            assert network.joining is not None and network.joining.who.sources, network.id
            assert network.status.successor is None
        else:
            assert network.joining is None and network.status.successor is not None, network.id


def test_no_source_is_a_wikipedia_mirror_or_the_earlier_pages_home_page(catalogue):
    from citynet.urls import mirror_problem

    for network in catalogue.networks:
        for source in network.sources:
            assert source.url is None or mirror_problem(source.url) is None, (network.id, source.url)
            assert source.url != "https://staedtepartnerschaftennrw.org/", (network.id, source.id)


def test_labels_exist_in_both_languages():
    words = all_labels()
    assert set(words["de"].words) == set(words["en"].words)
    assert len(words["de"]["months"]) == len(words["en"]["months"]) == 12


def test_partial_dates_format_per_language():
    de, en = all_labels()["de"], all_labels()["en"]
    assert PartialDate.parse("2004-05-05").format(de) == "5. Mai 2004"
    assert PartialDate.parse("2004-05-05").format(en) == "5 May 2004"
    assert PartialDate.parse("2023-06").format(de) == "Juni 2023"
    assert PartialDate.parse("1985").format(en) == "1985"
    with pytest.raises(ValueError):
        PartialDate.parse("2021-02-30")


def test_render_produces_both_languages_for_every_page(catalogue):
    pages = {src: page.markdown for src, page in render_pages(catalogue, geo_dir=GEO).items()}
    ids = [n.id for n in catalogue.networks]
    expected = {"index.md", "index.en.md", "netzwerke/index.md", "netzwerke/index.en.md"}
    expected |= {f"netzwerke/{i}.md" for i in ids} | {f"netzwerke/{i}.en.md" for i in ids}
    expected |= {"staedte/index.md", "staedte/index.en.md", "daten.md", "daten.en.md"}
    expected |= {f"staedte/{c}.md" for c in catalogue.cities} | {f"staedte/{c}.en.md" for c in catalogue.cities}
    assert set(pages) == expected
    assert "Eckdaten" in pages["netzwerke/uclg.md"] and "Key facts" in pages["netzwerke/uclg.en.md"]


def test_record_text_is_escaped_in_the_markdown(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    record = data / "networks/cdia.yml"
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) {: onclick=alert(1) }"
    lines = record.read_text(encoding="utf-8").splitlines()
    at = lines.index("summary:")
    lines[at + 1] = "  de: " + json.dumps(hostile)
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = render_pages(load_catalogue(data), geo_dir=GEO)["netzwerke/cdia.md"].markdown
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Markdown syntax in record text stays inside HTML blocks, which Markdown does not process.
    lead = next(line for line in page.splitlines() if "javascript:" in line and not line.startswith("description"))
    assert lead.startswith('<p class="cn-lead">') and lead.endswith("</p>")


def _write(tmp_path, name, content):
    data = tmp_path / "data"
    if not data.exists():
        shutil.copytree(DATA, data)
    (data / name).write_text(content, encoding="utf-8")
    return data


def test_problems_of_several_files_are_reported_together(tmp_path):
    data = _write(tmp_path, "networks/broken.yml", "name: {de: X}\n")
    record = data / "networks/cdia.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("scope: transatlantic", "scope: local"), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_catalogue(data)
    lines = str(caught.value).splitlines()
    assert "data/networks/broken.yml:1:1: name.en: this required field is missing. Add it." in lines
    assert any(
        re.match(
            r"data/networks/cdia\.yml:\d+:1: scope: 'local' is not allowed here\. Use one of: global, european, transatlantic, national\.",
            line,
        )
        for line in lines
    )
    assert lines[-1].endswith("in 2 files.")


def test_references_to_unknown_cities_topics_and_sources_are_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    record = data / "networks/cdia.yml"
    text = record.read_text(encoding="utf-8")
    text = text.replace("city: leipzig", "city: lepzig").replace("topics: [city-diplomacy", "topics: [city-diplomcy")
    text = text.replace("source: ipolicy-2021\nhistory", "source: ipolicy-2022\nhistory")
    record.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(data)
    message = str(caught.value)
    assert "participants[1].city: the city 'lepzig' is not in data/cities.yml" in message
    assert "topics[0]: the topic 'city-diplomcy' is not in data/topics.yml" in message
    assert "participants[1].source: names the source 'ipolicy-2022', which is not in this record's `sources`" in message


def test_future_dates_are_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    record = data / "networks/cdia.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace('date: "2020"\n  note', 'date: "3000"\n  note'), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_catalogue(data, today=datetime.date(2026, 11, 25))
    assert "founded.date: '3000' lies in the future." in str(caught.value)


@pytest.mark.parametrize(
    "source, message",
    [
        (
            b"a: 1\na: 2\n",
            "f.yml:2:1: a: is written twice, on lines 1 and 2. Keep one of them: YAML would silently use only the last.",
        ),
        (
            b"a: &x [1]\nb: *x\n",
            "f.yml:2:4: Anchors and aliases (&name, *name) are not allowed in records; write the value out.",
        ),
        (
            b"a: !!python/object:os.system x\n",
            "f.yml:1:4: a: the tag !!python/object:os.system is not allowed. Remove it; records hold only plain text, numbers and lists.",
        ),
        (b"a:\n\t- b\n", "f.yml:2:1: YAML syntax error: a tab character; indent with spaces only."),
        (
            b"\xef\xbb\xbfa: 1\n",
            "f.yml:1:1: the file starts with a byte-order mark (BOM). Save it as UTF-8 without BOM.",
        ),
        (b"a: caf\xe9\n", "f.yml:1:7: the file is not valid UTF-8 text. Save it with UTF-8 encoding."),
    ],
)
def test_yaml_reader_refuses_what_records_never_need(source, message):
    with pytest.raises(YamlError) as caught:
        parse_yaml(source, "f.yml")
    assert str(caught.value) == message


def test_yaml_reader_keeps_positions_of_fields():
    document = parse_yaml(b"a:\n  b: [1, {c: d}]\n", "f.yml")
    assert document.position(("a", "b", 1, "c")) == (2, 11)
    assert document.position(("a", "missing")) == (1, 1)


def test_each_generated_page_names_the_record_it_came_from(catalogue):
    pages = render_pages(catalogue, geo_dir=GEO, edit_uri="https://example.org/edit/main/docs/")
    assert pages["netzwerke/uclg.en.md"].record == "data/networks/uclg.yml"
    assert pages["staedte/koeln.md"].record == "data/cities.yml"
    assert [pages[p].record for p in ("netzwerke/index.md", "staedte/index.en.md", "daten.md")] == [None, None, None]
    assert "edit_url: https://example.org/edit/main/data/networks/uclg.yml\n" in pages["netzwerke/uclg.md"].markdown
    assert "edit_url: ''\n" in pages["netzwerke/index.md"].markdown  # made from all records: no edit button
    assert pages["daten.md"].digest == render_pages(catalogue, geo_dir=GEO)["daten.md"].digest
