"""Publishing: reproducible builds, the "report an error" link, and the GitHub files that run the checks."""

from __future__ import annotations

import datetime
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from citynet.feedback import RepositoryError, report_error_url, repository_url
from citynet.labels import labels
from conftest import build, copy_project

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = "https://github.com/example-owner/example-repo"
COMMIT_DATE = "2024-03-05T10:00:00+00:00"


def git(repo: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="test@example.org", GIT_AUTHOR_DATE=COMMIT_DATE, GIT_COMMITTER_DATE=COMMIT_DATE)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


# -- the report link ---------------------------------------------------------------------------------

def test_report_url_prefills_the_correction_form():
    url = report_error_url(REPOSITORY, page_url="https://example.org/netzwerke/tcn/", record="data/networks/tcn.yml",
                           page_title="TCN & more", words=labels("de"))
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPOSITORY + "/issues/new"
    assert parse_qs(parts.query) == {
        "template": ["correct-fact.yml"],
        "title": ["Korrektur: TCN & more"],
        "page": ["https://example.org/netzwerke/tcn/"],
        "record": ["data/networks/tcn.yml"],
        "body": ["Seite: https://example.org/netzwerke/tcn/\nDatensatz: data/networks/tcn.yml\n\n"
                 "Was ist falsch, und was ist richtig?\n\nQuelle für die Korrektur (Link):\n"],
    }


def test_report_form_has_the_fields_the_link_fills():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/correct-fact.yml").read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert {"page", "record"} <= ids


@pytest.mark.parametrize("value, expected", [
    ("", None), (None, None), ("  ", None),
    ("https://github.com/o/r", "https://github.com/o/r"),
    ("https://github.com/o/r/", "https://github.com/o/r"),
    ("https://github.com/o/r.git", "https://github.com/o/r"),
])
def test_repository_setting_is_read_from_one_place(value, expected):
    assert repository_url(value) == expected


@pytest.mark.parametrize("value", ["github.com/o/r", "http://github.com/o/r", "https://github.com/o", "javascript:alert(1)//x/y", "https://github.com/o/r?x=1"])
def test_repository_setting_refuses_what_is_no_repository_address(value):
    with pytest.raises(RepositoryError, match="is not a repository address"):
        repository_url(value)


# -- reproducible builds -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def committed_builds(tmp_path_factory):
    """The project as one git commit, built twice into two folders, with SOURCE_DATE_EPOCH unset."""
    project = copy_project(tmp_path_factory.mktemp("repro") / "project")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "snapshot")
    shutil.copy(project / "data/networks/tcn.yml", project / "data/networks/tcn-draft.yml")  # not committed
    env = {"SOURCE_DATE_EPOCH": "", "SITE_REPOSITORY": REPOSITORY}
    first = build(project, site=project / "site-1", extra_env=env)
    second = build(project, site=project / "site-2", extra_env=env)
    assert first.returncode == 0, first.output
    assert second.returncode == 0, second.output
    return first, second


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(committed_builds):
    first, second = committed_builds
    one, two = _files(first.site), _files(second.site)
    assert sorted(one) == sorted(two)
    assert len(one) > 50
    different = [path for path in one if one[path] != two[path]]
    assert different == []


