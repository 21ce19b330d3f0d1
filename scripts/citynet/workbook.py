"""staedtenetzwerke.xlsx: the three tables of the CSV files as sheets of one Excel workbook.

The same rows and columns as networks.csv, cities.csv and participations.csv (citynet/export.py),
each sheet with two header rows, German and English (citynet/columns.yml), under a frozen pane.
Cells are typed: numbers as numbers, full dates (YYYY-MM-DD) as dates, yes/no as true/false; a
partial date (a year, a month) stays text, as the sources give no day. Every text is stored as
text, so that no cell becomes a formula. A last sheet says what each column holds.

Reproducible: the workbook's own dates are the day of the build (from the commit), and every part
of the zip archive carries that day, so one commit gives the same bytes. openpyxl writes it.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from . import layout
from .columns import Column, tables
from .export import city_rows, network_rows, participation_rows
from .model import Catalogue

# Sheet names: at most 31 characters, none of : \ / ? * [ ].
SHEETS = {
    "networks": "Netzwerke - Networks",
    "cities": "Kommunen - Municipalities",
    "participations": "Beteiligungen - Participation",
}
ABOUT_SHEET = "Spalten - Columns"
HEADER_ROWS = 2  # German, then English
# Excel keeps no time zone; the zip format counts from 1980.
EPOCH = datetime.datetime(1980, 1, 1)


def rows(catalogue: Catalogue, site_url: str = "/") -> dict[str, list[dict[str, str]]]:
    """The rows of each table, as the CSV files hold them (before formula neutralising)."""
    return {
        "networks": network_rows(catalogue, site_url),
        "cities": city_rows(catalogue, site_url),
        "participations": participation_rows(catalogue),
    }


def cell_value(column: Column, text: str):
    """What a CSV cell becomes in the workbook: None for an empty cell, else typed by the column."""
    if text == "":
        return None
    if column.type == "integer":
        return int(text)
    if column.type == "number":
        return float(text)
    if column.type == "yes-no":
        return text == "yes"
    if column.type in ("date", "partial-date", "partial-date-or-undated") and len(text) == 10:
        return datetime.date.fromisoformat(text)
    return text


def workbook(catalogue: Catalogue, site_url: str = "/", *, built: datetime.date | None = None) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    data = rows(catalogue, site_url)
    for name, table in tables().items():
        sheet = book.create_sheet(SHEETS[name])
        for index, lang in enumerate(layout.LANGUAGE_CODES, start=1):
            for number, column in enumerate(table.columns, start=1):
                cell = sheet.cell(row=index, column=number, value=column.title[lang])
                cell.font = bold
        for row_number, row in enumerate(data[name], start=HEADER_ROWS + 1):
            for number, column in enumerate(table.columns, start=1):
                value = cell_value(column, row[column.name])
                cell = sheet.cell(row=row_number, column=number, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, even if it starts with "=": never a formula
                elif isinstance(value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = sheet.cell(row=HEADER_ROWS + 1, column=1)
        for number, column in enumerate(table.columns, start=1):
            width = max(len(column.title.de), len(column.title.en), 8)
            sheet.column_dimensions[sheet.cell(row=1, column=number).column_letter].width = min(width + 2, 60)
    about = book.create_sheet(ABOUT_SHEET)
    about.append(["Tabelle / Table", "Spalte / Column", "Spalte", "Column", "Inhalt", "Content"])
    for cell in about[1]:
        cell.font = bold
    for name, table in tables().items():
        for column in table.columns:
            about.append(
                [SHEETS[name], column.name, column.title.de, column.title.en, column.about.de, column.about.en]
            )
    for row in about.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"
    stamp = datetime.datetime.combine(built or EPOCH.date(), datetime.time())
    book.properties.creator = "citynet"
    book.properties.title = "Städtenetzwerke – offene Daten / City Networks – open data"
    book.properties.created = stamp
    book.properties.modified = stamp
    return book


def workbook_bytes(catalogue: Catalogue, site_url: str = "/", *, built: datetime.date | None = None) -> bytes:
    """The workbook as an .xlsx file, the same bytes for the same data and day."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter rather than openpyxl's save_workbook, which stamps the clock's time into the file.
        ExcelWriter(workbook(catalogue, site_url, built=built), archive).save()
    return _fixed_times(buffer.getvalue(), built)


def _fixed_times(content: bytes, built: datetime.date | None) -> bytes:
    """The same archive with every member dated `built` (the zip format keeps local times)."""
    when = (built or EPOCH.date()).timetuple()[:3] + (0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return buffer.getvalue()
