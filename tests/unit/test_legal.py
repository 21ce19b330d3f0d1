"""The operator block, the legal pages that read it, and the footer that links them."""

from __future__ import annotations

import re

import pytest
import yaml

from citynet.labels import all_labels
from citynet.operator import FIELDS, OperatorError, check_operator, render_legal_page
from support import ROOT

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


OPTIONAL = [key for key, optional in FIELDS.items() if optional]


def _body(path):
    text = path.read_text(encoding="utf-8")
    return text.split("---\n", 2)[2] if text.startswith("---\n") else text


@pytest.mark.parametrize("page", [*LEGAL_PAGES, "ueber-uns"])
@pytest.mark.parametrize("suffix", [".md", ".en.md"])
def test_no_heading_stands_empty_when_the_optional_facts_do_not_apply(page, suffix):
    path = ROOT / "docs" / f"{page}{suffix}"
    words = all_labels()["en" if suffix == ".en.md" else "de"]
    for data in (FILLED | dict.fromkeys(OPTIONAL, False), FILLED, dict.fromkeys(FIELDS)):
        markdown = render_legal_page(_body(path), data, words, source=str(path))
        # Split at the headings: each must be followed by text before the next one or the end.
        parts = re.split(r"^#{1,6} .*$", markdown, flags=re.M)
        headings = re.findall(r"^#{1,6} .*$", markdown, flags=re.M)
        for heading, text in zip(headings, parts[1:], strict=True):
            assert text.strip(), (path.name, heading, data is FILLED)
        for key in OPTIONAL:
            if data[key] is False:
                assert f"value of {key}" not in markdown


def test_about_us_names_the_operator_only_once_the_name_is_filled_in():
    for suffix, lang, heading in ((".md", "de", "Wer diese Website betreibt"), (".en.md", "en", "Who runs this")):
        body = _body(ROOT / "docs" / f"ueber-uns{suffix}")
        words = all_labels()[lang]
        named = render_legal_page(body, FILLED | {"name": "Verein A & B"}, words, source="x")
        assert heading in named and "Verein A &amp; B" in named and "value of city" in named
        assert "impressum.md" in named
        unnamed = render_legal_page(body, dict.fromkeys(FIELDS), words, source="x")
        assert heading not in unnamed and "cn-placeholder" not in unnamed
        # A name without a town yet: no gap is shown on a page that is not a legal page.
        partial = render_legal_page(body, dict.fromkeys(FIELDS) | {"name": "Verein"}, words, source="x")
        assert "Verein" in partial and "cn-placeholder" not in partial
