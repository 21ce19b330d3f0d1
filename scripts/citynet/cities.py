"""What the records say about each municipality and place of the registry: memberships, other
roles, offices and representations of its people, seats, founding places. One pass over the
catalogue, shared by the city pages, the maps and the exports."""

from __future__ import annotations

from dataclasses import dataclass, field

from .collation import name_key
from .model import DISTRICT_KINDS, Catalogue, City, Network, Office, Participation


@dataclass
class CityProfile:
    city: City
    participations: list[tuple[Network, Participation]] = field(default_factory=list)  # every kind
    seats: list[Network] = field(default_factory=list)
    founded_here: list[Network] = field(default_factory=list)
    offices: list[tuple[Network, Office]] = field(default_factory=list)
    # For a Kreis or Städteregion: the towns and Gemeinden of the registry that belong to it (their
    # memberships are theirs, never the district's), members first, then by name.
    towns: list[CityProfile] = field(default_factory=list)

    @property
    def memberships(self) -> list[tuple[Network, Participation]]:
        return [(n, p) for n, p in self.participations if p.is_membership]

    @property
    def current_memberships(self) -> list[tuple[Network, Participation]]:
        return [(n, p) for n, p in self.memberships if n.state(p) == "current"]

    @property
    def past_memberships(self) -> list[tuple[Network, Participation]]:
        """Ended memberships, and those resting with a dormant network."""
        return [(n, p) for n, p in self.memberships if n.state(p) != "current"]

    @property
    def other_roles(self) -> list[tuple[Network, Participation]]:
        """Observer status, hosting an office of the network: shown as such, never as membership."""
        return [(n, p) for n, p in self.participations if not p.is_membership and p.kind != "representation"]

    @property
    def people(self) -> list[tuple[Network, Participation | Office]]:
        """Representations (a person from here sits for a German body) and offices held by people
        from here (or by the municipality itself), in catalogue order."""
        found: list[tuple[Network, Participation | Office]] = [
            (n, p) for n, p in self.participations if p.kind == "representation"
        ]
        return found + self.offices

    @property
    def networks(self) -> list[Network]:
        """Every network the place is connected with, each once, in catalogue order."""
        seen: dict[str, Network] = {}
        for network, _ in self.participations:
            seen.setdefault(network.id, network)
        for network in self.seats + self.founded_here:
            seen.setdefault(network.id, network)
        for network, _ in self.offices:
            seen.setdefault(network.id, network)
        return list(seen.values())

    @property
    def member_networks(self) -> list[Network]:
        """The networks it is a current member of, each once (campaigns included: a title counts as
        taking part)."""
        return _unique(n for n, _ in self.current_memberships)

    @property
    def current_titles(self) -> list[tuple[Network, Participation]]:
        """Its current participations in campaigns (a title such as Fairtrade Town, not a membership)."""
        return [(n, p) for n, p in self.current_memberships if n.type == "campaign"]

    def has_titles(self, rows: list[tuple[Network, Participation]]) -> bool:
        """Whether some of these rows are titles from a campaign, so that the page says "or title"."""
        return any(n.type == "campaign" for n, _ in rows)

    @property
    def former_networks(self) -> list[Network]:
        """The networks it was a member of (or is, in a dormant network), and is not a current member of now."""
        current = {n.id for n in self.member_networks}
        return [n for n in _unique(n for n, _ in self.past_memberships) if n.id not in current]

    def past_state(self, network: Network) -> str:
        """dormant if a membership rests with the (dormant) network, else ended."""
        states = {network.state(p) for n, p in self.past_memberships if n.id == network.id}
        return "dormant" if "dormant" in states else "ended"

    @property
    def kind(self) -> str:
        """nrw | germany | abroad: how the maps and tables mark the place (its area, not its
        kind of municipality, which is city.kind)."""
        if self.city.is_nrw:
            return "nrw"
        return "germany" if self.city.is_german else "abroad"


@dataclass
class CityGroup:
    """A part of the list of municipalities: kreisfreie | district | nrw | germany | abroad."""

    key: str
    district: City | None  # the Kreis or Städteregion of a district group
    profiles: list[CityProfile]


def _members_first(profiles: list[CityProfile]) -> list[CityProfile]:
    """Current members, then former ones, then the rest; by name within each (the profiles come by name)."""
    return sorted(profiles, key=lambda p: 0 if p.member_networks else 1 if p.former_networks else 2)


def city_groups(profiles: list[CityProfile]) -> list[CityGroup]:
    """The list of municipalities and places in readable parts: NRW's kreisfreie Städte, then each
    Kreis or Städteregion (the district first, then its towns and Gemeinden), then other NRW
    entries, the rest of Germany and places abroad; members first within each part."""
    by_id = {p.city.id: p for p in profiles}
    kreisfreie, districts, nrw, germany, abroad = [], {}, [], [], []
    for profile in profiles:
        city = profile.city
        if city.is_nrw and city.kind in DISTRICT_KINDS:
            districts.setdefault(city.id, [])
    for profile in profiles:
        city = profile.city
        if not city.is_german:
            abroad.append(profile)
        elif not city.is_nrw:
            germany.append(profile)
        elif city.kind == "kreisfreie-stadt":
            kreisfreie.append(profile)
        elif city.kind in DISTRICT_KINDS:
            continue
        elif city.district in districts:
            districts[city.district].append(profile)
        else:
            nrw.append(profile)
    groups = [CityGroup("kreisfreie", None, _members_first(kreisfreie))] if kreisfreie else []
    for district_id, towns in districts.items():  # by the district's name, as the profiles come
        district = by_id[district_id]
        groups.append(CityGroup("district", district.city, [district, *_members_first(towns)]))
    for key, part in (("nrw", nrw), ("germany", germany), ("abroad", abroad)):
        if part:
            groups.append(CityGroup(key, None, _members_first(part)))
    return groups


def _unique(networks) -> list[Network]:
    seen: dict[str, Network] = {}
    for network in networks:
        seen.setdefault(network.id, network)
    return list(seen.values())


def city_profiles(catalogue: Catalogue) -> dict[str, CityProfile]:
    """A profile for every entry of the registry (also for those no record mentions), sorted by name."""
    profiles = {
        city_id: CityProfile(city)
        for city_id, city in sorted(catalogue.cities.items(), key=lambda item: (name_key(item[1].name.de), item[0]))
    }
    for network in catalogue.networks:
        for participation in network.participants:
            profiles[participation.city.id].participations.append((network, participation))
        if network.seat:
            profiles[network.seat.city.id].seats.append(network)
        if network.founded.place:
            profiles[network.founded.place.id].founded_here.append(network)
        for office in network.offices:
            if office.city:
                profiles[office.city.id].offices.append((network, office))
    for profile in profiles.values():
        district = profiles.get(profile.city.district) if profile.city.district else None
        if district is not None:
            district.towns.append(profile)
    for profile in profiles.values():
        profile.towns = _members_first(profile.towns)
    return profiles
