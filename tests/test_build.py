"""Strict builds of the real site: pages, languages, key facts, edit links, data errors."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest

from conftest import TEST_EDIT_URI, build, copy_project

NETWORKS = ["cdia", "global-compact-cities", "metropolis", "tcn", "uclg"]
CITIES = ["barcelona", "berlin", "den-haag", "duesseldorf", "essen", "heidelberg", "jena", "koeln",
          "leipzig", "melbourne", "paris", "washington"]

# Every page of both languages; a new page (or a lost one) must show up here.
EXPECTED_PAGES = sorted(
    ["404.html", "index.html", "ueber-uns/index.html", "mitmachen/index.html", "netzwerke/index.html"]
    + [f"netzwerke/{n}/index.html" for n in NETWORKS]
    + ["en/index.html", "en/ueber-uns/index.html", "en/mitmachen/index.html", "en/netzwerke/index.html"]
    + [f"en/netzwerke/{n}/index.html" for n in NETWORKS]
    + ["staedte/index.html", "en/staedte/index.html", "daten/index.html", "en/daten/index.html"]
    + [f"staedte/{c}/index.html" for c in CITIES]
    + [f"en/staedte/{c}/index.html" for c in CITIES]
    + [f"{lang}{page}/index.html" for lang in ("", "en/") for page in ("impressum", "datenschutz", "barrierefreiheit")]
)


class _Head(HTMLParser):
    """Collects what the tests look at: lang, title, alternates, the language switcher, the edit link."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.alternates = {}
        self.switcher = {}
        self.edit = None
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "title":
            self.in_title = True
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and "md-select__link" in (a.get("class") or "") and "hreflang" in a:
            self.switcher[a["hreflang"]] = a["href"]
        if tag == "a" and "md-content__button" in (a.get("class") or ""):
            self.edit = a.get("href")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def head(site, path) -> _Head:
    parser = _Head()
    parser.feed(site.html(path))
    return parser


def resolve(page: str, href: str) -> str:
    """The site path a relative link on `page` points to."""
    parts = [] if href.startswith("/") else page.split("/")[:-1]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in (".", ""):
            parts.append(piece)
    return "/".join(parts + ["index.html"])


def test_strict_build_has_exactly_the_expected_pages(site):
    assert site.pages() == EXPECTED_PAGES


def test_no_generated_markdown_is_written_to_docs(site):
    from conftest import ROOT

    assert not (ROOT / "docs" / "netzwerke").exists()


@pytest.mark.parametrize("page", [p for p in EXPECTED_PAGES if p != "404.html"])
def test_language_switcher_and_hreflang_lead_to_the_counterpart(site, page):
    german = page.removeprefix("en/")
    english = "en/" + german
    info = head(site, page)
    assert info.lang == ("en" if page.startswith("en/") else "de")
    for links in (info.alternates, info.switcher):
        assert set(links) == {"de", "en"}
        assert resolve(page, links["de"]) == german
        assert resolve(page, links["en"]) == english


def test_sitemap_pairs_every_page_with_its_translation(site):
    sitemap = (site.site / "sitemap.xml").read_text(encoding="utf-8")
    for page in EXPECTED_PAGES:
        if page.startswith("en/") or page == "404.html":
            continue
        url = "http://127.0.0.1:8000/" + page.removesuffix("index.html")
        en_url = "http://127.0.0.1:8000/en/" + page.removesuffix("index.html")
        block = re.search(r"<url>\s*<loc>" + re.escape(url) + r"</loc>.*?</url>", sitemap, re.S)
        assert block, f"{url} missing from sitemap.xml"
        assert f'hreflang="de" href="{url}"' in block.group(0)
        assert f'hreflang="en" href="{en_url}"' in block.group(0)


KEY_FACTS = {
    # network: (German facts, English facts) that the key-facts box must show
    "metropolis": (["Gegründet", "1985", "mehr als 150 Mitglieder", "Stand: Juni 2023", "Barcelona (Spanien)", "weltweit"],
                   ["Founded", "1985", "more than 150 members", "As of: June 2023", "Barcelona (Spain)", "global"]),
    "uclg": (["5. Mai 2004", "mehr als 240.000", "Stand: ohne Datum"],
             ["5 May 2004", "more than 240,000", "As of: undated"]),
    "global-compact-cities": (["eingestellt", "15. Februar 2021", "Dieses Netzwerk besteht nicht mehr"],
                              ["closed", "15 February 2021", "This network no longer exists"]),
    "tcn": (["ruhend", "Dieses Netzwerk ist vermutlich ruhend", "25 Städte", "September 2008"],
            ["dormant", "This network is probably dormant", "25 cities", "September 2008"]),
    "cdia": (["2020", "mehr als 80 Städte", "Düsseldorf"], ["2020", "more than 80 cities", "Düsseldorf"]),
}


