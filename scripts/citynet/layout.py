"""Where everything lives on the site: the one definition of its layout.

The languages and their URL prefixes, the sections and their slugs, the source path and the URL of
every generated page, and the folder of the open data downloads. The renderer, the exports, the
search split, the navigation and the theme templates (through `extra.language_roots`) all take
them from here; labels.yml is checked against LANGUAGES by the tests, and mkdocs.yml's i18n
languages and nav by `config_differences` when the build starts.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Language:
    code: str
    prefix: str  # the URL prefix below the site root: "" for the default language, else "en/"


# The first language is the default: its pages live at the site root, the others under /<code>/.
LANGUAGES = (Language("de", ""), Language("en", "en/"))
LANGUAGE_CODES = tuple(language.code for language in LANGUAGES)
DEFAULT_LANGUAGE = LANGUAGES[0].code
PREFIXES = {language.code: language.prefix for language in LANGUAGES}

NETWORKS_SECTION = "netzwerke"  # /netzwerke/<network id>/, its index is the overview
CITIES_SECTION = "staedte"  # /staedte/<city id>/, its index lists every city
DATA_PAGE = "daten"  # /daten/, the page describing the downloads
DOWNLOADS_DIR = "data"  # the open data files, at the site root: one copy for both languages
FEED_FILE = "feed.xml"  # the Atom feed of changes, at each language's root (citynet/feed.py)

# Page stems: the path of a page below its language root, without the extension.
HOME = "index"  # the start page, made from the data (its counts, its list of municipalities)
OVERVIEW = f"{NETWORKS_SECTION}/index"
CITIES_INDEX = f"{CITIES_SECTION}/index"
# The generated index pages that mkdocs.yml's nav must list: the record pages are added after
# the section's index page, and all of them are reached from there.
NAV_PAGES = (OVERVIEW, CITIES_INDEX, DATA_PAGE)
# Pages made of tables and lists: they show without the table of contents, so that their tables
# have the room (issue 14): the start page, the overview, the list of cities, the data page and
# every municipality's page (a few sections, tables of five columns).
WIDE_PAGES = (HOME, OVERVIEW, CITIES_INDEX, DATA_PAGE)


def is_wide(stem: str) -> bool:
    return stem in WIDE_PAGES or stem.startswith(f"{CITIES_SECTION}/")


# Folders and pages that MkDocs and Material put at the site root.
THEME_PATHS = {
    "assets": "the folder of the site's style sheets and scripts (assets/)",
    "search": "the folder of the search index (search/)",
    "404": "the page shown for an address that does not exist (404.html)",
}
SECTION_PAGES = {NETWORKS_SECTION: "the overview of all networks", CITIES_SECTION: "the list of all cities"}


def reserved_ids(section: str, handwritten: dict[str, str] | None = None) -> dict[str, str]:
    """The ids a record of `section` may not have, each with what it is the name of: the section's
    own page (a record `index` would replace it), the site's folders and sections, the language
    codes, and the hand-written pages in the section's folder (`handwritten`: id -> docs path, see
    citynet/read.py). The one list validate, the build and `new-network` refuse."""
    reserved = {
        "index": f"the name of {SECTION_PAGES[section]} ({section}/), which a record of this id would replace",
        DOWNLOADS_DIR: f"the folder of the open data files ({DOWNLOADS_DIR}/)",
        DATA_PAGE: f"the page about the open data ({DATA_PAGE}/)",
    }
    reserved |= {slug: f"the name of a section of the site ({slug}/)" for slug in SECTION_PAGES}
    reserved |= {code: f"a language code, the folder of a language's pages ({code}/)" for code in LANGUAGE_CODES}
    reserved |= {name: f"the name of {what}" for name, what in THEME_PATHS.items()}
    reserved |= {name: f"the name of the hand-written page {path}" for name, path in (handwritten or {}).items()}
    return reserved


def network_stem(network_id: str) -> str:
    return f"{NETWORKS_SECTION}/{network_id}"


def city_stem(city_id: str) -> str:
    return f"{CITIES_SECTION}/{city_id}"


def src_path(stem: str, lang: str) -> str:
    """The Markdown path of a page in the docs tree, in the i18n plugin's suffix layout."""
    return f"{stem}.md" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.md"


def default_language_path(path: str) -> str:
    """netzwerke/index.en.md -> netzwerke/index.md: the nav names pages by their default-language file."""
    stem, dot, language = path[: -len(".md")].rpartition(".")
    return f"{stem}.md" if dot and language in LANGUAGE_CODES else path


def language_of(path: str) -> str:
    """The language of a page from its source path: netzwerke/uclg.en.md -> "en"."""
    return next(
        (code for code in LANGUAGE_CODES if code != DEFAULT_LANGUAGE and path.endswith(f".{code}.md")), DEFAULT_LANGUAGE
    )


def page_dir(stem: str) -> str:
    """The URL of a page relative to its language root (use_directory_urls): "netzwerke/uclg/"."""
    return stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"


def page_url(stem: str, lang: str, site_url: str) -> str:
    """The absolute URL of a page (or site-relative, from "/", when site_url is "/")."""
    return site_url.rstrip("/") + "/" + PREFIXES[lang] + page_dir(stem)


# posixpath.relpath asks for the working folder twice per call, and the lists of all records ask
# for thousands of links per build, the same in every rebuild under serve.
@lru_cache(maxsize=65_536)
def relative_link(from_stem: str, to_stem: str) -> str:
    """The relative URL from one page to another of the same language."""
    return posixpath.relpath(page_dir(to_stem) or ".", page_dir(from_stem) or ".") + "/"


def download_link(from_stem: str, lang: str, name: str) -> str:
    """The relative URL from a page to an open data file at the site root."""
    depth = page_dir(from_stem).count("/") + PREFIXES[lang].count("/")
    return "../" * depth + f"{DOWNLOADS_DIR}/{name}"


def config_differences(languages: list[dict], nav: list | None, docs_structure: str) -> list[str]:
    """What in mkdocs.yml disagrees with this layout, one sentence each (empty: nothing).

    `languages` are the i18n plugin's entries as plain dicts (locale, default, link); `nav` is
    mkdocs.yml's nav as written."""
    found = []
    if docs_structure != "suffix":
        found.append(f"the i18n plugin's docs_structure is {docs_structure!r}; the generated pages use 'suffix'.")
    locales = [language.get("locale") for language in languages]
    if locales != list(LANGUAGE_CODES):
        found.append(f"the i18n plugin's languages are {locales}; citynet/layout.py has {list(LANGUAGE_CODES)}.")
    for language in languages:
        code = language.get("locale")
        if code not in PREFIXES:
            continue
        if bool(language.get("default")) != (code == DEFAULT_LANGUAGE):
            found.append(f"language {code!r}: default must be {code == DEFAULT_LANGUAGE} (citynet/layout.py).")
        link = language.get("link") or ("/" if language.get("default") else f"/{code}/")
        wanted = "/" + PREFIXES[code]
        if link != wanted:
            found.append(f"language {code!r}: its link is {link!r}; citynet/layout.py puts it at {wanted!r}.")
    listed = nav_entries(nav)
    for stem in NAV_PAGES:
        if src_path(stem, DEFAULT_LANGUAGE) not in listed:
            found.append(
                f"the nav must list {src_path(stem, DEFAULT_LANGUAGE)}; the generated pages are reached from it."
            )
    return found


def nav_entries(nav) -> set[str]:
    """Every page path named in a nav as written in mkdocs.yml."""
    found: set[str] = set()
    for item in nav or []:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, list):
                found |= nav_entries(value)
    return found
