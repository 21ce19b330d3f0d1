"""Which pages of the site a pull request changes, so that a reviewer opens exactly those in the
preview (the built site the checks upload as an artifact).

The pages made from data/ are rendered twice by this version's package, once from the base's
records and once from the working tree's, with the same day, the same base maps and no git dates;
a page whose Markdown differs has changed. Comparing the generated Markdown rather than two
builds is fast (no MkDocs run, no install of the base's code) and isolates what the data change
does: the same templates render both sides, so every difference comes from the records. A change
of the templates, the code or the settings can change any page; it is named as such, from git.
The hand-written pages in docs/ are compared by git, and so are the other files.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from . import layout
from .changes import ADDED, CHANGED, REMOVED
from .export import export_files
from .model import Catalogue
from .project import Project
from .read import SCHEMA_DIR
from .render import GeneratedPage, render_pages
from .revision import changed_files

# What else a build is made from: a change here can change any page. The schemas and base maps
# are in data/, but both sides are made with the working tree's (citynet/revision.py).
BUILD_INPUTS = ("mkdocs.yml", "overrides", "scripts", "docs", "data/schema", "data/geo")


@dataclass(frozen=True, kw_only=True)
class ChangedPage:
    stem: str  # the page's path below its language root, e.g. netzwerke/uclg (citynet/layout.py)
    lang: str
    title: str
    kind: str  # ADDED | REMOVED | CHANGED

    @property
    def site_file(self) -> str:
        """The page's file in the built site (and in the preview artifact)."""
        return layout.PREFIXES[self.lang] + layout.page_dir(self.stem) + "index.html"


@dataclass(frozen=True, kw_only=True)
class PageChanges:
    pages: tuple[ChangedPage, ...]  # generated pages first, then hand-written ones
    downloads: tuple[str, ...]  # open data files that change, by their path below /data/
    build_inputs: tuple[str, ...]  # changed files of the templates, code, settings and assets
    compared: bool  # False: the base's data could not be read, so generated pages are not compared


def generated_changes(base: dict[str, GeneratedPage], head: dict[str, GeneratedPage]) -> list[ChangedPage]:
    """The generated pages whose content differs, or that exist on one side only."""
    found = []
    for src in [*head, *(s for s in base if s not in head)]:
        was, now = base.get(src), head.get(src)
        if was is not None and now is not None and was.digest == now.digest:
            continue
        page = now or was
        kind = ADDED if was is None else REMOVED if now is None else CHANGED
        found.append(ChangedPage(stem=_stem(src), lang=page.lang, title=page.title, kind=kind))
    return found


def render_for_comparison(catalogue: Catalogue, project: Project, today: datetime.date) -> dict[str, GeneratedPage]:
    """The generated pages of a catalogue, made so that two of them differ only where the data
    does: the head's base maps, one day, no git dates, no site settings."""
    return render_pages(catalogue, geo_dir=project.geo, today=today)


def downloads_changes(base: Catalogue, head: Catalogue, project: Project) -> tuple[str, ...]:
    schema_dir = project.data / SCHEMA_DIR
    old, new = export_files(base, schema_dir), export_files(head, schema_dir)
    return tuple(name for name in sorted(old.keys() | new.keys()) if old.get(name) != new.get(name))


def compare_pages(
    project: Project, rev: str, base: Catalogue | None, head: Catalogue, today: datetime.date
) -> PageChanges:
    """Everything that changes on the site between `rev` (its catalogue `base`, None when its
    data is missing or invalid) and the working tree (`head`)."""
    pages: list[ChangedPage] = []
    downloads: tuple[str, ...] = ()
    if base is not None:
        pages = generated_changes(
            render_for_comparison(base, project, today), render_for_comparison(head, project, today)
        )
        downloads = downloads_changes(base, head, project)
    files = changed_files(project, rev, BUILD_INPUTS)
    pages += handwritten_changes(project, files)
    inputs = tuple(path for _, path in files if not _is_page(path))
    return PageChanges(pages=tuple(pages), downloads=downloads, build_inputs=inputs, compared=base is not None)


def handwritten_changes(project: Project, files: list[tuple[str, str]]) -> list[ChangedPage]:
    """The pages of docs/ among the changed files ((status, path) as git names them)."""
    found = []
    for status, path in files:
        if not _is_page(path):
            continue
        src = path.removeprefix("docs/")
        lang = layout.language_of(src)
        kind = {"A": ADDED, "D": REMOVED}.get(status, CHANGED)
        title = _title(project.root / path) if kind != REMOVED else src
        found.append(ChangedPage(stem=_stem(src), lang=lang, title=title, kind=kind))
    return found


def _is_page(path: str) -> bool:
    return path.startswith("docs/") and path.endswith(".md")


def _stem(src: str) -> str:
    """netzwerke/uclg.en.md -> netzwerke/uclg (the page's stem in every language)."""
    return layout.default_language_path(src).removesuffix(".md")


def _title(path: Path) -> str:
    """A hand-written page's title: its front matter's title or its first heading, else its name."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return path.name
    for line in lines:
        if line.startswith("title:"):
            return line.removeprefix("title:").strip().strip("\"'")
        if line.startswith("# "):
            return line.removeprefix("# ").strip()
    return path.name
