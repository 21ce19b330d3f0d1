"""Shared fixtures: the real data, and strict MkDocs builds of the site in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The browser tests' fixtures (tests/browser/browser_support.py), registered once for the session:
# a fixture imported into several test modules would start a browser and a site per module.
pytest_plugins = ["browser.browser_support"]

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "overrides", "scripts"]
TEST_EDIT_URI = "https://github.com/example-owner/example-repo/edit/main/docs/"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))


def copy_project(target: Path) -> Path:
    """A copy of the project (config, docs, data, templates, code) to build or break freely."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def build(project: Path, *, site: Path | None = None, extra_env: dict | None = None) -> BuildResult:
    site = site or project / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_EDIT_URI=TEST_EDIT_URI)
    env.pop("SITE_URL", None)
    env.update(extra_env or {})
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuildResult:
    """The real site, built once per test session with --strict."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result
