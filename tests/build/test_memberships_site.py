"""What the built site says about taking part (issue 12), in both languages: only memberships count
as taking part; a representative's home town, an office and a past role are shown as such, with
their periods; every active network says how to join, every other what took its place; no page
speaks of the "Ausgangstext" / "seed text"."""

from __future__ import annotations

import csv
import io
import re

import pytest
import yaml

from citynet.model import MEMBERSHIP_KINDS
from support import DATA

LANGS = {"de": "", "en": "en/"}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def _article(site, page: str) -> str:
    return site.html(page).split("<article", 1)[1].split("</article>", 1)[0]


def _overview_cells(site, prefix: str, network: str) -> list[str]:
    html = site.html(f"{prefix}netzwerke/index.html")
    row = re.search(rf'<tr data-network="{network}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    return [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]


def _section(html: str, heading: str) -> str | None:
    """The part of a page under an h2 heading, up to the next h2; None if the page has no such heading."""
    found = re.search(rf"<h2[^>]*>{re.escape(heading)}<.*?(?=<h2|$)", html, re.S)
    return found.group(0) if found else None


def _table(html: str, css_class: str) -> str | None:
    found = re.search(rf'<div class="cn-table {css_class}[ "].*?</table>', html, re.S)
    return found.group(0) if found else None


def _records() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (DATA / "networks").glob("*.yml")}


def _registry() -> dict[str, dict]:
    return yaml.safe_load((DATA / "cities.yml").read_text(encoding="utf-8"))


def _representation_only(records: dict[str, dict]) -> set[tuple[str, str]]:
    """(network, municipality) where the record names the municipality only as a representative's home
    town, never with a membership kind: it must show nowhere as taking part in that network."""
    pairs = set()
    for network, record in records.items():
        participants = record.get("participants", [])
        members = {p["city"] for p in participants if p["kind"] in MEMBERSHIP_KINDS}
        pairs |= {(network, p["city"]) for p in participants if p["kind"] == "representation"} - {
            (network, city) for city in members
        }
    return pairs


def _name(entry: dict, lang: str) -> str:
    return entry["name"] if isinstance(entry["name"], str) else entry["name"][lang]


def _member_names(site, prefix: str, network: str) -> list[str]:
    """The names in the overview's two member cells of a network, without their remarks."""
    html = site.html(f"{prefix}netzwerke/index.html")
    row = re.search(rf'<tr data-network="{network}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-2:]
    names = []
    for cell in cells:
        cell = re.sub(r"<small>.*?</small>|<span class=\"md-visually-hidden\">.*?</span>", "", cell, flags=re.S)
        names += [name for name in (_text(part) for part in cell.split(", ")) if name and name != "–"]
    return names


@pytest.mark.parametrize("lang", LANGS)
def test_a_representation_never_shows_as_a_membership(site, lang):
    prefix = LANGS[lang]
    records, registry = _records(), _registry()
    pairs = _representation_only(records)
    # The case of the issue: the home towns of UCLG's German representatives.
    assert {("uclg", city) for city in ("koeln", "jena", "heidelberg", "kreis-paderborn")} <= pairs
    for network, city in sorted(pairs):
        name = _name(registry[city], lang)
        # Overview: not among the network's members from NRW or elsewhere in Germany.
        assert name not in _member_names(site, prefix, network), (network, city)
        # The network page: not in its membership table; under representation, with a period.
        page = _article(site, f"{prefix}netzwerke/{network}/index.html")
        assert f'data-city="{city}"' not in (_table(page, "cn-participants") or ""), (network, city)
        row = re.search(rf'<tr data-city="{city}">(.*?)</tr>', _table(page, "cn-representations"), re.S).group(1)
        period = _text(re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[2])
        assert period and period != ("nicht bekannt" if lang == "de" else "not known"), (network, city, period)
        # The municipality's page: the network only among its people's offices and representations.
        profile = _article(site, f"{prefix}staedte/{city}/index.html")
        for memberships in ("cn-city-networks", "cn-city-former"):
            assert f'data-network="{network}"' not in (_table(profile, memberships) or ""), (network, city)
        people = _table(profile, "cn-city-people")
        assert people and f'data-network="{network}" data-kind="representation"' in people, (network, city)
        member_of = re.search(r"<dt>(Mitglied in|Member of)</dt><dd>(.*?)</dd>", profile).group(2)
        assert f'href="../../netzwerke/{network}/"' not in member_of, (network, city)


def test_the_open_data_counts_no_representation_as_a_member(site):
    pairs = _representation_only(_records())
    assert ("uclg", "koeln") in pairs
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site.site / "data/networks.csv").read_text("utf-8-sig")))}
    cities = {r["id"]: r for r in csv.DictReader(io.StringIO((site.site / "data/cities.csv").read_text("utf-8-sig")))}
    columns = ("nrw_members", "nrw_former_members", "other_german_members", "other_german_former_members")
    for network, city in pairs:
        assert all(city not in rows[network][column].split(";") for column in columns), (network, city)
        for column in ("member_of", "former_member_of"):
            assert network not in cities[city][column].split(";"), (network, city, column)
    participations = list(csv.DictReader(io.StringIO((site.site / "data/participations.csv").read_text("utf-8-sig"))))
    representations = [r for r in participations if r["kind"] == "representation"]
    assert representations and {r["membership"] for r in representations} == {"no"}
    koeln = {
        (r["kind"], r["membership"], r["current"])
        for r in participations
        if r["network"] == "uclg" and r["municipality"] == "koeln"
    }
    assert koeln == {("representation", "no", "no")}


