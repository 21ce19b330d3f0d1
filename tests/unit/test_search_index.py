"""The per-language search index: the split itself, and the built site's indexes and page config."""

from __future__ import annotations

import json

import pytest

from citynet.searchindex import split_index, write_split_index

COMBINED = {
    "config": {"lang": ["de", "en"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"]},
    "docs": [
        {"location": "", "title": "Start", "text": "Städte"},
        {"location": "netzwerke/uclg/#chronik", "title": "Chronik", "text": ""},
        {"location": "en/", "title": "Home", "text": "cities"},
        {"location": "en/netzwerke/uclg/#history", "title": "History", "text": ""},
        {"location": "enzyklopaedie/", "title": "Not English", "text": ""},
    ],
}


def test_split_gives_each_language_its_own_documents_relative_to_its_root():
    parts = split_index(COMBINED, {"de": "", "en": "en/"}, "de")
    assert [d["location"] for d in parts["de"]["docs"]] == ["", "netzwerke/uclg/#chronik", "enzyklopaedie/"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "netzwerke/uclg/#history"]
    assert parts["de"]["config"]["lang"] == ["de"] and parts["en"]["config"]["lang"] == ["en"]
    assert parts["en"]["config"]["separator"] == COMBINED["config"]["separator"]
    assert COMBINED["docs"][2]["location"] == "en/"  # the input is left alone


@pytest.mark.parametrize(
    "prefixes, message",
    [
        ({"de": "de/", "en": "en/"}, "root"),
        ({"de": "", "en": "/en/"}, "look like"),
        ({"de": "", "en": ""}, "look like"),
    ],
)
def test_split_refuses_a_language_layout_it_does_not_understand(prefixes, message):
    with pytest.raises(ValueError, match=message):
        split_index(COMBINED, prefixes, "de")


def test_split_refuses_something_that_is_not_an_index():
    with pytest.raises(ValueError, match="not a Material search index"):
        split_index({"docs": []}, {"de": ""}, "de")


def test_write_split_index_writes_one_file_per_language(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(COMBINED), encoding="utf-8")
    assert write_split_index(tmp_path, {"de": "", "en": "en/"}, "de") == {"de": 3, "en": 2}
    english = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["docs"][0] == {"location": "", "title": "Home", "text": "cities"}
    assert write_split_index(tmp_path / "nothing", {"de": ""}, "de") == {}