def _text(html: str) -> str:
    main = html.split('<article', 1)[1].split("</article>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("&nbsp;", " ").split())


@pytest.mark.parametrize("network", NETWORKS)
def test_network_page_shows_key_facts_in_its_language(site, network):
    german_facts, english_facts = KEY_FACTS[network]
    german = _text(site.html(f"netzwerke/{network}/index.html"))
    english = _text(site.html(f"en/netzwerke/{network}/index.html"))
    for fact in german_facts:
        assert fact in german
    for fact in english_facts:
        assert fact in english
    # The interface words of the other language do not leak in.
    for word in ("Eckdaten", "Quellen", "Zuletzt geprüft", "Gegründet"):
        assert word not in english
    for word in ("Key facts", "Sources", "Last reviewed", "Founded"):
        assert word not in german


def test_every_network_page_has_dated_sourced_facts_and_review_date(site):
    for network in NETWORKS:
        for prefix, reviewed, as_of in (("", "Zuletzt geprüft", "Stand"), ("en/", "Last reviewed", "As of")):
            text = _text(site.html(f"{prefix}netzwerke/{network}/index.html"))
            assert reviewed in text
            assert as_of in text
            assert re.search(r"\[1\]", text), "facts carry citations"


def test_edit_button_points_at_the_yaml_record(site):
    for network in NETWORKS:
        for prefix in ("", "en/"):
            assert head(site, f"{prefix}netzwerke/{network}/index.html").edit == (
                TEST_EDIT_URI.removesuffix("docs/") + f"data/networks/{network}.yml"
            )
    assert head(site, "ueber-uns/index.html").edit == TEST_EDIT_URI + "ueber-uns.md"
    assert head(site, "en/ueber-uns/index.html").edit == TEST_EDIT_URI + "ueber-uns.en.md"
    assert head(site, "netzwerke/index.html").edit is None


def test_overview_compares_all_networks(site):
    for prefix, header, nrw in (("", "Städte in NRW", "Köln"), ("en/", "Cities in NRW", "Cologne")):
        html = site.html(f"{prefix}netzwerke/index.html")
        assert header in html
        for network in NETWORKS:
            assert f'href="{network}/"' in html
        assert nrw in html


def test_navigation_lists_every_network_and_city_while_sections_are_small(site):
    """With the real data (5 networks, 12 cities) each section lists its records in the sidebar;
    tests/test_flat_cost.py covers a section too large to list (hooks.SIDEBAR_RECORDS_MAX)."""
    for prefix in ("", "en/"):
        nav = _primary_nav(site.html(f"{prefix}netzwerke/uclg/index.html"))
        for network in NETWORKS:
            assert f'href="../{network}/"' in nav or 'href="./"' in nav, (prefix, network)
        nav = _primary_nav(site.html(f"{prefix}staedte/koeln/index.html"))
        for city in CITIES:
            assert f'href="../{city}/"' in nav or 'href="./"' in nav, (prefix, city)


def _primary_nav(html: str) -> str:
    return html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]


def test_titles_are_the_networks_names(site):
    assert head(site, "netzwerke/uclg/index.html").title == "UCLG - Städtenetzwerke"
    assert head(site, "en/netzwerke/uclg/index.html").title == "UCLG - City Networks"


def test_copied_record_becomes_a_new_network_in_both_languages(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(project / "data/networks/cdia.yml", project / "data/networks/cdia-copy.yml")
    result = build(project)
    assert result.returncode == 0, result.output
    pages = result.pages()
    assert "netzwerke/cdia-copy/index.html" in pages
    assert "en/netzwerke/cdia-copy/index.html" in pages
    assert 'href="cdia-copy/"' in result.html("netzwerke/index.html")
    assert 'href="cdia-copy/"' in result.html("en/netzwerke/index.html")
    assert "../cdia-copy/" in result.html("en/netzwerke/uclg/index.html")  # in the navigation
    # One index per language, locations relative to the language root (scripts/search_hook.py).
    german_search = (result.site / "search/search_index.json").read_text(encoding="utf-8")
    english_search = (result.site / "en/search/search_index.json").read_text(encoding="utf-8")
    assert '"netzwerke/cdia-copy/"' in german_search and '"netzwerke/cdia-copy/"' in english_search


def test_invalid_record_stops_the_build_and_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project")
    good = build(project)
    assert good.returncode == 0, good.output
    before = {p: (good.site / p).read_bytes() for p in good.pages()}

    record = project / "data/networks/uclg.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("scope: global", "scope: galactic\nwebsit: x"), encoding="utf-8")
    bad = build(project)
    assert bad.returncode == 1
    assert "Traceback" not in bad.output
    assert "data/networks/uclg.yml:" in bad.output
    assert re.search(r"data/networks/uclg\.yml:\d+:\d+: scope: 'galactic' is not allowed here", bad.output)
    assert re.search(r"data/networks/uclg\.yml:\d+:\d+: websit: unknown field\. Did you mean `website`\?", bad.output)
    after = {p: (good.site / p).read_bytes() for p in good.pages()}
    assert after == before


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    record = project / "data/networks/cdia.yml"
    text = record.read_text(encoding="utf-8")
    line = text.splitlines().index("scope: transatlantic") + 1
    record.write_text(text.replace("scope: transatlantic", "scope: [transatlantic"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert re.search(rf"data/networks/cdia\.yml:{line}:\d+: YAML syntax error: the bracket \[ that starts here is not closed", result.output), result.output


def test_the_404_page_speaks_both_languages_and_leads_to_both_start_pages(site):
    """Servers answer any missing address, in either language, with the one /404.html."""
    html = site.html("404.html")
    assert '<h1><span lang="de">Seite nicht gefunden</span> · <span lang="en">Page not found</span></h1>' in html
    assert re.search(r'<p lang="en">There is no page at this address\. [^<]*<a href="/en/" hreflang="en">Go to the home page</a></p>', html)
    assert re.search(r'<p lang="de">Unter dieser Adresse [^<]*<a href="/" hreflang="de">Zur Startseite</a></p>', html)
    assert "404 - Not found" not in html
