"""The open data files the build publishes: networks.json, networks.csv, cities.csv,
participations.csv and the schemas (the wrapper's too); citynet/opendata.py adds the workbook
and the files that describe them for portals and tools.

networks.json carries every record exactly as in data/ (so each validates against its JSON Schema),
plus the registry of municipalities, the topics, the addresses of the pages, and every
participation with its kind and whether it is current (computed: a record does not say it).
The CSV files are flat, one row per network, municipality or participation, with German and
English columns. Member columns hold memberships only (citynet.model.MEMBERSHIP_KINDS): a
representative's home town is no member. No CSV cell of any file starts like a formula
(neutralised). No MkDocs here; the hook writes the files.

Longer than most modules on purpose: the rows of the three tables are built side by side here, so
that each column can be read against its neighbours and against its description in
citynet/columns.yml; the other formats (citynet/opendata.py) are modules of their own.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from . import layout
from .cities import city_profiles
from .documentschema import FILE as DOCUMENT_SCHEMA
from .documentschema import document_schema_json, schema_address
from .model import Catalogue, Text
from .schema import SCHEMA_FILES

LICENSE = {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = ";"

NETWORK_COLUMNS = [
    "id",
    "name_de",
    "name_en",
    "short_name_de",
    "short_name_en",
    "abbreviation_de",
    "abbreviation_en",
    "status",
    "status_since",
    "status_as_of",
    "founded",
    "founded_place",
    "seat_city",
    "website",
    "scope",
    "type",
    "eligible",
    "who_can_join_de",
    "who_can_join_en",
    "joining_page",
    "successor",
    "members_count",
    "members_qualifier",
    "members_unit",
    "members_as_of",
    "topics",
    "nrw_members",
    "nrw_former_members",
    "other_german_members",
    "other_german_former_members",
    "summary_de",
    "summary_en",
    "last_reviewed",
    "page_de",
    "page_en",
]
PARTICIPATION_COLUMNS = [
    "network",
    "municipality",
    "municipality_kind",
    "state",
    "kind",
    "membership",
    "current",
    "state_now",
    "person",
    "role_de",
    "role_en",
    "since",
    "until",
    "as_of",
    "confidence",
]
CITY_COLUMNS = [
    "id",
    "name_de",
    "name_en",
    "country",
    "state",
    "kind",
    "district",
    "lat",
    "lon",
    "wikidata",
    "member_of",
    "former_member_of",
    "seat_of",
    "page_de",
    "page_en",
    "international_page",
]


def _pages(stem: str, site_url: str) -> dict[str, str]:
    return {lang: layout.page_url(stem, lang, site_url) for lang in layout.LANGUAGE_CODES}


def _text(value: Text | None, lang: str) -> str:
    return value[lang] if value else ""


def _join(values) -> str:
    return LIST_SEPARATOR.join(values)


def _iso(date) -> str:
    return date.iso() if date else ""


def participations(catalogue: Catalogue) -> list[dict]:
    """Every participation of every record, with what the pages compute from it: whether it
    counts as a membership, and its state now (current | ended | dormant)."""
    rows = []
    for n in catalogue.networks:
        for p in n.participants:
            rows.append(
                {
                    "network": n.id,
                    "municipality": p.city.id,
                    "municipality_kind": p.city.kind,
                    "state": p.city.state or "",
                    "kind": p.kind,
                    "membership": p.is_membership,
                    "current": n.state(p) == "current",
                    "state_now": n.state(p),
                    "person": p.person or "",
                    "role": {lang: _text(p.role, lang) for lang in layout.LANGUAGE_CODES},
                    "since": _iso(p.since),
                    "until": _iso(p.until),
                    "as_of": _iso(p.as_of),
                    "confidence": p.confidence,
                }
            )
    return rows


def participation_rows(catalogue: Catalogue) -> list[dict[str, str]]:
    rows = []
    for item in participations(catalogue):
        row = {k: v for k, v in item.items() if k != "role"}
        row |= {f"role_{lang}": item["role"][lang] for lang in layout.LANGUAGE_CODES}
        row["membership"] = "yes" if item["membership"] else "no"
        row["current"] = "yes" if item["current"] else "no"
        rows.append({column: row[column] for column in PARTICIPATION_COLUMNS})
    return rows


def networks_document(catalogue: Catalogue, site_url: str = "/") -> dict:
    """Everything in one JSON document: records as written (all fields, both languages), and
    the participations with their state."""
    networks = {network.id: catalogue.written["networks"][network.id] for network in catalogue.networks}
    reviewed = max((n.last_reviewed for n in catalogue.networks), default=None)
    # Addresses that resolve from where the file is published (citynet/documentschema.py).
    return {
        "$schema": schema_address(DOCUMENT_SCHEMA, site_url),
        "title": {"de": "Städtenetzwerke – offene Daten", "en": "City Networks – open data"},
        "license": LICENSE,
        "as_of": reviewed.isoformat() if reviewed else None,
        "format": {
            "networks": schema_address("network.schema.json", site_url),
            "cities": schema_address("cities.schema.json", site_url),
            "topics": schema_address("topics.schema.json", site_url),
        },
        "networks": networks,
        "cities": catalogue.written["cities"],
        "topics": catalogue.written["topics"],
        "participations": participations(catalogue),
        "pages": {
            "networks": {n.id: _pages(layout.network_stem(n.id), site_url) for n in catalogue.networks},
            "cities": {c: _pages(layout.city_stem(c), site_url) for c in catalogue.cities},
        },
    }


def network_rows(catalogue: Catalogue, site_url: str = "/") -> list[dict[str, str]]:
    rows = []
    for n in catalogue.networks:
        latest = n.latest_members
        pages = _pages(layout.network_stem(n.id), site_url)
        row = {
            "id": n.id,
            "status": n.status.value,
            "status_since": n.status.since.iso() if n.status.since else "",
            "status_as_of": n.status.as_of.iso() if n.status.as_of else "undated",
            "founded": n.founded.date.iso(),
            "founded_place": n.founded.place.id if n.founded.place else "",
            "seat_city": n.seat.city.id if n.seat else "",
            "website": n.website or "",
            "scope": n.scope,
            "type": n.type,
            "eligible": _join(n.eligible),
            "joining_page": (n.joining.page or "") if n.joining else "",
            "successor": _successor(n),
            "members_count": str(latest.count) if latest else "",
            "members_qualifier": latest.qualifier if latest else "",
            "members_unit": latest.unit if latest else "",
            "members_as_of": (latest.as_of.iso() if latest.as_of else "undated") if latest else "",
            "topics": _join(t.id for t in n.topics),
            "nrw_members": _join(c.id for c in n.member_cities(nrw=True, current=True)),
            "nrw_former_members": _join(c.id for c in n.member_cities(nrw=True, current=False)),
            "other_german_members": _join(c.id for c in n.member_cities(nrw=False, current=True)),
            "other_german_former_members": _join(c.id for c in n.member_cities(nrw=False, current=False)),
            "last_reviewed": n.last_reviewed.isoformat(),
            "page_de": pages["de"],
            "page_en": pages["en"],
        }
        for lang in layout.LANGUAGE_CODES:
            row[f"name_{lang}"] = n.name[lang]
            row[f"short_name_{lang}"] = n.short_name[lang]
            row[f"abbreviation_{lang}"] = _text(n.abbreviation, lang)
            row[f"who_can_join_{lang}"] = n.joining.who.text[lang] if n.joining else ""
            row[f"summary_{lang}"] = " ".join(n.summary[lang].split())
        rows.append({column: row[column] for column in NETWORK_COLUMNS})
    return rows


def city_rows(catalogue: Catalogue, site_url: str = "/") -> list[dict[str, str]]:
    rows = []
    for city_id, profile in city_profiles(catalogue).items():
        city = profile.city
        pages = _pages(layout.city_stem(city_id), site_url)
        rows.append(
            {
                "id": city_id,
                "name_de": city.name.de,
                "name_en": city.name.en,
                "country": city.country,
                "state": city.state or "",
                "kind": city.kind,
                "district": city.district or "",
                "lat": f"{city.lat:.2f}",
                "lon": f"{city.lon:.2f}",
                "wikidata": city.wikidata,
                "member_of": _join(n.id for n in profile.member_networks),
                "former_member_of": _join(n.id for n in profile.former_networks),
                "seat_of": _join(n.id for n in profile.seats),
                "page_de": pages["de"],
                "page_en": pages["en"],
                "international_page": city.international_page.url if city.international_page else "",
            }
        )
    return rows


def _successor(network) -> str:
    """The id of the record that took a dormant or closed network's place, "none", or ""."""
    successor = network.status.successor
    if successor is None:
        return ""
    return successor.network or "none"


