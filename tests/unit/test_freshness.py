"""Freshness: when each record last changed (git), how pages show it, and the list of records due for review."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from citynet import cli, gitdates
from citynet.layout import network_stem, src_path
from citynet.load import load_catalogue
from citynet.render import render_pages
from support import GEO, ROOT, git

TODAY = datetime.date(2026, 11, 25)


# -- when a record last changed -------------------------------------------------------------------


def test_last_changed_comes_from_the_newest_commit_of_each_file(tmp_path):
    (tmp_path / "data/networks").mkdir(parents=True)
    for name in ("a", "b"):
        (tmp_path / f"data/networks/{name}.yml").write_text(f"{name}: 1\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first", date="2024-03-05T10:00:00+00:00")
    (tmp_path / "data/networks/b.yml").write_text("b: 2\n")
    git(tmp_path, "commit", "-qam", "second", date="2025-01-31T23:30:00+00:00")
    (tmp_path / "data/networks/a.yml").write_text("a: changed, not committed\n")
    (tmp_path / "data/networks/new.yml").write_text("new: 1\n")  # never committed

    files = ["data/networks/a.yml", "data/networks/b.yml", "data/networks/new.yml"]
    assert gitdates.last_changed(tmp_path, files) == {
        "data/networks/a.yml": datetime.date(2024, 3, 5),
        "data/networks/b.yml": datetime.date(2025, 1, 31),
        "data/networks/new.yml": None,
    }
    assert gitdates.commit_timestamp(tmp_path) == int(
        datetime.datetime(2025, 1, 31, 23, 30, tzinfo=datetime.UTC).timestamp()
    )


def test_last_changed_is_unknown_outside_git(tmp_path):
    assert gitdates.last_changed(tmp_path, ["data/networks/a.yml"]) == {"data/networks/a.yml": None}
    assert gitdates.commit_timestamp(tmp_path) is None


def test_last_changed_asks_git_once_for_all_files(tmp_path, monkeypatch):
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(gitdates.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    gitdates.last_changed(ROOT, [f"data/networks/{n}.yml" for n in ("cdia", "tcn", "uclg", "metropolis")])
    assert len(calls) == 1


# -- how a network page shows it --------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "data")


def test_network_page_shows_review_and_record_change(catalogue):
    network = catalogue.network("tcn")
    pages = render_pages(catalogue, geo_dir=GEO, record_dates={network.file: datetime.date(2025, 3, 3)})
    reviewed_de = network.last_reviewed
    de = pages[src_path(network_stem("tcn"), "de")].markdown
    en = pages[src_path(network_stem("tcn"), "en")].markdown
    assert 'Datensatz zuletzt geändert: <time datetime="2025-03-03">3. März 2025</time>.' in de
    assert 'Record last changed: <time datetime="2025-03-03">3 March 2025</time>.' in en
    # The review day stands once on the page, in the key facts.
    assert f'<dt>Zuletzt geprüft</dt><dd><time datetime="{reviewed_de.isoformat()}">' in de
    assert de.count(f'<time datetime="{reviewed_de.isoformat()}">') == 1
    # Without a date (outside git, or not committed yet): unknown, in the page's language.
    other = pages[src_path(network_stem("uclg"), "de")].markdown
    assert "Datensatz zuletzt geändert: unbekannt." in other
    assert "Record last changed: unknown." in pages[src_path(network_stem("uclg"), "en")].markdown


def test_rendering_without_dates_still_works(catalogue):
    pages = render_pages(catalogue, geo_dir=GEO)
    assert all(
        "Datensatz zuletzt geändert: unbekannt." in pages[src_path(network_stem(n.id), "de")].markdown
        for n in catalogue.networks
    )


# -- records due for review -------------------------------------------------------------------------

RECORD = """\
# yaml-language-server: $schema=../schema/network.schema.json
name: {{de: {name}, en: {name}}}
short_name: {{de: {name}, en: {name}}}
status: {{value: {status}, {since}as_of: {status_as_of}, source: s{successor}}}
founded: {{date: "1990", source: s}}
scope: global
{joining}
members:
  - {{count: 5, unit: cities, as_of: "2010", source: s}}
  - {{count: 10, unit: cities, as_of: {members_as_of}, source: s}}
