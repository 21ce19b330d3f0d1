"""Issue 13: the site's search finds networks by their topics, in the visitor's language: "Klima",
"Frieden", "Rassismus" on the German pages, "climate", "peace", "racism" on the English ones. The
real data and a small record on climate, peace and anti-racism (tests/support.py topic_record),
built, served on 127.0.0.1 and searched as a visitor types."""

from __future__ import annotations

import re

import pytest
from conftest import served_build
from test_search import search

from citynet.load import load_catalogue
from support import TOPIC_RECORD_ID, copy_project, topic_record


@pytest.fixture(scope="module")
def topic_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("topic-project"))
    (project / "data/networks" / f"{TOPIC_RECORD_ID}.yml").write_text(topic_record("essen"), encoding="utf-8")
    with served_build(project, tmp_path_factory.mktemp("topic-served") / "site") as (url, _result):
        yield url, load_catalogue(project / "data")


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    "root, query",
    [("", "Klima"), ("", "Frieden"), ("", "Rassismus"), ("en/", "climate"), ("en/", "peace"), ("en/", "racism")],
)
def test_a_topic_word_finds_the_network_in_the_visitors_language(page, topic_site, root, query):
    """The first network among the results is one on that topic (the real data's ones, and the small
    record, which has all three); only the visitor's language is searched."""
    url, catalogue = topic_site
    lang = "en" if root else "de"
    on_topic = {n.id for n in catalogue.networks if any(query.casefold() in t.label[lang].casefold() for t in n.topics)}
    assert TOPIC_RECORD_ID in on_topic
    results = search(page, url, root, query)
    found = (re.fullmatch(rf"{root}netzwerke/([^/]+)/", path) for path in results)
    networks = [match.group(1) for match in found if match]
    assert networks and networks[0] in on_topic, results
    assert all(path.startswith("en/") == (root == "en/") for path in results), results


def test_the_finder_offers_the_topics_and_filters_by_them(page, topic_site):
    url, catalogue = topic_site
    page.goto(url + "netzwerke/")
    options = page.eval_on_selector_all("#cn-finder-topic option", "os => os.map(o => [o.value, o.textContent])")
    assert ["climate", "Klimaschutz"] in options and ["anti-racism", "Gegen Rassismus und Diskriminierung"] in options
    page.select_option("#cn-finder-topic", "peace")
    shown = page.eval_on_selector_all(".cn-overview tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.network)")
    assert sorted(shown) == sorted(n.id for n in catalogue.networks if "peace" in {t.id for t in n.topics})
    assert TOPIC_RECORD_ID in shown
