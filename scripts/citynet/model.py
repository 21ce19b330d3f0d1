"""The typed records the renderer works with, built from validated YAML data (citynet/records.py).

Every record class is keyword-only: a record is built by naming its fields, never by position.

A participation has a kind. Only the membership kinds (MEMBERSHIP_KINDS) mean that the
municipality takes part; an observer, the host of an office and the home town of a representative
are shown as such, never counted as members. A participation is current when it has no end and
the network is active (Network.state).

Longer than about 300 lines (about 350) on purpose: it holds only declarations, one frozen
dataclass per part of a record and the few properties that say what is current, so that the whole
data model reads in one file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .dates import PartialDate

# The kinds of participation, in the order the labels list them (labels.yml: kind_<kind>).
PARTICIPATION_KINDS = (
    "member",
    "founding-member",
    "associate",
    "observer",
    "signatory",
    "title-holder",
    "office-host",
    "representation",
)
# Only these count as "takes part": the overview, the city pages' memberships, the finder, the
# maps' member points and the open data's member columns.
MEMBERSHIP_KINDS = frozenset({"member", "founding-member", "associate", "signatory", "title-holder"})

# The kinds of a German entry in the registry; entries abroad are of kind "city".
GERMAN_MUNICIPALITY_KINDS = ("kreisfreie-stadt", "kreisangehoerige-stadt", "gemeinde", "kreis", "staedteregion")
DISTRICT_KINDS = ("kreis", "staedteregion")  # what a municipality's `district` may name

# Values that say in words that a joining fact is not known, or does not exist.
NOT_PUBLISHED = "not-published"
NONE = "none"


@dataclass(frozen=True)
class Text:  # positional: Text(de, en)
    """A text in German and English."""

    de: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    @classmethod
    def of(cls, value) -> Text | None:
        if value is None:
            return None
        if isinstance(value, str):
            return cls(value, value)
        return cls(value["de"].strip(), value["en"].strip())


@dataclass(frozen=True, kw_only=True)
class Topic:
    id: str
    label: Text


@dataclass(frozen=True, kw_only=True)
class CityPage:
    """The municipality's own page on its international affairs and networks (a source of its page)."""

    url: str
    language: str  # ISO 639-1
    title: Text | None  # None: the page says "Internationales bei der Stadt …"


@dataclass(frozen=True, kw_only=True)
class City:
    id: str
    name: Text
    country: str
    state: str | None
    lat: float
    lon: float
    wikidata: str
    kind: str = "city"  # GERMAN_MUNICIPALITY_KINDS, or city for a place abroad
    district: str | None = None  # the id of the Kreis or Städteregion it belongs to
    international_page: CityPage | None = None

    @property
    def is_nrw(self) -> bool:
        return self.state == "DE-NW"

    @property
    def is_german(self) -> bool:
        return self.country == "DE"

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata}"


@dataclass(frozen=True, kw_only=True)
class Source:
    id: str
    number: int  # 1-based position in the record's list, used for citations "[1]"
    title: Text
    publisher: str
    url: str | None
    language: str | None
    publisher_language: str | None  # the language of the publisher's name: the source's unless given
    note: Text | None


@dataclass(frozen=True, kw_only=True)
class SourcedText:
    text: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Successor:
    """What took a dormant or closed network's place: another record, or (network None) nothing."""

    network: str | None  # a record's id
    text: Text | None
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Status:
    value: str  # active | dormant | closed
    since: PartialDate | None
    as_of: PartialDate | None  # None: the source gives no date
    confidence: str
    note: Text | None
    sources: tuple[Source, ...]
    successor: Successor | None = None


@dataclass(frozen=True, kw_only=True)
class Founded:
    date: PartialDate
    place: City | None
    note: Text | None
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Seat:
    city: City
    note: Text | None
    since: PartialDate | None
    until: PartialDate | None
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Fee:
    text: Text
    as_of: PartialDate | None
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Joining:
    """How to join an active network. NOT_PUBLISHED says in words that the network publishes
    nothing on a point; NONE that there is none (no German route, no joining page)."""

    eligible: tuple[str, ...]
    who: SourcedText
    steps: tuple[SourcedText, ...] | str  # or NOT_PUBLISHED
    fee: Fee | str  # or NOT_PUBLISHED
    german_route: SourcedText | str | None  # or NONE, NOT_PUBLISHED; None: not stated
    commitments: SourcedText | str | None  # likewise
    page: str | None  # the network's joining page, NONE, or None (none found)
    as_of: PartialDate | None


@dataclass(frozen=True, kw_only=True)
class MemberCount:
    count: int
    qualifier: str  # exact | more-than | about
    unit: str
    as_of: PartialDate | None
    note: Text | None
    confidence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Partner:
    name: Text
    relation: Text | None
    confidence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Relation:
    """A link to another record; the other record shows the inverse (RELATION_INVERSES)."""

    network: str  # the other record's id
    kind: str
    text: Text | None
    sources: tuple[Source, ...]


