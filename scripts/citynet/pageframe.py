"""What the build adds around the pages: robots.txt, and the 404 page once per language.

robots.txt names the sitemap, as an absolute address (site_url). The 404 page is a theme template
that MkDocs renders in every language's build into the same /404.html, so the language built last
would win: the hook keeps each language's rendering (`NotFoundPages`) and writes it into that
language's folder, /404.html for the default language, /en/404.html for English. On the 404 page
the language switch leads to the start pages: it has no counterpart page (the i18n plugin left the
alternates of the last page it built there, the open-data page).
"""

from __future__ import annotations

from . import layout

NOT_FOUND = "404.html"


def robots_txt(site_url: str | None) -> bytes:
    """Every page may be crawled; the sitemap is named when the site's address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode()


def home_alternates(alternates) -> list[dict]:
    """The language switch of the 404 page: each language's start page ("/", "/en/"; the theme
    makes them absolute on the 404 page)."""
    return [
        {**alternate, "link": "/" + layout.PREFIXES.get(alternate.get("lang"), "")} for alternate in alternates or []
    ]


class NotFoundPages:
    """The 404 page as each language's build rendered it, to be written into each language's folder."""

    def __init__(self):
        self.pages: dict[str, bytes] = {}

    def keep(self, lang: str, html: str) -> None:
        if lang in layout.PREFIXES:
            self.pages[lang] = html.encode()

    def files(self) -> dict[str, bytes]:
        """{path below the site root: content}: 404.html, en/404.html."""
        return {layout.PREFIXES[lang] + NOT_FOUND: html for lang, html in self.pages.items()}
