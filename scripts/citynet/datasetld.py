"""schema.org Dataset in JSON-LD for the data page (/daten/), so that search engines' dataset
search finds the open data: its name and description in the page's language, the licence, the
area it covers, when its records were last reviewed, and every file as a DataDownload."""

from __future__ import annotations

import datetime

from markupsafe import Markup

from . import layout
from .collation import name_key
from .downloads import downloads
from .export import LICENSE
from .jsonld import json_for_script
from .labels import labels
from .model import Catalogue


def dataset_json_ld(catalogue: Catalogue, lang: str, site_url: str | None) -> Markup:
    words = labels(lang)
    base = (site_url or "/").rstrip("/") + "/"
    page = layout.page_url(layout.DATA_PAGE, lang, site_url or "/")
    home = layout.page_url("index", lang, site_url or "/")
    reviewed = max((n.last_reviewed for n in catalogue.networks), default=None)
    keywords = sorted({t.label[lang] for n in catalogue.networks for t in n.topics}, key=name_key)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": words["data_site_name"],
        "description": " ".join(words["data_lead"].split()),
        "url": page,
        "inLanguage": list(layout.LANGUAGE_CODES),
        "license": LICENSE["url"],
        "isAccessibleForFree": True,
        "keywords": keywords,
        "spatialCoverage": {"@type": "Place", "name": words["dataset_area"]},
        "creator": {
            "@type": "Organization",
            "name": words["data_site_name"],
            "url": home,
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "name": item.name,
                "description": item.about[lang],
                "encodingFormat": item.encoding,
                "contentUrl": f"{base}{layout.DOWNLOADS_DIR}/{item.name}",
            }
            for item in downloads(catalogue)
        ],
    }
    if isinstance(reviewed, datetime.date):
        data["dateModified"] = reviewed.isoformat()
    if site_url and site_url.startswith(("https://", "http://")):
        data["@id"] = page + "#dataset"
    return Markup(json_for_script(data))
