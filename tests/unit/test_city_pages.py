"""Municipality pages (issue 13): the municipality's own international-affairs page as a field of the
registry (read, checked, exported, shown as a source), and the words for each kind of municipality
and its Kreis ("Stadt im Kreis Mettmann", "aus dem Märkischen Kreis")."""

from __future__ import annotations

import csv
import io
import re

import pytest

from citynet.cli import check
from citynet.export import CITY_COLUMNS, city_rows
from citynet.helpers import PageHelpers, district_name
from citynet.labels import labels
from citynet.load import load_catalogue
from citynet.render import Renderer
from invalid_reports import TODAY, make_data
from support import GEO

# Places of the NRW registry (/work/notes/nrw-registry.tsv: NWBib's Wikidata ids, Destatis' coordinates).
DISTRICT_PLACES = """\
hochsauerlandkreis:
  name: Hochsauerlandkreis
  country: "DE"
  state: DE-NW
  kind: kreis
  coordinates: {lat: 51.35, lon: 8.29}
  wikidata: Q5946
kreis-mettmann:
  name: Kreis Mettmann
  country: "DE"
  state: DE-NW
  kind: kreis
  coordinates: {lat: 51.25, lon: 6.98}
  wikidata: Q6257
langenfeld:
  name: Langenfeld
  country: "DE"
  state: DE-NW
  kind: kreisangehoerige-stadt
  district: kreis-mettmann
  coordinates: {lat: 51.11, lon: 6.95}
  wikidata: Q4048
maerkischer-kreis:
  name: Märkischer Kreis
  country: "DE"
  state: DE-NW
  kind: kreis
  coordinates: {lat: 51.22, lon: 7.63}
  wikidata: Q5937
eslohe-sauerland:
  name: Eslohe (Sauerland)
  country: "DE"
  state: DE-NW
  kind: gemeinde
  district: hochsauerlandkreis
  coordinates: {lat: 51.26, lon: 8.17}
  wikidata: Q10929
staedteregion-aachen:
  name: Städteregion Aachen
  country: "DE"
  state: DE-NW
  kind: staedteregion
  coordinates: {lat: 50.77, lon: 6.08}
  wikidata: Q6272
"""


def with_registry(tmp_path, addition: str = "", *, after: str = "  wikidata: Q2066\n", extra: str = DISTRICT_PLACES):
    """The test data with `addition` inserted into the registry after `after` (Essen's last line), and
    the district places appended (in place of the real registry's entries of the same id, which it may
    hold by now)."""
    import yaml

    data = make_data(tmp_path)
    registry = data / "cities.yml"
    text = registry.read_text(encoding="utf-8")
    assert after in text
    added = yaml.safe_load(extra) or {}
    # The real registry's own international pages go: each test gives the one it needs.
    text = re.sub(r"(?m)^  international_page:\n(?:    .*\n)*", "", text)
    lines = text.replace(after, after + addition, 1).splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line[:1] not in (" ", "\n", "#") and line.rstrip().endswith(":"):
            skipping = line.rstrip()[:-1] in added
        if not skipping:
            kept.append(line)
    registry.write_text("".join(kept) + extra, encoding="utf-8")
    return data


ESSEN_PAGE = """\
  international_page:
    url: https://www.example.org/essen/international
    language: de
"""


def test_the_international_page_is_read_and_exported(tmp_path):
    data = with_registry(tmp_path, ESSEN_PAGE)
    assert check(data, today=TODAY)[0] == 0
    catalogue = load_catalogue(data, today=TODAY)
    page = catalogue.cities["essen"].international_page
    assert (page.url, page.language, page.title) == ("https://www.example.org/essen/international", "de", None)
    assert catalogue.cities["koeln"].international_page is None
    rows = {row["id"]: row for row in city_rows(catalogue)}
    assert rows["essen"]["international_page"] == "https://www.example.org/essen/international"
    assert rows["koeln"]["international_page"] == ""
    assert "international_page" in CITY_COLUMNS


