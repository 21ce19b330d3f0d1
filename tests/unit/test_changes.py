"""`changes --base REV`: what a data change means, in words, per network and per municipality.

Each test makes a small git repository (the example record, the real registries and schemas),
commits a change on top, and reads what `changes --base HEAD~1` says about it; the structured
changes (citynet/changes.py) are checked on their own as well.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from citynet import cli
from citynet.changes import ADDED, CHANGED, CITY, MEMBERS, OLDER_MEMBERS, PARTICIPATION, REMOVED, SOURCE, compare
from citynet.load import load_catalogue
from invalid_reports import TODAY
from support import commit, edit, git, git_project, write_data

RECORD = "data/networks/example.yml"  # the example record in git_project


def changes(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--project", str(project), "changes", "--base", "HEAD~1", "--today", TODAY.isoformat(), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


NEW_FIGURE = """\
members:
  - count: 45
    qualifier: more-than
    unit: cities
    as_of: "2026-03"
    source: report-2026
  - count: 40
"""
NEW_SOURCE = """\
sources:
  - id: report-2026
    title: Jahresbericht 2026
    publisher: Beispielnetz
    url: https://www.example.org/report-2026
    language: de
"""
ESSEN_ENDED = """\
  - city: essen
    kind: member
    since: "2001"
    until: "2025-12"
    source: about
  - city: duesseldorf
    kind: founding-member
    since: "1998"
    source: report-2026
