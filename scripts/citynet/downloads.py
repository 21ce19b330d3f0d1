"""The files of the data folder, in the order the data page lists them, each with what it holds in
words (both languages): for the data page, the DCAT catalogue and schema.org's Dataset. Light on
purpose (no writer of any format), so that rendering the pages needs none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import layout
from .documentschema import FILE as DOCUMENT_SCHEMA
from .labels import labels
from .model import Catalogue, Text
from .schema import SCHEMA_FILES

WORKBOOK = "staedtenetzwerke.xlsx"  # citynet/workbook.py
DATAPACKAGE = "datapackage.json"  # citynet/datapackage.py
CATALOGUE = "catalog.ttl"  # citynet/dcat.py
TABLES = {"networks.csv": "networks", "cities.csv": "cities", "participations.csv": "participations"}
ENCODINGS = {  # schema.org's encodingFormat, by suffix
    ".json": "application/json",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ttl": "text/turtle",
}


@dataclass(frozen=True)
class Download:
    name: str  # below the data folder: networks.csv, schema/network.schema.json
    about: Text  # what it holds
    table: str | None = None  # the table of a CSV file (citynet/columns.yml)

    @property
    def encoding(self) -> str:
        return ENCODINGS["." + self.name.rsplit(".", 1)[-1]]


def downloads(catalogue: Catalogue) -> list[Download]:
    networks = len(catalogue.networks)
    cities = len(catalogue.cities)
    participations = sum(len(n.participants) for n in catalogue.networks)
    keys = [
        ("networks.json", "data_networks_json", {"count": networks, "cities": cities}),
        ("networks.csv", "data_networks_csv", {"count": networks}),
        ("cities.csv", "data_cities_csv", {"count": cities}),
        ("participations.csv", "data_participations_csv", {"count": participations}),
        (WORKBOOK, "data_workbook", {}),
        (DATAPACKAGE, "data_datapackage", {}),
        (CATALOGUE, "data_catalogue", {}),
        (f"schema/{DOCUMENT_SCHEMA}", "data_document_schema", {}),
    ]
    keys += [(f"schema/{name}", "data_schema", {}) for name in SCHEMA_FILES]
    found = []
    for name, key, values in keys:
        about = Text(*(" ".join(labels(lang)[key].format(**values).split()) for lang in layout.LANGUAGE_CODES))
        found.append(Download(name, about, TABLES.get(name)))
    return found
