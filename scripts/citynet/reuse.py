"""Under `mkdocs serve`, a page whose inputs are the same as in the last good build is not worked
out again: its Markdown is not converted, its search entries are not parsed out of its HTML, and
its theme template is not rendered; the results of the last build are used instead.

Each result is kept under a digest of everything it is made from, never under a page's name:

  render   page.render(): the page's source path and final Markdown, and the build's `site` digest
           (the configuration, the theme's custom templates, the language, every file's path and
           address; links are resolved against the files)
  search   the search plugin's entries of one page: its address, title, meta, HTML and table of
           contents
  html     the theme template's output: the build's `frame` digest (the site digest and the whole
           navigation: every page's title, address, meta and place) and the page's own HTML, table
           of contents, title, meta, addresses and language alternates

A page whose output is reused has its HTML let go before the theme's pass (page.content
becomes empty): nothing reads it any more, and the search plugin, which gets the kept entries,
would otherwise strip attributes from it again. A result is used only when its digest is equal,
so a reused page is the page a full build makes (tests/build/test_incremental.py compares them
byte for byte). Results are kept only from builds that ended without an error or a strict-mode
warning (a page that warned is made afresh, and warns again); each good build keeps only what it
used or made, so memory stays one site's worth.

This module never imports MkDocs: it reads MkDocs' objects by their attributes (scripts/hooks.py
hands them over).
"""

from __future__ import annotations

import hashlib
import json
import types
from collections.abc import Iterable, Mapping
from pathlib import Path

REUSED_TEMPLATE = ".citynet-reused.html"  # a template of one expression: the kept output
REUSED_VARIABLE = "citynet_reused_html"
REUSED_SOURCE = "{{ " + REUSED_VARIABLE + " }}"

# Keys of config.extra set per page by the i18n plugin (the language switch's links): a page's
# own alternates go into its html digest instead.
PER_PAGE_EXTRA = ("alternate",)
# What the theme's navigation reads of other pages' meta (Material's partials/nav-item.html): the
# rest of a page's meta goes into its own html digest only, so an edited description (a record's
# summary) does not make every other page's frame new.
NAV_META = ("icon", "status", "subtitle", "title", "hide")


def digest(*parts) -> str:
    """The SHA-256 of the parts: a text as its bytes (a page's HTML is most of what is hashed), any
    other part as its JSON, each with its length, so that no two different lists of parts agree."""
    hasher = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            data = b"s" + part.encode("utf-8", "surrogatepass")
        else:
            text = json.dumps(part, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_type_name)
            data = b"j" + text.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


