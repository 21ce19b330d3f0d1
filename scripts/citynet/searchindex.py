"""One search index per language, cut from the combined index that Material and the i18n plugin write.

mkdocs-static-i18n puts the pages of every language into one `search/search_index.json`, so an
English visitor would get German results (and every visitor downloads both languages). We split
it: the default language keeps `search/search_index.json`, every other language gets
`<prefix>search/search_index.json` with locations relative to its own root, and each index names
only its own language, so the search worker loads only that language's stemmer. The theme
(overrides/main.html, when `extra.search_per_language` is true) points each page's search at its
language root. The languages and their prefixes are citynet/layout.py's.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import layout

INDEX_PATH = "search/search_index.json"


def split_index(
    index: dict, prefixes: dict[str, str] = layout.PREFIXES, default: str = layout.DEFAULT_LANGUAGE
) -> dict[str, dict]:
    """{locale: index} from the combined index; `prefixes` maps each locale to its URL prefix
    ("" for the default language at the root, "en/" for English)."""
    if set(index) < {"config", "docs"}:
        raise ValueError("not a Material search index: it has no 'config' and 'docs'")
    if prefixes.get(default) != "":
        raise ValueError(f"the default language {default!r} must live at the root (prefix '')")
    others = {locale: prefix for locale, prefix in prefixes.items() if locale != default}
    for locale, prefix in others.items():
        if not prefix or not prefix.endswith("/") or prefix.startswith("/"):
            raise ValueError(f"language {locale!r}: prefix {prefix!r} must look like 'en/'")
    docs: dict[str, list] = {locale: [] for locale in prefixes}
    for doc in index["docs"]:
        location = doc["location"]
        owner = next((loc for loc, prefix in others.items() if location.startswith(prefix)), default)
        entry = dict(doc, location=location[len(prefixes[owner]) :])
        docs[owner].append(entry)
    return {locale: dict(index, config=dict(index["config"], lang=[locale]), docs=docs[locale]) for locale in prefixes}


def write_split_index(
    site_dir: Path, prefixes: dict[str, str] = layout.PREFIXES, default: str = layout.DEFAULT_LANGUAGE
) -> dict[str, int]:
    """Split site_dir's combined index in place; returns the number of entries per language.
    Does nothing (returns {}) when the site has no index, e.g. with search disabled."""
    combined = site_dir / INDEX_PATH
    if not combined.exists():
        return {}
    index = json.loads(combined.read_text(encoding="utf-8"))
    counts = {}
    for locale, part in split_index(index, prefixes, default).items():
        target = site_dir / prefixes[locale] / INDEX_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[locale] = len(part["docs"])
    return counts