def _line_of(data, text: str) -> int:
    return (data / "cities.yml").read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.mark.parametrize(
    "page, line, expected",
    [
        (
            "    url: http://www.example.org/essen/international\n    language: de\n",
            "    url: http://www.example.org/essen/international",
            "5: warning: essen.international_page.url: uses http://, not https://.",
        ),
        (
            "    url: https://dewiki.de/Lexikon/Essen\n    language: de\n",
            "    url: https://dewiki.de/Lexikon/Essen",
            "5: essen.international_page.url: dewiki.de copies Wikipedia's articles; it is not a source.",
        ),
        (
            "    url: https://www.example.org/essen/international\n    language: xx\n",
            "    language: xx",
            "5: essen.international_page.language: the language code 'xx' has no name yet. Add language_xx",
        ),
        (
            "    url: www.example.org/essen/international\n    language: de\n",
            "    url: www.example.org/essen/international",
            "5: essen.international_page.url: the address lacks its beginning. Write it in full: "
            "https://www.example.org/essen/international",
        ),
        (
            "    url: https://www.example.org/essen/international\n",
            "  international_page:",
            "3: essen.international_page.language: this required field is missing. Add it.",
        ),
    ],
)
def test_a_wrong_international_page_is_reported_at_its_line(tmp_path, page, line, expected):
    data = with_registry(tmp_path, "  international_page:\n" + page)
    code, report = check(data, today=TODAY)
    where = f"data/cities.yml:{_line_of(data, line)}:"
    assert any(r.startswith(where) and expected.split(":", 1)[1].strip() in r for r in report.splitlines()), report
    assert code == (0 if "warning" in expected else 1)


def test_the_city_page_names_its_own_page_as_a_source_in_both_languages(tmp_path):
    data = with_registry(tmp_path, ESSEN_PAGE)
    renderer = Renderer(load_catalogue(data, today=TODAY), geo_dir=GEO, today=TODAY)
    german = renderer.city("essen", "de")[2]
    english = renderer.city("essen", "en")[2]
    link = '<a href="https://www.example.org/essen/international" rel="noopener"'
    assert f"{link}>Internationales bei der Stadt Essen</a>" in german
    assert f'{link} hreflang="de">International affairs at the City of Essen</a> <small>(in German)</small>' in english
    assert "## Quellen" in german and "## Sources" in english
    # A page without one has no such section.
    assert "## Quellen" not in renderer.city("koeln", "de")[2]


def test_a_title_given_in_the_registry_is_used(tmp_path):
    titled = ESSEN_PAGE + "    title: {de: Essen international, en: Essen abroad}\n"
    data = with_registry(tmp_path, titled)
    renderer = Renderer(load_catalogue(data, today=TODAY), geo_dir=GEO, today=TODAY)
    assert (
        'Internationales bei der Stadt Essen: <a href="https://www.example.org/essen/international" rel="noopener">Essen international</a>'
        in renderer.city("essen", "de")[2]
    )
    assert "International affairs at the City of Essen: <a " in renderer.city("essen", "en")[2]
    assert ">Essen abroad</a>" in renderer.city("essen", "en")[2]


@pytest.mark.parametrize(
    "city, de, en",
    [
        ("essen", "kreisfreie Stadt", "independent city"),
        ("langenfeld", "Stadt im Kreis Mettmann", "town in Kreis Mettmann"),
        ("eslohe-sauerland", "Gemeinde im Hochsauerlandkreis", "municipality in the Hochsauerlandkreis"),
        ("kreis-mettmann", "Kreis", "district"),
        ("staedteregion-aachen", "StädteRegion", "city region (StädteRegion)"),
    ],
)
def test_each_kind_reads_well_in_both_languages(tmp_path, city, de, en):
    catalogue = load_catalogue(with_registry(tmp_path), today=TODAY)
    place = catalogue.cities[city]
    district = catalogue.cities.get(place.district) if place.district else None
    for lang, expected in (("de", de), ("en", en)):
        words = PageHelpers(lang, labels(lang), "staedte/x", TODAY)
        assert str(words.municipality_kind(place, district)) == expected
        page = Renderer(catalogue, geo_dir=GEO, today=TODAY).city(city, lang)[2]
        assert expected in page.replace('<a href="../kreis-mettmann/">Kreis Mettmann</a>', "Kreis Mettmann").replace(
            '<a href="../hochsauerlandkreis/">the Hochsauerlandkreis</a>', "the Hochsauerlandkreis"
        ).replace('<a href="../hochsauerlandkreis/">Hochsauerlandkreis</a>', "Hochsauerlandkreis")


def test_a_district_reads_well_after_a_preposition(tmp_path):
    catalogue = load_catalogue(with_registry(tmp_path), today=TODAY)
    cities = catalogue.cities
    de = PageHelpers("de", labels("de"), "staedte/x", TODAY)
    en = PageHelpers("en", labels("en"), "staedte/x", TODAY)
    assert de.from_district(cities["kreis-paderborn"]) == "aus dem Kreis Paderborn"
    assert de.from_district(cities["maerkischer-kreis"]) == "aus dem Märkischen Kreis"
    assert str(de.in_district(cities["maerkischer-kreis"])) == "im Märkischen Kreis"
    assert str(de.in_district(cities["staedteregion-aachen"])) == "in der Städteregion Aachen"
    assert de.from_district(cities["staedteregion-aachen"]) == "aus der Städteregion Aachen"
    assert en.from_district(cities["kreis-paderborn"]) == "from Kreis Paderborn"
    assert en.from_district(cities["maerkischer-kreis"]) == "from the Märkischer Kreis"
    assert district_name(cities["hochsauerlandkreis"], "de") == "Hochsauerlandkreis"
    # The link wraps the name as it is declined, and the name is escaped.
    linked = str(de.in_district(cities["maerkischer-kreis"], link=True))
    assert linked == 'im <a href="../maerkischer-kreis/">Märkischen Kreis</a>'


