"""Issue 16: under `mkdocs serve`, a page whose inputs are unchanged is reused from the last good
build (scripts/citynet/reuse.py); what is served after an edit must be byte for byte what a full
build of the edited project gives.

serve_builds.py rebuilds a copied project as `mkdocs serve` does (one process, a new configuration
per build) through a series of edits; after each step every file of its site is compared with a
fresh `mkdocs build --strict` of the project as it is at that step, in a process of its own. The
counts the hook reports show that the pages were indeed reused and not made again.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import build, build_env, copy_project

HERE = Path(__file__).parent
RECORD = "data/networks/cdia.yml"
WORD = "Wortprobe"
# Each step: edits [path, old, new]; what the step's build must do; a check on the reuse counts.
STEPS = [
    # A one-word edit to a record's summary: its page (both languages; the meta description) and
    # the pages that show the summary change, the rest is reused.
    ([[RECORD, "summary:\n  de: CDIA ", f"summary:\n  de: {WORD} CDIA "]], True),
    # A word in a participation's note: the record's page and the member city's page change.
    (
        [
            [
                RECORD,
                "    note:\n      de: Auf einer undatierten Seite",
                f"    note:\n      de: {WORD} auf einer undatierten Seite",
            ]
        ],
        True,
    ),
    # Düsseldorf an observer, no longer a member: the maps that draw it (a ring now) change too.
    ([[RECORD, "  - city: duesseldorf\n    kind: member\n", "  - city: duesseldorf\n    kind: observer\n"]], True),
    # A renamed short name: the navigation changes, so every page is rendered with the new sidebar.
    ([[RECORD, "short_name:\n  de: CDIA\n", "short_name:\n  de: CDIA-Netz\n"]], True),
    # A hand-written page in docs/ with a broken link: strict mode fails the build ...
    ([["docs/ueber-uns.md", "# Über uns\n", "# Über uns\n\n[weg](gibt-es-nicht.md)\n"]], False),
    # ... and fails it again while the link stays, although that page was made once already ...
    ([[RECORD, f"de: {WORD} CDIA ", f"de: {WORD}e CDIA "]], False),
    # ... and builds when it is gone, with the pages made in the failed builds not taken for good.
    ([["docs/ueber-uns.md", "\n[weg](gibt-es-nicht.md)\n", ""]], True),
]
SERVE_URL = "http://127.0.0.1:8765/"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    base = tmp_path_factory.mktemp("incremental")
    project = copy_project(base / "project")
    pristine = copy_project(base / "pristine")
    out = base / "out"
    out.mkdir()
    # Both ways build on the same day (the sitemap's dates) and with the server's address.
    env = build_env({"SOURCE_DATE_EPOCH": "1764000000"})
    steps = [edits for edits, _ in STEPS]
    completed = subprocess.run(
        [sys.executable, str(HERE / "serve_builds.py"), str(project), str(out), json.dumps(steps)],
        capture_output=True, text=True, cwd=project, env=env, timeout=900,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    reports = [json.loads((out / f"{n}.json").read_text()) for n in range(len(STEPS) + 1)]
    return base, pristine, out, reports, env


def _full_build(base: Path, pristine: Path, step: int, env: dict) -> dict[str, bytes]:
    """A fresh strict build of the project with the edits of steps 1..step applied."""
    project = base / f"full-{step}"
    shutil.copytree(pristine, project)
    for edits, _ in STEPS[:step]:
        for path, old, new in edits:
            file = project / path
            file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = build(project, extra_env={"SITE_URL": SERVE_URL, "SOURCE_DATE_EPOCH": env["SOURCE_DATE_EPOCH"]})
    assert result.returncode == 0, result.output
    return _files(result.site)


def test_each_build_passes_or_fails_as_a_full_build_would(rebuilt):
    _, _, _, reports, _ = rebuilt
    assert reports[0]["passed"]
    assert [r["passed"] for r in reports[1:]] == [passes for _, passes in STEPS]


@pytest.mark.parametrize("step", [0, 1, 2, 3, 4, 7])
def test_the_site_after_an_incremental_rebuild_is_byte_identical_to_a_full_build(rebuilt, step):
    base, pristine, out, _, env = rebuilt
    served = _files(out / str(step))
    full = _full_build(base, pristine, step, env)
    assert sorted(served) == sorted(full)
    different = [path for path in full if served[path] != full[path]]
    assert different == [], different[:10]
    if step:
        assert WORD.encode() in served["netzwerke/cdia/index.html"]
    if step >= 2:
        assert WORD.encode() in served["staedte/duesseldorf/index.html"]


def test_an_edit_to_one_record_renders_only_the_pages_that_show_it(rebuilt):
    _, _, out, reports, _ = rebuilt
    pages = len([p for p in (out / "0").rglob("*.html") if p.name == "index.html"])
    first, one_word, note, observer, renamed = (r["counts"] for r in reports[:5])
    assert first.get("html reused", 0) == 0 and first["html made"] == pages
    # The record's page in each language, and the few pages listing its summary, at most.
    assert 1 <= one_word["html made"] <= 6, one_word
    assert one_word["html reused"] == pages - one_word["html made"]
    assert one_word["render made"] == one_word["html made"], one_word
    assert one_word["search made"] == one_word["html made"], one_word
    # The note shows on the record's page and on the city's page (German only: the note's German text).
    assert note["html made"] == 2 and note["html reused"] == pages - 2, note
    # Our own rendering: only the record pages (and maps) whose input changed are rendered again:
    # the record's pages, and those of the cities that take part in it (they show the record).
    generated = reports[1]["generated"]
    assert 2 <= generated["made"] < generated["reused"] / 4, generated
    # Düsseldorf's changed role shows on pages and maps in both languages, not on every page.
    assert 4 <= observer["html made"] < pages / 4, observer
    # A new German title in the navigation: every German page's frame is new (the English pages
    # keep theirs), but the Markdown of the pages that do not name the record is not converted again.
    assert renamed["html made"] == pages // 2 and renamed["html reused"] == pages // 2, renamed
    assert renamed["render reused"] > pages * 3 / 4, renamed


def test_pages_of_a_failed_build_are_not_reused_to_hide_its_warning(rebuilt):
    """The page with the broken link was made in step 5 (which failed): step 6 made it again (and
    warned again), so the step's counts show it made, not reused."""
    _, _, _, reports, _ = rebuilt
    assert reports[6]["counts"].get("render made", 0) >= 1
