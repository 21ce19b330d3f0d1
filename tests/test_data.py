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
from citynet.yamlio import YamlError, parse_yaml
from conftest import DATA


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA)


def test_real_data_loads_without_problems(catalogue):
    assert [n.id for n in catalogue.networks] == ["cdia", "global-compact-cities", "metropolis", "tcn", "uclg"]
    assert catalogue.warnings == []


def test_outdated_seed_statements_are_history_not_current(catalogue):
    programme = catalogue.network("global-compact-cities")
    assert programme.status.value == "closed" and programme.status.since == PartialDate(2021, 2, 15)
    tcn = catalogue.network("tcn")
    assert tcn.status.value == "dormant"
    leipzig = [p for p in tcn.participants if p.city.id == "leipzig"]
    assert leipzig and leipzig[0].confidence == "low"
    metropolis = catalogue.network("metropolis")
    # the newest dated figure is shown first; the seed's 141 is kept as an older, undated figure
    assert (metropolis.latest_members.count, metropolis.latest_members.as_of) == (150, PartialDate(2023, 6))
    assert [m.count for m in metropolis.members] == [150, 144, 141]
    uclg = catalogue.network("uclg")
    roters = next(r for r in uclg.representatives if r.person == "Jürgen Roters")
    assert (roters.start, roters.end) == (PartialDate(2009), PartialDate(2015, 10, 20))
    assert next(r for r in uclg.representatives if "Schröter" in r.person).confidence == "low"


def test_every_fact_cites_a_source_of_its_record(catalogue):
    for network in catalogue.networks:
        facts = [network.status, network.founded, network.membership, *network.members, *network.participants,
                 *network.representatives, *network.partners, *network.history]
        for fact in facts:
            assert fact.sources, (network.id, fact)
            assert set(fact.sources) <= set(network.sources)


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
    pages = render_pages(catalogue)
    ids = [n.id for n in catalogue.networks]
    expected = {"netzwerke/index.md", "netzwerke/index.en.md"}
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
    page = render_pages(load_catalogue(data))["netzwerke/cdia.md"]
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
    record.write_text(record.read_text(encoding="utf-8").replace("scope: transatlantic", "scope: local"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(data)
    lines = str(caught.value).splitlines()
    assert "data/networks/broken.yml:1:1: name.en: this required field is missing. Add it." in lines
    assert any(re.match(r"data/networks/cdia\.yml:\d+:1: scope: 'local' is not allowed here\. Use one of: global, european, transatlantic\.", l) for l in lines)
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
    record.write_text(record.read_text(encoding="utf-8").replace('date: "2020"\n  note', 'date: "3000"\n  note'), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(data, today=datetime.date(2026, 11, 25))
    assert "founded.date: '3000' lies in the future." in str(caught.value)


@pytest.mark.parametrize(
    "source, message",
    [
        (b"a: 1\na: 2\n", "f.yml:2:1: a: is written twice, on lines 1 and 2. Keep one of them: YAML would silently use only the last."),
        (b"a: &x [1]\nb: *x\n", "f.yml:2:4: Anchors and aliases (&name, *name) are not allowed in records; write the value out."),
        (b"a: !!python/object:os.system x\n", "f.yml:1:4: a: the tag !!python/object:os.system is not allowed. Remove it; records hold only plain text, numbers and lists."),
        (b"a:\n\t- b\n", "f.yml:2:1: YAML syntax error: a tab character; indent with spaces only."),
        (b"\xef\xbb\xbfa: 1\n", "f.yml:1:1: the file starts with a byte-order mark (BOM). Save it as UTF-8 without BOM."),
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
