"""The per-language search index: the split itself, and the built site's indexes and page config."""

from __future__ import annotations

import json
import re


def _config(site, path) -> dict:
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', site.html(path), re.S)
    return json.loads(match.group(1))


def test_built_site_has_an_index_per_language_and_pages_point_at_theirs(site):
    german = json.loads(site.html("search/search_index.json"))
    english = json.loads(site.html("en/search/search_index.json"))
    assert german["config"]["lang"] == ["de"] and english["config"]["lang"] == ["en"]
    assert german["docs"] and english["docs"]
    assert not any(d["location"].startswith("en/") for d in german["docs"])
    assert {"title": "UCLG"}.items() <= next(d for d in english["docs"] if d["location"] == "netzwerke/uclg/").items()
    assert _config(site, "index.html")["base"] == "."
    assert _config(site, "netzwerke/uclg/index.html")["base"] == "../.."
    assert _config(site, "en/index.html")["base"] == "../en/"
    assert _config(site, "en/netzwerke/uclg/index.html")["base"] == "../../../en/"
