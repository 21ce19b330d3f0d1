"""Render the catalogue into Markdown pages, one set per language. No MkDocs here.

Record text only ever reaches the output through Jinja's HTML autoescaping, inside HTML blocks
that Markdown passes through untouched: a record cannot inject markup, Markdown links or
attribute lists. Headings are Markdown (so they feed the table of contents) but hold only
interface words from labels.yml. The front matter is YAML written by PyYAML, with `title` and
`description` HTML-escaped once, because the theme prints them without escaping; it also names
the page's edit address and "report an error" address, which the theme templates read from it.

Over 300 lines on purpose: every kind of page is assembled here, with the memo that re-renders
under serve only what an edit changed (rendermemo.py), so that one place says what a page reads.
"""

from __future__ import annotations

import datetime
import hashlib
import html
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import layout, maps
from .cities import city_groups, city_profiles
from .collation import name_key
from .columns import tables
from .datasetld import dataset_json_ld
from .downloads import downloads
from .feedback import record_edit_url, report_error_url
from .helpers import PageHelpers
from .jsonld import network_json_ld
from .labels import Labels, labels, labels_file
from .memo import Memo
from .model import Catalogue, City, Network
from .rendermemo import Digests, city_input, files_state, network_input, rebind
from .timeline import timeline


@dataclass(frozen=True)
class GeneratedPage:
    src_path: str  # in the docs tree, in the i18n plugin's suffix layout: netzwerke/uclg.en.md
    lang: str
    markdown: str  # front matter and body
    # The data file the page is made from (its edit link), relative to the project; None for a
    # page made from all records (the overview, the list of cities, the data page).
    record: str | None
    title: str = ""  # as the navigation and the browser show it (plain text)

    @property
    def digest(self) -> str:
        """The content's SHA-256: equal digests, equal page."""
        return hashlib.sha256(self.markdown.encode()).hexdigest()


def render_pages(
    catalogue: Catalogue,
    *,
    geo_dir: Path,
    record_dates: dict[str, datetime.date | None] | None = None,
    site_url: str | None = None,
    today: datetime.date | None = None,
    repository: str | None = None,
    edit_uri: str | None = None,
    memo: Memo | None = None,
    languages: tuple[str, ...] = layout.LANGUAGE_CODES,
) -> dict[str, GeneratedPage]:
    """All generated pages, {src path: page}, for every language (or those of `languages`).

    `geo_dir` holds the base maps (data/geo). `record_dates` maps a record's file to the day it
    last changed (the build takes them from git); missing or None shows as unknown. `today` ends
    the timeline's open bars: the build passes its date (SOURCE_DATE_EPOCH), so that builds are
    reproducible. `repository` (https://github.com/OWNER/REPO) adds "report an error" addresses,
    `edit_uri` (the web editor's address of docs/) edit addresses of the records. With `memo` (serve),
    record pages and maps whose input is unchanged are taken from it (citynet/rendermemo.py).
    """
    renderer = Renderer(catalogue, record_dates, geo_dir=geo_dir, site_url=site_url, today=today, memo=memo)
    if memo is not None:
        memo.begin()
        renderer.digests = Digests(
            catalogue,
            renderer.profiles,
            (site_url, renderer.today, repository, edit_uri, str(geo_dir), files_state(sorted(geo_dir.glob("*"))),
             files_state(Path(str(f)) for f in template_files())),
        )  # fmt: skip
    # (stem, render, record, input): input gives what a record page is made from, for the memo.
    kinds = [(layout.HOME, renderer.start, None, None), (layout.OVERVIEW, renderer.overview, None, None)]
    kinds += [
        (layout.network_stem(n.id), lambda lang, n=n: renderer.network(n, lang), n.file,
         lambda n=n: network_input(renderer.digests, catalogue, renderer.profiles, renderer.record_dates, n))
        for n in catalogue.networks
    ]  # fmt: skip
    kinds.append((layout.CITIES_INDEX, renderer.cities, None, None))
    kinds += [
        (layout.city_stem(c), lambda lang, c=c: renderer.city(c, lang), catalogue.cities_file,
         lambda c=c: city_input(renderer.digests, catalogue, renderer.profiles, c))
        for c in renderer.profiles
    ]  # fmt: skip
    kinds.append((layout.DATA_PAGE, renderer.data, None, None))
    pages = {}
    for lang in languages:
        for stem, render, record, made_from in kinds:

            def make(stem=stem, render=render, record=record, lang=lang) -> GeneratedPage:
                title, description, body = render(lang)
                links = {"edit_url": record_edit_url(edit_uri, record) if record else None}
                if record and repository:
                    links["report_url"] = report_error_url(
                        repository,
                        page_url=layout.page_url(stem, lang, site_url or "/"),
                        record=record,
                        page_title=title,
                        words=labels(lang),
                    )
                src = layout.src_path(stem, lang)
                hide = ["toc"] if layout.is_wide(stem) else []
                markdown = _front_matter(title, description, links, hide) + body
                return GeneratedPage(src, lang, markdown, record, title)

            if memo is not None and made_from is not None:
                page = memo.get(renderer.digests.key("page", stem, lang, record, made_from()), make)
            else:
                page = make()
            pages[page.src_path] = page
    if memo is not None:
        memo.end()
    return pages


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One template environment per process: compiling the templates costs more than rendering
    the real data. Jinja reloads a template whose file changed (auto_reload), and keeps the
    compiled code between builds in a private temporary folder, keyed by the template's source."""
    return Environment(
        loader=PackageLoader(__package__, "templates"),
        bytecode_cache=FileSystemBytecodeCache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template_files() -> list:
    """The page templates and the words (package data), for the build's fingerprint: an edit to
    one of them renders the pages again under `mkdocs serve`."""
    folder = resources.files(__package__) / "templates"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".j2")), key=lambda f: f.name) + [labels_file()]


