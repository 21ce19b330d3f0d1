"""Every file the build publishes in the data folder: the data files (citynet/export.py), the
workbook (citynet/workbook.py), the Data Package (citynet/datapackage.py) and the catalogue of
them all (citynet/dcat.py), described as citynet/downloads.py says.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .datapackage import datapackage_json
from .dcat import catalogue_turtle
from .downloads import CATALOGUE, DATAPACKAGE, WORKBOOK, downloads
from .export import export_files
from .model import Catalogue
from .workbook import workbook_bytes


def published_files(
    catalogue: Catalogue,
    schema_dir: Path,
    site_url: str = "/",
    *,
    built: datetime.date | None = None,
    operator: dict | None = None,
) -> dict[str, bytes]:
    """{path below the site's data folder: content} for every published file. `built`: the day of
    the build (SOURCE_DATE_EPOCH, from the commit), so that one commit gives the same bytes;
    `operator`: extra.operator (its name and e-mail address name the publisher)."""
    operator = operator or {}
    files = export_files(catalogue, schema_dir, site_url)
    files[WORKBOOK] = workbook_bytes(catalogue, site_url, built=built)
    files[DATAPACKAGE] = datapackage_json(
        catalogue,
        schema_dir,
        site_url=site_url,
        built=built,
        publisher=operator.get("name"),
        email=operator.get("email"),
    )
    files[CATALOGUE] = catalogue_turtle(
        catalogue,
        files,
        site_url=site_url,
        built=built,
        operator=operator,
        descriptions={d.name: {"de": d.about.de, "en": d.about.en} for d in downloads(catalogue)},
    )
    return files