def _has_current_nrw_membership(record: dict, states: dict[str, str | None]) -> bool:
    """Issue 12's rule, read from the YAML itself: a membership kind, a municipality in NRW, no end,
    and an active network."""
    return record["status"]["value"] == "active" and any(
        p["kind"] in MEMBERSHIP_KINDS and states.get(p["city"]) == "DE-NW" and "until" not in p
        for p in record.get("participants", [])
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_finders_nrw_filter_counts_current_memberships_only(site, lang):
    html = site.html(f"{LANGS[lang]}netzwerke/index.html")
    nrw = dict(re.findall(r'<tr data-network="([^"]+)"[^>]* data-nrw="(yes|no)"', html))
    # UCLG: representatives only; TCN: Essen's membership rests with the dormant network.
    known = {"cdia": "yes", "global-compact-cities": "no", "metropolis": "no", "tcn": "no", "uclg": "no"}
    assert {network: nrw.get(network) for network in known} == known
    # Every other record too (the data grows): the filter follows the rule, record by record.
    states = {city_id: entry.get("state") for city_id, entry in _registry().items()}
    records = _records()
    assert set(nrw) == set(records)
    expected = {network: "yes" if _has_current_nrw_membership(r, states) else "no" for network, r in records.items()}
    assert nrw == expected


@pytest.mark.parametrize(
    "lang, ended, dormant",
    [
        ("de", "Berlin (bis 15. Februar 2021)", "Essen (ruht mit dem Netzwerk seit etwa 2013)"),
        ("en", "Berlin (until 15 February 2021)", "Essen (dormant with the network since about 2013)"),
    ],
)
def test_every_ended_participation_shows_its_end_where_it_is_listed(site, lang, ended, dormant):
    prefix = LANGS[lang]
    assert _overview_cells(site, prefix, "global-compact-cities")[-1] == ended
    assert _overview_cells(site, prefix, "tcn")[1] == dormant  # the NRW column, right after the network
    state = re.compile(r'<tr data-city="(\w[\w-]*)" data-state="(\w+)">.*?</tr>', re.S)
    for network, city, shown in (("global-compact-cities", "berlin", ended), ("tcn", "essen", dormant)):
        page = _article(site, f"{prefix}netzwerke/{network}/index.html")
        row = next(m.group(0) for m in state.finditer(page) if m.group(1) == city)
        assert shown.split("(", 1)[1].rstrip(")") in _text(row), (network, city)
        # On the municipality's page it is listed apart from the current memberships.
        profile = _article(site, f"{prefix}staedte/{city}/index.html")
        former = _table(profile, "cn-city-former")
        assert former and f'data-network="{network}"' in former
        current = _table(profile, "cn-city-networks") or ""
        assert f'data-network="{network}"' not in current
    # An office that has ended shows its end: the UCLG presidency passed on in October 2025, and the last
    # year of the rotation ran to the World Congress of June 2026.
    offices = _table(_article(site, f"{prefix}netzwerke/uclg/index.html"), "cn-offices")
    row = re.search(r"<tr><th scope=\"row\">Jan van Zanen.*?</tr>", offices, re.S).group(0)
    assert ("10. Oktober 2024 – 17. Oktober 2025" if lang == "de" else "10 October 2024 – 17 October 2025") in _text(
        row
    )
    row = re.search(r"<tr><th scope=\"row\">Lee Jang-Woo.*?</tr>", offices, re.S).group(0)
    assert ("17. Oktober 2025 – Juni 2026" if lang == "de" else "17 October 2025 – June 2026") in _text(row)


@pytest.mark.parametrize(
    "lang, join, replaced",
    [("de", "Mitglied werden", "Was an seine Stelle trat"), ("en", "How to join", "What took its place")],
)
def test_active_networks_say_how_to_join_the_others_what_replaced_them(site, lang, join, replaced):
    prefix = LANGS[lang]
    for network in ("cdia", "metropolis", "uclg"):
        page = _article(site, f"{prefix}netzwerke/{network}/index.html")
        section = _section(page, join)
        assert section and 'class="cn-cite"' in section, network  # sourced
        assert _section(page, replaced) is None
    uclg = _article(site, f"{prefix}netzwerke/uclg/index.html")
    assert 'class="md-button cn-join-link" href="https://uclg.org/join-uclg/"' in uclg
    tcn = _article(site, f"{prefix}netzwerke/tcn/index.html")
    assert _section(tcn, join) is None
    assert 'href="../cdia/"' in _section(tcn, replaced)
    gccp = _text(_article(site, f"{prefix}netzwerke/global-compact-cities/index.html"))
    assert (
        "Soweit bekannt, trat kein anderes Netzwerk an seine Stelle."
        if lang == "de"
        else "As far as is known, no other network took its place."
    ) in gccp


def test_no_built_file_speaks_of_the_seed_text(site):
    """The earlier NRW page is cited by its title; no page calls it "Ausgangstext" or "seed text"."""
    checked = 0
    for path in site.site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".js", ".xml", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace").casefold()
            assert "ausgangstext" not in text and "seed text" not in text, path
            checked += 1
    assert checked > 60  # every page of both languages, the search indexes and the open data
