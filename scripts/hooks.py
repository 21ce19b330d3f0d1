"""MkDocs glue: turns the records in data/ into pages. The work itself is in the citynet package
(installed into .venv by scripts/dev.py); each event here is a few lines that call it.

Order of events in one build (the i18n plugin runs the whole build once per language, so every
event fires once per language, except on_startup and on_shutdown, once per process):
  on_startup     which command runs: `mkdocs build` publishes atomically (citynet/publish.py);
                 `mkdocs serve` reuses unchanged pages between rebuilds (below)
  on_config      check mkdocs.yml against citynet/layout.py and read the settings; words for the theme;
                 `mkdocs build` writes into a new folder beside site/; the i18n plugin's search
                 de-duplication only when there is something to remove; the quicker raw HTML
                 pass for Python-Markdown (citynet/rawhtml.py); the theme's files listed without
                 its hidden icon folder (citynet/themeloader.py)
  on_pre_build   load and check data/ and render the pages, before MkDocs cleans site/: bad data
                 keeps the last good site; serve: site/'s old content is moved aside (and deleted
                 in another process once the build has ended, citynet/sitefolder.py)
  on_files       add the generated pages as files under docs_dir, before the i18n plugin pairs them
  on_nav         file record pages not listed in the sidebar (large sections) under their section;
                 serve: the digest of what the language's pages share, the search plugin memoised
  on_page_read_source   give the generated pages their Markdown (they exist only in memory)
  on_page_markdown      fill the operator's facts into the legal pages; serve: an unchanged page
                        gets its last conversion to HTML instead of a new one
  on_page_content       serve: keep what the conversion made
  on_env         keep the theme's compiled templates between builds; serve: pages whose HTML and
                 navigation are unchanged get a template that gives their last output
  on_page_context       serve: hand such a page its last output
  on_post_page          serve: keep the theme template's output of a page made afresh
  on_template_context   the 404 page's language switch leads to the start pages
  on_post_template      keep each language's 404 page (every build writes the same /404.html)
  on_post_build  publish the open data files once, at the site root, and the feeds of changes (with
                 en/sitemap.xml, which the theme fetches for the feed's link); one search index per
                 language; robots.txt; each language's 404 page in its folder
                 serve: keep this build's results for the next one
  on_build_error serve: a failed build (also a strict-mode abort) leaves the last good results kept
  on_serve       (serve, once) the watcher polls every 0.1 s instead of 0.5 s
  on_shutdown    a build that ended without an error takes the place of site/ in one step; any
                 other leaves site/ as it was (a killed build too: it never got that far)

Under `mkdocs serve` (issue 16) MkDocs rebuilds every page of both languages after each edit. Our
part: `citynet.read` reads again only the data files whose bytes changed, `citynet.rendermemo`
renders again only the record pages and maps whose input changed, and `citynet.reuse` skips
MkDocs' Markdown conversion, the search plugin's parsing and the theme template for every page
whose inputs (by digest: configuration, templates, file list, navigation, the page's own Markdown
and HTML) equal those of the last good build; the last build's files are moved aside and
deleted by another process after the build (citynet/sitefolder.py), and the watcher polls every
0.1 s (on_serve). What is served equals a full build byte for byte (tests/build/test_incremental.py).
In every build, the i18n plugin's search de-duplication (quadratic) runs only when it has
something to remove (citynet/searchindex.py). Measured (BENCHMARKS.md, `dev.py benchmark --serve-only`, idle machine,
2026-12-02, third round): a one-word edit shows after 1.25 s at 878 pages (2.70 s on the code of
that morning) and 0.63 s on the real data (1.62 s); `dev.py build-profile` shows where the rest goes.

Under `mkdocs serve`, an edit to data/, docs/, overrides/, the page templates or labels.yml shows
at the next rebuild. MkDocs loads this file once per process, and Python does not import a module
twice: an edit to this file or to the package's Python code needs a restart of `mkdocs serve`.
"""

from __future__ import annotations

import copy
import logging
import posixpath
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from watchdog.observers.polling import PollingObserver

