"""One change of the data (citynet/changes.py) in words, in one language, as plain text.

"UCLG"'s figure reads "Mitgliederzahl: mehr als 240.000 Kommunen und Regionen (ohne Datum) →
250.000 Kommunen und Regionen (Stand: 2026)", a new participation "Essen: Mitglied seit 2013
(neu)". Every word comes from labels.yml, dates and numbers are formatted as on the pages
(citynet/helpers.py). The text is plain: the caller escapes it for where it goes (the pull
request's Markdown, citynet/changereport.py; the Atom feed of issue 18).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from . import changes as c
from .changes import Change, NetworkChanges
from .dates import PartialDate
from .helpers import PageHelpers
from .labels import labels
from .model import (
    City,
    Event,
    Founded,
    Joining,
    MemberCount,
    Network,
    Office,
    Participation,
    Partner,
    Relation,
    Seat,
    Source,
    Status,
    Successor,
    Text,
    Topic,
)

ARROW = "→"
EVENT_TEXT_LENGTH = 120  # a history entry is shortened to about this many characters


class ChangeWords:
    """Changes said in one language. `names` gives the short name of every network id, old or
    new, for the relations and successors that name another record."""

    def __init__(self, lang: str, *, today: datetime.date, names: Mapping[str, Text] | None = None):
        self.lang = lang
        self.words = labels(lang)
        self.h = PageHelpers(lang, self.words, "", today)
        self.names = dict(names or {})

    # -- one change ---------------------------------------------------------------------------

    def change(self, change: Change, record: NetworkChanges | None = None, *, subject: bool = True) -> str:
        """The change as one line: "subject: before → after", "subject: item (neu)",
        "subject: item (entfernt)", or "subject: item (geändert: Quellen)" where the difference
        does not show in the words. `record`: the network the change belongs to (participations
        and offices are said against its status); without `subject`, the line starts with the item."""
        subject = self.subject(change) if subject else ""
        before = self.item(change, "before", record) if change.before is not None else ""
        after = self.item(change, "after", record) if change.after is not None else ""
        if change.kind == c.ADDED:
            text, mark = after, self.words["change_added"]
        elif change.kind == c.REMOVED:
            text, mark = before, self.words["change_removed"]
        elif before != after:
            text, mark = f"{before} {ARROW} {after}", ""
        else:
            changed = ", ".join(self.field_label(name) for name in change.fields)
            text = after
            mark = self.t("change_changed_fields", fields=changed) if changed else self.words["change_changed"]
        line = f"{subject}: {text}" if subject and text else subject or text
        return f"{line} ({mark})" if mark else line

    def subject(self, change: Change) -> str:
        """What the line is about: the municipality of a participation, else the aspect's word."""
        if change.aspect == c.PARTICIPATION:
            return self.city(change.item.city)
        if change.aspect == c.FIELD:
            label = self.field_label(change.field)  # lower case where it names a field in a list
            return label[:1].upper() + label[1:]
        if change.aspect in (c.CITY, c.TOPIC):
            return ""
        return self.words[f"change_{change.aspect.replace('-', '_')}"]

    def item(self, change: Change, side: str, record: NetworkChanges | None = None) -> str:
        """One side of a change in words, without its subject."""
        value = getattr(change, side)
        network = record.network_of(side) if record else None
        if change.aspect == c.FIELD:
            return self.value(change.field, value)
        say = {
            c.NETWORK: lambda: self.network(value),
            c.STATUS: lambda: self.status(value),
            c.SUCCESSOR: lambda: self.successor(value),
            c.MEMBERS: lambda: self.figure(value),
            c.OLDER_MEMBERS: lambda: self.figure(value),
            c.JOINING: lambda: "",
            c.PARTICIPATION: lambda: self.participation(value, network),
            c.OFFICE: lambda: self.office(value, network),
            c.RELATION: lambda: self.relation(value),
            c.PARTNER: lambda: self.partner(value),
            c.EVENT: lambda: self.event(value),
            c.SOURCE: lambda: self.source(value),
            c.CITY: lambda: self.registry_city(value),
            c.TOPIC: lambda: self.topic(value),
        }
        return say[change.aspect]()

    # -- the items ----------------------------------------------------------------------------

    def network(self, network: Network) -> str:
        """ "United Cities and Local Governments – aktiv (Stand: Oktober 2025)" """
        return f"{network.name[self.lang]} – {self.status(network.status)}"

    def status(self, status: Status) -> str:
        """ "ruhend seit etwa 2013 (Stand: 2024)" """
        since = self.h.status_since(status)
        text = self.words[f"status_{status.value}"] + (f" {since}" if since else "")
        return f"{text} ({self.as_of(status.as_of)})"

    def successor(self, successor: Successor) -> str:
        if successor.network is None:
            return self.words["change_successor_none"]
        return self.network_name(successor.network)

    def figure(self, figure: MemberCount) -> str:
        """ "mehr als 150 Städte (Stand: Juni 2023)" """
        return f"{self.h.count(figure)} ({self.as_of(figure.as_of)})"

    def participation(self, participation: Participation, network: Network) -> str:
        """ "Mitglied seit 2013", "Vertretung (Jürgen Roters, Delegierter), 2009 – Oktober 2015" """
        details = [participation.person] if participation.person else []
        if participation.role:
            details.append(participation.role[self.lang])
        kind = self.h.kind(participation) + (f" ({', '.join(details)})" if details else "")
        period = self.h.participation_period(network, participation)
        dated = participation.since or participation.until
        return f"{kind} {period}" if dated and not details else f"{kind}, {period}"

    def office(self, office: Office, network: Network) -> str:
        """ "Jürgen Roters, Präsident, 2010 – 2013" """
        return f"{self.h.holder(office)}, {office.role[self.lang]}, {self.h.office_period(network, office)}"

    def relation(self, relation: Relation) -> str:
        return f"{self.words[f'relation_{relation.kind}']} {self.network_name(relation.network)}"

    def partner(self, partner: Partner) -> str:
        return partner.name[self.lang]

    def event(self, event: Event) -> str:
        return f"{self.h.date(event.date)}: {_shortened(self.h.tx(event.text), EVENT_TEXT_LENGTH)}"

    def source(self, source: Source) -> str:
        """ "About us (Metropolis)"; its address is the caller's to add, as a link where it can."""
        return f"{source.title[self.lang]} ({source.publisher})"

    def registry_city(self, city: City) -> str:
        """ "Essen (kreisfreie Stadt, Nordrhein-Westfalen)" """
        return f"{self.city(city)} ({self.words[f'municipality_{city.kind}']}, {self.h.state(city)})"

    def topic(self, topic: Topic) -> str:
        return topic.label[self.lang]

    def value(self, field: str, value) -> str:
        """A field of a record (changes.RECORD_FIELDS) in words; "" for a long text, whose change
        is said as "geändert"."""
        if value is None or field in ("summary", "description"):
            return ""
        if isinstance(value, Text):
            return value[self.lang]
        if isinstance(value, Founded):
            place = f", {self.city(value.place)}" if value.place else ""
            return self.h.date(value.date) + place
        if isinstance(value, Seat):
            return self.city(value.city)
        if isinstance(value, datetime.date):
            return self.h.day(value)
        if field == "type":
            return self.words["type_campaign" if value == "campaign" else "change_type_network"]
        if field == "scope":
            return self.words[f"scope_{value}"]
        if field == "topics":
            return ", ".join(topic.label[self.lang] for topic in value) or self.words["none"]
        return str(value)

    # -- words used by the above ------------------------------------------------------------------

    def as_of(self, date: PartialDate | None) -> str:
        """ "Stand: Juni 2023", or "ohne Datum" where the source gives none."""
        return self.t("change_as_of", date=self.h.date(date)) if date else self.words["undated"]

    def sources(self, change: Change) -> tuple[Source, ...]:
        """The sources the change's item cites now (none for a removed item)."""
        if change.after is None:
            return ()
        if isinstance(change.after, Joining):  # of the parts that changed, or of all of a new block
            parts = change.fields or ("who", "steps", "fee", "german_route", "commitments")
            return tuple(dict.fromkeys(_joining_sources(change.after, parts)))
        return tuple(getattr(change.after, "sources", ()))

    def city(self, city: City) -> str:
        return city.name[self.lang]

    def network_name(self, network_id: str) -> str:
        name = self.names.get(network_id)
        return name[self.lang] if name else network_id

    def field_label(self, name: str) -> str:
        return self.words[f"field_{name}"]

    def t(self, key: str, **values) -> str:
        return self.h.t(key, **values)


def _joining_sources(joining: Joining, parts: tuple[str, ...]):
    for name in parts:
        part = getattr(joining, name)
        for item in part if isinstance(part, tuple) else (part,):
            yield from getattr(item, "sources", ())


def _shortened(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"
