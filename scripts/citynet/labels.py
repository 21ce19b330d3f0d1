"""The interface words of the site in both languages, read from labels.yml beside this file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .yamlio import read_yaml

LANGUAGES = ("de", "en")
LABELS_FILE = Path(__file__).with_name("labels.yml")


class Labels:
    """The words of one language: `labels["facts"]`; a missing key raises KeyError."""

    def __init__(self, lang: str, words: dict):
        self.lang = lang
        self.words = words

    def __getitem__(self, key: str):
        try:
            return self.words[key]
        except KeyError:
            raise KeyError(f"no label {key!r} for language {self.lang!r} in {LABELS_FILE.name}") from None

    def get(self, key: str, default=None):
        return self.words.get(key, default)


@lru_cache(maxsize=None)
def all_labels() -> dict[str, Labels]:
    data = read_yaml(LABELS_FILE, LABELS_FILE.name).data
    return {lang: Labels(lang, data[lang]) for lang in LANGUAGES}


def labels(lang: str) -> Labels:
    return all_labels()[lang]
