"""The steps of the atomic publication (citynet/publish.py); tests/build/test_atomic_build.py stops
real builds. Each step keeps a complete site at site/, or (between the two renames of the
fallback) beside it, where the next build's start puts it back."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from citynet import publish


def _site(folder, text):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "en").mkdir()
    (folder / "en/index.html").write_text(text + " en", encoding="utf-8")
    return folder


def _read(site):
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file()}


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    """Linux (renameat2) and macOS (renamex_np) can; elsewhere the two renames below are used."""
    a, b = _site(tmp_path / "a", "A"), _site(tmp_path / "b", "B")
    assert publish.exchange(a, b) is sys.platform.startswith(("linux", "darwin"))
    if sys.platform.startswith(("linux", "darwin")):
        assert _read(a)["index.html"] == "B" and _read(b)["index.html"] == "A"


def test_publish_replaces_the_site_and_keeps_nothing_else(tmp_path):
    site = _site(tmp_path / "site", "old")
    staging = publish.start(site, dirty=False)
    assert staging.parent == tmp_path and list(staging.iterdir()) == []
    _site(staging / "x", "unused").rename(staging / "y")  # a build writes into it
    (staging / "index.html").write_text("new", encoding="utf-8")
    publish.publish(staging, site)
    assert _read(site)["index.html"] == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_first_publication_needs_no_old_site(tmp_path):
    staging = publish.start(tmp_path / "site", dirty=False)
    (staging / "index.html").write_text("first", encoding="utf-8")
    publish.publish(staging, tmp_path / "site")
    assert _read(tmp_path / "site") == {"index.html": "first"}


def test_without_the_exchange_two_renames_and_a_stop_between_them_is_undone(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    site = _site(tmp_path / "site", "old")
    staging = publish.start(site, dirty=False)
    (staging / "index.html").write_text("new", encoding="utf-8")

    renames = []
    real_rename = os.rename

    def stopped_after_the_first(source, target):
        if renames:
            raise KeyboardInterrupt  # the process is stopped between the two renames
        renames.append(target)
        real_rename(source, target)

    monkeypatch.setattr(publish.os, "rename", stopped_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        publish.publish(staging, site)
    monkeypatch.setattr(publish.os, "rename", real_rename)
    assert not site.exists() and _read(renames[0]) == {"index.html": "old", "en/index.html": "old en"}

    # The old site was moved aside by this process; seen from the next build, that one has stopped.
    monkeypatch.setattr(publish, "_running", lambda pid: False)
    publish.start(site, dirty=False)
    assert _read(site) == {"index.html": "old", "en/index.html": "old en"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".site.building-{os.getpid()}", "site"]

    # Without the stop, the two renames publish the new site.
    staging = tmp_path / f".site.building-{os.getpid()}"
    (staging / "index.html").write_text("new", encoding="utf-8")
    publish.publish(staging, site)
    assert _read(site) == {"index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_start_clears_the_folders_of_stopped_builds_only(tmp_path):
    site = _site(tmp_path / "site", "old")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _site(tmp_path / f".site.building-{dead.pid}", "half")
        _site(tmp_path / f".site.building-{running.pid}", "half, still being written")
        _site(tmp_path / f".site.old-{dead.pid}", "older")  # site/ exists: this one is just left over
        publish.start(site, dirty=False)
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == sorted([f".site.building-{os.getpid()}", f".site.building-{running.pid}", "site"])
        assert _read(site)["index.html"] == "old"
    finally:
        running.kill()
        running.wait()


def test_a_dirty_build_starts_from_a_copy_of_the_site(tmp_path):
    site = _site(tmp_path / "site", "old")
    staging = publish.start(site, dirty=True)
    assert _read(staging) == _read(site)
    (staging / "index.html").write_text("changed", encoding="utf-8")
    assert _read(site)["index.html"] == "old"
