"""Strict builds of the real site: pages, languages, key facts, edit links, data errors."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml

from citynet.nav import SIDEBAR_RECORDS_MAX
from support import DATA, ROOT, TEST_EDIT_URI, build, copy_project

# The records and places of the real data (it grows: read, not pinned); each one is a page.
NETWORKS = sorted(path.stem for path in (DATA / "networks").glob("*.yml"))
CITIES = sorted(yaml.safe_load((DATA / "cities.yml").read_text(encoding="utf-8")))

# Every page of both languages; a new page (or a lost one) must show up here.
EXPECTED_PAGES = sorted(
    ["404.html", "en/404.html", "index.html", "ueber-uns/index.html", "mitmachen/index.html", "netzwerke/index.html"]
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
        self.in_body = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "body":
            self.in_body = True  # the <title>s of the maps' SVG in the body are not the page's
        if tag == "title" and not self.in_body:
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
    """The site path a link on `page` points to (relative, from the root, or absolute on the site)."""
    href = href.removeprefix("http://127.0.0.1:8000")
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
    from support import ROOT

    assert not (ROOT / "docs" / "netzwerke").exists()


@pytest.mark.parametrize("page", [p for p in EXPECTED_PAGES if not p.endswith("404.html")])
def test_language_switcher_and_hreflang_lead_to_the_counterpart(site, page):
    german = page.removeprefix("en/")
    english = "en/" + german
    info = head(site, page)
    assert info.lang == ("en" if page.startswith("en/") else "de")
    for links in (info.alternates, info.switcher):
        assert set(links) == {"de", "en"}
    # The alternates are absolute once site_url is set (here http://127.0.0.1:8000/).
    assert all(href.startswith("http://127.0.0.1:8000/") for href in info.alternates.values()), info.alternates
    for links in (info.alternates, info.switcher):
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
    "metropolis": (
        ["Gegründet", "1985", "mehr als 150 Städte", "Stand: 21. Juni 2023", "Barcelona (Spanien)", "weltweit"],
        ["Founded", "1985", "more than 150 cities", "As of: 21 June 2023", "Barcelona (Spain)", "global"],
    ),
    "uclg": (
        ["5. Mai 2004", "mehr als 240.000", "Stand: ohne Datum"],
        ["5 May 2004", "more than 240,000", "As of: undated"],
    ),
    "global-compact-cities": (
        ["eingestellt", "Eingestellt am 15. Februar 2021.", "Dieses Netzwerk besteht nicht mehr"],
        ["closed", "Closed on 15 February 2021.", "This network no longer exists"],
    ),
    "tcn": (
        ["ruhend seit etwa 2013", "Dieses Netzwerk ruht vermutlich", "25 Städte", "September 2008"],
        ["dormant since about 2013", "This network is probably dormant", "25 cities", "September 2008"],
    ),
    "cdia": (["2020", "mehr als 80 Städte", "Düsseldorf"], ["2020", "more than 80 cities", "Düsseldorf"]),
    "klima-buendnis": (
        ["1990, Frankfurt am Main", "etwa 2.000 Mitglieder", "Rheinisch-Bergischer Kreis", "1996 – 2011"],
        ["1990, Frankfurt am Main", "about 2,000 members", "Rheinisch-Bergischer Kreis", "1996 – 2011"],
    ),
    "mayors-for-peace": (
        ["1982", "Hiroshima", "mehr als 8.400 Städte", "Lead City für Deutschland"],
        ["1982", "Hiroshima", "more than 8,400 cities", "Lead City for Germany"],
    ),
    "die-hanse": (["1980", "192 Städte", "Dinslaken"], ["1980", "192 cities", "Dinslaken"]),
}


def _text(html: str) -> str:
    main = html.split("<article", 1)[1].split("</article>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("&nbsp;", " ").split())


@pytest.mark.parametrize("network", sorted(KEY_FACTS))
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
    for prefix, header, nrw in (("", "Kommunen in NRW", "Düsseldorf"), ("en/", "Municipalities in NRW", "Düsseldorf")):
        html = site.html(f"{prefix}netzwerke/index.html")
        assert header in html
        for network in NETWORKS:
            assert f'href="{network}/"' in html
        assert nrw in html


def test_navigation_lists_every_network_and_city_while_sections_are_small(site):
    """A section of the real data with at most citynet.nav.SIDEBAR_RECORDS_MAX records lists them in
    the sidebar; tests/build/test_flat_cost.py covers a section too large to list."""
    sections = [(NETWORKS, "netzwerke/uclg"), (CITIES, "staedte/koeln")]
    assert any(len(ids) <= SIDEBAR_RECORDS_MAX for ids, _ in sections)
    for prefix in ("", "en/"):
        for ids, page in sections:
            if len(ids) > SIDEBAR_RECORDS_MAX:
                continue
            nav = _primary_nav(site.html(f"{prefix}{page}/index.html"))
            for record in ids:
                assert f'href="../{record}/"' in nav or 'href="./"' in nav, (prefix, record)


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
    # One index per language, locations relative to the language root (citynet/searchindex.py).
    german_search = (result.site / "search/search_index.json").read_text(encoding="utf-8")
    english_search = (result.site / "en/search/search_index.json").read_text(encoding="utf-8")
    assert '"netzwerke/cdia-copy/"' in german_search and '"netzwerke/cdia-copy/"' in english_search


def test_invalid_record_stops_the_build_and_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project")
    good = build(project)
    assert good.returncode == 0, good.output
    before = {p: (good.site / p).read_bytes() for p in good.pages()}

    record = project / "data/networks/uclg.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("scope: global", "scope: galactic\nwebsit: x"), encoding="utf-8"
    )
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
    assert re.search(
        rf"data/networks/cdia\.yml:{line}:\d+: YAML syntax error: the bracket \[ that starts here is not closed",
        result.output,
    ), result.output


@pytest.mark.parametrize(
    "page, lang, title, home, other",
    [
        ("404.html", "de", "Seite nicht gefunden", "/", ("en", "/en/", "Go to the home page")),
        ("en/404.html", "en", "Page not found", "/en/", ("de", "/", "Zur Startseite")),
    ],
)
def test_each_language_has_its_404_page_with_its_frame_and_a_switch_to_the_start_pages(
    site, page, lang, title, home, other
):
    """The page for a missing address speaks the language of its folder: header, menus, text;
    its language switch and alternates lead to the start pages (they led to the open-data page)."""
    html = site.html(page)
    info = head(site, page)
    assert info.lang == lang
    assert f"<h1>{title}</h1>" in html
    assert re.search(rf'<li><a href="{re.escape(home)}">[^<]+</a></li>', html)
    assert info.switcher == {"de": "/", "en": "/en/"}
    assert info.alternates == {"de": "http://127.0.0.1:8000/", "en": "http://127.0.0.1:8000/en/"}
    code, root, words = other  # one line in the other language leads to its start page, marked as such
    assert re.search(rf'<p lang="{code}">[^<]+<a href="{re.escape(root)}" hreflang="{code}">{words}</a></p>', html)
    assert "404 - Not found" not in html
    assert "daten/" not in "".join(info.switcher.values())


def test_robots_txt_allows_everything_and_names_the_sitemap(site):
    robots = (site.site / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == ["User-agent: *", "Allow: /", "Sitemap: http://127.0.0.1:8000/sitemap.xml"]
    assert (site.site / "sitemap.xml").is_file()


def test_an_mkdocs_yml_that_disagrees_with_the_layout_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - daten.md\n", ""), encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert (
        "citynet: mkdocs.yml does not agree with citynet/layout.py: the nav must list daten.md; "
        "the generated pages are reached from it."
    ) in result.output


def test_every_name_at_the_site_root_is_reserved_or_a_hand_written_page(site):
    """citynet/layout.py's reserved ids cover what the build puts at the site root (MkDocs, Material,
    the i18n plugin and our hook), so that an id can never name one of those places."""
    from citynet import layout

    handwritten = {p.name.split(".")[0] for p in (ROOT / "docs").iterdir()}
    reserved = layout.reserved_ids(layout.NETWORKS_SECTION)
    names = {p.name.removesuffix(".html") for p in site.site.iterdir() if p.is_dir() or p.suffix == ".html"}
    assert names - handwritten <= set(reserved), names - handwritten - set(reserved)
