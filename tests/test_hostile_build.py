"""Record text reaches the built site only as text, and bad data never reaches it at all.

One copied project is built with tests/fixtures/hostile/hostile-text.yml, a valid record whose
free texts hold markup, javascript: links, attribute lists and blank lines, and whose one-line
fields hold what they may (entities, Markdown link syntax, quotes). Every file of the built
site is then searched for live markup from the record. Afterwards every invalid fixture is
added: the build must refuse them all in one run and leave that site untouched.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from citynet.yamlio import read_yaml
from conftest import build, copy_project
from test_invalid_data import EXPECTED, INVALID

HOSTILE = Path(__file__).with_name("fixtures") / "hostile" / "hostile-text.yml"
SITE_NAMES = {"de": "Städtenetzwerke", "en": "City Networks"}
PAGES = {"de": "netzwerke/hostile-text/index.html", "en": "en/netzwerke/hostile-text/index.html"}
# Reports that depend on today's date (a date "in the future") are left to test_invalid_data,
# which fixes the day; the build checks against the real today.
DATE_DEPENDENT = {"networks/future-date.yml", "networks/several-problems.yml"}


class _Scan(HTMLParser):
    """Collects everything that would be live in a browser, and the text as a reader sees it."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._script_type = None
        self.live: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.title = ""
        self.meta_description = None
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._link = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in self.URL_ATTRIBUTES and value and re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                self.live.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "math", "base", "textarea"):
            self.live.append(f"<{tag}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.live.append("<img src=x>")
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.meta_description = dict(attrs).get("content")
        if tag == "a":
            self._link = [dict(attrs).get("href"), ""]
        if tag == "script":
            self._script_type = dict(attrs).get("type")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        current = self.stack[-1] if self.stack else ""
        if current == "script" and self._script_type == "application/ld+json":
            # Record text is expected in JSON-LD, but only as JSON string values that cannot
            # end the element: it must parse, and hold no < at all.
            json.loads(data)
            if "<" in data:
                self.live.append(f"<script ld+json>{data.strip()[:60]}")
        elif current == "script" and ("alert" in data or "display:none" in data):
            self.live.append(f"<script>{data.strip()[:60]}")
        if current == "style" and "display:none" in data:
            self.live.append(f"<style>{data.strip()[:60]}")
        if current == "title":
            self.title += data
        if self._link is not None:
            self._link[1] += data
        self.text.append(data)


def scan(html: str) -> _Scan:
    parser = _Scan()
    parser.feed(html)
    parser.close()
    return parser


def _record():
    return read_yaml(HOSTILE, "hostile-text.yml").data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    shutil.copy(HOSTILE, project / "data/networks/hostile-text.yml")
    shutil.copy(INVALID / "networks/url-http.yml", project / "data/networks/url-http.yml")
    result = build(project)
    assert result.returncode == 0, result.output
    return project, result


def test_no_built_file_holds_live_markup_from_a_record(hostile_site):
    _, result = hostile_site
    files = [p for p in result.site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt")]
    assert result.site / "search/search_index.json" in files and result.site / "sitemap.xml" in files
    checked = 0
    for path in files:
        content = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            assert scan(content).live == [], path
        elif path.suffix == ".json":
            # The search index holds HTML fragments that Material's search puts into the page.
            for document in json.loads(content).get("docs", []):
                for key in ("title", "text"):
                    assert scan(document[key]).live == [], (path, document["location"], key)
        else:
            assert "alert" not in content and "<script" not in content, path
        checked += 1
    assert checked >= len(result.pages())


def test_record_text_is_shown_as_text_in_body_title_description_and_navigation(hostile_site):
    _, result = hostile_site
    record = _record()
    for lang, page in PAGES.items():
        seen = scan(result.html(page))
        short_name = record["short_name"][lang]
        # <title>: the short name exactly as written, entities and all (Material prints it raw,
        # so the renderer escapes it once; a browser shows the text, nothing is un-escaped).
        assert seen.title == f"{short_name} - {SITE_NAMES[lang]}"
        assert seen.meta_description == " ".join(record["summary"][lang].split())
        # Navigation: the entry of this page carries the short name as its text.
        assert (short_name in [text for href, text in seen.links if href in ("./", ".")]), seen.links
        text = " ".join(" ".join(seen.text).split())
        assert " ".join(record["name"][lang].split()) in text
        assert " ".join(record["sources"][0]["title"].split()) in text
    de = " ".join(" ".join(scan(result.html(PAGES["de"])).text).split())
    for visible in [
        "<script>alert('description')</script>",
        "[Markdown-Link](javascript:alert('description-link'))",
        '{: onclick="alert(\'description-attr\')" }',
        "[klick](javascript:alert('status-link'))",
        "[x](javascript:alert('summary-link'))",
        "<script>alert('relation')</script>",
        "<svg onload=alert('representative')>",
        "<iframe src=\"javascript:alert('seat')\"></iframe>",
    ]:
        assert visible in de
    en = " ".join(" ".join(scan(result.html(PAGES["en"])).text).split())
    assert "<img src=x onerror=alert('description-img')>" in en
    assert "{{ config.site_name }} {% raw %} ${alert('template')}" in en


def test_overview_and_other_pages_show_the_names_as_text(hostile_site):
    _, result = hostile_site
    record = _record()
    for lang, overview in (("de", "netzwerke/index.html"), ("en", "en/netzwerke/index.html")):
        links = scan(result.html(overview)).links
        assert ("hostile-text/", record["short_name"][lang]) in links
    # The navigation of another network's page names the hostile network as text too.
    links = scan(result.html("netzwerke/uclg/index.html")).links
    assert ("../hostile-text/", record["short_name"]["de"]) in links


def test_search_index_keeps_record_text_escaped(hostile_site):
    _, result = hostile_site
    index = json.loads((result.site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = [d["text"] for d in index["docs"] if d["location"].startswith("netzwerke/hostile-text/")]
    assert texts and any("&lt;script&gt;alert('description')&lt;/script&gt;" in t for t in texts)


def test_http_source_warns_without_failing_the_strict_build(hostile_site):
    _, result = hostile_site
    warning = next(line for line in EXPECTED["networks/url-http.yml"] if ": warning: " in line)
    assert f"WARNING -  {warning}" in result.output.splitlines()
    assert "netzwerke/url-http/index.html" in result.pages()


def test_build_refuses_every_invalid_fixture_in_one_run_and_keeps_the_site(hostile_site):
    project, result = hostile_site
    before = {p: p.read_bytes() for p in result.site.rglob("*") if p.is_file()}
    # The fixtures' reports assume the example record beside them (same id, same name).
    shutil.copy(INVALID.parent / "valid/example.yml", project / "data/networks/example.yml")
    for name in EXPECTED:
        kind, file_name = name.split("/")
        if kind == "networks":
            shutil.copy(INVALID / name, project / "data/networks" / file_name)
    refused = build(project)
    assert refused.returncode == 1
    assert "Traceback" not in refused.output
    lines = refused.output.splitlines()
    for name, expected in EXPECTED.items():
        if name.startswith("networks/") and name not in DATE_DEPENDENT:
            for line in expected:
                if line.startswith("data/"):
                    assert line in lines, line
    assert any(line.startswith("data/networks/future-date.yml:") for line in lines)
    after = {p: p.read_bytes() for p in result.site.rglob("*") if p.is_file()}
    assert after == before


def test_record_text_never_starts_a_markdown_line(tmp_path):
    """Each piece of record text sits on the line of the HTML element around it: no blank line
    inside a text can end that HTML block and let Markdown read the rest (CommonMark rule)."""
    from citynet.load import load_catalogue
    from citynet.render import render_pages
    from conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copy(HOSTILE, data / "networks/hostile-text.yml")
    pages = render_pages(load_catalogue(data))
    for name in ("netzwerke/hostile-text.md", "netzwerke/hostile-text.en.md"):
        body = pages[name].split("\n---\n", 1)[1]
        stray = [line for line in body.splitlines() if "alert" in line and not line.startswith("<")]
        assert stray == [], name
