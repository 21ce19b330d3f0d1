"""MkDocs glue: one search index per language (the work is in citynet/searchindex.py).

  on_env         tells the templates each language's root, so a page's search loads its own index
  on_post_build  splits the combined index that the i18n plugin has just written
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_SCRIPTS = str(Path(__file__).resolve().parent)
if _SCRIPTS not in sys.path:
    sys.path.insert(0, _SCRIPTS)

from citynet.searchindex import write_split_index  # noqa: E402

log = logging.getLogger("mkdocs.hooks.citynet.search")


def language_prefixes(config: MkDocsConfig) -> tuple[dict[str, str], str]:
    """({locale: URL prefix}, default locale) from the i18n plugin's configuration."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("citynet search: the i18n plugin is not configured; the search split needs it.")
    prefixes, default = {}, None
    for language in i18n.config.languages:
        link = (language.link or f"/{language.locale}/").strip("/")
        prefixes[language.locale] = "" if language.default else f"{link}/"
        if language.default:
            default = language.locale
    if default is None:
        raise PluginError("citynet search: no default language in the i18n plugin's languages.")
    return prefixes, default


def on_env(env, *, config: MkDocsConfig, files):
    prefixes, _ = language_prefixes(config)
    env.globals["cn_language_roots"] = prefixes
    return env


# After the i18n plugin's on_post_build (-100), which builds the other languages and then writes
# the combined index; in those inner builds this runs too, on a partial index, and is redone here.
@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    prefixes, default = language_prefixes(config)
    try:
        counts = write_split_index(Path(config.site_dir), prefixes, default)
    except ValueError as error:
        raise PluginError(f"citynet search: {error}") from error
    if counts:
        log.debug("search index split: %s", counts)
