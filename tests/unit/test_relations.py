"""Relations between networks (issue 13): each shows on both records' pages, in words that read well in
both languages; the inverse side says where its source is."""

from __future__ import annotations

import pytest

from citynet.labels import labels
from citynet.load import load_catalogue
from citynet.model import RELATION_INVERSES
from citynet.render import Renderer
from support import DATA, GEO, newest_review_day

BUILD_DAY = newest_review_day()


@pytest.fixture(scope="module")
def renderer():
    return Renderer(load_catalogue(DATA, today=BUILD_DAY), geo_dir=GEO, today=BUILD_DAY)


def test_every_relation_and_its_inverse_has_words_in_both_languages():
    for lang in ("de", "en"):
        words = labels(lang)
        for kind, inverse in RELATION_INVERSES.items():
            assert words[f"relation_{kind}"] and words[f"relation_{inverse}"]
        assert "{network}" in words["relation_source_elsewhere"]


@pytest.mark.parametrize(
    "lang, section_of, has_section, elsewhere",
    [
        ("de", "Sektion von", "Sektion", "Quelle auf der Seite „Metropolis“"),
        ("en", "Section of", "Section", "source on the Metropolis page"),
    ],
)
def test_a_section_shows_on_both_pages(renderer, lang, section_of, has_section, elsewhere):
    catalogue = renderer.catalogue
    metropolis, uclg = catalogue.network("metropolis"), catalogue.network("uclg")
    child = renderer.network(metropolis, lang)[2]
    parent = renderer.network(uclg, lang)[2]
    child_item = child[child.index('<ul class="cn-relations">') :].split("</ul>")[0]
    parent_item = parent[parent.index('<ul class="cn-relations">') :].split("</ul>")[0]
    # Metropolis' own relation: its words, the link, its text and its citations.
    assert f'<li>{section_of}: <a href="../uclg/">UCLG</a>. ' in child_item
    assert 'class="cn-cite"' in child_item
    # UCLG's page: the inverse, without citations of its own (they would point at UCLG's sources).
    assert (
        f'<li>{has_section}: <a href="../metropolis/">Metropolis</a> <small>({elsewhere})</small></li>' in parent_item
    )
    assert 'class="cn-cite"' not in parent_item
