"""`citynet pages --out DIR`, then plain `mkdocs build -f DIR/mkdocs.yml`: the same pages with the
same main content as the normal build with our hook (README: "Building without MkDocs hooks").

Compared: the list of pages, exactly; each page's <article> (Material's main content: the page's
text, the edit button, the "report an error" and contribute links), exactly, with nothing to
normalise. What legitimately differs lies outside it: without our hook there is one search index
for both languages (so the pages' search "base" stays at the root), and the record pages of a
section too large for the sidebar are not filed under their section there; both are Material's
parts, listed in overrides/README.md.
"""

from __future__ import annotations

import re

import pytest
import yaml

from support import build, citynet, copy_project


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("staging") / "project")
    out = project.parent / "site-source"
    completed = citynet("--project", str(project), "pages", "--out", str(out))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    # The counts follow the data and docs/ (the start page is generated since issue 14): read, not pinned.
    written = re.match(
        r"wrote (\d+) generated and (\d+) hand-written pages; build them with: mkdocs build -f ", completed.stdout
    )
    assert written, completed.stdout
    assert int(written.group(2)) == len(list((project / "docs").rglob("*.md")))
    assert int(written.group(1)) > 0 and int(written.group(1)) % 2 == 0  # every page in both languages
    result = build(out, config=out / "mkdocs.yml", site=out / "site")
    assert result.returncode == 0, result.output
    return out, result


def _article(html: str) -> str:
    found = re.findall(r"<article\b.*?</article>", html, re.S)
    assert len(found) == 1
    return found[0]


def test_the_staged_configuration_has_no_hooks(staged):
    out, _ = staged
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "watch" not in config
    assert config["extra"]["search_per_language"] is False
    assert set(config["extra"]["words"]) == {"de", "en"}
    assert not list((out / "docs").rglob("*.py"))


# Only the hook keeps each language's rendering of the theme's 404 page (scripts/hooks.py): plain
# MkDocs writes the one /404.html of the language it built last.
HOOK_ONLY = {"en/404.html"}


def test_it_builds_the_same_pages_as_the_hook(staged, site):
    _, plain = staged
    assert plain.pages() == [page for page in site.pages() if page not in HOOK_ONLY]


def test_every_page_has_the_same_main_content(staged, site):
    _, plain = staged
    pages = [page for page in site.pages() if not page.endswith("404.html")]
    different = [page for page in pages if _article(plain.html(page)) != _article(site.html(page))]
    assert different == []


def test_robots_txt_is_there_without_the_hook(staged, site):
    _, plain = staged
    assert (plain.site / "robots.txt").read_bytes() == (site.site / "robots.txt").read_bytes()


def test_it_publishes_the_same_open_data(staged, site):
    _, plain = staged
    files = sorted(p.relative_to(site.site / "data") for p in (site.site / "data").rglob("*") if p.is_file())
    assert files and files == sorted(
        p.relative_to(plain.site / "data") for p in (plain.site / "data").rglob("*") if p.is_file()
    )
    for name in files:
        assert (plain.site / "data" / name).read_bytes() == (site.site / "data" / name).read_bytes(), name
    assert not (plain.site / "en" / "data").exists()


def test_the_legal_pages_are_filled_in_without_the_hook(staged):
    out, plain = staged
    impressum = (out / "docs" / "impressum.md").read_text(encoding="utf-8")
    assert "{{" not in impressum and "[noch offen:" in impressum
    assert "[to be completed:" in plain.html("en/impressum/index.html")


def test_pages_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("keep me")
    completed = citynet("pages", "--out", str(tmp_path))
    assert completed.returncode == 1
    assert completed.stderr == f"pages: {tmp_path.resolve()} exists and is not empty; name a new or an empty folder.\n"
    assert (tmp_path / "old.txt").read_text() == "keep me"


def test_it_publishes_the_same_feeds(staged, site):
    _, plain = staged
    for feed in ("feed.xml", "en/feed.xml"):
        assert (plain.site / feed).read_bytes() == (site.site / feed).read_bytes(), feed