from citynet import layout, reuse
from citynet.export import write_if_changed
from citynet.labels import labels, theme_words
from citynet.memo import Memo
from citynet.nav import nav_with_records
from citynet.operator import OperatorError, fill_legal_page
from citynet.pageframe import NOT_FOUND, NotFoundPages, home_alternates, robots_txt
from citynet.problems import DataError, advice_logger
from citynet.project import Project
from citynet.publish import Publisher
from citynet.rawhtml import RawHtmlBlocks
from citynet.searchindex import quicken_search_duplicates, write_split_index
from citynet.settings import REQUIRE_ENV, SettingsError, site_settings
from citynet.sitebuild import SiteBuild, build_date, set_source_date_epoch
from citynet.sitefolder import BackgroundClean
from citynet.sitemaps import language_sitemaps
from citynet.themeloader import ThemeLoader

log = logging.getLogger("mkdocs.hooks.citynet")
# Advice that must not fail a strict build (citynet.problems.advice_logger): the data's warnings,
# and placeholders in the operator's facts while CITYNET_REQUIRE_OPERATOR is not set.
data_advice = advice_logger("citynet.data")
operator_advice = advice_logger("citynet.operator", prefix="citynet: ")

build = SiteBuild()  # the one state of this process's builds
publisher = Publisher()  # `mkdocs build`: site/ is replaced only by a complete build
template_cache = FileSystemBytecodeCache()  # Jinja names its folder per user, mode 0700
not_found_pages = NotFoundPages()  # the 404 page of each language's build
kept = reuse.ReuseStore()  # under serve: the results of the last good build, by digest of their input
site_folder = BackgroundClean()  # under serve: the last build's pages moved aside, deleted after the build
WATCH_POLL_SECONDS = 0.1


def on_startup(*, command: str, dirty: bool) -> None:
    publisher.startup(command, dirty)
    kept.enabled = command == "serve"
    build.memo = Memo() if command == "serve" else None
    build.read_memo = Memo() if command == "serve" else None


# Before the i18n plugin's on_config (-100), which starts each further language's build.
@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not build.is_new_config(config):
        return config  # the same configuration again, for the next language
    kept.begin()
    quicken_search_duplicates(config.plugins.get("i18n"))  # the same result, without its quadratic pass
    if not config.use_directory_urls:
        raise PluginError("citynet: the generated pages link to each other as folders; set use_directory_urls: true.")
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("citynet: the i18n plugin is not configured; the site is built in two languages with it.")
    languages = [{"locale": x.locale, "default": x.default, "link": x.link} for x in i18n.config.languages]
    differences = layout.config_differences(languages, config.nav, i18n.config.docs_structure)
    if differences:
        raise PluginError("citynet: mkdocs.yml does not agree with citynet/layout.py: " + " ".join(differences))
    try:
        extra = dict(config.extra)
        build.settings = site_settings(
            site_url=config.site_url, edit_uri=config.edit_uri, repo_url=config.repo_url, extra=extra
        )
    except SettingsError as error:
        raise PluginError(str(error)) from None
    message = build.settings.operator_message()
    if message and build.settings.require_operator:
        raise PluginError(f"{message} ({REQUIRE_ENV}=1 refuses to build with placeholders.)")
    if message:
        operator_advice.warning(message)
    build.base_nav = copy.deepcopy(config.nav)
    project = Project.at(Path(config.config_file_path).parent)
    if not set_source_date_epoch(project):
        log.info("citynet: not a git checkout and SOURCE_DATE_EPOCH unset: the sitemap carries today's date.")
    # What the theme templates read (overrides/), written out by `citynet pages` for a build without us.
    config.extra["repository"] = build.settings.repository or ""
    config.extra["words"] = theme_words()
    config.extra["language_roots"] = dict(layout.PREFIXES)
    config.extra["search_per_language"] = True  # on_post_build splits the index
    publisher.redirect(config)  # before the i18n plugin reads site_dir for the other languages
    _list_theme_files_without_hidden_folders(config.theme)
    # The same HTML from every page, the raw HTML blocks found in a fraction of the time.
    config.markdown_extensions.append(RawHtmlBlocks())
    return config


def _list_theme_files_without_hidden_folders(theme) -> None:
    # MkDocs' build asks theme.get_env() for the environment whose loader lists the theme's files
    # (citynet/themeloader.py: the same list, without walking Material's 14,000 icons).
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.loader = ThemeLoader(theme.dirs)
        return env

    theme.get_env = get_env


