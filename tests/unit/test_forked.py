"""citynet/forked.py: work in a child process gives the same result as in this one, and any
failure there falls back to doing it here."""

from __future__ import annotations

import datetime
import os
import sys

import pytest
from mkdocs.config import load_config

from citynet import forked, sitebuild
from citynet.forked import Forked
from citynet.project import Project
from citynet.settings import site_settings
from support import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="citynet/forked.py forks on Linux only")


@pytest.fixture(autouse=True)
def fork_here(monkeypatch):
    # The suite's process may have threads of its own (the browser tests' server): these tests
    # fork all the same (their children only pickle a value); builds check for threads.
    monkeypatch.setattr(forked, "can_fork", lambda: True)


def test_the_childs_value_comes_back():
    parent = os.getpid()
    job = Forked(lambda: {"pid": os.getpid(), "text": "Köln " * 100_000})  # larger than a pipe's buffer
    value = job.result(lambda: pytest.fail("the child's value was not used"))
    assert value["pid"] != parent and value["text"] == "Köln " * 100_000


def test_a_failing_child_leaves_the_work_to_the_parent():
    def fails():
        raise ValueError("in the child")

    assert Forked(fails).result(lambda: "done here") == "done here"


def test_a_child_that_dies_leaves_the_work_to_the_parent():
    assert Forked(lambda: os._exit(3)).result(lambda: "done here") == "done here"


def test_without_a_fork_the_parent_does_the_work(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert Forked(lambda: pytest.fail("ran")).result(lambda: "done here") == "done here"


def test_the_site_made_with_a_child_is_the_site_made_without(monkeypatch):
    project = Project.at(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"))
    settings = site_settings(
        site_url="https://example.org/", edit_uri=config.edit_uri, repo_url=config.repo_url, extra=dict(config.extra)
    )
    day = datetime.date(2026, 12, 1)
    with_child = sitebuild.generate_site(project, settings, today=day)
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    alone = sitebuild.generate_site(project, settings, today=day)
    assert list(with_child.pages) == list(alone.pages)  # the same pages in the same order
    assert with_child.pages == alone.pages and with_child.exports == alone.exports
    assert {page.lang for page in with_child.pages.values()} == {"de", "en"}


def test_no_fork_beside_other_threads(monkeypatch):
    """A fork copies only the calling thread: locks that others hold stay locked in the child."""
    import threading

    monkeypatch.undo()
    started, stop = threading.Event(), threading.Event()
    other = threading.Thread(target=lambda: (started.set(), stop.wait()))
    other.start()
    try:
        started.wait()
        assert not forked.can_fork()
    finally:
        stop.set()
        other.join()
