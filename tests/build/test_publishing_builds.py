"""Publishing: reproducible builds, the "report an error" link, and the GitHub files that run the checks."""

from __future__ import annotations

import datetime
import gzip
import os
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from support import ROOT, build, copy_project, git

REPOSITORY = "https://github.com/example-owner/example-repo"


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
    assert datetime.datetime.fromtimestamp(mtime, datetime.UTC).date() == datetime.date(2024, 3, 5)
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
    assert 'Record last changed: <time datetime="2024-03-05">5 March 2024</time>.' in first.html(
        "en/netzwerke/tcn/index.html"
    )
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


def test_contribute_page_links_to_the_guide_and_forms_in_both_languages(committed_builds):
    first, _ = committed_builds
    for page, nav_word, guide in (
        ("mitmachen/index.html", "Mitmachen", "Anleitung"),
        ("en/mitmachen/index.html", "Contribute", "Guide"),
    ):
        html = first.html(page)
        assert f"<title>{nav_word} - " in html
        links = re.findall(
            r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html.split('id="cn-contribute-links"')[1].split("</ul>")[0]
        )
        assert [href for href, _ in links] == [
            REPOSITORY + "/blob/HEAD/CONTRIBUTING.md",
            REPOSITORY + "/issues/new?template=correct-fact.yml",
            REPOSITORY + "/issues/new?template=propose-network.yml",
        ]
        assert links[0][1].startswith(guide)
    assert (ROOT / ".github/ISSUE_TEMPLATE/propose-network.yml").is_file()
    assert (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").index("## Deutsch") < (
        ROOT / "CONTRIBUTING.md"
    ).read_text(encoding="utf-8").index("## English")
