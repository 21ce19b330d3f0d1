"""Under `mkdocs serve`, the record pages and maps whose input is unchanged are not rendered again.

`render_pages` (citynet/render.py) is handed a Memo (citynet/memo.py) by the build
(citynet/sitebuild.py); it keeps each network page, city page and map drawing of the last
rendering under a digest of everything it is made from, as this module computes it: the records
it shows (each network whole, by the digest of its repr; each place by its registry entry and
every part of a record that names it), the language, the build's day and addresses, and the page
templates and words. A page is taken from the memo only when its digest is equal, so it is the
page a fresh rendering makes. The pages made from all records (start, overview, list of cities,
data page) are always rendered. Each rendering keeps only what it used or made, so memory stays
one site's worth.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from pathlib import Path

from . import maps


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def files_state(paths: Iterable[Path]) -> list:
    """Each file's name, size and modification time (the templates, the words, the base maps)."""
    state = []
    for path in paths:
        try:
            info = Path(path).stat()
        except OSError:
            state.append((str(path), None))
            continue
        state.append((str(path), info.st_size, info.st_mtime_ns))
    return state


class Digests:
    """The digests of one catalogue's parts, each computed once per rendering."""

    def __init__(self, catalogue, profiles: dict, common: tuple):
        self.common = _digest(*common)  # the language-independent input of every page
        self.networks = {n.id: _digest(repr(n)) for n in catalogue.networks}
        self.profiles = profiles
        self._profiles: dict[int, str] = {}

    def network(self, network) -> str:
        return self.networks.get(network.id) or _digest(repr(network))

    def profile(self, profile) -> str:
        """A place's registry entry and every record's part that names it (the records whole)."""
        if profile is None:
            return "-"
        key = id(profile)
        if key not in self._profiles:
            self._profiles[key] = _digest(
                repr(profile.city),
                [(self.network(n), repr(p)) for n, p in profile.participations],
                [self.network(n) for n in profile.seats],
                [self.network(n) for n in profile.founded_here],
                [(self.network(n), repr(o)) for n, o in profile.offices],
                [self.profile(t) for t in profile.towns],
            )
        return self._profiles[key]

    def places(self, places) -> str:
        """A drawing's places: a drawing shows of each only its registry entry (name, position,
        area) and what the Place says (member, networks, seat): citynet/maps.py and the map
        template (templates/_figures.j2) read nothing else of the place's profile."""
        return _digest([(repr(p.profile.city), p.member, p.networks, p.seat) for p in places])

    def key(self, *parts) -> str:
        return _digest(self.common, *parts)


def network_input(d: Digests, catalogue, profiles: dict, record_dates: dict, network) -> tuple:
    """What a network page shows besides the words: the record, its successor and the records
    linked with it, the day it last changed, and its places."""
    successor = network.status.successor
    other = catalogue.network(successor.network) if successor and successor.network else None
    links = [(kind, d.network(n), repr(relation)) for kind, n, relation in catalogue.links(network)]
    places = d.places(maps.network_places(network, profiles))
    return d.network(network), d.network(other) if other else None, links, record_dates.get(network.file), places


def city_input(d: Digests, catalogue, profiles: dict, city_id: str) -> tuple:
    """What a city page shows: the place's profile (every record's part that names it) and its district's."""
    profile = profiles[city_id]
    district = catalogue.cities.get(profile.city.district) if profile.city.district else None
    return d.profile(profile), repr(district), d.profile(profiles.get(district.id) if district else None)


def rebind(drawing: maps.Drawing, places: list) -> maps.Drawing:
    """A kept drawing with the places of this rendering in place of those it was made with (the
    same by their digest): a kept drawing would otherwise hold on to the catalogue it was made from,
    and every edit would leave one more catalogue in memory."""
    by_city = {place.profile.city.id: place for place in places}
    points: dict[int, maps.Point] = {}

    def point(old: maps.Point) -> maps.Point:
        if id(old) not in points:
            points[id(old)] = dataclasses.replace(old, place=by_city[old.place.profile.city.id])
        return points[id(old)]

    panels = [dataclasses.replace(panel, points=[point(p) for p in panel.points]) for panel in drawing.panels]
    return maps.Drawing(panels, [point(p) for p in drawing.listed])
