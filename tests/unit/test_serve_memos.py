"""What a rebuild under `mkdocs serve` keeps from the last one without a build: the reading of
each data file (citynet/read.py with a citynet/memo.py Memo) and the site folder emptied in the
background (citynet/sitefolder.py). The pages themselves: tests/build/test_incremental.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from citynet.load import load_catalogue
from citynet.memo import Memo
from citynet.problems import DataError
from citynet.sitefolder import BackgroundClean

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def _problems(data: Path, memo: Memo | None = None) -> list[str]:
    try:
        catalogue = load_catalogue(data, memo=memo)
    except DataError as error:
        return [str(p) for p in error.problems]
    return [str(p) for p in catalogue.warnings]


def test_a_load_with_the_memo_reads_only_the_edited_file_and_finds_what_a_fresh_load_finds(data: Path):
    memo = Memo()
    first = load_catalogue(data, memo=memo)
    files = memo.counts["made"]
    assert files == len(list((data / "networks").glob("*.yml"))) + 2 and memo.counts["reused"] == 0
    again = load_catalogue(data, memo=memo)
    assert memo.counts == {"reused": files, "made": 0}
    assert again == first

    record = data / "networks" / "cdia.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("summary:\n  de: CDIA ", "summary:\n  de: Wortprobe CDIA ", 1), encoding="utf-8")
    edited = load_catalogue(data, memo=memo)
    assert memo.counts == {"reused": files - 1, "made": 1}
    assert edited == load_catalogue(data)
    assert next(n for n in edited.networks if n.id == "cdia").summary.de.startswith("Wortprobe CDIA ")

    # A mistake is reported with its line, with and without the memo, and goes when mended.
    record.write_text(text.replace("summary:\n  de: CDIA ", "summary:\n  dee: CDIA ", 1), encoding="utf-8")
    broken = _problems(data, memo)
    assert broken == _problems(data) and any("cdia.yml:" in p and "dee" in p for p in broken)
    assert _problems(data, memo) == broken  # the kept reading reports the same problems again
    record.write_text(text, encoding="utf-8")
    assert _problems(data, memo) == _problems(data)
    assert load_catalogue(data, memo=memo) == first


def test_an_edited_schema_makes_every_file_read_again(data: Path):
    memo = Memo()
    load_catalogue(data, memo=memo)
    schema = next((data / "schema").glob("*.json"))
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_catalogue(data, memo=memo)
    assert memo.counts["reused"] == 0 and memo.counts["made"] > 0


def test_the_site_folder_is_empty_at_once_and_its_old_content_is_deleted_after_the_build(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "index.html").write_text("x")
    (site / "sitemap.xml").write_text("y")
    (site / ".keep").write_text("hidden entries stay, as MkDocs leaves them")
    clean = BackgroundClean()
    assert clean.empty(site)
    assert sorted(p.name for p in site.iterdir()) == [".keep"]
    # Kept beside the site until the build has ended, then deleted by another process.
    assert [p.name for p in tmp_path.iterdir() if p.name != "site"] and clean.deleting == []
    clean.delete_moved()
    assert clean.moved == [] and len(clean.deleting) == 1
    clean.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the old content is gone too
    assert clean.empty(tmp_path / "missing") is False
