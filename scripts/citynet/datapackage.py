"""datapackage.json: the published tables as a Frictionless Data Package (version 2).

Every CSV of the data folder is a resource with its Table Schema: the type of each column, which
columns every row has, the primary keys and the foreign keys (participations to networks and
municipalities, a network's seat and place of founding, a municipality's district). The column
descriptions are those of the data page (citynet/columns.py). The package names the licence, the
sources the records cite, the publisher and the day of the build; `frictionless validate` checks
it against the files (tests/unit/test_open_formats.py).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from . import layout
from .columns import ID_PATTERN, PARTIAL_DATE_PATTERN, Column, Table, allowed_values, tables
from .export import LICENSE, LIST_SEPARATOR
from .model import Catalogue

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
NAME = "staedtenetzwerke"
TITLE = "Städtenetzwerke – offene Daten / City Networks – open data"
DESCRIPTION = (
    "Internationale Städtenetzwerke, in denen Kommunen aus NRW und dem übrigen Deutschland mitwirken: jedes Netzwerk, "
    "jede Kommune und jede Beteiligung, mit Quelle und Stand. / International city networks in which municipalities "
    "from North Rhine-Westphalia and the rest of Germany take part: every network, municipality and participation, "
    "with source and date."
)
KEYWORDS = ["Städtenetzwerke", "city networks", "Kommunen", "municipalities", "Nordrhein-Westfalen", "NRW"]


def field(column: Column, values: dict[tuple[str, str], tuple[str, ...]], table: str) -> dict:
    """The Table Schema field of one column."""
    spec: dict = {"name": column.name, "title": column.title.en, "description": column.about.en}
    constraints: dict = {}
    kind = column.type
    if kind in ("text", "enum"):
        spec["type"] = "string"
    elif kind == "url":
        spec |= {"type": "string", "format": "uri"}
    elif kind == "id":
        spec["type"] = "string"
        constraints["pattern"] = ID_PATTERN
    elif kind in ("ids", "list"):
        spec |= {"type": "list", "delimiter": LIST_SEPARATOR, "itemType": "string"}
    elif kind in ("integer", "number", "date"):
        spec["type"] = kind
    elif kind == "partial-date":
        spec["type"] = "string"
        constraints["pattern"] = PARTIAL_DATE_PATTERN
    elif kind == "partial-date-or-undated":
        spec["type"] = "string"
        constraints["pattern"] = f"{PARTIAL_DATE_PATTERN}|undated"
    elif kind == "yes-no":
        spec |= {"type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]}
    if kind == "enum":
        constraints["enum"] = list(values[(table, column.name)])
    if column.required:
        constraints["required"] = True
    if constraints:
        spec["constraints"] = constraints
    return spec


def table_schema(table: Table, values: dict[tuple[str, str], tuple[str, ...]]) -> dict:
    schema: dict = {
        "$schema": TABLE_SCHEMA_PROFILE,
        "fields": [field(column, values, table.name) for column in table.columns],
        "missingValues": [""],
    }
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    foreign = []
    for column in table.columns:
        if column.references is None:
            continue
        other, key = column.references
        reference: dict = {"fields": [key]}
        if other != table.name:
            reference = {"resource": other, **reference}
        foreign.append({"fields": [column.name], "reference": reference})
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def sources(catalogue: Catalogue) -> list[dict]:
    """Every source the records cite, once, in the order of the records."""
    found: dict[str, dict] = {}
    for network in catalogue.networks:
        for source in network.sources:
            if source.url:
                title = (
                    source.title.en if source.title.de == source.title.en else f"{source.title.de} / {source.title.en}"
                )
                found.setdefault(source.url, {"title": f"{title} ({source.publisher})", "path": source.url})
    return list(found.values())


def descriptor(
    catalogue: Catalogue,
    schema_dir: Path,
    *,
    site_url: str = "/",
    built: datetime.date | None = None,
    publisher: str | None = None,
    email: str | None = None,
) -> dict:
    """The Data Package descriptor. `built`: the day of the build (from the commit, so that the
    file is reproducible); `publisher` and `email`: the operator's, when known."""
    values = allowed_values(schema_dir)
    resources = []
    for table in tables().values():
        resources.append(
            {
                "$schema": RESOURCE_PROFILE,
                "name": table.name,
                "path": table.file,
                "type": "table",
                "title": f"{table.title.de} / {table.title.en}",
                "description": f"{table.description.de} / {table.description.en}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": table_schema(table, values),
            }
        )
    contributor: dict = {"title": publisher or TITLE, "roles": ["publisher"]}
    if email:
        contributor["email"] = email
    package: dict = {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "homepage": layout.page_url(layout.DATA_PAGE, layout.DEFAULT_LANGUAGE, site_url),
        "keywords": KEYWORDS,
        "licenses": [
            {"name": LICENSE["id"], "path": LICENSE["url"], "title": "Creative Commons Attribution 4.0 International"}
        ],
        "contributors": [contributor],
        "sources": sources(catalogue),
        "resources": resources,
    }
    if built is not None:
        package["created"] = f"{built.isoformat()}T00:00:00Z"
    return package


def datapackage_json(catalogue: Catalogue, schema_dir: Path, **options) -> bytes:
    return (json.dumps(descriptor(catalogue, schema_dir, **options), ensure_ascii=False, indent=2) + "\n").encode()
