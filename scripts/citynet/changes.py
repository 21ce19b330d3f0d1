"""What changed in the data between two catalogues, as structured changes (the words are elsewhere).

`compare(base, head)` returns DataChanges: for each network that changed, the changes of its
parts; for each municipality, its entry in data/cities.yml and the participations and offices
that name it, across networks; and the changes of the topic list. A Change keeps the model
objects before and after (None where there was none), so that a formatter can say it in either
language: citynet/changewords.py says one change in words (for the pull request's report, and
for the Atom feed of issue 18), citynet/changereport.py writes the pull request's Markdown.

Items without an id of their own (participations, offices, member figures) are paired by what
identifies them, a participation by its municipality, kind and person: equal items first, then
items of the same identity, which make a "changed"; the rest were added or removed. Sources,
municipalities and topics are compared by their id only inside a record, so that a renamed city
or a corrected source title is one change of its own, not a change of everything citing it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .collation import name_key
from .model import Catalogue, City, MemberCount, Network, Source, Topic

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# What a change is about (Change.aspect), and what its `before` and `after` hold.
NETWORK = "network"  # a whole record, added or removed: Network
STATUS = "status"  # Status (its successor is compared on its own, as SUCCESSOR)
SUCCESSOR = "successor"  # Successor, or None where the record names none
MEMBERS = "members"  # the newest member figure (the one the pages show): MemberCount or None
OLDER_MEMBERS = "older-members"  # an older figure, added, removed or corrected: MemberCount
JOINING = "joining"  # Joining or None; `fields` names its parts that changed
PARTICIPATION = "participation"  # Participation
OFFICE = "office"  # Office
RELATION = "relation"  # Relation
PARTNER = "partner"  # Partner
EVENT = "event"  # an entry of the history: Event
SOURCE = "source"  # Source
FIELD = "field"  # one of RECORD_FIELDS, named by `field`: its value
CITY = "city"  # an entry of data/cities.yml: City
TOPIC = "topic"  # an entry of data/topics.yml: Topic

# The fields of a record compared as one value each (FIELD changes), in the order of a record.
RECORD_FIELDS = (
    "name",
    "short_name",
    "abbreviation",
    "type",
    "scope",
    "founded",
    "seat",
    "website",
    "summary",
    "description",
    "topics",
    "last_reviewed",
)

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class Change:
    """One change: `before` None means added, `after` None removed, both set changed."""

    aspect: str
    before: Any = None
    after: Any = None
    field: str | None = None  # FIELD: the record's field
    fields: tuple[str, ...] = ()  # changed: the model fields whose values differ

    @property
    def kind(self) -> str:
        if self.before is None:
            return ADDED
        return REMOVED if self.after is None else CHANGED

    @property
    def item(self) -> Any:
        """The item as it is now, or as it was if it was removed."""
        return self.before if self.after is None else self.after


@dataclass(frozen=True, kw_only=True)
class NetworkChanges:
    """The changes of one record; `before` None: a new record, `after` None: a removed one."""

    id: str
    file: str
    before: Network | None
    after: Network | None
    changes: tuple[Change, ...]

    @property
    def kind(self) -> str:
        return Change(aspect=NETWORK, before=self.before, after=self.after).kind

    @property
    def network(self) -> Network:
        return self.after or self.before

    def network_of(self, side: str) -> Network:
        """The record a change's `before` or `after` belongs to: periods are said against it
        (a participation of a network that went dormant rests with it)."""
        return (self.before if side == "before" else self.after) or self.network


@dataclass(frozen=True, kw_only=True)
class CityChanges:
    """What changed about one municipality or place: its registry entry, and the
    participations and offices that name it, each with the record's changes it belongs to."""

    id: str
    city: City  # as it is now, or as it was if it was removed
    registry: Change | None
    networks: tuple[tuple[NetworkChanges, Change], ...]


