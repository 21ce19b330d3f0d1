"""What the serve rebuilds rely on that needs no build: citynet/reuse.py's digests of configuration
values, and the quick check in front of the i18n plugin's search de-duplication
(citynet/searchindex.py), which must change nothing about its result. The reuse of pages itself is
tested on builds: tests/build/test_incremental.py."""

from __future__ import annotations

import copy
import itertools
import types

from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from citynet import reuse
from citynet.searchindex import has_search_duplicates, quicken_search_duplicates


def _entry(location: str, title: str = "T", text: str = "x") -> dict:
    return {"location": location, "title": title, "text": text}


CASES = [
    [_entry(""), _entry("en/", text="y")],
    [_entry(""), _entry("en/")],  # the start page: every location ends with ""
    [_entry("a/"), _entry("en/a/", title="U"), _entry("en/b/")],
    [_entry("a/#s"), _entry("en/a/#s"), _entry("en/a/#s"), _entry("b/"), _entry("en/b/", text="z")],
    [_entry("netzwerke/x/", "X", "t"), _entry("en/netzwerke/x/", "X", "t2"), _entry("en/netzwerke/y/", "X", "t")],
]


def _plugin_dedup(entries: list[dict]) -> list[dict]:
    plugin = types.SimpleNamespace(build_languages=["de", "en"])
    result = copy.deepcopy(entries)
    ExtendedPlugin.reconfigure_search_duplicates(plugin, result)
    return result


def test_the_quick_check_says_whether_the_plugin_would_remove_an_entry():
    verdicts = []
    for entries in CASES + [list(p) for p in itertools.permutations(CASES[3])]:
        removes = _plugin_dedup(entries) != entries
        assert has_search_duplicates(entries, ("de/", "en/")) == removes, entries
        verdicts.append(removes)
    assert any(verdicts) and not all(verdicts)


def test_the_quickened_plugin_gives_the_plugin_s_own_result():
    for entries in CASES:
        plugin = types.SimpleNamespace(build_languages=["de", "en"])
        plugin.reconfigure_search_duplicates = lambda e, plugin=plugin: ExtendedPlugin.reconfigure_search_duplicates(
            plugin, e
        )
        quicken_search_duplicates(plugin)
        result = copy.deepcopy(entries)
        plugin.reconfigure_search_duplicates(result)
        assert result == _plugin_dedup(entries)


def test_a_configuration_digest_does_not_depend_on_where_objects_live_in_memory():
    class Plugin:
        def __init__(self):
            self.config = {"lang": ["de", "en"]}

    first = reuse.digest(reuse.stable({"plugins": {"search": Plugin()}, "extra": {"a": (1, 2)}, "x": object()}))
    second = reuse.digest(reuse.stable({"plugins": {"search": Plugin()}, "extra": {"a": (1, 2)}, "x": object()}))
    assert first == second
    changed = Plugin()
    changed.config["lang"] = ["de"]
    assert reuse.digest(reuse.stable({"plugins": {"search": changed}, "extra": {"a": (1, 2)}})) != first
