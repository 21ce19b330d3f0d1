"""`changed-pages --base REV`: the pages (both languages) whose content a change alters, with
their files in the preview artifact, so that a reviewer opens exactly those."""

from __future__ import annotations

from citynet import cli
from citynet.changedpages import ChangedPage, compare_pages, generated_changes
from citynet.changes import ADDED, CHANGED, REMOVED
from citynet.load import load_catalogue
from citynet.project import Project
from citynet.render import GeneratedPage
from citynet.revision import data_at
from invalid_reports import TODAY
from support import commit, edit, git_project

RECORD = "data/networks/example.yml"


def found(project, rev="HEAD~1"):
    head = load_catalogue(project / "data", today=TODAY)
    with data_at(Project.at(project), rev, today=TODAY) as base:
        return compare_pages(Project.at(project), rev, base.catalogue, head, TODAY)


def pages_of(result) -> set[tuple[str, str, str]]:
    return {(page.stem, page.lang, page.kind) for page in result.pages}


def both(stem: str, kind: str = CHANGED) -> set[tuple[str, str, str]]:
    return {(stem, "de", kind), (stem, "en", kind)}


def test_a_new_participation_changes_the_network_the_city_and_the_lists(tmp_path):
    project = git_project(tmp_path)
    edit(
        project,
        RECORD,
        "  - city: essen\n",
        '  - city: duesseldorf\n    kind: member\n    since: "2010"\n    source: about\n  - city: essen\n',
    )
    commit(project, "Düsseldorf is a member")
    result = found(project)
    assert result.compared
    # The record's page, Düsseldorf's page, the start page (its count of NRW members and its list
    # of NRW municipalities), the overview (its members column and the map), the list of cities
    # (its map and table) and the data page (its participation count); no other city's page, and
    # in both languages.
    assert pages_of(result) == (
        both("index")
        | both("netzwerke/example")
        | both("staedte/duesseldorf")
        | both("netzwerke/index")
        | both("staedte/index")
        | both("daten")
    )
    assert set(result.downloads) == {"networks.json", "networks.csv", "cities.csv", "participations.csv"}
    assert result.build_inputs == ()


def test_a_changed_summary_changes_the_record_and_the_overview_only(tmp_path):
    project = git_project(tmp_path)
    edit(
        project, RECORD, "  en: A network for exchange between European cities.", "  en: A network of European cities."
    )
    commit(project, "a shorter summary")
    result = found(project)
    # Only the English summary changed: the English page of the record, not the German one.
    assert pages_of(result) == {("netzwerke/example", "en", CHANGED)}
    assert result.downloads == ("networks.csv", "networks.json")


def test_hand_written_pages_templates_and_code_are_named_from_git(tmp_path):
    project = git_project(tmp_path)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    (project / "docs" / "index.en.md").write_text("# Home\n", encoding="utf-8")
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    commit(project, "hand-written pages and a template")
    (project / "docs" / "index.en.md").write_text("# Home page\n", encoding="utf-8")
    (project / "docs" / "about.md").write_text("---\ntitle: Über uns\n---\n\nText\n", encoding="utf-8")
    (project / "docs" / "index.md").unlink()
    (project / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n<!-- x -->\n", encoding="utf-8")
    result = found(project, "HEAD")  # the working tree against its own commit: nothing in data/
    assert pages_of(result) == {("about", "de", ADDED), ("index", "en", CHANGED), ("index", "de", REMOVED)}
    titles = {page.stem + "." + page.lang: page.title for page in result.pages}
    assert titles == {"about.de": "Über uns", "index.en": "Home page", "index.de": "index.md"}
    assert result.build_inputs == ("overrides/main.html",)


def test_the_report_lists_each_page_with_its_files_in_both_languages(tmp_path, capsys):
    project = git_project(tmp_path)
    edit(
        project, RECORD, "  en: A network for exchange between European cities.", "  en: A network of European cities."
    )
    commit(project, "a shorter summary")
    preview = "https://github.com/owner/repo/actions/runs/1/artifacts/2"
    code = cli.main(
        ["--project", str(project), "changed-pages", "--base", "HEAD~1", "--today", TODAY.isoformat(),
         "--preview-url", preview]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "## Seiten, die sich ändern"
    assert f"[Vorschau herunterladen](<{preview}>)" in out
    assert "| Seite | Datei im Artefakt (Deutsch) | Datei im Artefakt (Englisch) |" in lines
    # Only the English page changed: its row has its English title and no German file.
    assert "| Example Network |  | `en/netzwerke/example/index.html` |" in lines
    assert len([line for line in lines if line.startswith("| ")]) == 3  # the header, its rule, one page
    assert "Offene Daten, die sich ändern: `networks.csv`, `networks.json`" in out


def test_in_english_and_when_nothing_changes(tmp_path, capsys):
    project = git_project(tmp_path)
    code = cli.main(["--project", str(project), "changed-pages", "--base", "HEAD", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("## Pages that change\n")
    assert "No page changes." in out
    assert "| " not in out


def test_an_invalid_base_is_said_and_hand_written_pages_still_listed(tmp_path, capsys):
    project = git_project(tmp_path)
    edit(project, RECORD, "scope: european", "scope: galactic")
    commit(project, "broken")
    edit(project, RECORD, "scope: galactic", "scope: european")
    (project / "docs").mkdir()
    (project / "docs" / "hilfe.md").write_text("# Hilfe\n", encoding="utf-8")
    code = cli.main(["--project", str(project), "changed-pages", "--base", "HEAD"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Die Daten des Vergleichsstands sind nicht lesbar" in out
    assert "| Hilfe (neu) | `hilfe/index.html` |  |" in out


def test_generated_changes_by_digest():
    def page(src: str, markdown: str) -> GeneratedPage:
        return GeneratedPage(src, "en" if ".en." in src else "de", markdown, None, src.split(".")[0].title())

    base = {"a.md": page("a.md", "1"), "b.md": page("b.md", "1"), "c.en.md": page("c.en.md", "1")}
    head = {"a.md": page("a.md", "1"), "b.md": page("b.md", "2"), "d.md": page("d.md", "1")}
    assert generated_changes(base, head) == [
        ChangedPage(stem="b", lang="de", title="B", kind=CHANGED),
        ChangedPage(stem="d", lang="de", title="D", kind=ADDED),
        ChangedPage(stem="c", lang="en", title="C", kind=REMOVED),
    ]
    assert ChangedPage(stem="netzwerke/index", lang="en", title="", kind=CHANGED).site_file == "en/netzwerke/index.html"
    assert ChangedPage(stem="index", lang="de", title="", kind=CHANGED).site_file == "index.html"


def test_invalid_data_in_the_working_tree_is_said_under_the_pages_title(tmp_path, capsys):
    project = git_project(tmp_path)
    edit(project, RECORD, "scope: european", "scope: galactic")
    code = cli.main(["--project", str(project), "changed-pages", "--base", "HEAD"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("## Seiten, die sich ändern\n\nDie Daten dieses Stands haben Fehler (Probleme: 1).")


def test_a_schema_change_is_named_as_a_build_input(tmp_path):
    project = git_project(tmp_path)
    schema = project / "data" / "schema" / "network.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"title"', '"title" ', 1), encoding="utf-8")
    result = found(project, "HEAD")
    assert pages_of(result) == set()
    assert result.build_inputs == ("data/schema/network.schema.json",)
