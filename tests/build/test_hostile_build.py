"""Record text reaches the built site only as text, and bad data never reaches it at all.

One copied project is built with tests/fixtures/hostile/hostile-text.yml, a valid record whose
free texts hold markup, javascript: links, attribute lists and blank lines, and whose one-line
fields hold what they may (entities, Markdown link syntax, quotes). Every file of the built
site is then searched for live markup from the record. Afterwards every invalid fixture is
added: the build must refuse them all in one run and leave that site untouched.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from citynet.yamlio import read_yaml
from invalid_reports import EXPECTED, FILESYSTEM, INVALID, LIMITS, make_data
from support import FIXTURES, GEO, build, copy_project

HOSTILE = FIXTURES / "hostile" / "hostile-text.yml"
UNICODE = FIXTURES / "hostile" / "hostile-unicode.yml"  # valid: scripts, emoji, formula-like starts
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
        self.cards: dict[str, str] = {}  # Open Graph and Twitter card tags
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
        if tag == "meta" and (dict(attrs).get("property") or dict(attrs).get("name") or "").startswith(
            ("og:", "twitter:")
        ):
            self.cards[dict(attrs).get("property") or dict(attrs).get("name")] = dict(attrs).get("content")
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
        if current == "title" and "head" in self.stack:  # not the <title> of a map's SVG
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
    shutil.copy(UNICODE, project / "data/networks/hostile-unicode.yml")
    shutil.copy(INVALID / "networks/url-http.yml", project / "data/networks/url-http.yml")
    shutil.copy(INVALID / "networks/missing-schema-line.yml", project / "data/networks/missing-schema-line.yml")
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
        elif path.name == "feed.xml":
            # The Atom feed names the records: its elements are Atom's alone, its titles and summaries
            # plain text (a feed reader shows them as text), its content HTML without live markup.
            root = ET.fromstring(content)
            assert {e.tag.split("}")[0] for e in root.iter()} == {"{http://www.w3.org/2005/Atom"}, path
            entries = root.findall("{http://www.w3.org/2005/Atom}entry")
            assert any("alert(" in e.findtext("{http://www.w3.org/2005/Atom}summary") for e in entries)
            for entry in entries:
                assert scan(entry.findtext("{http://www.w3.org/2005/Atom}content")).live == [], path
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
        # The link card (Open Graph, Twitter): the same text, escaped once, in the page's language.
        summary = " ".join(record["summary"][lang].split())
        assert seen.cards["og:title"] == seen.cards["twitter:title"] == short_name
        assert seen.cards["og:description"] == seen.cards["twitter:description"] == summary
        assert seen.cards["og:locale"] == {"de": "de_DE", "en": "en_GB"}[lang]
        assert seen.cards["og:url"].endswith(page.removesuffix("index.html"))
        # Navigation: the entry of this page carries the short name as its text.
        assert short_name in [text for href, text in seen.links if href in ("./", ".")], seen.links
        text = " ".join(" ".join(seen.text).split())
        assert " ".join(record["name"][lang].split()) in text
        assert " ".join(record["sources"][0]["title"].split()) in text
    de = " ".join(" ".join(scan(result.html(PAGES["de"])).text).split())
    for visible in [
        "<script>alert('description')</script>",
        "[Markdown-Link](javascript:alert('description-link'))",
        "{: onclick=\"alert('description-attr')\" }",
        "[klick](javascript:alert('status-link'))",
        "[x](javascript:alert('summary-link'))",
        "<script>alert('relation')</script>",
        "<svg onload=alert('representative')>",
        "<iframe src=\"javascript:alert('seat')\"></iframe>",
        # how to join, the relation and the representation (issue 12)
        "<button formaction=\"javascript:alert('fee')\">Beitrag</button>",
        "<a href=\"javascript:alert('route')\">Weg</a>",
        "<details open ontoggle=alert('commitments')>",
        "<script>alert('link')</script> [x](javascript:alert('link-md'))",
        "<script>alert('representation')</script>",
        "Max Mustermann [x](javascript:alert(1)) &lt;script&gt;",
    ]:
        assert visible in de
    en = " ".join(" ".join(scan(result.html(PAGES["en"])).text).split())
    assert "<img src=x onerror=alert('description-img')>" in en
    assert "{{ config.site_name }} {% raw %} ${alert('template')}" in en
    assert "</dd></dl><script>alert('step-en')</script>" in en
    assert "<object data=\"javascript:alert('route-en')\"></object>" in en


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


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def test_every_output_is_utf8_json_strict_and_no_csv_cell_a_formula(hostile_site):
    """What the data page promises: JSON that JSON.parse reads (no NaN), UTF-8 everywhere, and no
    CSV cell that a spreadsheet would run."""
    _, result = hostile_site
    for path in result.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".txt", ".js", ".css", ".svg"):
            text = path.read_bytes().decode("utf-8")  # raises for anything that is not UTF-8
            if path.suffix == ".json":
                json.loads(text, parse_constant=_refuse_constant)
    cells = []
    for name in ("networks.csv", "cities.csv", "participations.csv"):
        with (result.site / "data" / name).open(encoding="utf-8", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r")) and not re.fullmatch(r"-[0-9.]+", c)]
    assert '\'=HYPERLINK("https://evil.example/","&lt;b&gt;FN&lt;/b&gt;")' in cells
    assert any(c.startswith("'+cmd|") for c in cells)
    assert "'=SUM(1+1) Sitz &lt;b&gt;" in cells  # a participation's role, in participations.csv
    assert {"'=1+1", "'@Unicode-Netz \U0001f30d", "'+Unicode \u05e9\u05dc\u05d5\u05dd"} <= set(cells)
    # The characters the record holds come out as themselves in its pages.
    unicode = read_yaml(UNICODE, "hostile-unicode.yml").data
    page = result.html("netzwerke/hostile-unicode/index.html")
    for text in (unicode["name"]["de"], unicode["short_name"]["de"], unicode["abbreviation"]["en"]):
        assert text in page


def test_http_source_warns_without_failing_the_strict_build(hostile_site):
    _, result = hostile_site
    warning = next(line for line in EXPECTED["networks/url-http.yml"] if ": warning: " in line)
    assert f"WARNING -  {warning}" in result.output.splitlines()
    assert "netzwerke/url-http/index.html" in result.pages()


def test_a_record_without_the_schema_comment_warns_and_builds(hostile_site):
    """Issue 17: the `# yaml-language-server: $schema=...` line helps editors, it is not data. A record
    without it (as any YAML tool writes one) is built, with validate's warning in the strict build."""
    _, result = hostile_site
    warning = next(line for line in EXPECTED["networks/missing-schema-line.yml"] if ": warning: " in line)
    assert f"WARNING -  {warning}" in result.output.splitlines()
    assert "netzwerke/missing-schema-line/index.html" in result.pages()
    assert "en/netzwerke/missing-schema-line/index.html" in result.pages()


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


