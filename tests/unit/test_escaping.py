"""Record text in the generated Markdown: tests/fixtures/hostile/hostile-text.yml holds markup,
javascript: links, attribute lists and blank lines (tests/build/test_hostile_build.py builds it)."""

from __future__ import annotations

import shutil

from support import DATA, FIXTURES, GEO

HOSTILE = FIXTURES / "hostile" / "hostile-text.yml"


def test_record_text_never_starts_a_markdown_line(tmp_path):
    """Each piece of record text sits on the line of the HTML element around it: no blank line
    inside a text can end that HTML block and let Markdown read the rest (CommonMark rule)."""
    from citynet.load import load_catalogue
    from citynet.render import render_pages

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copy(HOSTILE, data / "networks/hostile-text.yml")
    pages = render_pages(load_catalogue(data), geo_dir=GEO)
    for name in ("netzwerke/hostile-text.md", "netzwerke/hostile-text.en.md"):
        body = pages[name].markdown.split("\n---\n", 1)[1]
        stray = [line for line in body.splitlines() if "alert" in line and not line.startswith("<")]
        assert stray == [], name
