"""A stopped build loses nothing: SIGTERM at any point of `mkdocs build` (and of `dev.py build`)
leaves the last published site/ complete, byte for byte, or the new build complete in its place.

The build is stopped at known moments by tests/build/stop_hook.py (added to a copied project's
hooks): before MkDocs empties the folder, amid the German pages, amid the English ones (which the
i18n plugin builds at the end), after every page is written, and just before the publication;
and at a few moments by the clock. The publication's steps themselves are tested in
tests/unit/test_publish.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import ROOT, build_env, copy_project

MARKER = "Neu im Test des abgebrochenen Builds"


def _manifest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _mkdocs(project: Path, env: dict) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """A project with the stop hook, its published site (the old one), and what a complete build
    of the edited data publishes (the new one)."""
    project = copy_project(tmp_path_factory.mktemp("atomic") / "project")
    shutil.copy(Path(__file__).with_name("stop_hook.py"), project / "scripts/stop_hook.py")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", "hooks:\n  - scripts/stop_hook.py\n", 1), encoding="utf-8")
    env = build_env()
    record = project / "data/networks/cdia.yml"
    old_record = record.read_text(encoding="utf-8")
    new_record = old_record.replace("summary:\n  de: ", f"summary:\n  de: {MARKER} ", 1)
    assert new_record != old_record

    record.write_text(new_record, encoding="utf-8")
    subprocess.run(_mkdocs(project, env), env=env, check=True, capture_output=True, timeout=300)
    new = _manifest(project / "site")
    record.write_text(old_record, encoding="utf-8")
    subprocess.run(_mkdocs(project, env), env=env, check=True, capture_output=True, timeout=300)
    old = _manifest(project / "site")
    assert old != new and len(old) == len(new) > 100
    assert any(name.startswith("en/") for name in old)
    record.write_text(new_record, encoding="utf-8")  # the builds below build the new data
    return project, old, new


def _build_old_data(project: Path) -> None:
    """Publish the old site again (a complete build of the old data), the new data left in place."""
    record = project / "data/networks/cdia.yml"
    new_record = record.read_text(encoding="utf-8")
    record.write_text(new_record.replace(f"{MARKER} ", "", 1), encoding="utf-8")
    try:
        subprocess.run(_mkdocs(project, build_env()), env=build_env(), check=True, capture_output=True, timeout=300)
    finally:
        record.write_text(new_record, encoding="utf-8")


def _stop_at(project: Path, moment: str, command: list[str], extra_env: dict | None = None) -> None:
    stopped = project / "stopped.txt"
    stopped.unlink(missing_ok=True)
    env = build_env({"CITYNET_TEST_STOP_AT": moment, "CITYNET_TEST_STOPPED": str(stopped), **(extra_env or {})})
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        until = time.monotonic() + 300
        while not stopped.exists():
            assert process.poll() is None, f"the build ended before reaching {moment!r}"
            assert time.monotonic() < until, f"the build never reached {moment!r}"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) != 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


MOMENTS = ["pre_build", "files", "page 5 de", "page 20 de", "page 5 en", "post_build 1", "post_build 2", "shutdown"]


@pytest.mark.parametrize("moment", MOMENTS)
def test_sigterm_at_any_point_of_mkdocs_build_leaves_the_last_site_complete(sites, moment):
    project, old, _ = sites
    assert _manifest(project / "site") == old
    _stop_at(project, moment, _mkdocs(project, build_env()))
    assert _manifest(project / "site") == old
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.building-")]
    # The next build starts by clearing what the stopped one left beside site/.
    _build_old_data(project)
    assert _manifest(project / "site") == old
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


def test_a_complete_build_replaces_the_site_and_a_failed_one_leaves_it(sites):
    project, old, new = sites
    env = build_env()
    subprocess.run(_mkdocs(project, env), env=env, check=True, capture_output=True, timeout=300)
    assert _manifest(project / "site") == new
    record = project / "data/networks/cdia.yml"
    good = record.read_text(encoding="utf-8")
    # A warning fails a strict build only after every page is written (MkDocs counts them at the
    # end): a broken link in a hand-written page.
    page = project / "docs/ueber-uns.md"
    page_text = page.read_text(encoding="utf-8")
    page.write_text(page_text + "\n[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
    try:
        failed = subprocess.run(_mkdocs(project, env), env=env, capture_output=True, text=True, timeout=300)
        assert failed.returncode == 1 and "Aborted with 1 warnings in strict mode!" in failed.stderr + failed.stdout
        assert _manifest(project / "site") == new
    finally:
        page.write_text(page_text, encoding="utf-8")
    record.write_text(good, encoding="utf-8")
    _build_old_data(project)


@pytest.mark.parametrize("after", [0.5, 1.5, 3.0])
def test_sigterm_by_the_clock_leaves_the_old_or_the_new_site_complete(sites, after):
    project, old, new = sites
    process = subprocess.Popen(
        _mkdocs(project, build_env()), env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(after)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert _manifest(project / "site") in (old, new)
    _build_old_data(project)


def test_sigterm_to_dev_py_build_stops_the_build_and_leaves_the_site(sites):
    """`python3 scripts/dev.py build` passes the SIGTERM on to its mkdocs build."""
    project, old, new = sites
    # dev.py builds the project it lies in, with that project's .venv: lend it this one.
    # Its stamp says the test command installed the packages, so dev.py installs nothing.
    stamp = ROOT / ".venv/.installed-test"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    assert stamp.exists() and stamp.read_text() == wanted, "run the tests with: python3 scripts/dev.py test"
    (project / ".venv").symlink_to(ROOT / ".venv")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    assert _manifest(project / "site") == old
    _stop_at(project, "page 5 en", [sys.executable, str(project / "scripts/dev.py"), "build"])
    assert _manifest(project / "site") == old
    # The mkdocs build that dev.py started has stopped too (its folder is named by its pid).
    pids = [int(p.name.rsplit("-", 1)[1]) for p in project.iterdir() if p.name.startswith(".site.building-")]
    assert len(pids) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)
