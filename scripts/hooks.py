"""MkDocs glue: turns the records in data/ into pages. The work itself is in the citynet package.

Order of events in one build (the i18n plugin runs the whole build once per language):
  on_config      keep the nav as written in mkdocs.yml, to extend it afresh each time
  on_pre_build   load and check data/, before MkDocs cleans site/: bad data keeps the last good site
  on_files       add the generated pages as files under docs_dir, before the i18n plugin pairs them
  on_nav         file record pages (not listed in the sidebar) under their section
  on_page_read_source   give those pages their Markdown (they exist only in memory)
  on_page_markdown      point the edit button at the YAML record
  on_page_context       hand the interface words to the theme templates
"""

from __future__ import annotations

import copy
import logging
import posixpath
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# The hook is loaded by path, not as part of a package: make the citynet package beside it
# importable, and fresh on every config load, so `mkdocs serve` picks up code edits as well.
_SCRIPTS = str(Path(__file__).resolve().parent)
if _SCRIPTS not in sys.path:
    sys.path.insert(0, _SCRIPTS)
for _name in [n for n in sys.modules if n == "citynet" or n.startswith("citynet.")]:
    del sys.modules[_name]

from citynet.labels import all_labels  # noqa: E402
from citynet.load import fingerprint, load_catalogue  # noqa: E402
from citynet.model import Catalogue  # noqa: E402
from citynet.problems import DataError  # noqa: E402
from citynet.render import NETWORKS_SECTION, network_src_path, render_pages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.citynet")

OVERVIEW_NAV_ENTRY = f"{NETWORKS_SECTION}/index.md"


class _State:
    """What one configuration's builds share: both language builds use one parse of the data."""

    base_nav: list | None = None
    fingerprint: str | None = None
    catalogue: Catalogue | None = None
    pages: dict[str, str] = {}
    records: dict[str, str] = {}  # generated src path -> record file, for edit links


state = _State()


def _data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


# Runs before the i18n plugin's on_config (-100), which starts each language's build.
@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if state.base_nav is None:
        state.base_nav = copy.deepcopy(config.nav)
    if not config.use_directory_urls:
        raise PluginError("citynet: the generated pages link to each other as folders; set use_directory_urls: true.")
    return config


# First of all pre_build handlers: MkDocs cleans site/ right after this event.
@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    data_dir = _data_dir(config)
    current = fingerprint(data_dir)
    if current == state.fingerprint:
        return
    try:
        catalogue = load_catalogue(data_dir)
    except DataError as error:
        # The message is the validator's list; MkDocs prints it and stops without a traceback.
        state.fingerprint = None
        raise PluginError("The data in data/ has problems; nothing was built.\n" + str(error)) from None
    for warning in catalogue.warnings:
        log.info(str(warning))
    state.catalogue = catalogue
    state.pages = render_pages(catalogue)
    state.records = {}
    for network in catalogue.networks:
        for lang in all_labels():
            state.records[network_src_path(network.id, lang)] = network.file
    state.fingerprint = current


# Before the i18n plugin's on_files (-100): it rebuilds every file under docs_dir from its
# path and pairs the languages, so generated pages must be there by then.
@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    listed = _nav_entries(state.base_nav)
    if OVERVIEW_NAV_ENTRY not in listed:
        raise PluginError(f"citynet: mkdocs.yml's nav must list {OVERVIEW_NAV_ENTRY}; the network pages are reached from it.")
    for src_path in state.pages:
        if files.get_file_from_path(src_path) is not None:
            raise PluginError(
                f"docs/{src_path} exists, but that page is generated from data/. Delete docs/{src_path}."
            )
        # Record pages stay out of the sidebar: listed there, every page would carry every record,
        # and page size and build time would grow with the square of the data (issue 7). They are
        # reached through their section's index page; on_nav files them under that section.
        listed_here = _default_language_path(src_path) in listed
        inclusion = InclusionLevel.UNDEFINED if listed_here else InclusionLevel.NOT_IN_NAV
        # A plain File under docs_dir (not File.generated): the i18n plugin needs a source path.
        # Nothing is written there; on_page_read_source supplies the content.
        files.append(File(src_path, config.docs_dir, config.site_dir, config.use_directory_urls, inclusion=inclusion))
    return files


def _nav_entries(nav) -> set[str]:
    """Every page path named in a nav as written in mkdocs.yml."""
    found: set[str] = set()
    for item in nav or []:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, list):
                found |= _nav_entries(value)
    return found


def _default_language_path(src_path: str) -> str:
    """netzwerke/index.en.md -> netzwerke/index.md: the nav names pages by their default-language file."""
    stem, dot, language = src_path[: -len(".md")].rpartition(".")
    return f"{stem}.md" if dot and language in all_labels() else src_path


# After the i18n plugin's on_nav (-100), on the navigation it hands to the theme.
@event_priority(-110)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Put each record page under the section of the index page in its folder (netzwerke/), so the
    sidebar shows where the reader is, without listing the section's other records."""
    sections = {}
    in_nav = {id(page) for page in nav.pages}
    for page in nav.pages:
        if page.is_index and page.parent is not None:
            sections[posixpath.dirname(page.file.src_uri)] = page.parent
    for file in files.documentation_pages():
        if file.src_uri in state.pages and file.page is not None and id(file.page) not in in_nav:
            file.page.parent = sections.get(posixpath.dirname(file.src_uri))
    return nav


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    return state.pages.get(page.file.src_uri)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    record = state.records.get(page.file.src_uri)
    if record is not None:
        page.edit_url = _record_edit_url(config, record)
    elif page.file.src_uri in state.pages:
        page.edit_url = None  # the overview is made from all records: no one file to edit
    return markdown


def _record_edit_url(config: MkDocsConfig, record: str) -> str | None:
    """The edit URL of a record: edit_uri points at docs/, the records live beside it in data/."""
    if not config.edit_uri:
        return None
    base = config.edit_uri
    if config.repo_url and not base.startswith(("http://", "https://")):
        base = urljoin(config.repo_url.rstrip("/") + "/", base)
    return urljoin(base, "../" + record)


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    context["cn_labels"] = all_labels()[lang].words
    return context

