"""The interface words of the site in both languages, read from labels.yml (package data).

The file is read again when it changes (its size and modification time are checked on each use),
so that an edited word shows under `mkdocs serve` without a restart.
"""

from __future__ import annotations

from importlib import resources

from .layout import LANGUAGE_CODES
from .yamlio import parse_yaml

LABELS_FILE = "labels.yml"

# The words the theme templates (overrides/) show. The build puts them into `extra.words`
# (scripts/hooks.py), and `citynet pages` writes them into the staged mkdocs.yml, so that the
# templates read them from the configuration, with or without our hook.
THEME_WORDS = (
    "report_error",
    "report_error_hint",
    "contribute_links",
    "contribute_guide",
    "contribute_correct",
    "contribute_propose",
    "legal_nav",
    "legal_impressum",
    "legal_privacy",
    "legal_accessibility",
    "operated_by",
    "not_found_title",
    "not_found_text",
    "not_found_home",
    "not_found_finder",
    "not_found_networks",
    "not_found_other",
    "search_empty",
    "search_empty_finder",
    "search_empty_networks",
    "og_locale",
    "palette_to_dark",
    "palette_to_light",
    "feed_link_title",
)


class Labels:
    """The words of one language: `labels["facts"]`; a missing key raises KeyError."""

    def __init__(self, lang: str, words: dict):
        self.lang = lang
        self.words = words

    def __getitem__(self, key: str):
        try:
            return self.words[key]
        except KeyError:
            raise KeyError(f"no label {key!r} for language {self.lang!r} in {LABELS_FILE}") from None

    def get(self, key: str, default=None):
        return self.words.get(key, default)


def labels_file():
    """The file as an importlib.resources Traversable (a Path for an ordinary install)."""
    return resources.files(__package__) / LABELS_FILE


_cache: dict = {}


def all_labels() -> dict[str, Labels]:
    path = labels_file()
    try:
        stat = path.stat()
        stamp = (stat.st_size, stat.st_mtime_ns)
    except (AttributeError, OSError):  # not a plain file (a zipped package): read it once
        stamp = None
    if _cache.get("stamp", ()) != stamp or "labels" not in _cache:
        data = parse_yaml(path.read_bytes(), LABELS_FILE).data
        _cache.update(stamp=stamp, labels={lang: Labels(lang, data[lang]) for lang in LANGUAGE_CODES})
    return _cache["labels"]


def labels(lang: str) -> Labels:
    return all_labels()[lang]


def theme_words() -> dict[str, dict[str, str]]:
    """{language: {key: word}} of THEME_WORDS, for `extra.words`."""
    return {lang: {key: words[key] for key in THEME_WORDS} for lang, words in all_labels().items()}
