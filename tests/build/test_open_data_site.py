"""The open data as the built site publishes it: `frictionless validate` of site/data/datapackage.json,
the DCAT catalogue with a distribution for every published file, the workbook with the rows of the
CSVs, the Atom feeds linked from every page's head, reproducible from the commit, and the data
page's schema.org Dataset."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
import rdflib

from support import EXAMPLE_RECORD, build, copy_project, edit, git

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)" title="([^"]+)">')


def _published(site: Path) -> dict[str, bytes]:
    data = site / "data"
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def test_frictionless_validates_the_published_package(site):
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", "--json", "datapackage.json"],
        cwd=site.site / "data",
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(completed.stdout)
    assert report["valid"], completed.stdout[:3000]
    package = json.loads((site.site / "data/datapackage.json").read_text("utf-8"))
    csv_files = sorted(name for name in _published(site.site) if name.endswith(".csv"))
    assert sorted(r["path"] for r in package["resources"]) == csv_files
    assert [task["valid"] for task in report["tasks"]] == [True] * len(csv_files)


def test_the_catalogue_has_a_distribution_with_access_url_for_every_published_file(site):
    graph = rdflib.Graph().parse(site.site / "data/catalog.ttl", format="turtle")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    rdf_type = rdflib.RDF.type
    [dataset] = graph.subjects(rdf_type, dcat["Dataset"])
    assert {t.language for t in graph.objects(dataset, dct["title"])} == {"de", "en"}
    accessed = {str(graph.value(d, dcat["accessURL"])) for d in graph.objects(dataset, dcat["distribution"])}
    site_url = "http://127.0.0.1:8000/"  # mkdocs.yml's default address, as the test build has it
    expected = {f"{site_url}data/{name}" for name in _published(site.site) if name != "catalog.ttl"}
    assert accessed == expected


def test_the_published_workbook_holds_the_rows_of_the_csvs(site):
    book = openpyxl.load_workbook(site.site / "data/staedtenetzwerke.xlsx")
    for sheet, name in zip(book.worksheets, ("networks.csv", "cities.csv", "participations.csv"), strict=False):
        text = (site.site / "data" / name).read_text("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        values = list(sheet.iter_rows(values_only=True))
        assert len(values) - 2 == len(rows) - 1, name  # two header rows (de, en) against one
        ids = [row[0] for row in rows[1:]]
        assert [row[0] for row in values[2:]] == ids


@pytest.mark.parametrize(("page", "feed"), [("index.html", "feed.xml"), ("en/index.html", "en/feed.xml")])
def test_the_start_pages_link_the_feed_of_their_language(site, page, feed):
    [(href, title)] = FEED_LINK.findall(site.html(page))
    assert (site.site / page).parent.joinpath(href).resolve() == (site.site / feed).resolve()
    root = ET.fromstring((site.site / feed).read_bytes())
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == ("en" if page.startswith("en/") else "de")
    assert len(root.findall(f"{ATOM}entry")) >= 1
    assert title


def test_every_page_links_the_feed_in_its_language(site):
    for page in site.pages():
        found = FEED_LINK.findall(site.html(page))
        assert len(found) == 1, page
        feed = "en/feed.xml" if page.startswith("en/") else "feed.xml"
        href = found[0][0]
        # A 404 page is served at any address, so its links start at the site's root.
        base = site.site if href.startswith("/") else (site.site / page).parent
        assert base.joinpath(href.lstrip("/")).resolve() == (site.site / feed).resolve(), page


def test_the_data_page_describes_the_dataset_for_search_engines(site):
    for page, lang in (("daten/index.html", "de"), ("en/daten/index.html", "en")):
        html = site.html(page)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        [dataset] = [json.loads(b) for b in blocks if '"Dataset"' in b]
        assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert {d["name"] for d in dataset["distribution"]} == set(_published(site.site))
        assert lang in dataset["inLanguage"]
        # Every CSV's columns are explained on the page.
        for name in ("networks.csv", "cities.csv", "participations.csv"):
            header = (site.site / "data" / name).read_text("utf-8-sig").splitlines()[0].split(",")
            for column in header:
                assert f"<code>{column}</code>" in html, (page, column)


@pytest.fixture(scope="module")
def history_builds(tmp_path_factory):
    """The project in git: a snapshot, then a record added, then its member figure changed;
    built twice from the last commit."""
    project = copy_project(tmp_path_factory.mktemp("feed") / "project")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "snapshot")
    shutil.copy(EXAMPLE_RECORD, project / "data/networks/example.yml")
    git(project, "add", ".")
    git(project, "commit", "-qm", "a record added", date="2024-03-06T09:30:00+00:00")
    edit(project, "data/networks/example.yml", "  - count: 40\n", "  - count: 45\n")
    git(project, "commit", "-qam", "more members", date="2024-03-07T08:00:00+00:00")
    env = {"SOURCE_DATE_EPOCH": ""}
    first = build(project, site=project / "site-1", extra_env=env)
    second = build(project, site=project / "site-2", extra_env=env)
    assert first.returncode == 0, first.output
    assert second.returncode == 0, second.output
    return first, second


def test_two_builds_of_one_commit_give_the_same_feeds(history_builds):
    first, second = history_builds
    for feed in ("feed.xml", "en/feed.xml"):
        assert (first.site / feed).read_bytes() == (second.site / feed).read_bytes()
    root = ET.fromstring((first.site / "feed.xml").read_bytes())
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries][:2] == ["2024-03-07T08:00:00Z", "2024-03-06T09:30:00Z"]
    assert root.findtext(f"{ATOM}updated") == "2024-03-07T08:00:00Z"
    summary = entries[0].findtext(f"{ATOM}summary")
    assert "Mitgliederzahl" in summary and "40" in summary and "45" in summary
    assert entries[1].findtext(f"{ATOM}title") == "Beispielnetz (neu)"
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/netzwerke/example/")
    english = ET.fromstring((first.site / "en/feed.xml").read_bytes()).findall(f"{ATOM}entry")
    assert english[1].findtext(f"{ATOM}title") == "Example Network (new)"


def test_the_english_root_has_a_sitemap_of_the_english_pages(site):
    """The theme fetches sitemap.xml beside every <link rel="alternate">, so beside /en/feed.xml too."""
    text = (site.site / "en/sitemap.xml").read_text("utf-8")
    ET.fromstring(text)
    locs = re.findall(r"<loc>([^<]*)</loc>", text)
    # Every English page but the 404 page, which no search engine should list.
    english = [p for p in site.pages() if p.startswith("en/") and p != "en/404.html"]
    assert len(locs) == len(english)
    assert all(loc.startswith("http://127.0.0.1:8000/en/") for loc in locs)