"""


def add_second_network(project: Path) -> None:
    """A copy of the example record under another id and name, committed."""
    second = "data/networks/second.yml"
    shutil.copy(project / RECORD, project / second)
    edit(project, second, "  de: Beispielnetz europäischer Städte", "  de: Zweites Netz")
    edit(project, second, "  en: Example Network of European Cities", "  en: Second Network")
    edit(project, second, "  de: Beispielnetz\n  en: Example Network", "  de: Zweites\n  en: Second")
    commit(project, "a second network")


def figure_and_participation_changed(project: Path) -> None:
    edit(project, RECORD, "members:\n  - count: 40\n", NEW_FIGURE)
    edit(project, RECORD, "sources:\n", NEW_SOURCE)
    edit(project, RECORD, '  - city: essen\n    kind: member\n    since: "2001"\n    source: about\n', ESSEN_ENDED)
    commit(project, "a new member figure; Essen has left, Düsseldorf founded it")


def test_a_new_figure_and_participations_are_said_in_words(tmp_path, capsys):
    project = git_project(tmp_path)
    figure_and_participation_changed(project)
    code, out, err = changes(capsys, project)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "## Was sich an den Daten ändert"
    assert lines[2].startswith("Verglichen mit `HEAD~1` (")
    assert lines[2].endswith("Netzwerke mit Änderungen: 1; betroffene Kommunen und Orte: 2.")
    assert "#### Beispielnetz" in lines
    assert "`data/networks/example.yml`" in lines
    report = "https://www.example.org/report-2026"
    assert (
        "- Mitgliederzahl: 40 Städte (Stand: Juni 2025) → mehr als 45 Städte (Stand: März 2026)"
        f" – Quelle: [Jahresbericht 2026](<{report}>)"
    ) in lines
    assert (
        "- Essen: Mitglied seit 2001 → Mitglied 2001 – Dezember 2025 – Quelle: [Über das Netzwerk](<https://www.example.org/about>)"
        in lines
    )
    assert f"- Düsseldorf: Gründungsmitglied seit 1998 (neu) – Quelle: [Jahresbericht 2026](<{report}>)" in lines
    assert f"- Quelle: Jahresbericht 2026 (Beispielnetz) (neu) – <{report}>" in lines
    # The municipalities' view names the network of each change.
    cities = lines[lines.index("### Kommunen und Orte") :]
    assert cities[:6] == [
        "### Kommunen und Orte",
        "",
        "#### Düsseldorf",
        "",
        "- Beispielnetz: Gründungsmitglied seit 1998 (neu)",
        "",
    ]
    assert "- Beispielnetz: Mitglied seit 2001 → Mitglied 2001 – Dezember 2025" in cities


def test_the_report_in_english(tmp_path, capsys):
    project = git_project(tmp_path)
    figure_and_participation_changed(project)
    code, out, _ = changes(capsys, project, "--lang", "en")
    assert code == 0
    assert out.startswith("## What the change does to the data\n")
    assert "- Number of members: 40 cities (as of June 2025) → more than 45 cities (as of March 2026)" in out
    assert "- Essen: Member since 2001 → Member 2001 – December 2025" in out
    assert "- Düsseldorf: Founding member since 1998 (new)" in out


def test_the_structured_changes(tmp_path):
    project = git_project(tmp_path)
    base = load_catalogue(project / "data", today=TODAY)
    figure_and_participation_changed(project)
    head = load_catalogue(project / "data", today=TODAY)
    found = compare(base, head)
    (record,) = found.networks
    assert (record.id, record.kind) == ("example", CHANGED)
    by_aspect = [(c.aspect, c.kind) for c in record.changes]
    assert by_aspect == [(MEMBERS, CHANGED), (PARTICIPATION, CHANGED), (PARTICIPATION, ADDED), (SOURCE, ADDED)]
    figure = record.changes[0]
    assert (figure.before.count, figure.after.count, figure.after.qualifier) == (40, 45, "more-than")
    ended = record.changes[1]
    assert ended.fields == ("until",)
    assert [(c.id, [ch.aspect for _, ch in c.networks]) for c in found.cities] == [
        ("duesseldorf", [PARTICIPATION]),
        ("essen", [PARTICIPATION]),
    ]
    assert compare(head, head).is_empty


def test_an_old_figure_replaced_instead_of_kept_is_said(tmp_path, capsys):
    project = git_project(tmp_path)
    edit(
        project,
        RECORD,
        '  - count: 40\n    unit: cities\n    as_of: "2025-06"\n',
        '  - count: 41\n    unit: cities\n    as_of: "2026-01"\n',
    )
    commit(project, "the figure overwritten")
    _, out, _ = changes(capsys, project)
    assert "- Mitgliederzahl: 40 Städte (Stand: Juni 2025) → 41 Städte (Stand: Januar 2026) – Quelle:" in out
    assert "- Ältere Mitgliederzahl: 40 Städte (Stand: Juni 2025) (entfernt)" in out


def test_an_older_figure_corrected_is_its_own_change(tmp_path):
    project = git_project(tmp_path)
    edit(project, RECORD, "members:\n  - count: 40\n", NEW_FIGURE)
    edit(project, RECORD, "sources:\n", NEW_SOURCE)
    commit(project, "a new figure")
    base = load_catalogue(project / "data", today=TODAY)
    edit(project, RECORD, "  - count: 40\n", "  - count: 39\n")
    head = load_catalogue(project / "data", today=TODAY)
    (change,) = compare(base, head).networks[0].changes
    assert (change.aspect, change.kind, change.fields) == (OLDER_MEMBERS, CHANGED, ("count",))


def test_a_new_network_a_removed_one_and_a_new_municipality(tmp_path, capsys):
    project = git_project(tmp_path)
    # The real registry may already hold Bochum: the base goes without it, so that the change adds it.
    registry = project / "data" / "cities.yml"
    registry.write_text(
        re.sub(r"^bochum:\n(?:  .*\n)*", "", registry.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )
    commit(project, "the registry without Bochum")
    add_second_network(project)
    (project / RECORD).unlink()
    with (project / "data/cities.yml").open("a", encoding="utf-8") as registry:  # made up: never in the real data
        registry.write(
            'musterstadt:\n  name: Musterstadt\n  country: "DE"\n  state: DE-NW\n  kind: kreisfreie-stadt\n'
            "  coordinates: {lat: 51.5, lon: 7.3}\n  wikidata: Q99999\n"
        )
    edit(project, "data/cities.yml", "  name: Jena\n", "  name: Jena (Saale)\n")
    commit(project, "the example removed, Musterstadt added, Jena renamed")
    code, out, _ = changes(capsys, project)
    assert code == 0
    assert "#### Beispielnetz (entfernt)" in out
    assert "- Netzwerk: Beispielnetz europäischer Städte – aktiv (Stand: Juni 2025) (entfernt)" in out
    assert "- Essen: Mitglied seit 2001 (entfernt)" in out
    assert "- Beispielnetz: Mitglied seit 2001 (entfernt)" in out  # Essen's own view
    registry = out[out.index("### Verzeichnisse der Kommunen und Themen") :].splitlines()
    assert "- Musterstadt (kreisfreie Stadt, Nordrhein-Westfalen) (neu)" in registry
    assert "- Jena (kreisfreie Stadt, Thüringen) → Jena (Saale) (kreisfreie Stadt, Thüringen)" in registry


def test_a_registry_change_is_structured_field_by_field(tmp_path):
    project = git_project(tmp_path)
    base = load_catalogue(project / "data", today=TODAY)
    edit(
        project,
        "data/cities.yml",
        "  coordinates: {lat: 51.45, lon: 7.01}\n",
        "  coordinates: {lat: 51.46, lon: 7.01}\n",
    )
    head = load_catalogue(project / "data", today=TODAY)
    found = compare(base, head)
    assert found.networks == ()
    (essen,) = found.cities
    assert (essen.id, essen.registry.aspect, essen.registry.kind, essen.registry.fields) == (
        "essen",
        CITY,
        CHANGED,
        ("lat",),
    )


def test_a_new_network_lists_its_participations(tmp_path, capsys):
    project = git_project(tmp_path)
    add_second_network(project)
    _, out, _ = changes(capsys, project)
    assert "#### Zweites (neu)" in out
    assert "`data/networks/second.yml`" in out
    assert "- Netzwerk: Zweites Netz – aktiv (Stand: Juni 2025) (neu)" in out
    assert "- Zweites: Mitglied seit 2001 (neu)" in out


def test_nothing_changed(tmp_path, capsys):
    project = git_project(tmp_path)
    (project / "README.txt").write_text("not data\n", encoding="utf-8")
    commit(project, "no data change")
    code, out, _ = changes(capsys, project)
    assert code == 0
    assert out.splitlines()[2].startswith("Verglichen mit `HEAD~1` (")
    assert out.splitlines()[2].endswith("): An den Daten in data/ ändert sich nichts.")


def test_an_invalid_base_is_said_and_the_head_described_alone(tmp_path, capsys):
    project = git_project(tmp_path)
    edit(project, RECORD, "scope: european", "scope: galactic")
    commit(project, "broken")
    edit(project, RECORD, "scope: galactic", "scope: european")
    commit(project, "fixed")
    code, out, _ = changes(capsys, project)
    assert code == 0
    assert "sind nicht gültig (Probleme: 1; das erste: data/networks/example.yml:19:1: scope: 'galactic'" in out
    assert "beschrieben ist nur der neue Stand." in out
    assert "### Der neue Stand" in out
    assert (
        "- Beispielnetz: aktiv (Stand: Juni 2025); Mitgliederzahl: 40 Städte (Stand: Juni 2025); Mitgliedschaften deutscher Kommunen: 1"
        in out
    )


def test_a_base_without_data_is_said(tmp_path, capsys):
    project = git_project(tmp_path, data=False)
    commit(project, "no data yet")
    write_data(project)
    commit(project, "the data")
    code, out, _ = changes(capsys, project)
    assert code == 0
    assert "gibt es keine Daten (kein Ordner data/). Beschrieben ist nur der neue Stand." in out
    assert "- Beispielnetz: aktiv (Stand: Juni 2025)" in out


def test_invalid_head_data_fails_with_a_pointer_to_validate(tmp_path, capsys):
    project = git_project(tmp_path)
    edit(project, RECORD, "scope: european", "scope: galactic")
    code, out, err = changes(capsys, project)
    assert code == 1
    assert "Die Daten dieses Stands haben Fehler (Probleme: 1)" in out
    assert "see `validate`" in err


def test_an_unknown_revision_is_refused(tmp_path, capsys):
    project = git_project(tmp_path)
    code = cli.main(["--project", str(project), "changes", "--base", "no-such-branch"])
    assert code == 2
    assert "'no-such-branch' names no commit" in capsys.readouterr().err


def test_the_working_tree_is_not_touched(tmp_path, capsys):
    project = git_project(tmp_path)
    figure_and_participation_changed(project)
    edit(project, RECORD, 'last_reviewed: "2026-11-20"', 'last_reviewed: "2026-11-21"')  # not committed
    before = git(project, "status", "--porcelain")
    code, out, _ = changes(capsys, project)
    assert code == 0
    assert "- Zuletzt geprüft: 20. November 2026 → 21. November 2026" in out  # the working tree is the head
    assert git(project, "status", "--porcelain") == before


HOSTILE = "Evil](https://evil.example) @octocat *bold* | cell & `x`"


def test_text_from_the_data_cannot_make_markup_or_mentions(tmp_path, capsys):
    project = git_project(tmp_path)
    edit(project, RECORD, "title: Über das Netzwerk", f'title: "{HOSTILE}"')
    commit(project, "a hostile source title")
    _, out, _ = changes(capsys, project)
    (line,) = [line for line in out.splitlines() if line.startswith("- Quelle:")]
    assert "Evil](" not in line and " *bold*" not in line
    assert "@octocat" not in line and "@\u2060octocat" in line
    assert r"Evil\](https://evil.example) @" in line
    assert r"\*bold\* \| cell \& \`x\`" in line


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1. Januar", r"1\. Januar"),
        ("- a list?", r"\- a list?"),
        ("a\nb\r\nc", "a b c"),
        ("`code`", r"\`code\`"),
        ("&amp;", r"\&amp;"),
        ("mail@example.org", "mail@\u2060example.org"),
    ],
)
def test_markdown_text_escapes(text, escaped):
    from citynet.markdowntext import markdown_text

    assert markdown_text(text) == escaped


def test_the_report_is_shortened_to_a_limit(tmp_path, capsys):
    project = git_project(tmp_path)
    figure_and_participation_changed(project)
    _, full, _ = changes(capsys, project)
    code, short, _ = changes(capsys, project, "--max-chars", "400")
    assert code == 0
    assert len(short) <= 400 + 1  # and print's newline
    assert len(short) < len(full)
    assert "Gekürzt: " in short and "weitere Abschnitte" in short


def test_a_removed_participation_and_a_kind_change(tmp_path):
    project = git_project(tmp_path)
    base = load_catalogue(project / "data", today=TODAY)
    edit(project, RECORD, "    kind: member\n", "    kind: associate\n")
    head = load_catalogue(project / "data", today=TODAY)
    kinds = [(c.aspect, c.kind) for c in compare(base, head).networks[0].changes]
    # A different kind is a different participation: the member left, an associate came.
    assert kinds == [(PARTICIPATION, ADDED), (PARTICIPATION, REMOVED)]


def test_every_field_and_aspect_has_its_words_in_both_languages():
    """A change names the fields that differ and the aspect it is about: each has a label."""
    import dataclasses

    from citynet import changes as c
    from citynet import model
    from citynet.labels import all_labels

    compared = [model.Status, model.Successor, model.MemberCount, model.Joining, model.Participation]
    compared += [model.Office, model.Relation, model.Partner, model.Event, model.Source, model.City, model.Topic]
    fields = {f.name for cls in compared for f in dataclasses.fields(cls)} | set(c.RECORD_FIELDS)
    fields -= {"number", "successor"}  # a source's place in its list; the status's successor is its own change
    aspects = {c.NETWORK, c.STATUS, c.SUCCESSOR, c.MEMBERS, c.OLDER_MEMBERS, c.JOINING, c.OFFICE, c.RELATION}
    aspects |= {c.PARTNER, c.EVENT, c.SOURCE}
    for lang, words in all_labels().items():
        missing = [f"field_{f}" for f in sorted(fields) if words.get(f"field_{f}") is None]
        missing += [f"change_{a}" for a in sorted(aspects) if words.get(f"change_{a.replace('-', '_')}") is None]
        assert missing == [], lang


ATTACK = "Evil](javascript:alert(1)) ![x](https://evil.example/i.png) **bold** ~~gone~~ | cell &amp; @octocat `x`"


def test_github_renders_text_from_the_data_as_text(tmp_path, capsys):
    """The report rendered by GitHub's own cmark: a hostile title shows as written, and the
    only links are to the record's sources or addresses shown as themselves."""
    import html
    import re

    import cmarkgfm
    from cmarkgfm.cmark import Options

    project = git_project(tmp_path)
    edit(project, RECORD, "title: Über das Netzwerk", f'title: "{ATTACK}"')
    edit(project, RECORD, "  de: Beispielnetz\n", '  de: "Bei|spiel *netz*"\n')
    commit(project, "hostile texts")
    _, report, _ = changes(capsys, project)
    cli.main(["--project", str(project), "changed-pages", "--base", "HEAD~1", "--today", TODAY.isoformat()])
    pages = capsys.readouterr().out
    rendered = cmarkgfm.github_flavored_markdown_to_html(report + "\n" + pages, options=Options.CMARK_OPT_UNSAFE)
    for tag in ("<img", "<strong", "<em", "<del"):
        assert tag not in rendered, tag
    for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', rendered):
        assert href == "https://www.example.org/about" or html.unescape(text) == html.unescape(href), href
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace("\u2060", "")
    assert ATTACK in visible
    assert "Bei|spiel *netz*" in visible
    # The pages' table keeps its three columns in every row, whatever the titles hold.
    rows = re.findall(r"<tr>(.*?)</tr>", rendered, flags=re.S)
    assert len(rows) > 2 and all(len(re.findall(r"<t[hd]", row)) == 3 for row in rows)
