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
import json
import posixpath
from functools import lru_cache
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import maps
from .cities import city_profiles
from .dates import PartialDate
from .labels import LANGUAGES, Labels, labels
from .model import Catalogue, City, MemberCount, Network, Source
from .timeline import timeline

TEMPLATES = Path(__file__).with_name("templates")
DEFAULT_LANGUAGE = LANGUAGES[0]
NETWORKS_SECTION = "netzwerke"
CITIES_SECTION = "staedte"
# The sidebar lists a section's record pages one by one while the section has at most this many.
# Every page carries the sidebar of its section, so a longer list would make every page of the
# section grow with the data, and the build with its square (issue 7, BENCHMARKS.md). Beyond it,
# the section's index page (a table) leads to them and the sidebar marks only the section.
SIDEBAR_RECORDS_MAX = 30
DATA_PAGE = "daten"
DOWNLOADS_DIR = "data"  # the open data files, at the site root (one copy for both languages)
SCHEMA_FILES = ("network.schema.json", "cities.schema.json", "topics.schema.json")


def network_src_path(network_id: str, lang: str) -> str:
    """The Markdown path of a network page in the docs tree, in the i18n plugin's suffix layout."""
    return _src_path(f"{NETWORKS_SECTION}/{network_id}", lang)


def overview_src_path(lang: str) -> str:
    return _src_path(f"{NETWORKS_SECTION}/index", lang)


def city_src_path(city_id: str, lang: str) -> str:
    return _src_path(f"{CITIES_SECTION}/{city_id}", lang)


def cities_src_path(lang: str) -> str:
    return _src_path(f"{CITIES_SECTION}/index", lang)


def data_src_path(lang: str) -> str:
    return _src_path(DATA_PAGE, lang)