# First of all pre_build handlers: MkDocs cleans site/ right after this event.
@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    try:
        site = build.refresh(Project.at(Path(config.config_file_path).parent), build_date())
    except DataError as error:
        # The message is the validator's list; MkDocs prints it and stops without a traceback.
        raise PluginError("The data in data/ has problems; nothing was built.\n" + str(error)) from None
    if config.theme["language"] == layout.DEFAULT_LANGUAGE:
        for warning in site.catalogue.warnings:  # the validator prints the same lines
            data_advice.warning(str(warning))
    # MkDocs empties site/ next, under serve the old pages are moved aside instead; not in the
    # i18n plugin's build of a further language, which keeps site/ as the first one left it.
    i18n = config.plugins.get("i18n")
    if kept.enabled and not getattr(i18n, "building", False):
        site_folder.empty(config.site_dir)


# Before the i18n plugin's on_files (-100): it rebuilds every file under docs_dir from its
# path and pairs the languages, so generated pages must be there by then.
@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    config.nav = nav_with_records(build.base_nav, build.site.catalogue)
    listed = layout.nav_entries(config.nav)
    for src_path in build.site.pages:
        if files.get_file_from_path(src_path) is not None:
            raise PluginError(f"docs/{src_path} exists, but that page is generated from data/. Delete docs/{src_path}.")
        # Record pages of a large section stay out of the sidebar (citynet.nav.SIDEBAR_RECORDS_MAX);
        # they are reached through their section's index page, and on_nav files them under it.
        in_nav = layout.default_language_path(src_path) in listed
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        # A plain File under docs_dir (not File.generated): the i18n plugin needs a source path.
        # Nothing is written there; on_page_read_source supplies the content.
        files.append(File(src_path, config.docs_dir, config.site_dir, config.use_directory_urls, inclusion=inclusion))
    return files


# After the i18n plugin's on_nav (-100), on the navigation it hands to the theme.
@event_priority(-110)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Put each record page under the section of the index page in its folder (netzwerke/), so the
    sidebar shows where the reader is, without listing the section's other records."""
    sections = {posixpath.dirname(p.file.src_uri): p.parent for p in nav.pages if p.is_index and p.parent}
    in_nav = {id(page) for page in nav.pages}
    for file in files.documentation_pages():
        if file.src_uri in build.site.pages and file.page is not None and id(file.page) not in in_nav:
            file.page.parent = sections.get(posixpath.dirname(file.src_uri))
    # Under serve: the digest of what this language's pages share; and the search plugin's
    # indexing of a page is kept by the digest of the page (citynet/reuse.py).
    if kept.enabled:
        i18n = config.plugins.get("i18n")
        site = reuse.site_digest(config, files, config.theme["language"], getattr(i18n, "extra_alternate", None))
        kept.begin_language(site, nav)
        search = config.plugins.get("material/search") or config.plugins.get("search")
        reuse.memoise_search(kept, getattr(search, "search_index", None))
    return nav


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    generated = build.site.pages.get(page.file.src_uri)
    return generated.markdown if generated else None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("operator"):  # the legal pages (the words are looked up only for them)
        try:
            markdown = fill_legal_page(
                markdown,
                page.meta,
                build.settings.operator,
                labels(layout.language_of(page.file.src_uri)),
                source=f"docs/{page.file.src_uri}",
                site_url=build.settings.site_url,
            )
        except OperatorError as error:
            raise PluginError(str(error)) from error
    # Under serve: a page whose final Markdown and site are unchanged gets the HTML of its last
    # conversion instead of a new one (the conversion is a third of a rebuild).
    if kept.enabled:
        key = reuse.render_key(kept.site, page.file.src_uri, markdown)
        rendered = kept.get("render", key)
        if rendered is not None:
            page.render = lambda config, files: rendered.restore(page, files)
        else:
            kept.render_keys[page.file.src_uri] = key
    return markdown


# Before every other handler: what page.render() made, as the next build would restore it.
@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    key = kept.render_keys.pop(page.file.src_uri, None)
    if key is not None:
        kept.put("render", key, reuse.Rendered(page))
    return html


