"""The operator block, the legal pages that read it, and the footer that links them."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml

from citynet.operator import FIELDS
from support import ROOT, build, copy_project

LEGAL_PAGES = ["impressum", "datenschutz", "barrierefreiheit"]


def test_build_warns_about_placeholders_but_strict_build_passes(site):
    assert site.returncode == 0
    assert re.search(r"WARNING\s+-\s+citynet: mkdocs.yml: extra.operator still has placeholders", site.output)
    assert site.output.count("extra.operator still has placeholders") == 1


def _workflow_build_env() -> dict[str, str]:
    """The environment of the publishing workflow's build step, its GitHub expressions filled in
    as GitHub would for a repository OWNER/REPO."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("run") == "python3 scripts/dev.py build")
    github = {
        "steps.pages.outputs.base_url": "https://owner.github.io/repo",
        "github.server_url": "https://github.com",
        "github.repository": "owner/repo",
        "github.ref_name": "main",
    }
    return {
        key: re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: github[m.group(1)], str(value))
        for key, value in step["env"].items()
    }


def _fill(config: str, key: str, value: str) -> str:
    config, count = re.subn(rf"^(    {key}:) ~", rf"\1 {value}", config, flags=re.M)
    assert count == 1, key
    return config


def test_the_publishing_workflow_refuses_a_placeholder_and_publishes_a_complete_block(tmp_path):
    """The build step of .github/workflows/pages.yml, with its own environment: one placeholder
    left (the hosting provider) and nothing is built; all facts in (the optional ones "does not
    apply") and the site names its operator, with no heading left empty."""
    env = _workflow_build_env()
    assert env["CITYNET_REQUIRE_OPERATOR"] == "1"
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for key, optional in FIELDS.items():
        if key == "hosting_provider":
            continue
        value = "7" if key == "log_retention_days" else "false" if optional else f'"Wert {key}"'
        config = _fill(config, key, value)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    refused = build(project, extra_env=env)
    assert refused.returncode != 0
    assert "CITYNET_REQUIRE_OPERATOR=1 refuses to build with placeholders" in refused.output
    assert "hosting_provider" in refused.output and not (project / "site").exists()

    (project / "mkdocs.yml").write_text(_fill(config, "hosting_provider", '"Wert hosting_provider"'), encoding="utf-8")
    published = build(project, extra_env=env)
    assert published.returncode == 0, published.output
    assert "placeholders" not in published.output
    impressum = published.html("impressum/index.html")
    assert "Wert name" in impressum and "cn-placeholder" not in impressum
    assert "Registereintrag" not in impressum and "Wert register" not in impressum
    for path in published.pages():
        html = published.html(path)
        english = '<html lang="en"' in html
        footer = html[html.index('<footer class="md-footer"') :]
        assert f'<p class="cn-operator">{"Run by" if english else "Betrieben von"} Wert name</p>' in footer, path
        article = html[html.index("<article") : html.index("</article>")]
        # No heading directly followed by another heading or by the end of the page's text.
        empty = re.search(r"</h([1-6])>\s*(<h[1-6][ >]|$)", article)
        assert not empty, (path, article[empty.start() - 200 : empty.end()] if empty else "")
    about = published.html("ueber-uns/index.html"), published.html("en/ueber-uns/index.html")
    assert "Betreiber dieser Website ist Wert name mit Sitz in Wert city" in about[0]
    assert "This website is run by Wert name, based in Wert city" in about[1]


def test_about_us_and_the_footer_name_nobody_while_the_name_is_a_placeholder(site):
    for path in ("ueber-uns/index.html", "en/ueber-uns/index.html", "index.html", "impressum/index.html"):
        html = site.html(path)
        assert 'class="cn-operator"' not in html, path
    assert "Wer diese Website betreibt" not in site.html("ueber-uns/index.html")
    assert "Who runs this website" not in site.html("en/ueber-uns/index.html")


@pytest.mark.parametrize("page", LEGAL_PAGES)
def test_legal_pages_exist_in_both_languages_and_show_the_gaps(site, page):
    german, english = site.html(f"{page}/index.html"), site.html(f"en/{page}/index.html")
    assert '<html lang="de"' in german and '<html lang="en"' in english
    assert "[noch offen:" in german and "[to be completed:" in english


def test_every_page_links_the_legal_pages_of_its_language_in_the_footer(site):
    for path in site.pages():
        html = site.html(path)
        footer = html[html.index('<footer class="md-footer"') :]
        english = '<html lang="en"' in html
        links = re.findall(r'<nav class="cn-legal"[^>]*>(.*?)</nav>', footer, re.S)
        assert len(links) == 1, path
        hrefs = re.findall(r'href="([^"]+)"', links[0])
        assert len(hrefs) == 3, path
        page_url = "http://site.test/" + path.removesuffix("index.html")
        for href, page in zip(hrefs, LEGAL_PAGES, strict=True):
            wanted = f"http://site.test/{'en/' if english else ''}{page}/"
            assert urljoin(page_url, href) == wanted, (path, href)
