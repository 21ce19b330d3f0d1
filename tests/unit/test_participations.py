"""Kinds of participation and their periods (issue 12): what the loader makes of them, and how the
pages say them (current, ended, resting with a dormant network, last confirmed long ago)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from citynet.cli import check
from citynet.dates import PartialDate
from citynet.helpers import PageHelpers
from citynet.labels import labels
from citynet.load import load_catalogue
from citynet.model import MEMBERSHIP_KINDS, PARTICIPATION_KINDS, RELATION_INVERSES, Status
from citynet.render import Renderer
from invalid_reports import TODAY, make_data
from support import DATA, GEO, newest_review_day

BUILD_DAY = newest_review_day()


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA, today=BUILD_DAY)


def helpers(lang: str) -> PageHelpers:
    return PageHelpers(lang, labels(lang), "netzwerke/x", BUILD_DAY)


def _with_participant(tmp_path, entry: str, status: str | None = None):
    """The example record with one participation (YAML lines under `participants:`) and,
    optionally, another status block; returns (exit code, report, data folder)."""
    data = make_data(tmp_path)
    record = data / "networks/example.yml"
    text = record.read_text(encoding="utf-8")
    start = text.index("participants:\n")
    end = text.index("sources:\n")
    text = text[:start] + "participants:\n" + entry + text[end:]
    if status:
        text = text.replace('status:\n  value: active\n  as_of: "2025-06"\n  source: about\n', status)
        joining = text[text.index("joining:\n") : text.index("members:\n")]
        text = text.replace(joining, "")
    record.write_text(text, encoding="utf-8")
    code, report = check(data, today=TODAY)
    return code, report, data


def test_every_kind_has_words_in_both_languages_and_memberships_are_a_subset():
    assert MEMBERSHIP_KINDS.issubset(PARTICIPATION_KINDS)
    assert {"observer", "office-host", "representation"} == set(PARTICIPATION_KINDS) - MEMBERSHIP_KINDS
    for lang in ("de", "en"):
        for kind in PARTICIPATION_KINDS:
            assert labels(lang)[f"kind_{kind}"]


def test_the_schema_lists_the_same_kinds_as_the_model():
    import json

    schema = json.loads((DATA / "schema/network.schema.json").read_text(encoding="utf-8"))
    kinds = schema["properties"]["participants"]["items"]["properties"]["kind"]["enum"]
    assert tuple(kinds) == PARTICIPATION_KINDS


def test_state_is_current_ended_or_dormant(catalogue):
    metropolis, tcn, gccp = (catalogue.network(n) for n in ("metropolis", "tcn", "global-compact-cities"))
    berlin = next(p for p in metropolis.participants if p.kind == "member")
    assert metropolis.state(berlin) == "current"
    essen = next(p for p in tcn.participants if p.city.id == "essen")
    assert essen.until is None and tcn.state(essen) == "dormant"
    assert gccp.state(gccp.participants[0]) == "ended"
    # An office held by a municipality, with the end of its term.
    co_presidency = next(o for o in metropolis.offices if o.person is None)
    assert co_presidency.city.id == "berlin" and metropolis.state(co_presidency) == "ended"


def test_only_memberships_make_a_member(catalogue):
    metropolis = catalogue.network("metropolis")
    assert [p.kind for p in metropolis.memberships] == ["member"]
    assert [p.kind for p in metropolis.other_roles] == ["office-host"]  # the regional secretariat
    cdia, tcn = catalogue.network("cdia"), catalogue.network("tcn")
    assert [c.id for c in cdia.member_cities(nrw=True, current=True)] == ["duesseldorf"]
    assert [c.id for c in cdia.member_cities(nrw=False, current=True)] == ["leipzig"]
    assert tcn.member_cities(nrw=True, current=True) == ()
    assert [c.id for c in tcn.member_cities(nrw=True, current=False)] == ["essen"]


def test_relations_show_on_both_records(catalogue):
    uclg, metropolis = catalogue.network("uclg"), catalogue.network("metropolis")
    assert ("section-of", "uclg") in [(kind, other.id) for kind, other, _ in catalogue.links(metropolis)]
    assert ("has-section", "metropolis", None) in [(kind, other.id, r) for kind, other, r in catalogue.links(uclg)]
    # Every relation of every record shows on the other record as its inverse (the data grows).
    by_id = {n.id: n for n in catalogue.networks}
    for network in catalogue.networks:
        for relation in network.relations:
            if relation.network in by_id:
                back = [(k, o.id, r) for k, o, r in catalogue.links(by_id[relation.network])]
                assert (RELATION_INVERSES[relation.kind], network.id, None) in back, (network.id, relation)


@pytest.mark.parametrize(
    "since, until, expected_de, expected_en",
    [
        ("2008", None, "seit 2008", "since 2008"),
        ("2009", "2015-10", "2009 – Oktober 2015", "2009 – October 2015"),
        (None, "2015-10", "bis Oktober 2015", "until October 2015"),
        (None, None, "Beginn nicht bekannt", "start not known"),
    ],
)
def test_periods_of_an_active_network(catalogue, since, until, expected_de, expected_en):
    network = catalogue.network("metropolis")
    base = next(p for p in network.participants if p.kind == "member")
    p = replace(
        base,
        since=PartialDate.parse(since) if since else None,
        until=PartialDate.parse(until) if until else None,
        as_of=None,
    )
    assert helpers("de").participation_period(network, p) == expected_de
    assert helpers("en").participation_period(network, p) == expected_en


def test_a_membership_in_a_dormant_network_rests_with_it(catalogue):
    tcn = catalogue.network("tcn")
    essen = next(p for p in tcn.participants if p.city.id == "essen")
    assert helpers("de").participation_period(tcn, essen) == "seit 2008; ruht mit dem Netzwerk seit etwa 2013"
    assert helpers("en").participation_period(tcn, essen) == "since 2008; dormant with the network since about 2013"
    assert helpers("de").member_list(tcn, nrw=True) == [("Essen", "ruht mit dem Netzwerk seit etwa 2013")]


def test_an_old_confirmation_is_said(catalogue):
    cdia = catalogue.network("cdia")
    leipzig = next(p for p in cdia.participants if p.city.id == "leipzig")  # as of July 2021
    assert helpers("de").participation_period(cdia, leipzig) == "Beginn nicht bekannt; zuletzt bestätigt 2021"
    assert helpers("en").participation_period(cdia, leipzig) == "start not known; last confirmed 2021"
    # Within three years of the build, the confirmation goes unsaid.
    recent = replace(leipzig, as_of=PartialDate(2025, 3))
    assert helpers("de").participation_period(cdia, recent) == "Beginn nicht bekannt"


def test_the_overview_lists_current_members_before_past_ones(catalogue):
    gccp = catalogue.network("global-compact-cities")
    assert helpers("de").member_list(gccp, nrw=False) == [("Berlin", "bis 15. Februar 2021")]
    cdia = catalogue.network("cdia")
    assert helpers("en").member_list(cdia, nrw=True) == [("Düsseldorf", "")]
    # A home town of a representative is no member: UCLG lists nobody.
    uclg = catalogue.network("uclg")
    assert helpers("de").member_list(uclg, nrw=True) == [] == helpers("de").member_list(uclg, nrw=False)


@pytest.mark.parametrize(
    "since, de, en",
    [
        ("2021-02-15", "Eingestellt am 15. Februar 2021.", "Closed on 15 February 2021."),
        ("2021-02", "Eingestellt im Februar 2021.", "Closed in February 2021."),
        ("2021", "Eingestellt im Jahr 2021.", "Closed in 2021."),
    ],
)
def test_the_closing_notice_follows_the_dates_precision(since, de, en):
    status = Status(
        value="closed", since=PartialDate.parse(since), as_of=None, confidence="high", note=None, sources=()
    )
    assert helpers("de").closed_notice(status) == de and helpers("en").closed_notice(status) == en


def test_small_wordings(catalogue):
    h = helpers("de")
    metropolis = catalogue.network("metropolis")
    counted = next(m for m in metropolis.members if m.unit == "members")
    assert h.count(counted) == "mehr als 140 Mitglieder"
    assert h.count(counted, unit=False) == "mehr als 140"  # after the label "Mitglieder"
    assert h.sentence("Melbourne und Washington, D.C.") == "Melbourne und Washington, D.C."
    assert h.sentence("Berlin und Köln") == "Berlin und Köln."
    korean = next(s for s in catalogue.network("uclg").sources if s.language == "ko")
    assert h.source_language(korean) == "auf Koreanisch" and helpers("en").source_language(korean) == "in Korean"
    german = next(s for s in catalogue.network("uclg").sources if s.language == "de")
    assert h.source_language(german) == ""


def test_the_timeline_table_says_a_dormant_networks_start_as_an_estimate(catalogue):
    """Review of the five records: "ruhend seit 2013" without "etwa" claimed a precision the sources lack;
    the overview's table and the network page say "seit etwa", so the timeline's table does too."""
    renderer = Renderer(catalogue, geo_dir=GEO, today=BUILD_DAY)
    for lang, dormant, closed in (
        ("de", "ruhend seit etwa 2013", "eingestellt seit 15. Februar 2021"),
        ("en", "dormant since about 2013", "closed since 15 February 2021"),
    ):
        overview = renderer.overview(lang)[2]
        table = overview[overview.index('<div class="cn-table cn-timeline-table"') :].split("</table>", 1)[0]
        rows = {re.search(r'href="[^"]*?([\w-]+)/"', row).group(1): row for row in table.split("<tr>")[2:]}
        # Each cell carries its column's name for the phone's cards (data-label, issue 14).
        assert re.search(rf"<td[^>]*>{dormant}</td>", rows["tcn"]), rows["tcn"]
        assert re.search(rf"<td[^>]*>{closed}</td>", rows["global-compact-cities"]), rows["global-compact-cities"]


def test_the_network_page_shows_no_confidence_badges_and_says_low_confidence_in_words(catalogue):
    renderer = Renderer(catalogue, geo_dir=GEO, today=BUILD_DAY)
    tcn = renderer.network(catalogue.network("tcn"), "de")[2]
    assert "cn-flag" not in tcn and "Beleg unsicher" not in tcn
    assert "Nur die frühere Seite „Globale Städtenetzwerke“" in tcn  # Leipzig's low confidence, in words


def test_start_and_end_are_compared_at_the_coarser_precision(tmp_path):
    """Essen "2008" (the end of 2008) in a network founded "2008-09" is no start before the founding."""
    data = make_data(tmp_path)
    record = data / "networks/example.yml"
    text = record.read_text(encoding="utf-8").replace('date: "1998"', 'date: "2001-09"')
    record.write_text(text, encoding="utf-8")
    assert check(data, today=TODAY)[0] == 0


def test_odd_or_old_dates_warn_without_failing(tmp_path):
    dormant = 'status:\n  value: dormant\n  since: "2015"\n  as_of: undated\n  source: about\n'
    dormant += "  successor: {network: none}\n"
    code, report, _ = _with_participant(
        tmp_path / "a", '  - city: essen\n    kind: member\n    until: "2019"\n    source: about\n', dormant
    )
    assert code == 0
    assert report.splitlines()[0] == (
        "data/networks/example.yml:43:5: warning: participants[0].until: ends after the network went dormant "
        "(until 2019, status.since 2015). That is possible, but check both dates."
    )
    code, report, _ = _with_participant(
        tmp_path / "b", '  - city: essen\n    kind: member\n    as_of: "2012"\n    source: about\n'
    )
    assert code == 0
    assert report.splitlines()[0] == (
        "data/networks/example.yml:47:5: warning: participants[0].as_of: last confirmed 2012, more than 10 years ago, "
        "yet shown as current. Check whether it still holds: cite a newer source, or add `until:`."
    )


def test_an_office_needs_its_holder(tmp_path):
    data = make_data(tmp_path)
    record = data / "networks/example.yml"
    text = record.read_text(encoding="utf-8").replace(
        "sources:\n", 'offices:\n  - role: {de: Vorsitz, en: Chair}\n    from: "2020"\n    source: about\nsources:\n', 1
    )
    record.write_text(text, encoding="utf-8")
    code, report = check(data, today=TODAY)
    assert code == 1
    assert report.splitlines()[0] == (
        "data/networks/example.yml:50:5: offices[0].person: an office names who holds it: add `person:`, or `city:` "
        "where a municipality holds the office itself."
    )


def test_a_campaign_says_it_is_no_membership_network(tmp_path):
    """type: campaign (a title such as Fairtrade Town): the page says so, and joining means
    obtaining the title; the municipality holds the title, which counts as taking part."""
    code, report, data = _with_participant(tmp_path, "  - city: essen\n    kind: title-holder\n    source: about\n")
    record = data / "networks/example.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("scope: european", "type: campaign\nscope: national"))
    catalogue = load_catalogue(data, today=TODAY)
    network = catalogue.network("example")
    assert network.type == "campaign" and [c.id for c in network.member_cities(nrw=True, current=True)] == ["essen"]
    page = Renderer(catalogue, geo_dir=GEO, today=TODAY).network(network, "de")[2]
    assert "<dt>Art</dt><dd>Kampagne oder Auszeichnung, kein Mitgliedernetzwerk</dd>" in page
    assert "## Den Titel erwerben" in page and "trägt den Titel" in page and "bundesweit" in page
    english = Renderer(catalogue, geo_dir=GEO, today=TODAY).network(network, "en")[2]
    assert "## How to obtain the title" in english and "Campaign or certification, not a membership network" in english


@pytest.mark.parametrize(
    "lang, campaign_words, network_words",
    [
        (
            "de",
            [
                "<dt>Titelträger</dt>",
                "<dt>Wer kann den Titel erwerben?</dt>",
                "<caption>Deutsche Kommunen mit dem Titel</caption>",
                "## Zahl der Titelträger im Zeitverlauf",
                "Fairtrade-Towns: die Titelträger, die die Quellen belegen, und der Sitz der Kampagne.",
                "Quadrat: Sitz der Kampagne",
            ],
            [
                "<dt>Mitglieder</dt>",
                "<caption>Mitgliedschaften deutscher Kommunen</caption>",
                "Wer kann Mitglied werden?",
            ],
        ),
        (
            "en",
            [
                "<dt>Title holders</dt>",
                "<dt>Who can obtain the title?</dt>",
                "<caption>German municipalities holding the title</caption>",
                "## Number of title holders over time",
                "Fairtrade Towns: the title holders that the sources confirm, and the campaign&#39;s seat.",
            ],
            ["<dt>Members</dt>", "<caption>Memberships of German municipalities</caption>", "Who can join?"],
        ),
    ],
)
def test_a_campaign_page_speaks_of_title_holders_and_a_network_page_of_members(
    catalogue, lang, campaign_words, network_words
):
    """Fairtrade Towns awards a title (a certification): its municipalities are title holders, not
    members, on the campaign's page and on theirs; a network's page keeps its membership words."""
    renderer = Renderer(catalogue, geo_dir=GEO, today=BUILD_DAY)
    campaign = renderer.network(catalogue.network("fairtrade-towns"), lang)[2]
    for words in campaign_words:
        assert words in campaign
    for words in network_words:
        assert words not in campaign
    network = renderer.network(catalogue.network("eurocities"), lang)[2]
    for words in network_words:
        assert words in network
    dortmund = renderer.city("dortmund", lang)[2]
    members = dortmund.split("<dt>Mitglied in</dt>" if lang == "de" else "<dt>Member of</dt>", 1)[1].split("</div>", 1)[
        0
    ]
    assert "Eurocities" in members and "Fairtrade" not in members
    if lang == "de":
        assert (
            '<dt>Titel aus Kampagnen</dt><dd><a href="../../netzwerke/fairtrade-towns/">Fairtrade-Towns</a> (seit '
            in dortmund
        )
        assert "## Mitgliedschaften und Titel" in dortmund
        assert (
            "<caption>Dortmund: Netzwerke und Kampagnen, in denen die Kommune derzeit Mitglied oder Titelträger ist</caption>"
            in dortmund
        )
    else:
        assert (
            '<dt>Titles from campaigns</dt><dd><a href="../../netzwerke/fairtrade-towns/">Fairtrade Towns</a> (since '
            in dortmund
        )
        assert (
            "<caption>Networks and campaigns in which Dortmund is currently a member or title holder</caption>"
            in dortmund
        )


@pytest.mark.parametrize(
    "network, lang, caption",
    [
        ("klima-buendnis", "de", "Klima-Bündnis: die Mitglieder, die die Quellen belegen, und der Sitz des Netzwerks."),
        ("die-hanse", "de", "DIE HANSE: die Mitglieder, die die Quellen belegen"),
        ("mayors-for-peace", "de", "Mayors for Peace: die Mitglieder, die die Quellen belegen"),
        ("klima-buendnis", "en", "Climate Alliance: the members that the sources confirm, and the network&#39;s seat."),
    ],
)
def test_the_map_caption_fits_any_network_name(catalogue, network, lang, caption):
    """ "Die Mitglieder von Klima-Bündnis" wanted an article ("des Klima-Bündnisses", "der HANSE"): the
    caption names the network first, then a colon, which reads well for every name."""
    page = Renderer(catalogue, geo_dir=GEO, today=BUILD_DAY).network(catalogue.network(network), lang)[2]
    figcaption = page[page.index("<figcaption>") :].split("<span", 1)[0]
    assert caption in figcaption
    assert "Die Mitglieder von" not in page and "Der Sitz von" not in page
