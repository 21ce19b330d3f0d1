"""catalog.ttl: the open data described in DCAT-AP.de (Turtle), for Open.NRW and GovData to harvest.

One dcat:Catalog with one dcat:Dataset, titled and described in German and English, with its
publisher and contact point (extra.operator; while the operator's facts are placeholders, the
site's name and its Impressum page stand in), the political geocoding of NRW (state key 05), its
keywords, and one dcat:Distribution per published file: access and download address, media type,
format from the EU's file-type vocabulary, size, and the licence CC BY 4.0 from DCAT-AP.de's
licence list with its attribution text. The text is written here, without an RDF library; the
tests parse it with rdflib and check what DCAT-AP.de requires (tests/unit/test_open_formats.py).
"""

from __future__ import annotations

import datetime
import posixpath

from . import layout
from .collation import name_key
from .downloads import CATALOGUE
from .labels import labels
from .model import Catalogue

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LICENCE = "http://dcat-ap.de/def/licenses/cc-by/4.0"
STATE_KEY_NRW = "http://dcat-ap.de/def/politicalGeocoding/stateKey/05"
GEOCODING_LEVEL_STATE = "http://dcat-ap.de/def/politicalGeocoding/Level/state"
LANGUAGES = {
    "de": "http://publications.europa.eu/resource/authority/language/DEU",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}
THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"  # government and public sector
FILE_TYPES = {  # suffix: (EU file type, media type)
    ".csv": ("http://publications.europa.eu/resource/authority/file-type/CSV", "text/csv"),
    ".json": ("http://publications.europa.eu/resource/authority/file-type/JSON", "application/json"),
    ".xlsx": (
        "http://publications.europa.eu/resource/authority/file-type/XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
FILE = CATALOGUE


def literal(text: str, lang: str | None = None) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def iri(address: str) -> str:
    """An IRI as Turtle writes it; characters Turtle refuses in one are percent-encoded."""
    for character in ' <>"{}|^`\\':
        address = address.replace(character, f"%{ord(character):02X}")
    return f"<{address}>"


def file_address(site_url: str, name: str) -> str:
    """A published file's address: absolute below the site's address, else relative to catalog.ttl."""
    if site_url.startswith(("https://", "http://")):
        return f"{site_url.rstrip('/')}/{layout.DOWNLOADS_DIR}/{name}"
    return name


def catalogue_turtle(
    catalogue: Catalogue,
    files: dict[str, bytes],
    *,
    site_url: str = "/",
    built: datetime.date | None = None,
    operator: dict | None = None,
    descriptions: dict[str, dict[str, str]] | None = None,
) -> bytes:
    """The catalogue of `files` ({name below the data folder: content}); `descriptions` gives a
    file's description per language ({name: {lang: text}}), else its name stands alone."""
    operator = operator or {}
    descriptions = descriptions or {}
    words = {lang: labels(lang) for lang in layout.LANGUAGE_CODES}
    here = file_address(site_url, FILE)
    catalog_id, dataset_id, publisher_id = (iri(f"{here}#{part}") for part in ("catalog", "dataset", "publisher"))
    data_page = layout.page_url(layout.DATA_PAGE, layout.DEFAULT_LANGUAGE, site_url)
    home = layout.page_url("index", layout.DEFAULT_LANGUAGE, site_url)
    impressum = layout.page_url("impressum", layout.DEFAULT_LANGUAGE, site_url)
    day = (built or max((n.last_reviewed for n in catalogue.networks), default=datetime.date(1970, 1, 1))).isoformat()
    date = f'"{day}"^^xsd:date'
    name = operator.get("name") or words["de"]["data_site_name"]
    attribution = f"{words['de']['data_site_name']}, {LICENCE_NAME}"

    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES.items()]
    lines.append("")
    lines.append(f"{catalog_id} a dcat:Catalog ;")
    for lang in layout.LANGUAGE_CODES:
        lines.append(f"    dct:title {literal(words[lang]['data_catalogue_title'], lang)} ;")
        lines.append(f"    dct:description {literal(' '.join(words[lang]['data_lead'].split()), lang)} ;")
    lines.append(f"    dct:publisher {publisher_id} ;")
    lines += [f"    dct:language {iri(LANGUAGES[lang])} ;" for lang in layout.LANGUAGE_CODES]
    lines.append(f"    foaf:homepage {iri(home)} ;")
    lines.append(f"    dct:license {iri(LICENCE)} ;")
    lines.append(f"    dct:modified {date} ;")
    lines.append(f"    dcat:dataset {dataset_id} .")
    lines.append("")

    lines.append(f"{publisher_id} a foaf:Agent, foaf:Organization ;")
    lines.append(f"    foaf:name {literal(name)} ;")
    lines.append(f"    foaf:homepage {iri(home)} .")
    lines.append("")

    lines.append(f"{dataset_id} a dcat:Dataset ;")
    for lang in layout.LANGUAGE_CODES:
        lines.append(f"    dct:title {literal(words[lang]['data_site_name'], lang)} ;")
        lines.append(f"    dct:description {literal(' '.join(words[lang]['data_lead'].split()), lang)} ;")
        for keyword in _keywords(catalogue, lang):
            lines.append(f"    dcat:keyword {literal(keyword, lang)} ;")
    lines.append(f"    dct:publisher {publisher_id} ;")
    lines.append(f"    dct:creator {publisher_id} ;")
    lines.append("    dcat:contactPoint [")
    lines.append("        a vcard:Organization ;")
    lines.append(f"        vcard:fn {literal(name)} ;")
    if operator.get("email"):
        lines.append(f"        vcard:hasEmail {iri('mailto:' + operator['email'])} ;")
    lines.append(f"        vcard:hasURL {iri(impressum)}")
    lines.append("    ] ;")
    lines.append(f"    dcatde:politicalGeocodingURI {iri(STATE_KEY_NRW)} ;")
    lines.append(f"    dcatde:politicalGeocodingLevelURI {iri(GEOCODING_LEVEL_STATE)} ;")
    lines.append(f"    dcat:theme {iri(THEME)} ;")
    lines += [f"    dct:language {iri(LANGUAGES[lang])} ;" for lang in layout.LANGUAGE_CODES]
    lines.append(f"    dcat:landingPage {iri(data_page)} ;")
    lines.append(f"    dct:issued {date} ;")
    lines.append(f"    dct:modified {date} ;")
    published = [name for name in files if posixpath.splitext(name)[1] in FILE_TYPES]
    distribution_ids = [iri(f"{here}#file-{name.replace('/', '-')}") for name in published]
    lines.append(f"    dcat:distribution {', '.join(distribution_ids)} .")

    for file_name, distribution_id in zip(published, distribution_ids, strict=True):
        file_type, media_type = FILE_TYPES[posixpath.splitext(file_name)[1]]
        address = iri(file_address(site_url, file_name))
        lines.append("")
        lines.append(f"{distribution_id} a dcat:Distribution ;")
        lines.append(f"    dct:title {literal(file_name)} ;")
        for lang, text in descriptions.get(file_name, {}).items():
            lines.append(f"    dct:description {literal(text, lang)} ;")
        lines.append(f"    dcat:accessURL {address} ;")
        lines.append(f"    dcat:downloadURL {address} ;")
        lines.append(f"    dcat:mediaType {iri(MEDIA_TYPES + media_type)} ;")
        lines.append(f"    dct:format {iri(file_type)} ;")
        lines.append(f'    dcat:byteSize "{len(files[file_name])}"^^xsd:nonNegativeInteger ;')
        lines.append(f"    dct:license {iri(LICENCE)} ;")
        lines.append(f"    dcatde:licenseAttributionByText {literal(attribution)} ;")
        lines.append(f"    dct:modified {date} .")
    return ("\n".join(lines) + "\n").encode("utf-8")


LICENCE_NAME = "CC BY 4.0"


def _keywords(catalogue: Catalogue, lang: str) -> list[str]:
    """The topics the networks name, in the language, once each and sorted."""
    return sorted({topic.label[lang] for network in catalogue.networks for topic in network.topics}, key=name_key)
