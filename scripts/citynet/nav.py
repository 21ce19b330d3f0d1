"""The navigation: mkdocs.yml's nav with the generated record pages added after their section's index.

Plain lists and dicts as mkdocs.yml writes them; the hook hands the result to MkDocs, and
`citynet pages` writes it into its mkdocs.yml.
"""

from __future__ import annotations

import copy
import posixpath

from . import layout
from .collation import name_key
from .model import Catalogue

# The sidebar lists a section's record pages one by one while the section has at most this many.
# Every page carries the sidebar of its section, so a longer list would make every page of the
# section grow with the data, and the build with its square (issue 7, BENCHMARKS.md). Beyond it,
# the section's index page (a table) leads to them and the sidebar marks only the section.
SIDEBAR_RECORDS_MAX = 30


def nav_with_records(base_nav: list, catalogue: Catalogue) -> list:
    """The nav of mkdocs.yml with each section's record pages added after its index page, for
    each section with at most SIDEBAR_RECORDS_MAX records; larger sections are left as written."""
    nav = copy.deepcopy(base_nav)
    cities = sorted(catalogue.cities, key=lambda c: name_key(catalogue.cities[c].name.de))
    sections = (
        (layout.OVERVIEW, [layout.network_stem(n.id) for n in catalogue.networks]),
        (layout.CITIES_INDEX, [layout.city_stem(c) for c in cities]),
    )
    for index_stem, stems in sections:
        pages = [layout.src_path(stem, layout.DEFAULT_LANGUAGE) for stem in stems]
        _extend_nav(
            nav,
            layout.src_path(index_stem, layout.DEFAULT_LANGUAGE),
            pages if len(pages) <= SIDEBAR_RECORDS_MAX else [],
        )
    return nav


def _extend_nav(items: list, entry: str, pages: list[str]) -> bool:
    for index, item in enumerate(items):
        if item == entry or (isinstance(item, dict) and entry in item.values()):
            items[index + 1 : index + 1] = pages
            return True
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and _extend_nav(value, entry, pages):
                    return True
    return False


def not_in_nav(src_paths: list[str], nav: list) -> list[str]:
    """The generated pages (default-language paths) that the nav does not list."""
    listed = layout.nav_entries(nav)
    return sorted({layout.default_language_path(p) for p in src_paths} - listed)


def not_in_nav_patterns(hidden: list[str], all_pages: list[str]) -> str:
    """mkdocs.yml's `not_in_nav` lines for the `hidden` pages (default-language paths) in every
    language: one pattern per folder (one per page would make MkDocs match every file against
    every pattern), with the folder's other pages (`all_pages`, every language) excepted."""
    hidden = set(hidden)
    folders = sorted({posixpath.dirname(p) for p in hidden})
    lines = []
    for folder in folders:
        prefix = f"/{folder}/" if folder else "/"
        lines.append(f"{prefix}*.md")
        lines += [
            f"!/{p}"
            for p in sorted(all_pages)
            if posixpath.dirname(p) == folder and layout.default_language_path(p) not in hidden
        ]
    return "".join(line + "\n" for line in lines)
