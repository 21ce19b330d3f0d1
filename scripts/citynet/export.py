"""The open data files the build publishes: networks.json, networks.csv, cities.csv and the schemas.

networks.json carries every record exactly as in data/ (so each validates against its JSON Schema),
plus the city registry, the topics and the addresses of the pages. The CSV files are flat, one row
per network or city, with German and English columns. No MkDocs here; the hook writes the files.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .cities import city_profiles
from .labels import LANGUAGES
from .load import SCHEMA_DIR
from .model import Catalogue, Text
from .render import CITIES_SECTION, DOWNLOADS_DIR, NETWORKS_SECTION, SCHEMA_FILES, page_url

LICENSE = {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = ";"

NETWORK_COLUMNS = [
    "id", "name_de", "name_en", "short_name_de", "short_name_en", "abbreviation_de", "abbreviation_en",
    "status", "status_since", "status_as_of", "founded", "founded_place", "seat_city", "website", "scope",
    "eligible", "membership_de", "membership_en", "members_count", "members_qualifier", "members_unit",
    "members_as_of", "topics", "nrw_cities", "other_german_cities", "summary_de", "summary_en",
    "last_reviewed", "page_de", "page_en",
]
CITY_COLUMNS = [
    "id", "name_de", "name_en", "country", "state", "lat", "lon", "wikidata",
    "networks", "seat_of", "page_de", "page_en",
]


def _pages(stem: str, site_url: str) -> dict[str, str]:
    return {lang: page_url(stem, lang, site_url) for lang in LANGUAGES}


def _text(value: Text | None, lang: str) -> str:
    return value[lang] if value else ""


def _join(values) -> str:
    return LIST_SEPARATOR.join(values)


def networks_document(catalogue: Catalogue, site_url: str = "/") -> dict:
    """Everything in one JSON document: records as written (all fields, both languages)."""
    networks = {network.id: catalogue.written["networks"][network.id] for network in catalogue.networks}
    reviewed = max((n.last_reviewed for n in catalogue.networks), default=None)
    return {
        "title": {"de": "Städtenetzwerke – offene Daten", "en": "City Networks – open data"},
        "license": LICENSE,
        "as_of": reviewed.isoformat() if reviewed else None,
        "format": {
            "networks": f"{DOWNLOADS_DIR}/schema/network.schema.json",
            "cities": f"{DOWNLOADS_DIR}/schema/cities.schema.json",
            "topics": f"{DOWNLOADS_DIR}/schema/topics.schema.json",
        },
        "networks": networks,
        "cities": catalogue.written["cities"],
        "topics": catalogue.written["topics"],
        "pages": {
            "networks": {n.id: _pages(f"{NETWORKS_SECTION}/{n.id}", site_url) for n in catalogue.networks},
            "cities": {c: _pages(f"{CITIES_SECTION}/{c}", site_url) for c in catalogue.cities},
        },
    }


def network_rows(catalogue: Catalogue, site_url: str = "/") -> list[dict[str, str]]:
    rows = []
    for n in catalogue.networks:
        latest = n.latest_members
        pages = _pages(f"{NETWORKS_SECTION}/{n.id}", site_url)
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
            "eligible": _join(n.membership.eligible),
            "members_count": str(latest.count) if latest else "",
            "members_qualifier": latest.qualifier if latest else "",
            "members_unit": latest.unit if latest else "",
            "members_as_of": (latest.as_of.iso() if latest.as_of else "undated") if latest else "",
            "topics": _join(t.id for t in n.topics),
            "nrw_cities": _join(c.id for c in n.german_cities if c.is_nrw),
            "other_german_cities": _join(c.id for c in n.german_cities if not c.is_nrw),
            "last_reviewed": n.last_reviewed.isoformat(),
            "page_de": pages["de"],
            "page_en": pages["en"],
        }
        for lang in LANGUAGES:
            row[f"name_{lang}"] = n.name[lang]
            row[f"short_name_{lang}"] = n.short_name[lang]
            row[f"abbreviation_{lang}"] = _text(n.abbreviation, lang)
            row[f"membership_{lang}"] = n.membership.text[lang]
            row[f"summary_{lang}"] = " ".join(n.summary[lang].split())
        rows.append({column: row[column] for column in NETWORK_COLUMNS})
    return rows


def city_rows(catalogue: Catalogue, site_url: str = "/") -> list[dict[str, str]]:
    rows = []
    for city_id, profile in city_profiles(catalogue).items():
        city = profile.city
        pages = _pages(f"{CITIES_SECTION}/{city_id}", site_url)
        rows.append({
            "id": city_id,
            "name_de": city.name.de,
            "name_en": city.name.en,
            "country": city.country,
            "state": city.state or "",
            "lat": f"{city.lat:.2f}",
            "lon": f"{city.lon:.2f}",
            "wikidata": city.wikidata,
            "networks": _join(n.id for n in profile.participating_networks),
            "seat_of": _join(n.id for n in profile.seats),
            "page_de": pages["de"],
            "page_en": pages["en"],
        })
    return rows


def to_csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    """RFC 4180 CSV (comma, double quotes, CRLF), UTF-8; spreadsheet programs open it as is."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def export_files(catalogue: Catalogue, data_dir: Path, site_url: str = "/") -> dict[str, bytes]:
    """{path under the site's data folder: content} for every published file."""
    document = networks_document(catalogue, site_url)
    files = {
        "networks.json": (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "networks.csv": to_csv(network_rows(catalogue, site_url), NETWORK_COLUMNS).encode("utf-8"),
        "cities.csv": to_csv(city_rows(catalogue, site_url), CITY_COLUMNS).encode("utf-8"),
    }
    for name in SCHEMA_FILES:
        files[f"schema/{name}"] = (data_dir / SCHEMA_DIR / name).read_bytes()
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
