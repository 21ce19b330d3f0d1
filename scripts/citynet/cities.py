"""What the records say about each city of the registry: participations, seats, founding places,
representatives. One pass over the catalogue, shared by the city pages, the maps and the exports."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Catalogue, City, Network, Participation, Representative


@dataclass
class CityProfile:
    city: City
    participations: list[tuple[Network, Participation]] = field(default_factory=list)
    seats: list[Network] = field(default_factory=list)
    founded_here: list[Network] = field(default_factory=list)
    representatives: list[tuple[Network, Representative]] = field(default_factory=list)

    @property
    def networks(self) -> list[Network]:
        """Every network the city is connected with, each once, in catalogue order."""
        seen: dict[str, Network] = {}
        for network, _ in self.participations:
            seen.setdefault(network.id, network)
        for network in self.seats + self.founded_here:
            seen.setdefault(network.id, network)
        for network, _ in self.representatives:
            seen.setdefault(network.id, network)
        return list(seen.values())

    @property
    def participating_networks(self) -> list[Network]:
        seen: dict[str, Network] = {}
        for network, _ in self.participations:
            seen.setdefault(network.id, network)
        return list(seen.values())

    @property
    def kind(self) -> str:
        """nrw | germany | abroad: how the maps and tables mark the city."""
        if self.city.is_nrw:
            return "nrw"
        return "germany" if self.city.is_german else "abroad"


def city_profiles(catalogue: Catalogue) -> dict[str, CityProfile]:
    """A profile for every city of the registry (also for cities no record mentions), sorted by name."""
    profiles = {
        city_id: CityProfile(city)
        for city_id, city in sorted(catalogue.cities.items(), key=lambda item: (item[1].name.de.casefold(), item[0]))
    }
    for network in catalogue.networks:
        for participation in network.participants:
            profiles[participation.city.id].participations.append((network, participation))
        if network.seat:
            profiles[network.seat.city.id].seats.append(network)
        if network.founded.place:
            profiles[network.founded.place.id].founded_here.append(network)
        for representative in network.representatives:
            if representative.city:
                profiles[representative.city.id].representatives.append((network, representative))
    return profiles
