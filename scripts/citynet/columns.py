"""What each column of the published tables holds, in both languages: columns.yml (package data).

One description for the Data Package's Table Schemas (citynet/datapackage.py), the workbook's
headers (citynet/workbook.py) and the column tables on the data page. The allowed values of a
column come from where the data defines them (the JSON Schema of the records, citynet/model.py),
so that a new kind of participation or a new scope shows everywhere without an edit here
(`allowed_values`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import export, model
from .layout import LANGUAGE_CODES
from .model import Text
from .yamlio import parse_yaml

COLUMNS_FILE = "columns.yml"
TYPES = (
    "text",
    "id",
    "ids",
    "list",
    "url",
    "integer",
    "number",
    "date",
    "partial-date",
    "partial-date-or-undated",
    "yes-no",
    "enum",
)
ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*"
PARTIAL_DATE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    title: Text  # the header, per language
    about: Text  # what it holds, per language
    references: tuple[str, str] | None  # (table, column) an id column names


@dataclass(frozen=True)
class Table:
    name: str  # networks | cities | participations
    file: str  # networks.csv
    title: Text
    description: Text
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]


# The columns of export.py, by table: columns.yml must describe exactly these, in this order.
EXPORTED = {
    "networks": export.NETWORK_COLUMNS,
    "cities": export.CITY_COLUMNS,
    "participations": export.PARTICIPATION_COLUMNS,
}


def allowed_values(schema_dir: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """{(table, column): allowed values} of the enum and list columns, from the records' JSON
    Schema in `schema_dir` (data/schema) and from citynet/model.py."""
    schema = json.loads((schema_dir / "network.schema.json").read_text("utf-8"))
    props = schema["properties"]
    members = props["members"]["items"]["properties"]
    return {
        ("networks", "status"): tuple(props["status"]["properties"]["value"]["enum"]),
        ("networks", "scope"): tuple(props["scope"]["enum"]),
        ("networks", "type"): tuple(props["type"]["enum"]),
        ("networks", "eligible"): tuple(props["joining"]["properties"]["eligible"]["items"]["enum"]),
        ("networks", "members_qualifier"): tuple(members["qualifier"]["enum"]),
        ("networks", "members_unit"): tuple(members["unit"]["enum"]),
        ("cities", "kind"): (*model.GERMAN_MUNICIPALITY_KINDS, "city"),
        ("participations", "municipality_kind"): (*model.GERMAN_MUNICIPALITY_KINDS, "city"),
        ("participations", "kind"): model.PARTICIPATION_KINDS,
        ("participations", "state_now"): ("current", "ended", "dormant"),
        ("participations", "confidence"): tuple(schema["$defs"]["confidence"]["enum"]),
    }


@lru_cache(maxsize=1)
def tables() -> dict[str, Table]:
    """{table name: Table} in the order of columns.yml; ValueError if it disagrees with export.py."""
    raw = parse_yaml((resources.files(__package__) / COLUMNS_FILE).read_bytes(), COLUMNS_FILE).data
    found = {}
    for name, spec in raw.items():
        columns = []
        for column_name, c in spec["columns"].items():
            if c["type"] not in TYPES:
                raise ValueError(f"{COLUMNS_FILE}: {name}.{column_name}: unknown type {c['type']!r}")
            references = tuple(c["references"].split(".")) if c.get("references") else None
            columns.append(
                Column(
                    name=column_name,
                    type=c["type"],
                    required=bool(c.get("required", False)),
                    title=Text(**{lang: c[lang] for lang in LANGUAGE_CODES}),
                    about=Text(**{lang: " ".join(c["about"][lang].split()) for lang in LANGUAGE_CODES}),
                    references=references,
                )
            )
        table = Table(
            name=name,
            file=spec["file"],
            title=Text(**spec["title"]),
            description=Text(**{lang: " ".join(spec["description"][lang].split()) for lang in LANGUAGE_CODES}),
            primary_key=tuple(spec.get("primary_key", ())),
            columns=tuple(columns),
        )
        if [c.name for c in table.columns] != list(EXPORTED.get(name, ())):
            raise ValueError(f"{COLUMNS_FILE}: the columns of {name} are not those of citynet/export.py")
        found[name] = table
    if set(found) != set(EXPORTED):
        raise ValueError(f"{COLUMNS_FILE} describes {sorted(found)}; citynet/export.py publishes {sorted(EXPORTED)}")
    return found
