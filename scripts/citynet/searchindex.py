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


def has_search_duplicates(entries: list[dict], prefixes: tuple[str, ...]) -> bool:
    """Whether the i18n plugin's de-duplication of the search index would remove anything: an entry
    of another language (location starting with one of `prefixes`) with the title and text of a
    default-language entry whose location ends its own. The plugin compares every pair (about 10 s
    of a serve rebuild at 4,000 pages); this looks each title and text up once. scripts/hooks.py
    puts it in front of the plugin's pass in every build."""
    others: dict[tuple, list[str]] = {}
    for entry in entries:
        if entry["location"].startswith(prefixes):
            others.setdefault((entry["title"], entry["text"]), []).append(entry["location"])
    for entry in entries:
        if not entry["location"].startswith(prefixes):
            locations = others.get((entry["title"], entry["text"]), ())
            if any(location.endswith(entry["location"]) for location in locations):
                return True
    return False


def quicken_search_duplicates(i18n) -> None:
    """The i18n plugin's de-duplication runs only when it has something to remove, so its result is
    the same (nothing removed, or the plugin's own removal)."""
    original = getattr(i18n, "reconfigure_search_duplicates", None)
    if original is None or getattr(original, "citynet_quick", False):
        return

    def reconfigure_search_duplicates(search_index_entries):
        prefixes = tuple(f"{lang}/" for lang in i18n.build_languages)
        if has_search_duplicates(search_index_entries, prefixes):
            original(search_index_entries)

    reconfigure_search_duplicates.citynet_quick = True
    i18n.reconfigure_search_duplicates = reconfigure_search_duplicates
