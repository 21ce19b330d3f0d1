"""Render the catalogue into Markdown pages, one set per language. No MkDocs here.

Record text only ever reaches the output through Jinja's HTML autoescaping, inside HTML blocks
that Markdown passes through untouched: a record cannot inject markup, Markdown links or
attribute lists. Headings are Markdown (so they feed the table of contents) but hold only
interface words from labels.yml. The front matter is YAML written by PyYAML, with values
HTML-escaped once, because the theme prints `title` and `description` without escaping.
"""

from __future__ import annotations

import datetime
import html
import posixpath
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .dates import PartialDate
from .labels import LANGUAGES, Labels, labels
from .model import Catalogue, MemberCount, Network, Source

TEMPLATES = Path(__file__).with_name("templates")
DEFAULT_LANGUAGE = LANGUAGES[0]
NETWORKS_SECTION = "netzwerke"


def network_src_path(network_id: str, lang: str) -> str:
    """The Markdown path of a network page in the docs tree, in the i18n plugin's suffix layout."""
    return _src_path(f"{NETWORKS_SECTION}/{network_id}", lang)


def overview_src_path(lang: str) -> str:
    return _src_path(f"{NETWORKS_SECTION}/index", lang)


def _src_path(stem: str, lang: str) -> str:
    return f"{stem}.md" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.md"


def _page_dir(stem: str) -> str:
    """Directory URL of a page relative to its language root (use_directory_urls)."""
    return stem[: -len("/index")] + "/" if stem.endswith("/index") else stem + "/"


def render_pages(catalogue: Catalogue) -> dict[str, str]:
    """All generated pages: {src path: Markdown}, for every language."""
    renderer = Renderer(catalogue)
    pages = {}
    for lang in LANGUAGES:
        pages[overview_src_path(lang)] = renderer.overview(lang)
        for network in catalogue.networks:
            pages[network_src_path(network.id, lang)] = renderer.network(network, lang)
    return pages


class Renderer:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def overview(self, lang: str) -> str:
        words = labels(lang)
        here = f"{NETWORKS_SECTION}/index"
        body = self._render("overview.md.j2", lang, here, networks=self.catalogue.networks)
        return _front_matter(words["overview_nav_title"], words["overview_lead"]) + body

    def network(self, network: Network, lang: str) -> str:
        here = f"{NETWORKS_SECTION}/{network.id}"
        body = self._render("network.md.j2", lang, here, network=network)
        return _front_matter(network.short_name[lang], network.summary[lang]) + body

    def _render(self, name: str, lang: str, here: str, **context) -> str:
        # The helpers know the page's language and place, so they are made per page.
        helpers = _Helpers(lang, labels(lang), here)
        return self.env.get_template(name).render(t=helpers.t, h=helpers, lang=lang, **context)


def _front_matter(title: str, description: str) -> str:
    meta = {"title": html.escape(title), "description": html.escape(" ".join(description.split()))}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


class _Helpers:
    """Formatting for one page in one language, used by the templates as `h`."""

    def __init__(self, lang: str, words: Labels, here: str):
        self.lang = lang
        self.words = words
        self.here = here

    def t(self, key: str, **values) -> str:
        text = self.words[key]
        return text.format(**values) if values else text

    def tx(self, text) -> str:
        """Pick this language from a Text (record text: escaped by the template), on one line.

        No blank line may reach the Markdown: in CommonMark and its kin a blank line ends the
        HTML block around the text, and what follows would be read as Markdown (links, attribute
        lists). Long texts with paragraphs go through `paragraphs` instead."""
        return " ".join(text[self.lang].split())

    def date(self, value: PartialDate | None) -> str:
        return value.format(self.words) if value else self.words["undated"]

    def day(self, value: datetime.date) -> str:
        return PartialDate(value.year, value.month, value.day).format(self.words)

    def city_list(self, network: Network, nrw: bool) -> list[tuple[str, str]]:
        """Participating cities (NRW or the rest of Germany), each once, with a remark where
        the participation has ended or is unconfirmed."""
        by_city: dict[str, list] = {}
        for participation in network.participants:
            if participation.city.is_nrw == nrw:
                by_city.setdefault(participation.city.id, []).append(participation)
        result = []
        for participations in by_city.values():
            remarks = []
            if all(p.until for p in participations):
                remarks.append(f"{self.words['until']} {self.date(max(p.until for p in participations))}")
            if all(p.confidence == "low" for p in participations):
                remarks.append(self.words["unconfirmed"])
            result.append((participations[0].city.name[self.lang], ", ".join(remarks)))
        return result

    def number(self, value: int) -> str:
        return f"{value:,}".replace(",", self.words["thousands_separator"])

    def count(self, members: MemberCount) -> str:
        qualifier = self.words[f"qualifier_{members.qualifier}"]
        parts = [qualifier, self.number(members.count), self.words[f"unit_{members.unit}"]]
        return " ".join(p for p in parts if p)

    def period(self, start: PartialDate | None, end: PartialDate | None) -> str:
        if start and end:
            return f"{self.date(start)} – {self.date(end)}"
        if start:
            return f"{self.words['since']} {self.date(start)}"
        if end:
            return f"{self.words['until']} {self.date(end)}"
        return self.words["unknown"]

    def paragraphs(self, text: str) -> list[str]:
        return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]

    def cite(self, sources: tuple[Source, ...]) -> Markup:
        """Citation links such as [1][3] to the page's list of sources."""
        links = [
            Markup('<a class="cn-cite" href="#src-{id}" title="{label} {n}: {title}">[{n}]</a>').format(
                id=source.id, n=source.number, label=self.words["source"], title=source.title[self.lang]
            )
            for source in sources
        ]
        return Markup("").join(links)

    def link(self, target_stem: str) -> str:
        """Relative URL from this page to another generated page (use_directory_urls layout)."""
        return posixpath.relpath(_page_dir(target_stem), _page_dir(self.here)) + "/"

    def network_link(self, network: Network) -> str:
        return self.link(f"{NETWORKS_SECTION}/{network.id}")

    def state(self, city) -> str:
        return self.words[f"state_{city.state}"] if city.state else self.words[f"country_{city.country}"]

    def confidence(self, value: str) -> str:
        return "" if value == "high" else self.words[f"confidence_{value}"]