class Renderer:
    """Each page kind as (title, description, Markdown body) in one language."""

    def __init__(
        self,
        catalogue: Catalogue,
        record_dates: dict[str, datetime.date | None] | None = None,
        *,
        geo_dir: Path,
        site_url: str | None = None,
        today: datetime.date | None = None,
        memo: Memo | None = None,
    ):
        self.catalogue = catalogue
        self.memo = memo
        self.digests: Digests | None = None
        self.record_dates = record_dates or {}
        self.geo_dir = geo_dir
        self.site_url = site_url
        self.today = today or datetime.date.today()
        self.profiles = city_profiles(catalogue)
        self.timeline = timeline(catalogue.networks, self.today)
        self.env = _environment()

    def start(self, lang: str) -> tuple[str, str, str]:
        """The start page: the ways in (my municipality, find a network, how to join, open data) and
        what the records cover, counted from the data."""
        words = labels(lang)
        networks = self.catalogue.networks
        profiles = sorted(self.profiles.values(), key=lambda p: name_key(p.city.name[lang]))
        nrw = [p for p in profiles if p.city.is_nrw]
        members = [p for p in nrw if p.member_networks or p.former_networks]
        coverage = {
            "networks": len(networks),
            "cities": len(members),
            "reviewed": max((n.last_reviewed for n in networks), default=None),
        }
        joinable = sorted((n for n in networks if n.joining), key=lambda n: name_key(n.short_name[lang]))
        body = self._render("start.md.j2", lang, layout.HOME, coverage=coverage, nrw=nrw, joinable=joinable)
        return words["start_title"], words["start_lead"], body

    def overview(self, lang: str) -> tuple[str, str, str]:
        words = labels(lang)
        body = self._render(
            "overview.md.j2",
            lang,
            layout.OVERVIEW,
            networks=self.catalogue.networks,
            finder=self._finder_options(words),
            timeline=self.timeline,
            # The places connected with a network (a district in the registry only for its towns is not).
            map_figure=self._map_figure(
                maps.profile_places([p for p in self.profiles.values() if p.networks]),
                lang,
                layout.OVERVIEW,
                "map_caption_filtered",
            ),
            profiles=list(self.profiles.values()),
            groups=city_groups(list(self.profiles.values())),
        )
        return words["overview_nav_title"], words["overview_lead"], body

    def network(self, network: Network, lang: str) -> tuple[str, str, str]:
        successor = network.status.successor
        body = self._render(
            "network.md.j2",
            lang,
            layout.network_stem(network.id),
            network=network,
            successor=self.catalogue.network(successor.network) if successor and successor.network else None,
            links=self.catalogue.links(network),
            record_changed=self.record_dates.get(network.file),
            json_ld=network_json_ld(network, lang, self.site_url),
            drawing=self._draw(maps.network_places(network, self.profiles), lang, geo_dir=self.geo_dir),
        )
        return network.short_name[lang], network.summary[lang], body

    def cities(self, lang: str) -> tuple[str, str, str]:
        words = labels(lang)
        profiles = list(self.profiles.values())
        figure = self._map_figure(maps.profile_places(profiles), lang, layout.CITIES_INDEX, "map_caption")
        groups = city_groups(profiles)
        body = self._render(
            "cities.md.j2", lang, layout.CITIES_INDEX, map_figure=figure, profiles=profiles, groups=groups
        )
        return words["cities_nav_title"], words["cities_lead"], body

    def city(self, city_id: str, lang: str) -> tuple[str, str, str]:
        profile = self.profiles[city_id]
        words = labels(lang)
        # A locator map: the city alone on its panel (NRW, Germany, Europe or the world). Drawing
        # every city here would make each city page grow with the registry and the build with its
        # square (issue 7); the map of all cities is on the cities page, linked below it.
        place = maps.profile_places([profile])[0]
        drawing = self._draw([place], lang, current=city_id, geo_dir=self.geo_dir)
        district = self.catalogue.cities.get(profile.city.district) if profile.city.district else None
        body = self._render(
            "city.md.j2",
            lang,
            layout.city_stem(city_id),
            profile=profile,
            drawing=drawing,
            district=district,
            district_profile=self.profiles.get(district.id) if district else None,
        )
        description = words[f"city_lead_{profile.kind}"].format(
            city=profile.city.name[lang], place=_place(words, profile.city), count=len(profile.networks)
        )
        return profile.city.name[lang], description, body

    def data(self, lang: str) -> tuple[str, str, str]:
        words = labels(lang)
        reviewed = max((n.last_reviewed for n in self.catalogue.networks), default=self.today)
        counts = {
            "networks": len(self.catalogue.networks),
            "cities": len(self.catalogue.cities),
            "participations": sum(len(n.participants) for n in self.catalogue.networks),
            "reviewed": reviewed,
        }
        body = self._render(
            "data.md.j2",
            lang,
            layout.DATA_PAGE,
            counts=counts,
            downloads=downloads(self.catalogue),
            tables=list(tables().values()),
            feed_link="../" * layout.page_dir(layout.DATA_PAGE).count("/") + layout.FEED_FILE,
            json_ld=dataset_json_ld(self.catalogue, lang, self.site_url),
            site_url=(self.site_url or "").rstrip("/"),
            site_name=words["data_site_name"],
        )
        return words["data_nav_title"], words["data_lead"], body

    def _draw(self, places: list, lang: str, *, geo_dir: Path, current: str | None = None) -> maps.Drawing:
        # Kept only under serve, and where each city is one place (rebind finds the places by city).
        if self.memo is None or self.digests is None or len({p.profile.city.id for p in places}) != len(places):
            return maps.draw(places, lang, geo_dir=geo_dir, current=current)
        key = self.digests.key("drawing", self.digests.places(places), lang, current)
        make = lambda: maps.draw(places, lang, geo_dir=geo_dir, current=current)  # noqa: E731
        return self.memo.get(key, make, lambda kept: rebind(kept, places))

    def _map_figure(self, places: list, lang: str, here: str, caption: str) -> Markup:
        """The map of many places as a figure (templates/_figures.j2). Under serve it is kept by its
        places alone, so that an edit to a record's text does not draw the overview's map again."""

        def make() -> str:
            drawing = self._draw(places, lang, geo_dir=self.geo_dir)
            helpers = PageHelpers(lang, labels(lang), here, self.today)
            figures = self.env.get_template("_figures.j2").make_module({"t": helpers.t, "h": helpers, "lang": lang})
            return str(figures.map_figure(drawing, "cn-map", helpers.t(caption)))

        if self.memo is None or self.digests is None:
            return Markup(make())
        return Markup(self.memo.get(self.digests.key("figure", here, lang, caption, self.digests.places(places)), make))

    def _finder_options(self, words: Labels) -> dict:
        """The choices of the network finder: only values that at least one record has."""
        networks = self.catalogue.networks
        scopes = sorted({n.scope for n in networks}, key=["global", "european", "transatlantic", "national"].index)
        statuses = [s for s in ("active", "dormant", "closed") if any(n.status.value == s for n in networks)]
        topics = {t.id: t for n in networks for t in n.topics}
        eligible = sorted({e for n in networks for e in n.eligible})
        return {
            "scopes": [(s, words[f"scope_{s}"]) for s in scopes],
            "statuses": [(s, words[f"status_{s}"]) for s in statuses],
            "topics": sorted(
                ((t.id, t.label[words.lang]) for t in topics.values()), key=lambda item: item[1].casefold()
            ),
            "eligible": sorted(((e, words[f"eligible_{e}"]) for e in eligible), key=lambda item: name_key(item[1])),
        }

    def _render(self, name: str, lang: str, here: str, **context) -> str:
        # The helpers know the page's language and place, so they are made per page.
        helpers = PageHelpers(lang, labels(lang), here, self.today)
        return self.env.get_template(name).render(t=helpers.t, h=helpers, lang=lang, **context)


def _place(words: Labels, city: City) -> str:
    return words[f"state_{city.state}"] if city.state else words[f"country_{city.country}"]


def _front_matter(title: str, description: str, links: dict[str, str | None], hide: list[str] | None = None) -> str:
    meta = {"title": html.escape(title), "description": html.escape(" ".join(description.split()))}
    if hide:
        meta["hide"] = hide  # Material leaves out these parts of the page frame (here: the table of contents)
    # "" rather than None: the theme (overrides/partials/actions.html) shows no edit button then.
    meta |= {key: value or "" for key, value in links.items()}
    text = yaml.dump(meta, Dumper=_FRONT_MATTER_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return "---\n" + text + "---\n\n"


# libyaml's writer, ten times faster than PyYAML's (a tenth of the rendering at 878 pages). The
# same text for every front matter of the data sets compared; it writes a character beyond
# U+FFFF as an escape (\U0001F600), which reads back the same.
_FRONT_MATTER_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