def _type_name(value) -> str:
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def stable(value, depth: int = 0):
    """A plain, comparable form of a configuration value: mappings, sequences and plain values as
    they are; a plugin as its configuration; a module by its name; anything else by its type
    (its address in memory would differ between two loads of the same configuration)."""
    if depth > 30:
        return "<deep>"
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): stable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [stable(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(str(stable(v, depth + 1)) for v in value)
    if isinstance(value, types.ModuleType):
        return f"<module {value.__name__}>"
    config = getattr(value, "config", None)
    if isinstance(config, Mapping):  # a plugin
        return {"plugin": _type_name(value), "config": stable(config, depth + 1)}
    return _type_name(value)


def config_form(config: Mapping) -> dict:
    """The configuration as one build sees it, without the per-page keys of config.extra."""
    form = stable(config)
    extra = form.get("extra")
    if isinstance(extra, dict):
        form["extra"] = {k: v for k, v in extra.items() if k not in PER_PAGE_EXTRA}
    theme = config.get("theme")
    form["theme_dirs"] = [str(d) for d in getattr(theme, "dirs", [])]
    return form


def folder_state(folder: str | Path | None) -> list:
    """Every file below `folder` with its size and modification time (the theme's custom templates:
    an edit to one changes every page's frame)."""
    if not folder or not Path(folder).is_dir():
        return []
    state = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            info = path.stat()
            state.append([path.relative_to(folder).as_posix(), info.st_size, info.st_mtime_ns])
    return state


def site_digest(config: Mapping, files: Iterable, language: str, extra_alternate) -> str:
    """What every page of one language's build depends on before its own content: the
    configuration, the custom templates, the language, and every file's path and address."""
    theme = config.get("theme")
    file_map = sorted((f.src_uri, f.url, str(getattr(f, "inclusion", ""))) for f in files)
    return digest(
        "site", config_form(config), folder_state(getattr(theme, "custom_dir", None)), language,
        stable(extra_alternate), file_map,
    )  # fmt: skip


def toc_form(toc) -> list:
    return [[a.title, a.id, a.level, toc_form(a.children)] for a in toc or []]


def meta_form(meta: Mapping) -> dict:
    return {k: stable(v) for k, v in (meta or {}).items() if k != "template" or v != REUSED_TEMPLATE}


def nav_form(items) -> list:
    form = []
    for item in items or []:
        file = getattr(item, "file", None)
        form.append([
            type(item).__name__, item.title, getattr(item, "url", None), file.src_uri if file else None,
            nav_form(getattr(item, "children", None)),
        ])  # fmt: skip
    return form


def frame_digest(site: str, nav, pages: Iterable) -> str:
    """The site digest and the navigation as every page's template sees it: the sidebar, previous
    and next, each page's title, place (parents) and the meta the navigation shows (NAV_META)."""
    outline = []
    for page in pages:
        parents, parent = [], page.parent
        while parent is not None:
            parents.append(parent.title)
            parent = parent.parent
        nav_meta = {k: stable(v) for k, v in (page.meta or {}).items() if k in NAV_META}
        outline.append([page.file.src_uri, page.url, page.title, nav_meta, parents])
    homepage = nav.homepage.url if getattr(nav, "homepage", None) else None
    return digest("frame", site, nav_form(nav.items), homepage, outline)


def render_key(site: str, src_uri: str, markdown: str) -> str:
    return digest("render", site, src_uri, markdown)


def content_digest(page) -> str:
    """The page's HTML, hashed once for the keys below (it is most of what they hash)."""
    return hashlib.sha256(page.content.encode("utf-8", "surrogatepass")).hexdigest()


def search_key(page, content: str | None = None) -> str:
    content = content or content_digest(page)
    return digest("search", page.url, page.title, meta_form(page.meta), content, toc_form(page.toc))


def html_key(frame: str, page, content: str | None = None) -> str:
    file = page.file
    alternates = {lang: f.url for lang, f in (getattr(file, "alternates", None) or {}).items()}
    return digest(
        "html", frame, file.src_uri, page.url, page.canonical_url, page.edit_url, page.title,
        meta_form(page.meta), content or content_digest(page), toc_form(page.toc), alternates,
        getattr(file, "locale_alternate_of", None), getattr(file, "locale", None),
    )  # fmt: skip


class Rendered:
    """What page.render() leaves on a page; anchors linked in other files by their source path
    (the File objects are new in every build)."""

    def __init__(self, page):
        self.content = page.content
        self.toc = page.toc
        self.title = page._title_from_render
        self.anchors = set(page.present_anchor_ids or ())
        links = page.links_to_anchors
        self.links = None if links is None else {f.src_uri: dict(v) for f, v in links.items()}

    def restore(self, page, files) -> None:
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = set(self.anchors)
        if self.links is not None:
            page.links_to_anchors = {files.get_file_from_path(src): dict(v) for src, v in self.links.items()}


def copy_entries(entries: list[dict]) -> list[dict]:
    """Copies of search entries (flat dicts of texts, a list of tags at most), so that what the
    index does to them later does not change the kept ones; a tenth of the time of deepcopy."""
    return [{k: list(v) if isinstance(v, list) else v for k, v in entry.items()} for entry in entries]


def memoise_search(store: ReuseStore, index) -> None:
    """Wrap the search plugin's per-page indexing (Material's SearchIndex.add_entry_from_context,
    which parses the page's HTML): a page with the same inputs gets the same entries."""
    if index is None or getattr(index.add_entry_from_context, "citynet_memo", False):
        return
    original = index.add_entry_from_context

    def add_entry_from_context(page):
        key = store.search_keys.pop(page.file.src_uri, None) or search_key(page)
        entries = store.get("search", key)
        if entries is not None:
            index.entries.extend(copy_entries(entries))
            return
        start = len(index.entries)
        original(page)
        store.put("search", key, copy_entries(index.entries[start:]))

    add_entry_from_context.citynet_memo = True
    index.add_entry_from_context = add_entry_from_context


class ReuseStore:
    """The kept results of this process's builds, by kind and digest."""

    def __init__(self):
        self.enabled = False  # under `mkdocs serve` only: a single build has nothing to reuse
        self.kept: dict[tuple[str, str], object] = {}  # from the last good build
        self.made: dict[tuple[str, str], object] = {}  # used or made by the build under way
        self.before: dict[tuple[str, str], object] | None = None  # kept, before this build's commit
        self.counts: dict[str, int] = {}
        # The language build under way: its site digest, and by source path the digests of the
        # pages it made afresh (to keep their results) and the output of the pages it reuses.
        self.site = ""
        self.nav = None  # the navigation the theme gets (on_nav)
        self.render_keys: dict[str, str] = {}
        self.html_keys: dict[str, str] = {}
        self.reused_html: dict[str, str] = {}
        self.search_keys: dict[str, str] = {}  # of reused pages, taken before their HTML was let go

    def begin_language(self, site: str, nav) -> None:
        self.site, self.nav = site, nav
        self.render_keys, self.html_keys, self.reused_html, self.search_keys = {}, {}, {}, {}

    def plan_pages(self, pages: list) -> None:
        """Once every page is read (their titles are known): each page's html digest; a page whose
        digest was kept gets the reused template and its kept output."""
        if not self.enabled or self.nav is None:
            return
        frame = frame_digest(self.site, self.nav, pages)
        for page in pages:
            content = content_digest(page)
            key = html_key(frame, page, content)
            output = self.get("html", key)
            if output is None:
                self.html_keys[page.file.src_uri] = key
            else:
                self.reused_html[page.file.src_uri] = output
                search = search_key(page, content)
                if self.has("search", search):
                    # Its output is kept, and so are its search entries: the HTML is needed no
                    # more, and the search plugin's pass over it (it strips attributes from
                    # every page's HTML after indexing) takes no time.
                    self.search_keys[page.file.src_uri] = search
                    page.content = ""
                page.meta["template"] = REUSED_TEMPLATE

    def has(self, kind: str, key: str) -> bool:
        return self.enabled and ((kind, key) in self.kept or (kind, key) in self.made)

    def begin(self) -> None:
        """A new build (all its languages) starts."""
        self.made = {}
        self.before = None
        self.counts = {}

    def get(self, kind: str, key: str):
        if not self.enabled:
            return None
        value = self.kept.get((kind, key))
        if value is None:
            value = self.made.get((kind, key))
        if value is not None:
            self.made[(kind, key)] = value
            self.counts[f"{kind} reused"] = self.counts.get(f"{kind} reused", 0) + 1
        return value

    def put(self, kind: str, key: str, value) -> None:
        if self.enabled:
            self.made[(kind, key)] = value
            self.counts[f"{kind} made"] = self.counts.get(f"{kind} made", 0) + 1

    def commit(self) -> None:
        """The build's last step ended well: keep what it used and made, and nothing else."""
        if self.before is None:
            self.before = self.kept
        self.kept = self.made

    def discard(self) -> None:
        """The build failed (an error, or a warning in strict mode, which MkDocs counts after the
        last step): keep the results of the last good build, none of this one's."""
        if self.before is not None:
            self.kept = self.before
            self.before = None
        self.made = {}
