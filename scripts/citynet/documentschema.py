"""The JSON Schema of networks.json as a whole (the wrapper around the records).

networks.json names it in `$schema`, and names the records' own schemas in `format`; both with
addresses that resolve from where the file is published (data/networks.json, the schemas in
data/schema/): absolute when the site's address is known, else relative to networks.json. The
wrapper's `$ref`s are relative to its own address, so that they find the records' schemas beside
it wherever the folder is served from.
"""

from __future__ import annotations

import json

from . import layout
from .model import PARTICIPATION_KINDS

FILE = "networks-file.schema.json"  # below the downloads folder's schema/ folder
SCHEMA_FOLDER = "schema"

_TEXT = {"type": "object", "required": list(layout.LANGUAGE_CODES), "additionalProperties": False}
_TEXT["properties"] = {lang: {"type": "string"} for lang in layout.LANGUAGE_CODES}
_PARTIAL_DATE = {"type": "string", "pattern": "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"}
_PAGES = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "required": list(layout.LANGUAGE_CODES),
        "properties": {lang: {"type": "string", "minLength": 1} for lang in layout.LANGUAGE_CODES},
    },
}


def schema_address(name: str, site_url: str) -> str:
    """Where a published schema is, as networks.json names it: absolute below the site's address,
    or relative to networks.json (which lies in the same downloads folder)."""
    if site_url.startswith(("https://", "http://")):
        return f"{site_url.rstrip('/')}/{layout.DOWNLOADS_DIR}/{SCHEMA_FOLDER}/{name}"
    return f"{SCHEMA_FOLDER}/{name}"


def document_schema() -> dict:
    participation = {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "network",
            "municipality",
            "municipality_kind",
            "state",
            "kind",
            "membership",
            "current",
            "state_now",
            "person",
            "role",
            "since",
            "until",
            "as_of",
            "confidence",
        ],
        "properties": {
            "network": {"type": "string"},
            "municipality": {"type": "string"},
            "municipality_kind": {"type": "string"},
            "state": {"type": "string"},
            "kind": {"enum": list(PARTICIPATION_KINDS)},
            "membership": {"type": "boolean"},
            "current": {"type": "boolean"},
            "state_now": {"enum": ["current", "ended", "dormant"]},
            "person": {"type": "string"},
            "role": _TEXT,
            "since": _PARTIAL_DATE,
            "until": _PARTIAL_DATE,
            "as_of": _PARTIAL_DATE,
            "confidence": {"enum": ["high", "medium", "low"]},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": FILE,
        "title": "networks.json",
        "description": (
            "The open data of the site in one file: every network record as written (network.schema.json), "
            "the registry of municipalities (cities.schema.json), the topics (topics.schema.json), every "
            "participation with its kind and whether it is current, and the addresses of the pages."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": [
            "$schema",
            "title",
            "license",
            "as_of",
            "format",
            "networks",
            "cities",
            "topics",
            "participations",
            "pages",
        ],
        "properties": {
            "$schema": {"type": "string", "minLength": 1},
            "title": _TEXT,
            "license": {
                "type": "object",
                "required": ["id", "url"],
                "properties": {"id": {"type": "string"}, "url": {"type": "string"}},
            },
            "as_of": {"type": ["string", "null"], "format": "date"},
            "format": {
                "type": "object",
                "required": ["networks", "cities", "topics"],
                "properties": {key: {"type": "string"} for key in ("networks", "cities", "topics")},
            },
            "networks": {"type": "object", "additionalProperties": {"$ref": "network.schema.json"}},
            "cities": {"$ref": "cities.schema.json"},
            "topics": {"$ref": "topics.schema.json"},
            "participations": {"type": "array", "items": participation},
            "pages": {
                "type": "object",
                "required": ["networks", "cities"],
                "properties": {"networks": _PAGES, "cities": _PAGES},
            },
        },
    }


def document_schema_json() -> bytes:
    return (json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n").encode()
