"""MkDocs glue: turns the records in data/ into pages. The work itself is in the citynet package.

Order of events in one build (the i18n plugin runs the whole build once per language):
  on_config      keep the nav as written in mkdocs.yml, to extend it afresh each time
  on_pre_build   load and check data/, before MkDocs cleans site/: bad data keeps the last good site
  on_files       add the generated pages as files under docs_dir, before the i18n plugin pairs them
  on_nav         file record pages not listed in the sidebar (large sections) under their section
  on_page_read_source   give those pages their Markdown (they exist only in memory)
  on_page_markdown      point the edit button at the YAML record
  on_page_context       hand the interface words to the theme templates
  on_post_build  publish the open data files (networks.json, CSV, schemas) once, at the site root
"""

from __future__ import annotations

import copy
import datetime
import html
import logging
import os
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

from citynet.feedback import RepositoryError, report_error_url, repository_url  # noqa: E402
from citynet.gitdates import commit_timestamp, last_changed  # noqa: E402
from citynet.labels import all_labels  # noqa: E402
from citynet.load import fingerprint, load_catalogue  # noqa: E402
from citynet.model import Catalogue  # noqa: E402
from citynet.problems import DataError, advice_logger  # noqa: E402
from citynet.export import export_files, write_if_changed  # noqa: E402
from citynet.labels import LANGUAGES  # noqa: E402
from citynet.render import (  # noqa: E402
    CITIES_SECTION,
    DOWNLOADS_DIR,
    NETWORKS_SECTION,
    SIDEBAR_RECORDS_MAX,
    city_src_path,
    network_src_path,
    render_pages,
)

log = logging.getLogger("mkdocs.hooks.citynet")


OVERVIEW_NAV_ENTRY = f"{NETWORKS_SECTION}/index.md"
CITIES_NAV_ENTRY = f"{CITIES_SECTION}/index.md"


class _State:
    """What one configuration's builds share: both language builds use one parse of the data."""

    base_nav: list | None = None
    fingerprint: str | None = None
    catalogue: Catalogue | None = None
    pages: dict[str, str] = {}
    records: dict[str, str] = {}  # generated src path -> record file, for edit links
    repository: str | None = None  # web address for "report an error" links; None: no links
    exports: dict[str, bytes] = {}  # open data files, path under site/data/ -> content


state = _State()


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _data_dir(config: MkDocsConfig) -> Path:
    return _project_root(config) / "data"


# Runs before the i18n plugin's on_config (-100), which starts each language's build.
@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if state.base_nav is None:
        state.base_nav = copy.deepcopy(config.nav)
    if not config.use_directory_urls:
        raise PluginError("citynet: the generated pages link to each other as folders; set use_directory_urls: true.")
    _set_source_date_epoch(config)
    try:
        state.repository = repository_url(os.environ.get("SITE_REPOSITORY") or config.extra.get("repository"))
    except RepositoryError as error:
        raise PluginError(f"citynet: {error}") from None
    return config


def _set_source_date_epoch(config: MkDocsConfig) -> None:
    """Reproducible builds: the dates MkDocs writes (sitemap lastmod, sitemap.xml.gz) come from
    SOURCE_DATE_EPOCH, else from the clock. When it is unset, use the checked-out commit's time,
    so two builds of one commit are byte-identical. Outside git, the clock stays (and says so)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    timestamp = commit_timestamp(_project_root(config))
    if timestamp is None:
        log.info("citynet: not a git checkout and SOURCE_DATE_EPOCH unset: the sitemap carries today's date.")
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(timestamp)


def _build_date() -> datetime.date:
    """The day the build is of: SOURCE_DATE_EPOCH (set in on_config), so that output is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


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
        # Advice to the editor, not a reason to refuse the build; the validator prints the same lines.
        advice_logger("citynet.data").warning(str(warning))
    state.catalogue = catalogue
    # One git call for all records, here in the glue: rendering gets the dates as plain data.
    record_dates = last_changed(_project_root(config), [network.file for network in catalogue.networks])
    state.pages = render_pages(catalogue, record_dates=record_dates, site_url=config.site_url, today=_build_date())
    state.exports = export_files(catalogue, data_dir, config.site_url or "/")
    state.records = {}
    for network in catalogue.networks:
        for lang in all_labels():
            state.records[network_src_path(network.id, lang)] = network.file
    for city_id in catalogue.cities:
        for lang in all_labels():
            state.records[city_src_path(city_id, lang)] = "data/cities.yml"
    state.fingerprint = current


# Before the i18n plugin's on_files (-100): it rebuilds every file under docs_dir from its
# path and pairs the languages, so generated pages must be there by then.
@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    config.nav = _nav_with_records(state.base_nav, state.catalogue)
    listed = _nav_entries(config.nav)
    for src_path in state.pages:
        if files.get_file_from_path(src_path) is not None:
            raise PluginError(
                f"docs/{src_path} exists, but that page is generated from data/. Delete docs/{src_path}."
            )
        # Record pages of a large section stay out of the sidebar (see SIDEBAR_RECORDS_MAX); they
        # are reached through their section's index page, and on_nav files them under it.
        listed_here = _default_language_path(src_path) in listed
        inclusion = InclusionLevel.UNDEFINED if listed_here else InclusionLevel.NOT_IN_NAV
        # A plain File under docs_dir (not File.generated): the i18n plugin needs a source path.
        # Nothing is written there; on_page_read_source supplies the content.
        files.append(File(src_path, config.docs_dir, config.site_dir, config.use_directory_urls, inclusion=inclusion))
    return files


def _nav_with_records(base_nav, catalogue: Catalogue | None):
    """The nav of mkdocs.yml with each section's record pages added after its index page, for
    each section with at most SIDEBAR_RECORDS_MAX records; larger sections are left as written."""
    if base_nav is None or catalogue is None:
        return base_nav
    nav = copy.deepcopy(base_nav)
    cities = sorted(catalogue.cities, key=lambda c: catalogue.cities[c].name.de.casefold())
    for entry, pages in (
        (OVERVIEW_NAV_ENTRY, [network_src_path(n.id, "de") for n in catalogue.networks]),
        (CITIES_NAV_ENTRY, [city_src_path(c, "de") for c in cities]),
    ):
        if not _extend_nav(nav, entry, pages if len(pages) <= SIDEBAR_RECORDS_MAX else []):
            raise PluginError(f"citynet: mkdocs.yml's nav must list {entry}; the generated pages are reached from it.")
    return nav


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


def _extend_nav(items, entry: str, pages: list[str]) -> bool:
    for index, item in enumerate(items):
        if item == entry or (isinstance(item, dict) and entry in item.values()):
            items[index + 1 : index + 1] = pages
            return True
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and _extend_nav(value, entry, pages):
                    return True
    return False


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
    context["cn_repository"] = state.repository
    record = state.records.get(page.file.src_uri)
    context["cn_report_url"] = None
    if record is not None and state.repository:
        context["cn_report_url"] = report_error_url(
            state.repository,
            page_url=page.canonical_url,
            record=record,
            page_title=html.unescape(page.title or ""),  # the front matter title is HTML-escaped once
            words=all_labels()[lang],
        )
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    # The i18n plugin builds each further language into site/<lang>/ with this event again: the
    # files are one set for all languages, so only the default language's build writes them.
    if config.theme["language"] != LANGUAGES[0]:
        return
    written = write_if_changed(Path(config.site_dir) / DOWNLOADS_DIR, state.exports)
    if written:
        log.debug("citynet: wrote %s", ", ".join(written))
