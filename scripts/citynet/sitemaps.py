"""A sitemap for each language's root besides the default one (/en/sitemap.xml), cut from the site's
sitemap: the entries of that language's pages, as MkDocs wrote them.

Material's theme takes every <link rel="alternate"> in a page's head for a language version and
fetches sitemap.xml beside its address (squidfunk/mkdocs-material#8576). The English pages link
their Atom feed, /en/feed.xml (citynet/feed.py), so the theme asks for /en/sitemap.xml: with this
file it gets a sitemap, not a 404 in every English page's console. A sitemap may list only
addresses below its own folder, so this one holds the English pages alone.
"""

from __future__ import annotations

import re

from . import layout

_URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def language_sitemaps(sitemap: str, site_url: str) -> dict[str, bytes]:
    """{path below the site root: sitemap} for each language with a prefix (en/sitemap.xml), from
    the text of the site's sitemap.xml; none if it lists nothing below that prefix."""
    found = {}
    entries = list(_URL.finditer(sitemap))
    if not entries:
        return found
    head, tail = sitemap[: entries[0].start()], sitemap[entries[-1].end() :]
    for language in layout.LANGUAGES:
        if not language.prefix:
            continue
        root = site_url.rstrip("/") + "/" + language.prefix
        kept = [m.group(0) for m in entries if (_LOC.search(m.group(0)) or [None, ""])[1].startswith(root)]
        if kept:
            found[language.prefix + "sitemap.xml"] = (head + "".join(kept) + tail).encode("utf-8")
    return found
