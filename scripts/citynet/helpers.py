"""Formatting for one page in one language: the helpers the page templates call as `h`.

Record text that passes through here is still escaped by the templates (autoescape); the helpers
only pick the language, format dates and numbers in its conventions, and make relative links
from the page's own place (citynet/layout.py).
"""

from __future__ import annotations

import datetime

from markupsafe import Markup

from . import layout
from .collation import name_key
from .dates import PartialDate, years_before
from .labels import Labels
from .model import DISTRICT_KINDS, City, MemberCount, Network, Office, Participation, Source, Status
from .stale import FIGURE_YEARS


def district_name(city: City, lang: str) -> str:
    """A Kreis's or Städteregion's name as it reads after a preposition: in German the dative
    ("im Märkischen Kreis", "im Kreis Paderborn", "in der Städteregion Aachen": an adjective before
    "Kreis" takes -en), in English with "the" unless the name begins with "Kreis" ("in Kreis Mettmann",
    "in the Hochsauerlandkreis")."""
    name = city.name[lang]
    if lang == "de":
        words = name.split(" ")
        if len(words) >= 2 and words[-1] == "Kreis" and words[-2].endswith("er"):
            words[-2] = words[-2][:-2] + "en"
        return " ".join(words)
    return name if name.startswith("Kreis ") else f"the {name}"