summary: {{de: Ein Netzwerk., en: A network.}}
description: {{de: Ein Netzwerk., en: A network.}}
topics: [knowledge-exchange]
participants: []
sources: [{{id: s, title: Title, publisher: Publisher}}]
last_reviewed: "{reviewed}"
"""
JOINING = (
    "joining: {eligible: [local-governments], who: {text: {de: Städte., en: Cities.}, source: s}, "
    "steps: not-published, fee: not-published}"
)


@pytest.fixture
def stale_data(tmp_path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("networks"))
    (data / "networks").mkdir()
    records = {
        # reviewed a day more than 12 months ago; status as of 2023-06 is over three years old;
        # the newest figure (2023-11, to the end of that month) is not.
        "alpha": dict(
            status="active", since="", status_as_of='"2023-06"', members_as_of='"2023-11"', reviewed="2025-11-24"
        ),
        # reviewed exactly 12 months ago: not yet due; closed: its figures are history.
        "beta": dict(
            status="closed",
            since='since: "2015", ',
            status_as_of='"2016"',
            members_as_of='"2012"',
            reviewed="2025-11-25",
        ),
        # dormant, undated status; the newest dated figure is old.
        "gamma": dict(
            status="dormant",
            since='since: "2017", ',
            status_as_of="undated",
            members_as_of="undated",
            reviewed="2026-01-10",
        ),
    }
    for name, values in records.items():
        if values["status"] == "active":
            values |= dict(successor="", joining=JOINING)
        else:  # a network that takes no members says what took its place instead
            values |= dict(successor=", successor: {network: none}", joining="# joining: only for active networks")
        (data / "networks" / f"{name}.yml").write_text(RECORD.format(name=name.title(), **values), encoding="utf-8")
    return data


def test_stale_lists_what_is_due_with_file_line_and_fix(stale_data, capsys):
    assert cli.main(["stale", "--data", str(stale_data), "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out == (
        "data/networks/alpha.yml:4:25: warning: status.as_of: the status (active) is as of 2023-06, more than 3 years ago. "
        "Find a newer source that confirms it, then update as_of and source.\n"
        "data/networks/alpha.yml:16:1: warning: last_reviewed: last reviewed on 2025-11-24, more than 12 months ago. "
        "Check the record against its sources, correct what changed, and set last_reviewed to the day of the check.\n"
        "data/networks/gamma.yml:9:30: warning: members[0].as_of: the newest member figure is as of 2010, more than 3 years ago. "
        "Look for a newer figure and add it as a new entry under members (keep this one as history).\n"
        "2 of 3 records due for review (last review older than 12 months, or 'as of' figures older than 3 years, on 2026-11-25).\n"
    )


def test_stale_prints_github_warnings(stale_data, capsys):
    assert cli.main(["stale", "--github", "--data", str(stale_data), "--today", TODAY.isoformat()]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "::warning file=data/networks/alpha.yml,line=4,col=25,title=Record due for review::status.as_of: the status (active) is as of 2023-06, "
        "more than 3 years ago. Find a newer source that confirms it, then update as_of and source.",
        "::warning file=data/networks/alpha.yml,line=16,col=1,title=Record due for review::last_reviewed: last reviewed on 2025-11-24, "
        "more than 12 months ago. Check the record against its sources, correct what changed, and set last_reviewed to the day of the check.",
        "::warning file=data/networks/gamma.yml,line=9,col=30,title=Record due for review::members[0].as_of: the newest member figure is as of 2010, "
        "more than 3 years ago. Look for a newer figure and add it as a new entry under members (keep this one as history).",
    ]
    assert "2 of 3 records due for review" in captured.err


def test_nothing_due_when_reviewed_exactly_twelve_months_ago(stale_data, capsys):
    (stale_data / "networks/alpha.yml").unlink()
    (stale_data / "networks/gamma.yml").unlink()
    assert cli.main(["stale", "--data", str(stale_data), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert (
        out
        == "no record of 1 is due for review (last review older than 12 months, or 'as of' figures older than 3 years, on 2026-11-25).\n"
    )


def test_stale_refuses_invalid_data(stale_data, capsys):
    record = stale_data / "networks/alpha.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("scope: global", "scope: galactic"), encoding="utf-8")
    assert cli.main(["stale", "--data", str(stale_data), "--today", TODAY.isoformat()]) == 1
    assert "data/networks/alpha.yml:6:1: scope: 'galactic' is not allowed here" in capsys.readouterr().out


def test_github_annotation_escapes_its_properties():
    from citynet.problems import Problem, github_annotation
    from citynet.stale import ANNOTATION_TITLE

    problem = Problem("data/x,y:z.yml", 3, None, "a.b", "100% sure\nnext", warning=True)
    assert (
        github_annotation(problem, ANNOTATION_TITLE)
        == "::warning file=data/x%2Cy%3Az.yml,line=3,title=Record due for review::a.b: 100%25 sure%0Anext"
    )