def test_build_dates_come_from_the_commit_not_the_clock(committed_builds):
    first, _ = committed_builds
    sitemap = (first.site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2024-03-05"}
    header = (first.site / "sitemap.xml.gz").read_bytes()[:10]
    mtime = int.from_bytes(header[4:8], "little")
    assert datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).date() == datetime.date(2024, 3, 5)
    assert gzip.decompress((first.site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    # No clock in the output: every day written anywhere is the commit's or one from the records.
    data_text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yml"))
    days = set()
    for path, content in _files(first.site).items():
        if path.endswith((".html", ".xml", ".json")):
            days |= set(re.findall(rb"\b(20[0-9]{2}-[01][0-9]-[0-3][0-9])\b", content))
    assert {d.decode() for d in days} - {"2024-03-05"} <= set(re.findall(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", data_text))


def test_record_change_dates_come_from_git(committed_builds):
    first, _ = committed_builds
    de = first.html("netzwerke/tcn/index.html")
    assert 'Datensatz zuletzt geändert: <time datetime="2024-03-05">5. März 2024</time>.' in de
    assert 'Record last changed: <time datetime="2024-03-05">5 March 2024</time>.' in first.html("en/netzwerke/tcn/index.html")
    assert "Datensatz zuletzt geändert: unbekannt." in first.html("netzwerke/tcn-draft/index.html")


def _report_links(html: str) -> list[str]:
    return re.findall(r'<p class="cn-report">\s*<a href="([^"]+)" rel="nofollow">([^<]+)</a>', html)


def test_network_pages_link_to_a_prefilled_issue(committed_builds):
    first, _ = committed_builds
    for prefix, word, page_word in (("", "Fehler melden", "Korrektur"), ("en/", "Report an error", "Correction")):
        links = _report_links(first.html(f"{prefix}netzwerke/uclg/index.html"))
        assert len(links) == 1
        href, text = links[0]
        assert text == word
        query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        assert href.startswith(REPOSITORY + "/issues/new?template=correct-fact.yml&amp;")
        assert query["page"] == [f"http://127.0.0.1:8000/{prefix}netzwerke/uclg/"]
        assert query["record"] == ["data/networks/uclg.yml"]
        assert query["title"][0].startswith(f"{page_word}: ")
    for page in ("index.html", "ueber-uns/index.html", "netzwerke/index.html", "en/index.html"):
        assert _report_links(first.html(page)) == [], page
    assert "<script" not in first.html("netzwerke/uclg/index.html").split('class="cn-report"')[1].split("</p>")[0]


def test_no_report_link_without_a_repository(site):
    # The shared build leaves SITE_REPOSITORY as the environment has it; the default config has none.
    if os.environ.get("SITE_REPOSITORY"):
        pytest.skip("SITE_REPOSITORY is set in this environment")
    assert 'class="cn-report"' not in site.html("netzwerke/uclg/index.html")
    assert "Datensatz zuletzt geändert: unbekannt." in site.html("netzwerke/uclg/index.html")  # a copy outside git


def test_a_bad_repository_setting_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    result = build(project, extra_env={"SITE_REPOSITORY": "github.com/owner"})
    assert result.returncode == 1
    assert "citynet: 'github.com/owner' is not a repository address." in result.output
    assert "Traceback" not in result.output


# -- GitHub and pre-commit files -----------------------------------------------------------------------

def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def _runs(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def _dev_commands() -> set[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import dev
    from citynet.cli import _parser

    subparsers = next(a for a in _parser()._actions if a.dest == "command")
    return set(dev.COMMANDS) | set(subparsers.choices)


def test_workflows_run_only_the_project_commands():
    known = _dev_commands()
    for name in ("checks.yml", "pages.yml"):
        for command in _runs(_workflow(name)):
            words = command.split()
            assert words[:2] == ["python3", "scripts/dev.py"], command
            assert words[2] in known, command


def test_pull_requests_run_validator_stale_warnings_build_and_tests():
    workflow = _workflow("checks.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as true
    assert _runs(workflow) == [
        "python3 scripts/dev.py validate",
        "python3 scripts/dev.py stale --github",
        "python3 scripts/dev.py build",
        "python3 scripts/dev.py test",
    ]
    checkout = workflow["jobs"]["checks"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # record-changed dates need the history


def test_publishing_deploys_main_with_the_site_settings():
    workflow = _workflow("pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    build_step = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("run"))
    assert set(build_step["env"]) == {"SITE_URL", "SITE_EDIT_URI", "SITE_REPOSITORY"}
    assert workflow["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_pre_commit_runs_the_validator_and_yamllint():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["citynet-validate"]["entry"] == "python3 scripts/dev.py validate"
    assert hooks["yamllint"]["entry"] == "yamllint --strict"


def test_every_yaml_file_passes_yamllint(tmp_path):
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    config = YamlLintConfig(file=str(ROOT / ".yamllint"))
    files = [p for p in ROOT.rglob("*") if p.suffix in (".yml", ".yaml") and not config.is_file_ignored(str(p.relative_to(ROOT)))]
    files = [p for p in files if not any(part in (".venv", "site", "node_modules", ".git") for part in p.relative_to(ROOT).parts)]
    # A new record from the scaffold passes as well.
    from citynet.scaffold import new_network

    shutil.copytree(ROOT / "data", tmp_path / "data")
    files.append(new_network(tmp_path / "data", "lint-check", today=datetime.date(2026, 11, 25)))
    assert len(files) >= 10
    problems = []
    for path in files:
        for problem in linter.run(path.read_text(encoding="utf-8"), config, str(path)):
            problems.append(f"{path}:{problem.line}:{problem.column}: {problem.desc} ({problem.rule})")
    assert problems == []


def test_contribute_page_links_to_the_guide_and_forms_in_both_languages(committed_builds):
    first, _ = committed_builds
    for page, nav_word, guide in (("mitmachen/index.html", "Mitmachen", "Anleitung"), ("en/mitmachen/index.html", "Contribute", "Guide")):
        html = first.html(page)
        assert f"<title>{nav_word} - " in html
        links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html.split('id="cn-contribute-links"')[1].split("</ul>")[0])
        assert [href for href, _ in links] == [
            REPOSITORY + "/blob/HEAD/CONTRIBUTING.md",
            REPOSITORY + "/issues/new?template=correct-fact.yml",
            REPOSITORY + "/issues/new?template=propose-network.yml",
        ]
        assert links[0][1].startswith(guide)
    assert (ROOT / ".github/ISSUE_TEMPLATE/propose-network.yml").is_file()
    assert (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").index("## Deutsch") < (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").index("## English")
