"""Synthetic but valid data sets of any size, for the benchmark and the flat-cost guard test.

The records are copies of the richest real record (data/networks/uclg.yml) and of a real city
entry, with ids, names and city references rewritten. Starting from the real files keeps the
synthetic data in step with the format: a field added to the schema and the real data is in the
synthetic data too. Every generated data set is checked with the real loader before use.

Each network gets the same number of participations (PARTICIPANTS_PER_NETWORK), so a network page
has the same content at every size; the participations walk through the city registry in turn,
so every city is referenced once there are enough networks (networks x 8 >= cities).
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

from .load import CITIES_FILE, NETWORKS_DIR, load_catalogue
from .model import Catalogue

TEMPLATE_NETWORK = "uclg"
PARTICIPANTS_PER_NETWORK = 8
# Federal states in turn; every fourth city lies in NRW, as the real data leans that way.
STATES = ["DE-NW", "DE-BY", "DE-BW", "DE-NI", "DE-NW", "DE-HE", "DE-SN", "DE-BE", "DE-NW", "DE-HH", "DE-RP", "DE-TH", "DE-NW", "DE-SH", "DE-ST", "DE-MV"]


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
        _dump(target_data / NETWORKS_DIR / f"{network_id(index)}.yml", _network(record, index, cities), _first_line(record_text))


def make_data_set(source_data: Path, target_data: Path, *, networks: int, cities: int) -> Catalogue:
    """write_data_set, then load it with the real validator (raises DataError if it is not valid)."""
    write_data_set(source_data, target_data, networks=networks, cities=cities)
    catalogue = load_catalogue(target_data)
    if len(catalogue.networks) != networks or len(catalogue.cities) != cities:
        raise AssertionError(f"the synthetic data set has {len(catalogue.networks)} networks and {len(catalogue.cities)} cities")
    return catalogue


def _city(template: dict, index: int) -> dict:
    city = copy.deepcopy(template)
    number = index + 1
    # Every third city has different German and English names, as Köln/Cologne does.
    city["name"] = {"de": f"Synthstadt {number}", "en": f"Synth City {number}"} if index % 3 == 0 else f"Synthstadt {number}"
    city["country"] = "DE"
    city["state"] = STATES[index % len(STATES)]
    city["coordinates"] = {"lat": round(47.5 + (index * 0.37) % 7.4, 2), "lon": round(6.0 + (index * 0.53) % 8.9, 2)}
    city["wikidata"] = f"Q{900000 + number}"
    return city


def _network(template: dict, index: int, cities: int) -> dict:
    record = copy.deepcopy(template)
    number = index + 1
    for field, prefix in (("name", "Synthetisches Städtenetzwerk|Synthetic City Network"), ("short_name", "Netzwerk|Network")):
        de, en = prefix.split("|")
        record[field] = {"de": f"{de} {number}", "en": f"{en} {number}"}
    if "abbreviation" in record:
        record["abbreviation"] = {"de": f"SN{number}", "en": f"SN{number}"}

    # City references other than participations point at registry cities, in turn.
    def any_city(offset: int) -> str:
        return city_id((index + offset) % cities)

    if record["founded"].get("place"):
        record["founded"]["place"] = any_city(1)
    if "seat" in record:
        record["seat"]["city"] = any_city(2)
    for position, representative in enumerate(record.get("representatives", [])):
        if "city" in representative:
            representative["city"] = any_city(3 + position)

    # A fixed number of participations per network: a network page's content does not depend
    # on the size of the data set.
    pattern = record["participants"]
    record["participants"] = []
    for k in range(PARTICIPANTS_PER_NETWORK):
        participation = copy.deepcopy(pattern[k % len(pattern)])
        participation["city"] = city_id((index * PARTICIPANTS_PER_NETWORK + k) % cities)
        record["participants"].append(participation)
    return record


def _first_line(text: str) -> str:
    """The source file's schema comment, which the loader requires on every data file."""
    return text.split("\n", 1)[0]


def _dump(path: Path, data, first_line: str) -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"{first_line}\n{body}", encoding="utf-8")