# The cases that replace a whole registry, or that the file system or the limits make: each in a
# project of its own, whose data is what test_invalid_data checks (the example record beside it).
SEPARATE = [name for name in sorted(EXPECTED) if not name.startswith("networks/")]
SEPARATE += [f"filesystem: {case}" for case in sorted(FILESYSTEM)] + [f"limits: {case}" for case in sorted(LIMITS)]


@pytest.fixture(scope="module")
def bare_project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("separate") / "project")


@pytest.mark.parametrize("case", SEPARATE)
def test_the_build_refuses_each_case_with_the_report_of_validate(bare_project, case):
    shutil.rmtree(bare_project / "data")
    if case in EXPECTED:
        data, expected = make_data(bare_project, case), EXPECTED[case]
    else:
        kind, name = case.split(": ", 1)
        make, expected = (FILESYSTEM if kind == "filesystem" else LIMITS)[name]
        data = make_data(bare_project)
        make(data)
        total = sum(
            p.stat().st_size for p in [data / "cities.yml", data / "topics.yml", *(data / "networks").iterdir()]
        )
        expected = [line.replace("{total}", f"{total:,}") for line in expected]
    if not (data / "geo").exists() and not (data / "geo").is_symlink():
        shutil.copytree(GEO, data / "geo")
    refused = build(bare_project)
    assert refused.returncode == 1
    assert "Traceback" not in refused.output
    lines = refused.output.splitlines()
    start = lines.index(expected[0]) if expected[0] in lines else -1
    assert lines[start : start + len(expected)] == expected, refused.output
