"""A page must not grow with the number of records (issue 7: flat cost per page).

MkDocs with Material renders the navigation into every page: a sidebar that lists every record
makes each page grow with the data, and the whole build with its square. The same network page
is built from the same record in a small and a larger synthetic data set; its HTML may differ
only by a small fixed amount. The full measurements are `python3 scripts/dev.py benchmark`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from citynet import yamlio
from citynet.render import SIDEBAR_RECORDS_MAX
from citynet.synthetic import city_id, make_data_set, network_id
from conftest import DATA, build, copy_project

# Both sets are larger than a section the sidebar lists record by record (SIDEBAR_RECORDS_MAX):
# below that, a page grows by one sidebar entry per record, by design and bounded.
SMALL = SIDEBAR_RECORDS_MAX + 1
LARGE = 2 * SMALL
# The page's own content is identical in both sets (same record, same cities). What may differ
# without growing with the data: counts written out in words and digits (e.g. "31" vs "62") and
# links whose relative path differs in length. 1 KB covers that; one more sidebar entry per
# record costs about 250 bytes, so listing 31 more records (about 8 KB) fails clearly.
TOLERANCE_BYTES = 1000


@pytest.fixture(scope="module")
def built_sizes(tmp_path_factory):
    sizes = {}
    for networks in (SMALL, LARGE):
        project = copy_project(tmp_path_factory.mktemp(f"flat{networks}"))
        make_data_set(DATA, project / "data", networks=networks, cities=2 * networks + 8)
        result = build(project)
        assert result.returncode == 0, result.output
        sizes[networks] = result
    return sizes


@pytest.mark.parametrize("page", [
    f"{prefix}{section}/{record}/index.html"
    for prefix in ("", "en/")
    for section, record in (("netzwerke", network_id(0)), ("staedte", city_id(0)))
])
def test_record_page_does_not_grow_with_the_number_of_records(built_sizes, page):
    small = len(built_sizes[SMALL].html(page).encode())
    large = len(built_sizes[LARGE].html(page).encode())
    assert large - small <= TOLERANCE_BYTES, (
        f"{page} is {small:,} bytes with {SMALL} networks but {large:,} bytes with {LARGE}: "
        "something on the page lists all records (the sidebar? a map of every city?)."
    )


@pytest.mark.parametrize("prefix, section", [("", "Netzwerke"), ("en/", "Networks")])
def test_a_large_section_marks_the_section_without_listing_its_records(built_sizes, prefix, section):
    """Beyond SIDEBAR_RECORDS_MAX the sidebar leads to the section's index page and marks it as
    the reader's place; the records are reached through the index page's table."""
    result = built_sizes[SMALL]
    html = result.html(f"{prefix}netzwerke/{network_id(0)}/index.html")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    active = nav.split("md-nav__item--active", 1)[1]
    assert '<a href="../" class="md-nav__link ">' in active and section in active
    for index in range(1, SMALL):
        assert f'href="../{network_id(index)}/"' not in nav
        assert f'href="{network_id(index)}/"' in result.html(f"{prefix}netzwerke/index.html")


def test_every_synthetic_record_is_built(built_sizes):
    pages = built_sizes[LARGE].pages()
    for index in range(LARGE):
        assert f"netzwerke/{network_id(index)}/index.html" in pages
        assert f"en/netzwerke/{network_id(index)}/index.html" in pages


def test_the_fast_yaml_reader_reads_exactly_what_the_strict_one_reads():
    """yamlio composes with libyaml's parser for speed; it must give the same nodes and positions."""
    files = sorted(DATA.rglob("*.yml")) + [Path(yamlio.__file__).with_name("labels.yml")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yamlio._compose(text)
        strict = yaml.compose(text, Loader=yamlio._StrictLoader)
        assert _shape(fast) == _shape(strict), path


def _shape(node):
    mark = (node.start_mark.line, node.start_mark.column, node.tag)
    if isinstance(node, yaml.MappingNode):
        return mark, [(_shape(k), _shape(v)) for k, v in node.value]
    if isinstance(node, yaml.SequenceNode):
        return mark, [_shape(item) for item in node.value]
    return mark, node.value, node.style or None


def test_the_fast_schema_check_agrees_with_jsonschema():
    """schema.py asks the compiled validator first and trusts its "valid"; it must never accept
    what jsonschema, whose messages editors see, refuses."""
    import copy

    from citynet import schema

    schema_dir = DATA / "schema"
    record = yaml.safe_load((DATA / "networks" / "uclg.yml").read_text(encoding="utf-8"))
    mutations = {
        "valid": lambda r: None,
        "missing field": lambda r: r.pop("name"),
        "unknown field": lambda r: r.update(foo="bar"),
        "bad day": lambda r: r.update(last_reviewed="2020/01/01"),
        "unquoted date": lambda r: r.update(last_reviewed=__import__("datetime").date(2020, 1, 1)),
        "bad id": lambda r: r["participants"][0].update(city="Köln"),
        "bad enum": lambda r: r["status"].update(value="sleeping"),
        "bad url": lambda r: r["sources"][0].update(url="ftp://example.org/"),
        "empty text": lambda r: r["summary"].update(de=""),
        "markup in a line": lambda r: r["sources"][0].update(publisher="<b>x</b>"),
        # Python's re lets `$` match before a final newline, so jsonschema accepts this and the
        # compiled validator (ECMA `$`) does not: stricter is safe, jsonschema has the last word.
        "line with newline": lambda r: r["sources"][0].update(publisher="x\n"),
        "wrong type": lambda r: r.update(topics="education"),
    }
    for name, mutate in mutations.items():
        data = copy.deepcopy(record)
        mutate(data)
        refused = any(True for _ in schema.validator(schema_dir, "network").iter_errors(data))
        try:
            fast_accepts = schema.fast_validator(schema_dir, "network").is_valid(data)
        except Exception:  # noqa: BLE001 - check_schema then asks jsonschema
            fast_accepts = False
        assert not (fast_accepts and refused), f"{name}: the fast check accepts what jsonschema refuses"
        assert refused == (name not in ("valid", "line with newline")), name