@dataclass(frozen=True, kw_only=True)
class DataChanges:
    networks: tuple[NetworkChanges, ...]  # in the order of the new catalogue, then the removed ones
    cities: tuple[CityChanges, ...]  # by name
    topics: tuple[Change, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.networks or self.cities or self.topics)


def compare(base: Catalogue, head: Catalogue) -> DataChanges:
    """Everything that differs between the data of `base` and of `head`."""
    old = {n.id: n for n in base.networks}
    new = {n.id: n for n in head.networks}
    records = [(old.get(n.id), n) for n in head.networks] + [(n, None) for n in base.networks if n.id not in new]
    networks = []
    for before, after in records:
        changes = network_changes(before, after)
        if changes:
            network = after or before
            networks.append(
                NetworkChanges(id=network.id, file=network.file, before=before, after=after, changes=changes)
            )
    return DataChanges(
        networks=tuple(networks),
        cities=city_changes(base.cities, head.cities, networks),
        topics=registry_changes(TOPIC, base.topics, head.topics),
    )


def network_changes(before: Network | None, after: Network | None) -> tuple[Change, ...]:
    """The changes of one record. A new or removed record is one NETWORK change, followed by its
    participations and offices, so that each municipality's view lists them too."""
    if before is None or after is None:
        network = after or before
        side = "after" if after else "before"
        listed = [Change(aspect=NETWORK, **{side: network})]
        listed += [Change(aspect=PARTICIPATION, **{side: p}) for p in network.participants]
        listed += [Change(aspect=OFFICE, **{side: o}) for o in network.offices]
        return tuple(listed)
    return (
        *field_changes(before, after),
        *status_changes(before, after),
        *member_changes(before, after),
        *item_changes(JOINING, [before.joining] if before.joining else [], [after.joining] if after.joining else []),
        *item_changes(PARTICIPATION, before.participants, after.participants, _participation_identity),
        *item_changes(OFFICE, before.offices, after.offices, _office_identity),
        *item_changes(RELATION, before.relations, after.relations, lambda r: r.network),
        *item_changes(PARTNER, before.partners, after.partners, lambda p: p.name.de),
        *item_changes(EVENT, before.history, after.history, lambda e: e.date),
        *item_changes(SOURCE, before.sources, after.sources, lambda s: s.id),
    )


def field_changes(before: Network, after: Network) -> list[Change]:
    return [
        Change(aspect=FIELD, field=name, before=getattr(before, name), after=getattr(after, name))
        for name in RECORD_FIELDS
        if _nested(getattr(before, name)) != _nested(getattr(after, name))
    ]


def status_changes(before: Network, after: Network) -> list[Change]:
    found = []
    differing = tuple(f for f in differences(before.status, after.status) if f != "successor")
    if differing:
        found.append(Change(aspect=STATUS, before=before.status, after=after.status, fields=differing))
    old, new = before.status.successor, after.status.successor
    if comparable(old) != comparable(new):
        found.append(Change(aspect=SUCCESSOR, before=old, after=new, fields=differences(old, new)))
    return found


def member_changes(before: Network, after: Network) -> list[Change]:
    """The newest figure, before and after (the one the pages show), and each older figure
    added, removed or corrected. An old newest figure that is no longer in the record at all
    is said too: figures are kept as history, not replaced."""
    old, new = before.latest_members, after.latest_members
    found = []
    if comparable(old) != comparable(new):
        found.append(Change(aspect=MEMBERS, before=old, after=new, fields=differences(old, new)))
    for was, now in paired(before.members, after.members, _figure_identity):
        if now is not None and now is new and (was is None or was is old):
            continue  # the change of the newest figure, said above
        found.append(Change(aspect=OLDER_MEMBERS, before=was, after=now, fields=differences(was, now)))
    return found


