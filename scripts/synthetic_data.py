"""Synthetic but valid data sets of any size, for the benchmark and the tests of size (a developer tool).

    python3 scripts/dev.py synthetic-data --networks 50 --cities 100 OUT   # OUT becomes a data folder

The records are copies of the richest real record (data/networks/uclg.yml) and of a real city
entry, with ids, names and city references rewritten. Starting from the real files keeps the
synthetic data in step with the format: a field added to the schema and the real data is in the
synthetic data too. Every generated data set is checked with the real loader before use.

Each network gets the same number of participations (PARTICIPANTS_PER_NETWORK), so a network page
has the same content at every size; the participations walk through the city registry in turn,
so every city is referenced once there are enough networks (networks x 8 >= cities).

The NRW entries are NRW-like: in each run of five, a Kreis, a kreisfreie Stadt, two
kreisangehörige Städte and a Gemeinde, the last three in that Kreis (a district that exists), with
coordinates inside NRW. The networks' founding years spread over 1950-2004, so the timeline has
several decades. Every other participation is a membership (one in four of them ended), the others
are the template's representations.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
from pathlib import Path

import yaml

from citynet.load import load_catalogue
from citynet.model import Catalogue
from citynet.project import Project, ProjectError
from citynet.read import CITIES_FILE, NETWORKS_DIR

TEMPLATE_NETWORK = "uclg"
PARTICIPANTS_PER_NETWORK = 8
# Federal states in turn; every fourth city lies in NRW, as the real data leans that way.
STATES = [
    "DE-NW",
    "DE-BY",
    "DE-BW",
    "DE-NI",
    "DE-NW",
    "DE-HE",
    "DE-SN",
    "DE-BE",
    "DE-NW",
    "DE-HH",
    "DE-RP",
    "DE-TH",
    "DE-NW",
    "DE-SH",
    "DE-ST",
    "DE-MV",
]


def network_id(index: int) -> str:
    return f"synthetic-network-{index + 1:04d}"


def city_id(index: int) -> str:
    return f"synthetic-city-{index + 1:05d}"


def write_data_set(source_data: Path, target_data: Path, *, networks: int, cities: int) -> None:
    """Write a data folder with the given numbers of networks and cities into target_data.

    Everything in source_data other than the network records and the city registry (schemas,
    topics, and whatever else the site reads) is copied unchanged.
    """
    if networks < 1 or cities < PARTICIPANTS_PER_NETWORK:
        raise ValueError(f"need at least 1 network and {PARTICIPANTS_PER_NETWORK} cities")
    if target_data.exists():
        shutil.rmtree(target_data)
    shutil.copytree(source_data, target_data, ignore=shutil.ignore_patterns(NETWORKS_DIR, CITIES_FILE, "__pycache__"))
    (target_data / NETWORKS_DIR).mkdir()

    cities_text = (source_data / CITIES_FILE).read_text(encoding="utf-8")
    real_cities = yaml.safe_load(cities_text)
    city_template = next(c for c in real_cities.values() if c.get("state") == "DE-NW")
    registry = {city_id(i): _city(city_template, i) for i in range(cities)}
    _dump(target_data / CITIES_FILE, registry, _first_line(cities_text))

    record_text = (source_data / NETWORKS_DIR / f"{TEMPLATE_NETWORK}.yml").read_text(encoding="utf-8")
    record = yaml.safe_load(record_text)
    for index in range(networks):
        _dump(
            target_data / NETWORKS_DIR / f"{network_id(index)}.yml",
            _network(record, index, cities),
            _first_line(record_text),
        )


def make_data_set(source_data: Path, target_data: Path, *, networks: int, cities: int) -> Catalogue:
    """write_data_set, then load it with the real validator (raises DataError if it is not valid)."""
    write_data_set(source_data, target_data, networks=networks, cities=cities)
    catalogue = load_catalogue(target_data)
    if len(catalogue.networks) != networks or len(catalogue.cities) != cities:
        raise AssertionError(
            f"the synthetic data set has {len(catalogue.networks)} networks and {len(catalogue.cities)} cities"
        )
    return catalogue


# The kinds of the NRW entries, in turn; the district of the last three is the Kreis of their run.
NRW_KINDS = ("kreis", "kreisfreie-stadt", "kreisangehoerige-stadt", "kreisangehoerige-stadt", "gemeinde")


def _nrw_ordinal(index: int) -> int | None:
    """The how-many-th NRW entry the city of this index is (0-based), or None outside NRW."""
    if STATES[index % len(STATES)] != "DE-NW":
        return None
    nrw_per_round = STATES.count("DE-NW")
    round_, position = divmod(index, len(STATES))
    return round_ * nrw_per_round + [i for i, s in enumerate(STATES) if s == "DE-NW"].index(position)


def _nrw_index(ordinal: int) -> int:
    """The index of the city that is the ordinal-th NRW entry (the inverse of _nrw_ordinal)."""
    nrw_positions = [i for i, s in enumerate(STATES) if s == "DE-NW"]
    round_, k = divmod(ordinal, len(nrw_positions))
    return round_ * len(STATES) + nrw_positions[k]


def _city(template: dict, index: int) -> dict:
    city = copy.deepcopy(template)
    number = index + 1
    # Every third city has different German and English names, as Köln/Cologne does.
    city["name"] = (
        {"de": f"Synthstadt {number}", "en": f"Synth City {number}"} if index % 3 == 0 else f"Synthstadt {number}"
    )
    city["country"] = "DE"
    city["state"] = STATES[index % len(STATES)]
    # Spread over Germany; those of NRW within NRW's frame, as the NRW map expects its places.
    south, lats, west, lons = (50.5, 1.8, 6.1, 3.1) if city["state"] == "DE-NW" else (47.5, 7.4, 6.0, 8.9)
    city["coordinates"] = {
        "lat": round(south + (index * 0.37) % lats, 2),
        "lon": round(west + (index * 0.53) % lons, 2),
    }
    city["wikidata"] = f"Q{900000 + number}"
    city.pop("district", None)
    city["kind"] = "kreisfreie-stadt"
    ordinal = _nrw_ordinal(index)
    if ordinal is not None:
        kind = NRW_KINDS[ordinal % len(NRW_KINDS)]
        city["kind"] = kind
        city["coordinates"] = {
            "lat": round(50.4 + (index * 0.37) % 1.9, 2),
            "lon": round(6.1 + (index * 0.53) % 3.2, 2),
        }
        if kind == "kreis":
            city["name"] = f"Kreis Synth {number}"
        elif kind in ("kreisangehoerige-stadt", "gemeinde"):
            city["district"] = city_id(_nrw_index(ordinal - ordinal % len(NRW_KINDS)))
            if kind == "gemeinde":
                city["name"] = f"Synthgemeinde {number}"
    return city


def _network(template: dict, index: int, cities: int) -> dict:
    record = copy.deepcopy(template)
    number = index + 1
    for field, prefix in (
        ("name", "Synthetisches Städtenetzwerk|Synthetic City Network"),
        ("short_name", "Netzwerk|Network"),
    ):
        de, en = prefix.split("|")
        record[field] = {"de": f"{de} {number}", "en": f"{en} {number}"}
    if "abbreviation" in record:
        record["abbreviation"] = {"de": f"SN{number}", "en": f"SN{number}"}

    # City references other than participations point at registry cities, in turn.
    def any_city(offset: int) -> str:
        return city_id((index + offset) % cities)

    # Founding years spread over several decades (never after the template's, whose later dates
    # stay after the founding).
    record["founded"]["date"] = str(1950 + (index * 7) % 55)
    if record["founded"].get("place"):
        record["founded"]["place"] = any_city(1)
    if "seat" in record:
        record["seat"]["city"] = any_city(2)
    for position, office in enumerate(record.get("offices", [])):
        if "city" in office:
            office["city"] = any_city(3 + position)

    # A fixed number of participations per network: a network page's content does not depend
    # on the size of the data set.
    pattern = record["participants"]
    record["participants"] = []
    founded = int(record["founded"]["date"][:4])
    for k in range(PARTICIPANTS_PER_NETWORK):
        participation = copy.deepcopy(pattern[k % len(pattern)])
        participation["city"] = city_id((index * PARTICIPANTS_PER_NETWORK + k) % cities)
        if k % 2 == 0:
            # Every other one a membership (the template's are representations): current, or
            # (one in four, k = 4: in NRW too) ended, so that the pages have members now and before.
            participation = {
                "city": participation["city"],
                "kind": "member" if k % 8 else "founding-member",
                "since": str(founded + k),
                "source": participation["source"],
            }
            if k % 8 == 4:
                participation["until"] = str(founded + k + 5)
        record["participants"].append(participation)
    return record


def _first_line(text: str) -> str:
    """The source file's schema comment, which the loader requires on every data file."""
    return text.split("\n", 1)[0]


def _dump(path: Path, data, first_line: str) -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"{first_line}\n{body}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the data folder to write (replaced if it exists)")
    parser.add_argument("--networks", type=int, required=True)
    parser.add_argument("--cities", type=int, required=True)
    parser.add_argument("--project", default=".", help="the project whose data/ is copied (default: this folder)")
    args = parser.parse_args(argv)
    try:
        source = Project.at(args.project).data
    except ProjectError as error:
        print(f"synthetic-data: {error}", file=sys.stderr)
        return 2
    catalogue = make_data_set(source, Path(args.out), networks=args.networks, cities=args.cities)
    print(f"wrote {args.out}: {len(catalogue.networks)} networks, {len(catalogue.cities)} cities, all valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