class PageHelpers:
    """Formatting for one page in one language, used by the templates as `h`."""

    def __init__(self, lang: str, words: Labels, here: str, today: datetime.date | None = None):
        self.lang = lang
        self.words = words
        self.here = here
        # Confirmations older than FIGURE_YEARS before this day are said ("last confirmed 2021").
        self.today = today or datetime.date.today()

    def t(self, key: str, **values) -> str:
        text = self.words[key]
        return text.format(**values) if values else text

    def tn(self, record: Network, key: str, /, **values) -> str:
        """The label for this kind of record: `{key}_campaign` for a campaign, whose municipalities
        hold a title rather than a membership ("Titelträger", "title holders"), where labels.yml has
        one; the network's wording otherwise."""
        if record.type == "campaign" and self.words.get(f"{key}_campaign") is not None:
            key = f"{key}_campaign"
        return self.t(key, **values)

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

    def member_list(self, network: Network, nrw: bool) -> list[tuple[str, str]]:
        """The member municipalities (NRW or the rest of Germany), each once, current ones first,
        with a remark where the membership has ended, rests with the dormant network, or is
        unconfirmed. Other kinds of participation (a representative's home town) are no members."""
        by_city: dict[str, list[Participation]] = {}
        for participation in network.memberships:
            if participation.city.is_nrw == nrw:
                by_city.setdefault(participation.city.id, []).append(participation)
        current, past = [], []
        for participations in by_city.values():
            states = {network.state(p) for p in participations}
            remarks = []
            if "current" not in states and "dormant" in states:
                remarks.append(self.t("period_dormant", date=self.date(network.status.since)))
            elif "current" not in states:
                remarks.append(f"{self.words['until']} {self.date(max(p.until for p in participations))}")
            if all(p.confidence == "low" for p in participations):
                remarks.append(self.words["unconfirmed"])
            entry = (participations[0].city.name[self.lang], ", ".join(remarks))
            (current if "current" in states else past).append(entry)
        return current + past

    def has_current_members(self, network: Network, nrw: bool) -> bool:
        return bool(network.member_cities(nrw=nrw, current=True))

    def number(self, value: int) -> str:
        return f"{value:,}".replace(",", self.words["thousands_separator"])

    def count(self, members: MemberCount, *, unit: bool = True) -> str:
        """ "mehr als 150 Städte"; without the unit where the label already says "members"."""
        qualifier = self.words[f"qualifier_{members.qualifier}"]
        word = self.words[f"unit_{members.unit}"] if unit or members.unit != "members" else ""
        parts = [qualifier, self.number(members.count), word]
        return " ".join(p for p in parts if p)

    def period(self, start: PartialDate | None, end: PartialDate | None) -> str:
        if start and end:
            return f"{self.date(start)} – {self.date(end)}"
        if start:
            return f"{self.words['since']} {self.date(start)}"
        if end:
            return f"{self.words['until']} {self.date(end)}"
        return self.words["unknown"]

    def participation_period(self, network: Network, participation: Participation) -> str:
        """The period and what it means now: "seit 2008; ruht mit dem Netzwerk (seit etwa 2013)",
        "2009 – Oktober 2015", "Beginn nicht bekannt; zuletzt bestätigt 2021"."""
        return self._span(network, participation, participation.since, participation.until)

    def office_period(self, network: Network, office: Office) -> str:
        return self._span(network, office, office.start, office.end)

    def _span(self, network: Network, fact: Participation | Office, start, end) -> str:
        parts = [self.period(start, end)] if start or end else []
        state = network.state(fact)
        if state == "dormant":
            parts.append(self.t("period_dormant", date=self.date(network.status.since)))
        elif state == "current":
            if start is None:
                parts.append(self.words["period_start_unknown"])
            if fact.as_of and fact.as_of.last_day < years_before(self.today, FIGURE_YEARS):
                parts.append(self.t("period_confirmed", year=fact.as_of.year))
        return "; ".join(parts) or self.words["unknown"]

    def status_since(self, status: Status) -> str:
        """ "seit etwa 2013" for a dormant network (its start is an estimate), "seit 15. Februar 2021" for
        a closed one."""
        if status.since is None:
            return ""
        if status.value == "dormant":
            return self.t("status_since_dormant", date=self.date(status.since))
        return f"{self.words['since']} {self.date(status.since)}"

    def by_state(self, network: Network, participations) -> list[Participation]:
        """Current ones first, then those resting with a dormant network, then the ended ones
        (each group in the record's order)."""
        order = {"current": 0, "dormant": 1, "ended": 2}
        return sorted(participations, key=lambda p: order[network.state(p)])

    def kind(self, participation: Participation) -> str:
        return self.words[f"kind_{participation.kind}"]

    def holder(self, office: Office) -> str:
        """Who holds an office: the person, or the municipality itself."""
        if office.person:
            return office.person
        return self.t("office_held_by_city", city=office.city.name[self.lang])

    def closed_notice(self, status: Status) -> str:
        """ "Eingestellt am 15. Februar 2021." / "im Juni 2021." / "im Jahr 2021.", by the date's precision."""
        precision = {1: "year", 2: "month", 3: "day"}[status.since.precision]
        return self.t(f"notice_closed_{precision}", date=self.date(status.since))

    def source_language(self, source: Source) -> str:
        """ "auf Englisch" for a source in another language than the page's; "" otherwise."""
        if not source.language or source.language == self.lang:
            return ""
        return self.t("source_language", language=self.words[f"language_{source.language}"])

    def title_lang(self, source: Source) -> str:
        """The language of the source's title as shown on this page, where it is not the page's:
        a title written once (the source's own title, the same in both languages) is in the
        source's language; one written in German and English is already in the page's. For the
        title's element: lang="…" (WCAG 2.1, 3.1.2 Language of Parts)."""
        if not source.language or source.language == self.lang:
            return ""
        return source.language if source.title.de == source.title.en else ""

    def publisher_lang(self, source: Source) -> str:
        """The language of the publisher's name where it is not the page's ("Stadt Köln" on an
        English page): lang="…" on its element, as for the title."""
        language = source.publisher_language
        return language if language and language != self.lang else ""

    def sentence(self, text: str) -> str:
        """The text with a full stop at its end, unless it ends with one ("Washington, D.C.")."""
        return text if text.endswith(".") else text + "."

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
        return layout.relative_link(self.here, target_stem)

    def network_link(self, network: Network) -> str:
        return self.link(layout.network_stem(network.id))

    def state(self, city) -> str:
        return self.words[f"state_{city.state}"] if city.state else self.words[f"country_{city.country}"]

    def city_link(self, city: City) -> str:
        return self.link(layout.city_stem(city.id))

    def place_name(self, city: City) -> str:
        """The name as it reads after a preposition ("beim Märkischen Kreis"); other names as they are."""
        return district_name(city, self.lang) if city.kind in DISTRICT_KINDS else city.name[self.lang]

    def in_district(self, district: City, *, link: bool = False) -> Markup:
        """ "im Kreis Mettmann" / "in Kreis Mettmann", the name linked to the district's page."""
        name = Markup.escape(district_name(district, self.lang))
        if link:
            name = Markup('<a href="{}">{}</a>').format(self.city_link(district), name)
        return Markup.escape(self.words[f"district_in_{district.kind}"]).replace("{name}", name)

    def from_district(self, district: City) -> str:
        """ "aus dem Kreis Paderborn", "aus dem Märkischen Kreis" / "from Kreis Paderborn"."""
        return self.t(f"district_from_{district.kind}", name=district_name(district, self.lang))

    def municipality_kind(self, city: City, district: City | None, *, link: bool = False) -> Markup:
        """What the place is, in words that read well: "kreisfreie Stadt", "Kreis", "StädteRegion",
        "Stadt im Kreis Mettmann", "Gemeinde im Hochsauerlandkreis" (the district linked)."""
        if district is not None and city.kind in ("kreisangehoerige-stadt", "gemeinde"):
            phrase = Markup.escape(self.words[f"municipality_in_{city.kind}"])
            return phrase.replace("{district}", self.in_district(district, link=link))
        return Markup.escape(self.words[f"municipality_{city.kind}"])

    def international_page_label(self, city: City) -> str:
        """ "Internationales bei der Stadt Essen", "Internationales beim Märkischen Kreis"."""
        return self.t(f"city_international_page_{city.kind}", name=self.place_name(city))

    def international_page_title(self, city: City) -> str:
        """The page's own title where the registry gives one, else the label."""
        page = city.international_page
        return self.tx(page.title) if page.title else self.international_page_label(city)

    def names(self, points) -> str:
        """The cities of a map panel as a sentence-ready list: "Berlin, Köln und Leipzig"."""
        names = sorted((p.profile.city.name[self.lang] for p in points), key=name_key)
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

    def download(self, name: str) -> str:
        """Relative URL from this page to an open data file at the site root."""
        return layout.download_link(self.here, self.lang, name)