# What a relation looks like from the other record's side.
RELATION_INVERSES = {
    "section-of": "has-section",
    "part-of": "has-part",
    "runs": "run-by",
    "run-by": "runs",
    "successor-of": "succeeded-by",
    "member-of": "has-member",
    "partner-of": "partner-of",
}


@dataclass(frozen=True, kw_only=True)
class Participation:
    city: City
    kind: str  # PARTICIPATION_KINDS
    person: str | None  # kind representation only: who holds the seat
    role: Text | None
    on_behalf_of: Text | None  # kind representation only: the German body the person sits for
    since: PartialDate | None
    until: PartialDate | None
    as_of: PartialDate | None  # the newest date a source confirms it; None: undated or not given
    confidence: str
    note: Text | None
    sources: tuple[Source, ...]

    @property
    def is_membership(self) -> bool:
        return self.kind in MEMBERSHIP_KINDS


@dataclass(frozen=True, kw_only=True)
class Office:
    """An office of the network, held by a person or (person None) by a municipality."""

    person: str | None
    city: City | None
    role: Text
    start: PartialDate | None  # None: undated
    end: PartialDate | None
    as_of: PartialDate | None
    confidence: str
    note: Text | None
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Event:
    date: PartialDate
    text: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True, kw_only=True)
class Network:
    id: str
    file: str  # path of the record, relative to the project root
    name: Text
    short_name: Text
    abbreviation: Text | None
    status: Status
    founded: Founded
    seat: Seat | None
    website: str | None
    type: str  # network | campaign (a title or certification, not a membership network)
    scope: str
    joining: Joining | None  # active networks only
    members: tuple[MemberCount, ...]  # newest first; undated figures last
    summary: Text
    description: Text
    topics: tuple[Topic, ...]
    relations: tuple[Relation, ...]
    partners: tuple[Partner, ...]
    participants: tuple[Participation, ...]
    offices: tuple[Office, ...]  # oldest first
    history: tuple[Event, ...]  # oldest first
    sources: tuple[Source, ...]
    last_reviewed: datetime.date

    @property
    def latest_members(self) -> MemberCount | None:
        return self.members[0] if self.members else None

    @property
    def eligible(self) -> tuple[str, ...]:
        return self.joining.eligible if self.joining else ()

    def state(self, participation: Participation | Office) -> str:
        """current | ended | dormant: ended when it has an end, dormant when it has none in a
        network that is no longer active (a closed network's participations all have an end)."""
        end = participation.until if isinstance(participation, Participation) else participation.end
        if end is not None:
            return "ended"
        return "current" if self.status.value == "active" else "dormant"

    @property
    def memberships(self) -> tuple[Participation, ...]:
        return tuple(p for p in self.participants if p.is_membership)

    @property
    def other_roles(self) -> tuple[Participation, ...]:
        """Participations that are not memberships and not representations: observers, hosts of an office."""
        return tuple(p for p in self.participants if not p.is_membership and p.kind != "representation")

    @property
    def representations(self) -> tuple[Participation, ...]:
        return tuple(p for p in self.participants if p.kind == "representation")

    def member_cities(self, *, nrw: bool, current: bool) -> tuple[City, ...]:
        """Each municipality with a membership (NRW or the rest of Germany) once, in the order of
        the record: the current members, or (current=False) those whose membership has ended or
        rests with the network."""
        seen: dict[str, City] = {}
        states = {}
        for participation in self.memberships:
            if participation.city.is_nrw == nrw:
                seen.setdefault(participation.city.id, participation.city)
                states.setdefault(participation.city.id, set()).add(self.state(participation))
        return tuple(c for c in seen.values() if ("current" in states[c.id]) == current)


@dataclass(kw_only=True)
class Catalogue:
    networks: list[Network]
    cities: dict[str, City]
    topics: dict[str, Topic]
    warnings: list = field(default_factory=list)
    # Every file as read (citynet.yamlio.YamlDocument: the data as written, with the line and
    # column of each value), by its path relative to the project: the open data export publishes
    # the records as written, and `stale` points at lines, without reading anything twice.
    documents: dict = field(default_factory=dict)
    cities_file: str = "data/cities.yml"
    topics_file: str = "data/topics.yml"

    def network(self, network_id: str) -> Network:
        return next(n for n in self.networks if n.id == network_id)

    def links(self, network: Network) -> list[tuple[str, Network, Relation | None]]:
        """(kind, other network, relation) for every relation of the network, and the inverse
        of every other record's relation to it (with relation None: its text and sources are on
        the other record's page)."""
        by_id = {n.id: n for n in self.networks}
        found = [(r.kind, by_id[r.network], r) for r in network.relations if r.network in by_id]
        for other in self.networks:
            for relation in other.relations:
                if relation.network == network.id:
                    found.append((RELATION_INVERSES[relation.kind], other, None))
        return found

    @property
    def written(self) -> dict:
        """The records as written in data/ (parsed, not interpreted), for the open data export:
        {"networks": {id: record}, "cities": registry, "topics": topics}."""
        return {
            "networks": {n.id: self.documents[n.file].data for n in self.networks},
            "cities": self.documents[self.cities_file].data,
            "topics": self.documents[self.topics_file].data,
        }
