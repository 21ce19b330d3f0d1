"""The start page made from the data (issue 14), and what the build adds around the pages
(robots.txt, the 404 page per language): counted from the records, never written in."""

from __future__ import annotations

import re

import pytest

from citynet.cities import city_profiles
from citynet.labels import labels
from citynet.layout import HOME, src_path
from citynet.load import load_catalogue
from citynet.pageframe import NotFoundPages, home_alternates, robots_txt
from citynet.render import render_pages
from support import DATA, GEO


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA)


@pytest.fixture(scope="module")
def start(catalogue):
    pages = render_pages(catalogue, geo_dir=GEO)
    return {lang: pages[src_path(HOME, lang)].markdown for lang in ("de", "en")}


def nrw_members(catalogue) -> set[str]:
    """NRW municipalities with a membership in any network, now or before (not a representative's
    home town), counted here on their own from the records."""
    return {
        city.id
        for network in catalogue.networks
        for current in (True, False)
        for city in network.member_cities(nrw=True, current=current)
    }


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_coverage_line_counts_the_data_and_names_the_newest_review(catalogue, start, lang):
    text = start[lang]
    networks, members = len(catalogue.networks), len(nrw_members(catalogue))
    newest = max(n.last_reviewed for n in catalogue.networks)
    line = re.search(r'<p class="cn-coverage">(.*?)</p>', text).group(1)
    if lang == "de":
        assert f"Erfasst sind {networks} Netzwerke und {members} Kommunen aus NRW" in line
        assert line.endswith(f"war am {newest.day}. {labels('de')['months'][newest.month - 1]} {newest.year}.")
    else:
        assert f"The records cover {networks} networks and {members} municipalities from NRW" in line
        assert line.endswith(f"was on {newest.day} {labels('en')['months'][newest.month - 1]} {newest.year}.")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_four_ways_in_and_a_picker_of_every_nrw_municipality(catalogue, start, lang):
    text = start[lang]
    routes = re.search(r'<nav class="cn-routes" aria-label="[^"]+">(.*?)</nav>', text, re.S).group(1)
    targets = re.findall(r'<a class="cn-routes__link" href="([^"]+)">', routes)
    assert targets == ["#cn-mine", "netzwerke/", "#cn-join", "daten/"]
    for anchor in ("cn-mine", "cn-join"):
        assert f"{{ #{anchor} }}" in text  # the heading the card leads to (attr_list)
    # The picker: a plain link to the page of every NRW municipality that has a page (without
    # JavaScript too).
    pick = re.search(r'<ul class="cn-pick"[^>]*>(.*?)</ul>', text, re.S).group(1)
    linked = re.findall(r'<a href="staedte/([a-z0-9-]+)/">', pick)
    nrw_pages = {city_id for city_id, profile in city_profiles(catalogue).items() if profile.city.is_nrw}
    assert set(linked) == nrw_pages and len(linked) == len(set(linked))
    # How to join: every network with a joining section, each linked to that section.
    joining = re.search(r'<ul class="cn-pick cn-pick--wide"[^>]*>(.*?)</ul>', text, re.S).group(1)
    assert set(re.findall(r'<a href="netzwerke/([a-z0-9-]+)/#cn-joining">', joining)) == {
        n.id for n in catalogue.networks if n.joining
    }


def test_a_network_page_has_the_section_the_start_page_links_to(catalogue):
    pages = render_pages(catalogue, geo_dir=GEO)
    for network in catalogue.networks:
        text = pages[f"netzwerke/{network.id}.md"].markdown
        assert ("{ #cn-joining }" in text) == bool(network.joining), network.id


def test_robots_txt_names_the_sitemap_once_the_address_is_known():
    assert robots_txt("https://example.org/netze/") == (
        b"User-agent: *\nAllow: /\nSitemap: https://example.org/netze/sitemap.xml\n"
    )
    assert robots_txt(None) == b"User-agent: *\nAllow: /\n"


def test_the_404_page_is_kept_per_language_and_switches_to_the_start_pages():
    pages = NotFoundPages()
    pages.keep("de", "<html lang=de>")
    pages.keep("en", "<html lang=en>")
    pages.keep("xx", "not a language of the site")
    assert pages.files() == {"404.html": b"<html lang=de>", "en/404.html": b"<html lang=en>"}
    alternates = [
        {"name": "Deutsch", "link": "/daten/", "lang": "de"},
        {"name": "English", "link": "/en/daten/", "lang": "en"},
    ]
    assert home_alternates(alternates) == [
        {"name": "Deutsch", "link": "/", "lang": "de"},
        {"name": "English", "link": "/en/", "lang": "en"},
    ]
    assert alternates[0]["link"] == "/daten/"  # the plugin's own list is left as it was
