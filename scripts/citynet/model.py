"""The typed records the renderer works with, built from validated YAML data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .dates import PartialDate


@dataclass(frozen=True)
class Text:
    """A text in German and English."""

    de: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    @classmethod
    def of(cls, value) -> "Text | None":
        if value is None:
            return None
        if isinstance(value, str):
            return cls(value, value)
        return cls(value["de"].strip(), value["en"].strip())


@dataclass(frozen=True)
class Topic:
    id: str
    label: Text


@dataclass(frozen=True)
class City:
    id: str
    name: Text
    country: str
    state: str | None
    lat: float
    lon: float
    wikidata: str

    @property
    def is_nrw(self) -> bool:
        return self.state == "DE-NW"

    @property
    def is_german(self) -> bool:
        return self.country == "DE"

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata}"


@dataclass(frozen=True)
class Source:
    id: str
    number: int  # 1-based position in the record's list, used for citations "[1]"
    title: Text
    publisher: str
    url: str | None
    language: str | None
    note: Text | None


@dataclass(frozen=True)
class Status:
    value: str  # active | dormant | closed
    since: PartialDate | None
    as_of: PartialDate | None  # None: the source gives no date
    confidence: str
    note: Text | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Founded:
    date: PartialDate
    place: City | None
    note: Text | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Seat:
    city: City
    note: Text | None
    since: PartialDate | None
    until: PartialDate | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Membership:
    eligible: tuple[str, ...]
    text: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class MemberCount:
    count: int
    qualifier: str  # exact | more-than | about
    unit: str
    as_of: PartialDate | None
    note: Text | None
    confidence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Partner:
    name: Text
    relation: Text | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Participation:
    city: City
    role: Text | None
    since: PartialDate | None
    until: PartialDate | None
    confidence: str
    note: Text | None
    sources: tuple[Source, ...]

    @property
    def is_current(self) -> bool:
        return self.until is None


@dataclass(frozen=True)
class Representative:
    person: str
    city: City | None
    role: Text
    start: PartialDate
    end: PartialDate | None
    confidence: str
    note: Text | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Event:
    date: PartialDate
    text: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True)
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
    scope: str
    membership: Membership
    members: tuple[MemberCount, ...]  # newest first; undated figures last
    summary: Text
    description: Text
    topics: tuple[Topic, ...]
    partners: tuple[Partner, ...]
    participants: tuple[Participation, ...]
    representatives: tuple[Representative, ...]
    history: tuple[Event, ...]  # oldest first
    sources: tuple[Source, ...]
    last_reviewed: datetime.date

    @property
    def latest_members(self) -> MemberCount | None:
        return self.members[0] if self.members else None

    @property
    def german_cities(self) -> tuple[City, ...]:
        """Each participating city once, in the order of the record."""
        seen: dict[str, City] = {}
        for participation in self.participants:
            seen.setdefault(participation.city.id, participation.city)
        return tuple(seen.values())


@dataclass
class Catalogue:
    networks: list[Network]
    cities: dict[str, City]
    topics: dict[str, Topic]
    warnings: list = field(default_factory=list)
    # The records as written in data/ (parsed, not interpreted), for the open data export:
    # {"networks": {id: record}, "cities": registry, "topics": list}. Kept from the one read.
    written: dict = field(default_factory=dict)

    def network(self, network_id: str) -> Network:
        return next(n for n in self.networks if n.id == network_id)