def item_changes(
    aspect: str, before: Sequence[T], after: Sequence[T], identity: Callable[[T], Hashable] = lambda item: 0
) -> list[Change]:
    """A change for each item of a list that was added, removed or changed."""
    return [
        Change(aspect=aspect, before=was, after=now, fields=differences(was, now))
        for was, now in paired(before, after, identity)
    ]


def city_changes(
    base: dict[str, City], head: dict[str, City], networks: list[NetworkChanges]
) -> tuple[CityChanges, ...]:
    """Per municipality: its registry change and every participation or office change naming it."""
    registry = {change.item.id: change for change in registry_changes(CITY, base, head)}
    named: dict[str, list[tuple[NetworkChanges, Change]]] = {}
    for record in networks:
        for change in record.changes:
            city = getattr(change.item, "city", None) if change.aspect in (PARTICIPATION, OFFICE) else None
            if city is not None:
                named.setdefault(city.id, []).append((record, change))
    found = []
    for city_id in {**registry, **named}:
        city = head.get(city_id) or base[city_id]
        found.append(
            CityChanges(id=city_id, city=city, registry=registry.get(city_id), networks=tuple(named.get(city_id, ())))
        )
    return tuple(sorted(found, key=lambda c: (name_key(c.city.name.de), c.id)))


def registry_changes(aspect: str, base: dict, head: dict) -> tuple[Change, ...]:
    """Entries of a registry (cities, topics) added, removed or changed, compared field by field."""
    found = []
    for entry_id in [*head, *(i for i in base if i not in head)]:
        was, now = base.get(entry_id), head.get(entry_id)
        if was is None or now is None or was != now:
            found.append(Change(aspect=aspect, before=was, after=now, fields=differences(was, now)))
    return tuple(found)


def paired(
    before: Sequence[T], after: Sequence[T], identity: Callable[[T], Hashable]
) -> list[tuple[T | None, T | None]]:
    """(before, after) for each item that is not the same on both sides: equal items are set
    aside first; then an item is paired with the first left over of the same identity (changed);
    the rest are (None, new) and (old, None). In the order of `after`, then the removed ones."""
    left = list(before)
    unmatched = []
    for item in after:
        key = comparable(item)
        index = next((i for i, old in enumerate(left) if comparable(old) == key), None)
        if index is None:
            unmatched.append(item)
        else:
            del left[index]
    pairs: list[tuple[T | None, T | None]] = []
    for item in unmatched:
        index = next((i for i, old in enumerate(left) if identity(old) == identity(item)), None)
        pairs.append((None, item) if index is None else (left.pop(index), item))
    return pairs + [(old, None) for old in left]


def differences(before: Any, after: Any) -> tuple[str, ...]:
    """The names of the fields whose values differ, for two items of one model class (else ())."""
    if before is None or after is None or not dataclasses.is_dataclass(before):
        return ()
    return tuple(
        name for name in _compared_fields(before) if _nested(getattr(before, name)) != _nested(getattr(after, name))
    )


def comparable(value: Any) -> Hashable:
    """A model object as compared: by its fields, where a source, a municipality or a topic it
    names counts by its id only (their own changes are changes of their own). A source's number
    is its place in the list, not a fact, so it is left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(_nested(getattr(value, name)) for name in _compared_fields(value)))
    return _nested(value)


def _nested(value: Any) -> Hashable:
    if isinstance(value, Source | City | Topic):
        return (type(value).__name__, value.id)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return comparable(value)
    if isinstance(value, tuple | list):
        return tuple(_nested(item) for item in value)
    return value


def _compared_fields(value: Any) -> list[str]:
    return [f.name for f in dataclasses.fields(value) if not (isinstance(value, Source) and f.name == "number")]


def _participation_identity(participation) -> Hashable:
    return (participation.city.id, participation.kind, participation.person)


def _office_identity(office) -> Hashable:
    return (office.person, office.city.id if office.city else None)


def _figure_identity(figure: MemberCount) -> Hashable:
    return (figure.unit, figure.as_of)
