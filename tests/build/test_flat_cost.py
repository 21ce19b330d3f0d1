"""A page must not grow with the number of records (issue 7: flat cost per page).

MkDocs with Material renders the navigation into every page: a sidebar that lists every record
makes each page grow with the data, and the whole build with its square. The same network page
is built from the same record in a small and a larger synthetic data set; its HTML may differ
only by a small fixed amount. The full measurements are `python3 scripts/dev.py benchmark`.
"""

from __future__ import annotations

import pytest

from citynet.nav import SIDEBAR_RECORDS_MAX
from support import build, copy_project, developer_script, make_synthetic_data

SYNTHETIC = developer_script("synthetic_data")  # the ids it gives its records
network_id, city_id = SYNTHETIC["network_id"], SYNTHETIC["city_id"]

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
        make_synthetic_data(project / "data", networks=networks, cities=2 * networks + 8)
        result = build(project)
        assert result.returncode == 0, result.output
        sizes[networks] = result
    return sizes


@pytest.mark.parametrize(
    "page",
    [
        f"{prefix}{section}/{record}/index.html"
        for prefix in ("", "en/")
        for section, record in (("netzwerke", network_id(0)), ("staedte", city_id(0)))
    ],
)
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