def page_url(stem: str, lang: str, site_url: str) -> str:
    """Absolute URL of a generated page (the i18n plugin puts other languages under /<lang>/)."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return site_url.rstrip("/") + "/" + prefix + _page_dir(stem)


def _src_path(stem: str, lang: str) -> str:
    return f"{stem}.md" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.md"


def _page_dir(stem: str) -> str:
    """Directory URL of a page relative to its language root (use_directory_urls)."""
    return stem[: -len("/index")] + "/" if stem.endswith("/index") else stem + "/"


def render_pages(
    catalogue: Catalogue,
    *,
    record_dates: dict[str, datetime.date | None] | None = None,
    site_url: str | None = None,
    today: datetime.date | None = None,
) -> dict[str, str]:
    """All generated pages: {src path: Markdown}, for every language.

    `record_dates` maps a record's file to the day it last changed; the build hook takes
    them from git. Missing or None shows as unknown. `today` ends the timeline's open bars;
    the hook passes the build date (SOURCE_DATE_EPOCH) so that builds are reproducible.
    """
    renderer = Renderer(catalogue, record_dates, site_url=site_url, today=today)
    pages = {}
    for lang in LANGUAGES:
        pages[overview_src_path(lang)] = renderer.overview(lang)
        for network in catalogue.networks:
            pages[network_src_path(network.id, lang)] = renderer.network(network, lang)
        pages[cities_src_path(lang)] = renderer.cities(lang)
        for city_id in renderer.profiles:
            pages[city_src_path(city_id, lang)] = renderer.city(city_id, lang)
        pages[data_src_path(lang)] = renderer.data(lang)
    return pages


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One template environment per process: compiling the templates costs more than rendering
    the real data. Jinja still reloads a template whose file changed (auto_reload), and keeps the
    compiled code between builds in a private temporary folder, keyed by the template's source."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=FileSystemBytecodeCache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class Renderer:
    def __init__(
        self,
        catalogue: Catalogue,
        record_dates: dict[str, datetime.date | None] | None = None,
        *,
        site_url: str | None = None,
        today: datetime.date | None = None,
    ):
        self.catalogue = catalogue
        self.record_dates = record_dates or {}
        self.site_url = site_url
        self.profiles = city_profiles(catalogue)
        self.timeline = timeline(catalogue.networks, today or datetime.date.today())
        self.env = _environment()

    def overview(self, lang: str) -> str:
        words = labels(lang)
        here = f"{NETWORKS_SECTION}/index"
        body = self._render(
            "overview.md.j2", lang, here,
            networks=self.catalogue.networks,
            finder=self._finder_options(words),
            timeline=self.timeline,
            panels=maps.panels(list(self.profiles.values()), lang),
            profiles=list(self.profiles.values()),
        )
        return _front_matter(words["overview_nav_title"], words["overview_lead"]) + body

    def network(self, network: Network, lang: str) -> str:
        here = f"{NETWORKS_SECTION}/{network.id}"
        body = self._render(
            "network.md.j2",
            lang,
            here,
            network=network,
            record_changed=self.record_dates.get(network.file),
            json_ld=self._json_ld(network, lang, here),
        )
        return _front_matter(network.short_name[lang], network.summary[lang]) + body

    def cities(self, lang: str) -> str:
        words = labels(lang)
        profiles = list(self.profiles.values())
        body = self._render("cities.md.j2", lang, f"{CITIES_SECTION}/index", panels=maps.panels(profiles, lang), profiles=profiles)
        return _front_matter(words["cities_nav_title"], words["cities_lead"]) + body

    def city(self, city_id: str, lang: str) -> str:
        profile = self.profiles[city_id]
        words = labels(lang)
        # A locator map: the city alone on its panel (Germany, Europe or the world). Drawing every
        # city here would make each city page grow with the registry and the build with its
        # square (issue 7); the map of all cities is on the cities page, linked below it.
        panels = maps.panels([profile], lang, current=city_id)
        body = self._render("city.md.j2", lang, f"{CITIES_SECTION}/{city_id}", profile=profile, panels=panels)
        description = words[f"city_lead_{profile.kind}"].format(
            city=profile.city.name[lang], place=_place(words, profile.city), count=len(profile.networks)
        )
        return _front_matter(profile.city.name[lang], description) + body

    def data(self, lang: str) -> str:
        words = labels(lang)
        reviewed = max((n.last_reviewed for n in self.catalogue.networks), default=datetime.date.today())
        counts = {"networks": len(self.catalogue.networks), "cities": len(self.catalogue.cities), "reviewed": reviewed}
        body = self._render(
            "data.md.j2", lang, DATA_PAGE,
            counts=counts, schemas=SCHEMA_FILES, site_url=(self.site_url or "").rstrip("/"), site_name=words["data_site_name"],
        )
        return _front_matter(words["data_nav_title"], words["data_lead"]) + body

    def _finder_options(self, words: Labels) -> dict:
        """The choices of the network finder: only values that at least one record has."""
        networks = self.catalogue.networks
        scopes = sorted({n.scope for n in networks}, key=["global", "european", "transatlantic"].index)
        statuses = [s for s in ("active", "dormant", "closed") if any(n.status.value == s for n in networks)]
        topics = {t.id: t for n in networks for t in n.topics}
        eligible = sorted({e for n in networks for e in n.membership.eligible})
        return {
            "scopes": [(s, words[f"scope_{s}"]) for s in scopes],
            "statuses": [(s, words[f"status_{s}"]) for s in statuses],
            "topics": sorted(((t.id, t.label[words.lang]) for t in topics.values()), key=lambda item: item[1].casefold()),
            "eligible": sorted(((e, words[f"eligible_{e}"]) for e in eligible), key=lambda item: item[1].casefold()),
        }

    def _json_ld(self, network: Network, lang: str, here: str) -> Markup:
        """schema.org Organization for the network page, as text that is safe inside <script>."""
        page = page_url(here, lang, self.site_url) if self.site_url else None
        other = next(code for code in LANGUAGES if code != lang)
        names = [network.short_name[lang], network.name[other]]
        if network.abbreviation:
            names.insert(0, network.abbreviation[lang])
        alternate = list(dict.fromkeys(n for n in names if n and n != network.name[lang]))
        data: dict = {"@context": "https://schema.org", "@type": "Organization"}
        if page:
            data["@id"] = page + "#organization"
            data["mainEntityOfPage"] = page
        data["name"] = network.name[lang]
        data["alternateName"] = alternate
        data["description"] = " ".join(network.summary[lang].split())
        data["url"] = network.website or page
        data["foundingDate"] = network.founded.date.iso()
        if network.status.value == "closed" and network.status.since:
            data["dissolutionDate"] = network.status.since.iso()
        if network.founded.place:
            data["foundingLocation"] = _place_ld(network.founded.place, lang)
        if network.seat:
            data["location"] = _place_ld(network.seat.city, lang)
        same_as = [network.website] if network.website else []
        same_as += [s.url for s in network.sources if s.url and ("wikipedia.org/" in s.url or "wikidata.org/" in s.url)]
        data["sameAs"] = list(dict.fromkeys(same_as))
        data = {k: v for k, v in data.items() if v not in (None, [], "")}
        return Markup(json_for_script(data))

    def _render(self, name: str, lang: str, here: str, **context) -> str:
        # The helpers know the page's language and place, so they are made per page.
        helpers = _Helpers(lang, labels(lang), here)
        return self.env.get_template(name).render(t=helpers.t, h=helpers, lang=lang, **context)


def json_for_script(data) -> str:
    """JSON that cannot end a <script> element or open a comment in it: <, > and & as \\u escapes
    (still the same JSON value)."""
    # One line: no Markdown parser can take a line of it for the start of a Markdown block.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _place_ld(city: City, lang: str) -> dict:
    return {
        "@type": "Place",
        "name": city.name[lang],
        "address": {"@type": "PostalAddress", "addressLocality": city.name[lang], "addressCountry": city.country},
        "sameAs": city.wikidata_url,
    }


def _place(words: Labels, city: City) -> str:
    return words[f"state_{city.state}"] if city.state else words[f"country_{city.country}"]


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

    def city_link(self, city: City) -> str:
        return self.link(f"{CITIES_SECTION}/{city.id}")

    def names(self, points) -> str:
        """The cities of a map panel as a sentence-ready list: "Berlin, Köln und Leipzig"."""
        names = sorted((p.profile.city.name[self.lang] for p in points), key=str.casefold)
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + f" {self.words['and']} " + names[-1]

    def coordinates(self, city: City) -> str:
        lat = f"{abs(city.lat):.2f}° {self.words['north'] if city.lat >= 0 else self.words['south']}"
        lon = f"{abs(city.lon):.2f}° {self.words['east'] if city.lon >= 0 else self.words['west']}"
        return f"{lat}, {lon}".replace(".", self.words["decimal_separator"])

    def timeline_dates(self, network: Network) -> str:
        status = network.status
        founded = str(network.founded.date.year)
        since = str(status.since.year) if status.since else ""
        return self.t(f"timeline_{status.value}", founded=founded, since=since)

    def root_path(self) -> str:
        """Path from the site root to this language's root ("" or "en/")."""
        return "" if self.lang == DEFAULT_LANGUAGE else f"{self.lang}/"

    def download(self, name: str) -> str:
        """Relative URL from this page to an open data file at the site root."""
        depth = _page_dir(self.here).count("/") + (0 if self.lang == DEFAULT_LANGUAGE else 1)
        return "../" * depth + f"{DOWNLOADS_DIR}/{name}"

    def confidence(self, value: str) -> str:
        return "" if value == "high" else self.words[f"confidence_{value}"]

