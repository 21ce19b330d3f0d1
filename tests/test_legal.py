"""The operator block, the legal pages that read it, and the footer that links them."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml

from citynet.labels import all_labels
from citynet.operator import FIELDS, OperatorError, check_operator, render_legal_page
from conftest import ROOT, build, copy_project

LEGAL_PAGES = ["impressum", "datenschutz", "barrierefreiheit"]
FILLED = {key: f"value of {key}" for key in FIELDS} | {"email": "kontakt@example.org", "log_retention_days": 7}


def test_the_shipped_operator_block_is_all_placeholders_and_invents_nothing():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    # BaseLoader reads ~ as the text "~": every field is still a placeholder, nothing is guessed.
    assert config["extra"]["operator"] == {key: "~" for key in FIELDS}


def test_check_lists_placeholders_and_accepts_false_where_optional():
    assert check_operator(dict.fromkeys(FIELDS)).placeholders == list(FIELDS)
    assert check_operator(FILLED | {"phone": False, "vat_id": False}).complete


def test_check_reports_every_problem_at_once():
    data = dict.fromkeys(FIELDS) | {"name": False, "email": "", "nmae": "typo"}
    del data["city"]
    with pytest.raises(OperatorError) as error:
        check_operator(data)
    message = str(error.value)
    assert "extra.operator.nmae: unknown field" in message
    assert "extra.operator.city: missing" in message
    assert "extra.operator.name: False is not allowed" in message
    assert "extra.operator.email: '' is not allowed" in message
    with pytest.raises(OperatorError, match="must be a mapping"):
        check_operator(None)


def test_rendering_escapes_values_marks_gaps_and_leaves_out_what_does_not_apply():
    words = all_labels()["de"]
    page = "{{ operator.name }}|{{ operator.email_link }}|{% if operator.vat_id %}USt{% endif %}|{{ operator.city }}"
    data = FILLED | {"name": "A <b>&</b> B", "vat_id": False, "city": None}
    assert render_legal_page(page, data, words, source="x.md") == (
        'A &lt;b&gt;&amp;&lt;/b&gt; B|<a href="mailto:kontakt@example.org">kontakt@example.org</a>||'
        '<mark class="cn-placeholder">[noch offen: Ort]</mark>'
    )


def test_a_misspelt_field_in_a_legal_page_is_an_error_naming_the_page():
    with pytest.raises(OperatorError, match=r"docs/impressum.md:1: .*nmae"):
        render_legal_page("{{ operator.nmae }}", FILLED, all_labels()["de"], source="docs/impressum.md")


def test_build_warns_about_placeholders_but_strict_build_passes(site):
    assert site.returncode == 0
    assert re.search(r"WARNING\s+-\s+citynet: mkdocs.yml: extra.operator still has placeholders", site.output)
    assert site.output.count("extra.operator still has placeholders") == 1


def test_publishing_build_refuses_placeholders_and_accepts_a_complete_block(tmp_path):
    project = copy_project(tmp_path / "project")
    refused = build(project, extra_env={"CITYNET_REQUIRE_OPERATOR": "1"})
    assert refused.returncode != 0
    assert "CITYNET_REQUIRE_OPERATOR=1 refuses to build with placeholders" in refused.output
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for key in FIELDS:
        value = "7" if key == "log_retention_days" else f'"Wert {key}"'
        config, count = re.subn(rf"^(    {key}:) ~", rf"\1 {value}", config, flags=re.M)
        assert count == 1, key
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    published = build(project, extra_env={"CITYNET_REQUIRE_OPERATOR": "1"})
    assert published.returncode == 0, published.output
    impressum = published.html("impressum/index.html")
    assert "Wert name" in impressum and "cn-placeholder" not in impressum
    assert "placeholders" not in published.output


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
        for href, page in zip(hrefs, LEGAL_PAGES):
            wanted = f"http://site.test/{'en/' if english else ''}{page}/"
            assert urljoin(page_url, href) == wanted, (path, href)