def test_the_international_page_of_a_staedteregion_reads_well(tmp_path):
    page = "  international_page:\n    url: https://www.example.org/staedteregion\n    language: de\n"
    data = with_registry(tmp_path, extra=DISTRICT_PLACES + page)
    catalogue = load_catalogue(data, today=TODAY)
    kreis = catalogue.cities["staedteregion-aachen"]
    assert kreis.international_page is not None  # the last entry got the page
    de = PageHelpers("de", labels("de"), "staedte/x", TODAY)
    en = PageHelpers("en", labels("en"), "staedte/x", TODAY)
    assert de.international_page_title(kreis) == "Internationales bei der Städteregion Aachen"
    assert en.international_page_title(kreis) == "International affairs at the Städteregion Aachen"


def test_the_csv_column_holds_the_address(tmp_path):
    from citynet.export import CITY_COLUMNS as columns
    from citynet.export import to_csv

    catalogue = load_catalogue(with_registry(tmp_path, ESSEN_PAGE), today=TODAY)
    table = list(csv.DictReader(io.StringIO(to_csv(city_rows(catalogue), columns))))
    assert {row["id"]: row["international_page"] for row in table}[
        "essen"
    ] == "https://www.example.org/essen/international"


def test_a_kreis_page_lists_its_towns_networks_as_theirs_not_its_own(tmp_path):
    data = with_registry(tmp_path)
    record = data / "networks/example.yml"
    text = record.read_text(encoding="utf-8")
    assert "  - city: essen\n    kind: member\n" in text
    record.write_text(text.replace("  - city: essen\n    kind: member\n", "  - city: langenfeld\n    kind: member\n"))
    assert check(data, today=TODAY)[0] == 0
    catalogue = load_catalogue(data, today=TODAY)
    renderer = Renderer(catalogue, geo_dir=GEO, today=TODAY)
    kreis = renderer.profiles["kreis-mettmann"]
    # Langenfeld, and whatever towns of the Kreis the real registry holds by now: all of this Kreis.
    assert "langenfeld" in [t.city.id for t in kreis.towns]
    assert all(t.city.district == "kreis-mettmann" for t in kreis.towns)
    assert kreis.towns[0].member_networks  # members first
    assert not any(n.id == "example" for n, _ in kreis.memberships)
    german, english = (renderer.city("kreis-mettmann", lang)[2] for lang in ("de", "en"))
    assert "## Städte und Gemeinden im Kreis Mettmann" in german
    assert "## Towns and municipalities in Kreis Mettmann" in english
    assert "Ihre Mitgliedschaften sind ihre eigenen, keine des Kreises" in german
    row = german[german.index('<tr data-city="langenfeld">') :].split("</tr>")[0]
    assert 'href="../../netzwerke/example/"' in row and "kreisangehörige Stadt" in row
    # The Kreis itself is no member of the example network: its own tables do not list it.
    own = german.split("## Städte und Gemeinden im Kreis Mettmann")[0]
    assert 'data-network="example"' not in own
    # A town has no such section.
    assert "## Städte und Gemeinden" not in renderer.city("langenfeld", "de")[2]


def test_a_town_page_says_its_kreis_membership_is_not_its_own(tmp_path):
    data = with_registry(tmp_path)
    record = data / "networks/example.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace("  - city: essen\n    kind: member\n", "  - city: kreis-mettmann\n    kind: member\n")
    )
    renderer = Renderer(load_catalogue(data, today=TODAY), geo_dir=GEO, today=TODAY)
    town = renderer.city("langenfeld", "de")[2]
    assert (
        '<p class="cn-city-district-members">Kreis Mettmann ist selbst Mitglied – das ist keine '
        'Mitgliedschaft von Langenfeld: <a href="../../netzwerke/example/">Beispielnetz</a>.</p>'
    ) in town
    assert renderer.profiles["langenfeld"].memberships == []
    assert labels("de")["city_participation_none"] in town
    assert (
        "Kreis Mettmann is a member itself – that is no membership of Langenfeld"
        in renderer.city("langenfeld", "en")[2]
    )
    assert "cn-city-district-members" not in renderer.city("eslohe-sauerland", "de")[2]
