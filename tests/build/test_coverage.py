"""The acceptance checks of issue 13, on a strict build of a data set.

- at least MIN_NETWORKS network pages in each language, each with its "how to join" section (for a
  campaign "how to obtain the title"), or, for a closed or dormant network, "what took its place";
- at least MIN_CITIES pages of NRW municipalities (or Kreise) with a membership, in each language, and on
  every NRW page each membership listed with its kind, its period and its source (current ones in the
  table of current memberships, ended ones with their end, never among the current ones);
- the searches "Klima"/"climate", "Frieden"/"peace", "Rassismus"/"racism" find networks in that
  language's search index.

The data set and the thresholds are parameters (environment variables), so the same checks run on the
real data once it is merged:

    COVERAGE_DATA=data COVERAGE_MIN_NETWORKS=15 COVERAGE_MIN_CITIES=20 \\
        .venv/bin/python -m pytest tests/build/test_coverage.py -q

Without COVERAGE_DATA the checks run on synthetic data (30 networks, 400 registry entries of which 100
in NRW) plus a small record with the topics climate, peace and anti-racism; a second, too small data set
shows that the checks fail where the pages are too few.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from citynet.labels import labels
from citynet.load import load_catalogue
from citynet.model import MEMBERSHIP_KINDS
from support import ROOT, TOPIC_RECORD_ID, build, copy_project, make_synthetic_data, topic_record

DATA = os.environ.get("COVERAGE_DATA")
MIN_NETWORKS = int(os.environ.get("COVERAGE_MIN_NETWORKS", "15"))
MIN_CITIES = int(os.environ.get("COVERAGE_MIN_CITIES", "20"))
SEARCHES = {"de": ("Klima", "Frieden", "Rassismus"), "en": ("climate", "peace", "racism")}
PREFIX = {"de": "", "en": "en/"}


def _built(project: Path, data: Path | None, *, networks: int, cities: int, topics: bool):
    if data is not None:
        shutil.rmtree(project / "data")
        shutil.copytree(data, project / "data")
    else:
        make_synthetic_data(project / "data", networks=networks, cities=cities)
        if topics:
            city = next(iter(load_catalogue(project / "data").cities))
            (project / "data/networks" / f"{TOPIC_RECORD_ID}.yml").write_text(topic_record(city), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output[-3000:]
    return result, load_catalogue(project / "data")


@pytest.fixture(scope="module")
def covered(tmp_path_factory):
    data = (ROOT / DATA) if DATA else None
    return _built(copy_project(tmp_path_factory.mktemp("coverage")), data, networks=30, cities=400, topics=True)


@pytest.fixture(scope="module")
def too_small(tmp_path_factory):
    return _built(copy_project(tmp_path_factory.mktemp("too-small")), None, networks=3, cities=24, topics=False)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _h2(page: str) -> list[str]:
    return [_text(h) for h in re.findall(r"<h2 id=\"[^\"]*\">(.*?)<a class=\"headerlink\"", page, re.S)]


def _rows(page: str, table_class: str, words) -> list[dict[str, str]]:
    """The rows of a table (by its wrapper's class) as {"state", "role", "period", "source"}: texts."""
    match = re.search(rf'<div class="cn-table {table_class} [^"]*"[^>]*>(.*?)</table>', page, re.S)
    if not match:
        return []
    names = {words["column_role"]: "role", words["column_period"]: "period", words["column_source"]: "source"}
    rows = []
    for attrs, body in re.findall(r"<tr (data-network=[^>]*)>(.*?)</tr>", match.group(1), re.S):
        row = {"state": re.search(r'data-state="(\w+)"', attrs).group(1)}
        for label, cell in re.findall(r'<td data-label="([^"]+)">(.*?)</td>', body, re.S):
            row[names.get(label, label)] = _text(cell)
        rows.append(row)
    return rows


def coverage_problems(result, catalogue, min_networks: int, min_cities: int) -> list[str]:
    """Every way the built site falls short of issue 13's acceptance checks, in words; [] when it holds."""
    problems = []
    site = Path(result.site)
    for lang, prefix in PREFIX.items():
        words = labels(lang)
        sections = {words["joining_network"], words["joining_campaign"], words["successor"]}
        pages = sorted((site / prefix / "netzwerke").glob("*/index.html"))
        with_section = [p for p in pages if sections & set(_h2(p.read_text(encoding="utf-8")))]
        for page in sorted(set(pages) - set(with_section)):
            problems.append(f"{lang}: {page.parent.name} has no section {' / '.join(sorted(sections))}")
        if len(with_section) < min_networks:
            problems.append(
                f"{lang}: {len(with_section)} network pages with a joining section, fewer than {min_networks}"
            )

        kinds = {words[f"kind_{k}"] for k in MEMBERSHIP_KINDS}
        member_pages = 0
        for city in (c for c in catalogue.cities.values() if c.is_nrw):
            path = site / prefix / "staedte" / city.id / "index.html"
            if not path.exists():
                problems.append(f"{lang}: no page for the NRW municipality {city.id}")
                continue
            page = path.read_text(encoding="utf-8")
            current, former = _rows(page, "cn-city-networks", words), _rows(page, "cn-city-former", words)
            where = f"{lang}: {city.id}"
            for row in current + former:
                if not any(row.get("role", "").startswith(kind) for kind in kinds):
                    problems.append(f"{where}: a membership without its kind ({row.get('role')!r})")
                if not row.get("period") or row["period"] == words["unknown"]:
                    problems.append(f"{where}: a membership without its period")
                if not row.get("source"):
                    problems.append(f"{where}: a membership without its source")
            if any(row["state"] != "current" for row in current):
                problems.append(f"{where}: lists an ended membership as current")
            for row in former:
                if row["state"] == "ended" and not (
                    words["until"] in row.get("period", "") or " – " in row.get("period", "")
                ):
                    problems.append(f"{where}: shows an ended membership without its end")
            member_pages += bool(current or former)
        if member_pages < min_cities:
            problems.append(f"{lang}: {member_pages} NRW municipality pages with memberships, fewer than {min_cities}")

        found = search_results(site, lang)
        for query, networks in found.items():
            if not networks:
                problems.append(f"{lang}: the search for {query!r} finds no network")
    return problems


def search_results(site: Path, lang: str) -> dict[str, set[str]]:
    """For each query of SEARCHES, the network pages whose entries in the language's search index hold a
    word beginning with it (Material's search matches the beginning of words; the browser test
    tests/browser/test_topic_search.py types the queries into the real search)."""
    index = json.loads((site / PREFIX[lang] / "search/search_index.json").read_text(encoding="utf-8"))
    found = {}
    for query in SEARCHES[lang]:
        needle = query.casefold()
        found[query] = {
            doc["location"].split("/")[1]
            for doc in index["docs"]
            if re.match(r"netzwerke/[^/#]+/", doc["location"])
            and any(
                w.startswith(needle) for w in re.findall(r"\w+", _text(doc["title"] + " " + doc["text"]).casefold())
            )
        }
    return found


def test_the_data_set_meets_the_acceptance_checks(covered):
    result, catalogue = covered
    problems = coverage_problems(result, catalogue, MIN_NETWORKS, MIN_CITIES)
    assert problems == [], "\n".join(problems)


def test_the_searches_find_the_networks_with_those_topics(covered):
    result, catalogue = covered
    with_topics = {
        lang: {
            query: {
                n.id for n in catalogue.networks if any(query.casefold() in t.label[lang].casefold() for t in n.topics)
            }
            for query in SEARCHES[lang]
        }
        for lang in PREFIX
    }
    for lang in PREFIX:
        found = search_results(Path(result.site), lang)
        for query in SEARCHES[lang]:
            assert with_topics[lang][query], f"no network has a topic with {query!r}"
            assert with_topics[lang][query] <= found[query], (lang, query)
    if not DATA:
        assert all(TOPIC_RECORD_ID in found for found in search_results(Path(result.site), "de").values())


def test_the_checks_fail_on_a_data_set_with_too_few_pages(too_small):
    result, catalogue = too_small
    problems = coverage_problems(result, catalogue, MIN_NETWORKS, MIN_CITIES)
    for lang in PREFIX:
        assert f"{lang}: 3 network pages with a joining section, fewer than {MIN_NETWORKS}" in problems
        assert any(
            p.startswith(f"{lang}: ") and "NRW municipality pages with memberships, fewer than" in p for p in problems
        )
        assert f"{lang}: the search for {SEARCHES[lang][0]!r} finds no network" in problems


def test_the_checks_see_a_membership_without_its_period(covered, tmp_path):
    """The row checks bite: a copy of a page whose period cell is emptied is reported."""
    result, catalogue = covered
    site = Path(result.site)
    city = next(
        c.id
        for c in catalogue.cities.values()
        if c.is_nrw and 'data-label="Zeitraum">' in (site / "staedte" / c.id / "index.html").read_text(encoding="utf-8")
    )
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "staedte" / city / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'(<td data-label="Zeitraum">)[^<]*(</td>)', r"\1\2", text, count=1), encoding="utf-8")
    problems = coverage_problems(type(result)(0, "", copy), catalogue, 0, 0)
    assert problems == [f"de: {city}: a membership without its period"]
