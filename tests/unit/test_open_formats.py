"""The open data in the formats that portals, tools, spreadsheets and feed readers take as they are:
datapackage.json (checked by `frictionless validate`), the DCAT-AP.de catalogue (parsed with rdflib),
the Excel workbook (read back with openpyxl), networks.json against its own schema, and the Atom
feeds of changes from git. All from the real data, so the checks grow with it."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import openpyxl
import pytest
import rdflib
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from citynet import feed
from citynet.columns import tables
from citynet.dcat import FILE_TYPES, LICENCE, STATE_KEY_NRW
from citynet.export import neutralised
from citynet.load import load_catalogue
from citynet.opendata import published_files
from citynet.project import Project
from citynet.workbook import HEADER_ROWS, SHEETS, cell_value, rows
from support import DATA, commit, edit, git_project

SITE = "https://staedtenetzwerke.example/"
BUILT = datetime.date(2026, 3, 1)
# Plain namespaces (rdflib's closed ones warn when pytest looks at the module's names).
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
DCATDE = rdflib.Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA)


@pytest.fixture(scope="module")
def files(catalogue):
    return published_files(catalogue, DATA / "schema", SITE, built=BUILT, operator={"name": None})


@pytest.fixture(scope="module")
def folder(files, tmp_path_factory):
    target = tmp_path_factory.mktemp("data")
    for name, content in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(content)
    return target


def _frictionless(folder: Path) -> dict:
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(completed.stdout)


def _csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


# -- datapackage.json --------------------------------------------------------------------------------


def test_frictionless_validates_the_package_and_it_describes_every_published_csv(files, folder):
    report = _frictionless(folder)
    assert report["valid"], json.dumps(report, indent=1)[:3000]
    package = json.loads(files["datapackage.json"])
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert sorted(r["path"] for r in package["resources"]) == sorted(n for n in files if n.endswith(".csv"))
    rows_checked = {task["name"]: task["stats"]["rows"] for task in report["tasks"]}
    for resource in package["resources"]:
        assert rows_checked[resource["name"]] == len(_csv(files[resource["path"]]))
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["created"] == "2026-03-01T00:00:00Z"
    assert package["sources"] and all(s["path"].startswith(("https://", "http://")) for s in package["sources"])
    assert package["contributors"][0]["roles"] == ["publisher"]


def test_the_package_has_keys_and_the_foreign_key_to_the_municipalities(files):
    schemas = {r["name"]: r["schema"] for r in json.loads(files["datapackage.json"])["resources"]}
    assert schemas["networks"]["primaryKey"] == ["id"]
    assert schemas["cities"]["primaryKey"] == ["id"]
    keys = {tuple(k["fields"]): k["reference"] for k in schemas["participations"]["foreignKeys"]}
    assert keys[("municipality",)] == {"resource": "cities", "fields": ["id"]}
    assert keys[("network",)] == {"resource": "networks", "fields": ["id"]}
    fields = {f["name"]: f for f in schemas["participations"]["fields"]}
    assert fields["membership"]["type"] == "boolean"
    assert "representation" in fields["kind"]["constraints"]["enum"]


def test_frictionless_finds_a_participation_of_an_unknown_municipality(files, tmp_path):
    """The check is real: a row that breaks the foreign key fails it."""
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    rows_ = _csv(files["participations.csv"])
    wrong = re.sub(
        rf"^{rows_[0]['network']},{rows_[0]['municipality']},",
        f"{rows_[0]['network']},nowhere-at-all,",
        files["participations.csv"].decode("utf-8-sig"),
        count=1,
        flags=re.M,
    )
    (tmp_path / "participations.csv").write_text(wrong, encoding="utf-8-sig", newline="")
    report = _frictionless(tmp_path)
    assert not report["valid"]
    errors = [e for task in report["tasks"] for e in task["errors"]]
    assert {e["type"] for e in errors} == {"foreign-key"}


# -- DCAT-AP.de ----------------------------------------------------------------------------------------


def test_the_dcat_catalogue_parses_and_holds_what_dcat_ap_de_requires(files):
    graph = rdflib.Graph().parse(data=files["catalog.ttl"].decode("utf-8"), format="turtle")
    catalogs = list(graph.subjects(RDF["type"], DCAT["Catalog"]))
    datasets = list(graph.subjects(RDF["type"], DCAT["Dataset"]))
    assert len(catalogs) == 1 and len(datasets) == 1
    catalog, dataset = catalogs[0], datasets[0]
    assert (catalog, DCAT["dataset"], dataset) in graph
    for subject in (catalog, dataset):
        assert {t.language for t in graph.objects(subject, DCTERMS["title"])} == {"de", "en"}
        assert {t.language for t in graph.objects(subject, DCTERMS["description"])} == {"de", "en"}
        publisher = graph.value(subject, DCTERMS["publisher"])
        assert (publisher, RDF["type"], FOAF["Agent"]) in graph and graph.value(publisher, FOAF["name"])
    assert graph.value(dataset, DCATDE["politicalGeocodingURI"]) == rdflib.URIRef(STATE_KEY_NRW)
    assert graph.value(dataset, DCATDE["politicalGeocodingLevelURI"]) is not None
    contact = graph.value(dataset, DCAT["contactPoint"])
    assert graph.value(contact, VCARD["fn"]) and graph.value(contact, VCARD["hasURL"])
    assert {k.language for k in graph.objects(dataset, DCAT["keyword"])} == {"de", "en"}

    published = {n for n in files if Path(n).suffix in FILE_TYPES}
    distributions = set(graph.objects(dataset, DCAT["distribution"]))
    assert len(distributions) == len(published)
    downloads = {}
    for distribution in distributions:
        assert (distribution, RDF["type"], DCAT["Distribution"]) in graph
        access = graph.value(distribution, DCAT["accessURL"])
        assert access is not None
        downloads[str(graph.value(distribution, DCAT["downloadURL"]))] = distribution
        assert graph.value(distribution, DCTERMS["license"]) == rdflib.URIRef(LICENCE)
        assert graph.value(distribution, DCATDE["licenseAttributionByText"])
        assert str(graph.value(distribution, DCTERMS["format"])).startswith(
            "http://publications.europa.eu/resource/authority/file-type/"
        )
        assert str(graph.value(distribution, DCAT["mediaType"])).startswith(
            "http://www.iana.org/assignments/media-types/"
        )
    assert set(downloads) == {f"{SITE}data/{name}" for name in published}
    size = graph.value(downloads[f"{SITE}data/networks.csv"], DCAT["byteSize"])
    assert int(size) == len(files["networks.csv"])


def test_the_catalogue_names_the_operator_once_known(catalogue):
    operator = {"name": "Beispiel e. V.", "email": "daten@example.org"}
    turtle = published_files(catalogue, DATA / "schema", SITE, built=BUILT, operator=operator)["catalog.ttl"]
    graph = rdflib.Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    dataset = next(graph.subjects(RDF["type"], DCAT["Dataset"]))
    assert str(graph.value(graph.value(dataset, DCTERMS["publisher"]), FOAF["name"])) == "Beispiel e. V."
    assert graph.value(graph.value(dataset, DCAT["contactPoint"]), VCARD["hasEmail"]) == rdflib.URIRef(
        "mailto:daten@example.org"
    )


# -- the workbook ----------------------------------------------------------------------------------------


def test_the_workbook_holds_the_rows_of_the_csv_files_with_headers_in_both_languages(catalogue, files):
    book = openpyxl.load_workbook(io.BytesIO(files["staedtenetzwerke.xlsx"]))
    source = rows(catalogue, SITE)
    for name, table in tables().items():
        sheet = book[SHEETS[name]]
        values = list(sheet.iter_rows(values_only=True))
        assert list(values[0]) == [c.title.de for c in table.columns]
        assert list(values[1]) == [c.title.en for c in table.columns]
        body = values[HEADER_ROWS:]
        csv_rows = _csv(files[table.file])
        assert len(body) == len(csv_rows) == len(source[name])
        for written, csv_row, row in zip(body, csv_rows, source[name], strict=True):
            assert [neutralised(row[c.name]) for c in table.columns] == [csv_row[c.name] for c in table.columns]
            assert [_read_back(v) for v in written] == [cell_value(c, row[c.name]) for c in table.columns]


def _read_back(value):
    """openpyxl reads a date cell as a datetime at midnight: the day it holds."""
    return value.date() if isinstance(value, datetime.datetime) else value


def test_the_workbook_keeps_dates_as_dates_and_text_as_text(files):
    book = openpyxl.load_workbook(io.BytesIO(files["staedtenetzwerke.xlsx"]))
    sheet = book[SHEETS["networks"]]
    column = [c.name for c in tables()["networks"].columns].index("last_reviewed") + 1
    reviewed = [sheet.cell(row=r, column=column) for r in range(HEADER_ROWS + 1, sheet.max_row + 1)]
    assert reviewed and all(cell.is_date and isinstance(cell.value, datetime.datetime) for cell in reviewed)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)  # no formula anywhere


def test_the_workbook_is_reproducible(catalogue, files):
    again = published_files(catalogue, DATA / "schema", SITE, built=BUILT)["staedtenetzwerke.xlsx"]
    assert again == files["staedtenetzwerke.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(again))
    assert book.properties.modified == datetime.datetime(2026, 3, 1)


def test_a_cell_that_looks_like_a_formula_stays_text(catalogue):
    from citynet.workbook import workbook

    book = workbook(catalogue)
    sheet = book[SHEETS["networks"]]
    sheet.cell(row=3, column=2).value = "=HYPERLINK(1)"
    sheet.cell(row=3, column=2).data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    assert openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))[SHEETS["networks"]].cell(3, 2).data_type == "s"


def test_the_csv_files_start_with_a_byte_order_mark_for_excel(files):
    for name in (n for n in files if n.endswith(".csv")):
        assert files[name].startswith(b"\xef\xbb\xbf"), name


# -- networks.json describes itself ----------------------------------------------------------------------


@pytest.mark.parametrize("site_url", [SITE, "/"])
def test_networks_json_names_schemas_that_resolve_from_where_it_is_published(catalogue, site_url):
    files = published_files(catalogue, DATA / "schema", site_url, built=BUILT)
    document = json.loads(files["networks.json"])
    here = urljoin(SITE, "data/networks.json")  # where the site publishes it
    for address in [document["$schema"], *document["format"].values()]:
        resolved = urljoin(here, address)
        assert resolved.startswith(f"{SITE}data/schema/"), address
        assert resolved.removeprefix(f"{SITE}data/") in files, address


def test_networks_json_is_valid_against_its_own_schema(files):
    schemas = {name: json.loads(content) for name, content in files.items() if name.startswith("schema/")}
    base = f"{SITE}data/"
    registry = Registry().with_resources(
        (base + name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    wrapper = dict(schemas["schema/networks-file.schema.json"], **{"$id": base + "schema/networks-file.schema.json"})
    Draft202012Validator.check_schema(wrapper)
    validator = Draft202012Validator(wrapper, registry=registry)
    document = json.loads(files["networks.json"])
    assert [e.message for e in validator.iter_errors(document)] == []
    document["networks"][next(iter(document["networks"]))]["status"] = "unknown"
    assert list(validator.iter_errors(document)), "a broken record inside is found through the $ref"


# -- the Atom feeds ----------------------------------------------------------------------------------------


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def check_atom(content: bytes, lang: str) -> list[ET.Element]:
    """The rules of RFC 4287 a feed reader relies on; returns the entries."""
    root = ET.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for element in (root, *root.findall(f"{ATOM}entry")):
        assert element.findtext(f"{ATOM}id", "").startswith("urn:uuid:")
        assert element.findtext(f"{ATOM}title", "").strip()
        assert RFC3339.match(element.findtext(f"{ATOM}updated", ""))
        assert element.find(f"{ATOM}link[@rel='alternate']") is not None
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert root.find(f"{ATOM}link[@rel='self']").get("type") == "application/atom+xml"
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    assert root.findtext(f"{ATOM}updated") == (updated[0] if updated else root.findtext(f"{ATOM}updated"))
    return entries


def test_outside_git_the_feed_has_one_entry_for_the_current_state(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    catalogue = load_catalogue(DATA)
    feeds = feed.feeds(Project.at(project), catalogue, site_url=SITE)
    assert sorted(feeds) == ["en/feed.xml", "feed.xml"]
    for path, lang in (("feed.xml", "de"), ("en/feed.xml", "en")):
        entries = check_atom(feeds[path], lang)
        assert len(entries) == 1
        newest = max(n.last_reviewed for n in catalogue.networks)
        assert entries[0].findtext(f"{ATOM}updated") == f"{newest.isoformat()}T00:00:00Z"
    assert f"{len(catalogue.networks)} Netzwerke" in feeds["feed.xml"].decode()


def test_each_commit_changing_a_record_is_an_entry_in_words_newest_first(tmp_path):
    project = git_project(tmp_path)
    edit(project, "data/networks/example.yml", "  - count: 40\n", "  - count: 45\n")
    commit(project, "more members")
    edit(project, "data/networks/example.yml", "  de: Beispielnetz\n", "  de: Beispielnetzwerk\n")
    commit(project, "renamed")
    catalogue = load_catalogue(project / "data")
    feeds = feed.feeds(Project.at(project), catalogue, site_url=SITE)
    de = check_atom(feeds["feed.xml"], "de")
    en = check_atom(feeds["en/feed.xml"], "en")
    assert len(de) == len(en) == 3  # two changes, and the first commit's state
    assert de[0].findtext(f"{ATOM}title") == "Beispielnetzwerk"
    assert "Kurzname" in de[0].findtext(f"{ATOM}summary")
    assert "Mitgliederzahl" in de[1].findtext(f"{ATOM}summary") and "45" in de[1].findtext(f"{ATOM}summary")
    assert "40" in de[1].findtext(f"{ATOM}summary")
    assert de[1].find(f"{ATOM}link").get("href") == f"{SITE}netzwerke/example/"
    assert en[1].find(f"{ATOM}link").get("href") == f"{SITE}en/netzwerke/example/"
    assert de[2].find(f"{ATOM}link").get("href") == f"{SITE}daten/"
    # The same commit gives the same feeds, from another process's point of view too.
    feed._history_cache.clear()
    assert feed.feeds(Project.at(project), catalogue, site_url=SITE) == feeds


def test_the_feed_keeps_the_last_fifty_entries(tmp_path, monkeypatch):
    project = git_project(tmp_path)
    for count in range(41, 44):
        edit(project, "data/networks/example.yml", f"  - count: {count - 1}\n", f"  - count: {count}\n")
        commit(project, f"{count} members")
    entries = feed.history(Project.at(project), load_catalogue(project / "data"), limit=2)
    assert len(entries) == 2
    assert "43" in " ".join(entries[0].lines["de"])


def test_text_from_the_data_is_escaped_in_the_feed():
    entry = feed.Entry(
        key="k",
        updated=datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC),
        title=feed.Text("<b>Netz</b> & Co", "<b>Net</b> & Co"),
        lines={"de": ("<script>alert(1)</script>",), "en": ("]]> & <",)},
        network="example",
    )
    for lang in ("de", "en"):
        root = ET.fromstring(feed.atom([entry], lang, site_url="/"))
        item = root.find(f"{ATOM}entry")
        assert item.findtext(f"{ATOM}title") == entry.title[lang]
        # The content is HTML, in which the line is text: escaped once for HTML, once more for XML.
        assert item.findtext(f"{ATOM}content") == f"<ul><li>{html.escape(entry.lines[lang][0])}</li></ul>"
        assert item.findtext(f"{ATOM}summary") == entry.lines[lang][0]
        assert item.find(f"{ATOM}link").get("href") == ("/" if lang == "de" else "/en/") + "netzwerke/example/"


def test_a_language_sitemap_keeps_the_entries_below_its_root():
    from citynet.sitemaps import language_sitemaps

    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "    <url>\n        <loc>https://x.example/</loc>\n    </url>\n"
        "    <url>\n        <loc>https://x.example/en/</loc>\n    </url>\n"
        "    <url>\n        <loc>https://x.example/netzwerke/en/</loc>\n    </url>\n"
        "    <url>\n        <loc>https://x.example/en/daten/</loc>\n    </url>\n"
        "</urlset>"
    )
    found = language_sitemaps(sitemap, "https://x.example/")
    assert list(found) == ["en/sitemap.xml"]
    root = ET.fromstring(found["en/sitemap.xml"])
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == ["https://x.example/en/", "https://x.example/en/daten/"]
    assert language_sitemaps("<urlset></urlset>", "https://x.example/") == {}