def to_csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    """RFC 4180 CSV (comma, double quotes, CRLF), UTF-8; spreadsheet programs open it as is, and run
    no cell as a formula (neutralised)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({column: neutralised(value) for column, value in row.items()} for row in rows)
    return buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def neutralised(cell: str) -> str:
    """A cell that a spreadsheet would read as a formula (=HYPERLINK(...) opens as a live link) starts
    with an apostrophe instead, as OWASP advises against CSV injection; the data page says so. A
    plain number such as a negative longitude is no formula and stays as it is."""
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


# UTF-8 with a byte-order mark: Excel reads a CSV without one in the system's code page (umlauts
# garbled); every CSV reader that knows UTF-8 skips it (Python: encoding="utf-8-sig").
CSV_ENCODING = "utf-8-sig"


def export_files(catalogue: Catalogue, schema_dir: Path, site_url: str = "/") -> dict[str, bytes]:
    """{path under the site's data folder: content} for the data files themselves (the tables, the
    JSON and the schemas); citynet/opendata.py adds the workbook and the files describing them."""
    document = networks_document(catalogue, site_url)
    files = {
        # Strict JSON: NaN and Infinity, which JSON.parse refuses, raise here (the reader refuses them first).
        "networks.json": (json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8"),
        "networks.csv": to_csv(network_rows(catalogue, site_url), NETWORK_COLUMNS).encode(CSV_ENCODING),
        "cities.csv": to_csv(city_rows(catalogue, site_url), CITY_COLUMNS).encode(CSV_ENCODING),
        "participations.csv": to_csv(participation_rows(catalogue), PARTICIPATION_COLUMNS).encode(CSV_ENCODING),
    }
    for name in SCHEMA_FILES:
        files[f"schema/{name}"] = (schema_dir / name).read_bytes()
    files[f"schema/{DOCUMENT_SCHEMA}"] = document_schema_json()
    return files


def write_if_changed(target_dir: Path, files: dict[str, bytes]) -> list[str]:
    """Write each file unless it already has this content; return the paths written."""
    written = []
    for name, content in files.items():
        path = target_dir / name
        try:
            if path.read_bytes() == content:
                continue
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(name)
    return written