def on_env(env, *, config: MkDocsConfig, files: Files):
    # MkDocs makes a fresh Jinja environment for every build, and the i18n plugin builds once per
    # language: without a cache, Material's templates are compiled twice per build. The cache is
    # keyed by each template's name and source checksum (an edited template is compiled afresh) and
    # changes no output. Set before the first template is loaded: MkDocs renders only after on_env.
    env.bytecode_cache = template_cache
    # Under serve: a page whose HTML, navigation and site are unchanged is not rendered again; its
    # template is one expression that gives the output of its last rendering (citynet/reuse.py).
    if kept.enabled:
        env.loader = ChoiceLoader([DictLoader({reuse.REUSED_TEMPLATE: reuse.REUSED_SOURCE}), env.loader])
        kept.plan_pages([f.page for f in files.documentation_pages() if f.page is not None])
    return env


# After every other handler (the i18n plugin's language switch, the search plugin's indexing).
@event_priority(-100)
def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    output = kept.reused_html.get(page.file.src_uri)
    if output is not None:
        context[reuse.REUSED_VARIABLE] = Markup(output)
    return context


# Before every other handler: the theme template's output, as a reused page's template gives it.
@event_priority(100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    key = kept.html_keys.pop(page.file.src_uri, None)
    if key is not None:
        kept.put("html", key, output)
    return output


def on_template_context(context, *, template_name: str, config: MkDocsConfig):
    if template_name == NOT_FOUND:
        # The i18n plugin sets it as an attribute (the theme reads that first) and as an item.
        alternates = home_alternates(config.extra.get("alternate"))
        config.extra["alternate"] = alternates
        config.extra.alternate = alternates
    return context


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name == NOT_FOUND:
        not_found_pages.keep(config.theme["language"], output_content)
    return output_content


# After the i18n plugin's on_post_build (-100), which builds the other languages and then writes
# the combined search index; in those inner builds this runs too, and is redone here at the end.
@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    # One set of open data files for all languages, at the site root: site_dir is the root in
    # every language's build (the i18n plugin writes the others below it), and write_if_changed
    # leaves the files alone the second time.
    written = write_if_changed(Path(config.site_dir) / layout.DOWNLOADS_DIR, build.site.exports)
    written += write_if_changed(Path(config.site_dir), build.site.feeds)  # feed.xml, en/feed.xml
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if sitemap.is_file() and config.site_url:  # en/sitemap.xml, which the theme asks for (citynet/sitemaps.py)
        sitemaps = language_sitemaps(sitemap.read_text(encoding="utf-8"), config.site_url)
        written += write_if_changed(Path(config.site_dir), sitemaps)
    if written:
        log.debug("citynet: wrote %s", ", ".join(written))
    try:
        counts = write_split_index(Path(config.site_dir))
    except ValueError as error:
        raise PluginError(f"citynet search: {error}") from error
    if counts:
        log.debug("search index split: %s", counts)
    site_files = not_found_pages.files() | {"robots.txt": robots_txt(build.settings.site_url)}
    write_if_changed(Path(config.site_dir), site_files)
    publisher.built()
    i18n = config.plugins.get("i18n")
    if not getattr(i18n, "building", False):  # the last step of the last language's build
        site_folder.delete_moved()
        kept.commit()
        if kept.enabled:
            log.info("citynet: pages reused/made: %s", kept.counts)
            log.info("citynet: generated pages and maps reused/made: %s", build.memo.counts)


def on_build_error(*, error: Exception) -> None:
    kept.discard()  # also after a strict-mode abort, which MkDocs raises after on_post_build
    site_folder.delete_moved()


def on_serve(server, *, config: MkDocsConfig, builder):
    # MkDocs' server polls the watched folders every 0.5 s, so an edit waited 0.35 s on average
    # before its rebuild began. Every 0.1 s costs a few hundred stat calls per poll (data/, docs/,
    # overrides/). The paths watched so far are moved to the quicker observer; those of mkdocs.yml's
    # `watch:` are added after this event, to it.
    paths = getattr(server, "_watched_paths", None)
    if not isinstance(paths, dict):  # another MkDocs: its own watcher stays
        return server
    watched = dict(paths)
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=WATCH_POLL_SECONDS)
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return server


def on_shutdown() -> None:
    publisher.finish()
    site_folder.wait()
