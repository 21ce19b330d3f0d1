"""Helpers shared by the tests (plain functions; the fixtures are in the conftest.py files).

The project is found from this file's place in the checkout: tests/ is beside data/ and docs/.
"""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GEO = DATA / "geo"
FIXTURES = ROOT / "tests" / "fixtures"
PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "overrides", "scripts"]


def valid_verdict(networks: int) -> str:
    """validate's last line for that many records beside the real registry and topic list (their counts
    change with every data edit, so the tests read them instead of hard-coding them)."""
    import yaml

    cities = len(yaml.safe_load((DATA / "cities.yml").read_text(encoding="utf-8")))
    topics = len(yaml.safe_load((DATA / "topics.yml").read_text(encoding="utf-8")))
    return f"data is valid: {networks} network{'s' if networks != 1 else ''}, {cities} cities, {topics} topics."


def newest_review_day():
    """The newest last_reviewed of the real records: the day the tests build the real data on (a record
    reviewed later than a fixed test day would be refused as reviewed in the future)."""
    import datetime
    import re

    days = [
        re.search(r'^last_reviewed: "(\d{4}-\d{2}-\d{2})"', path.read_text(encoding="utf-8"), re.M)
        for path in (DATA / "networks").glob("*.yml")
    ]
    return max(datetime.date.fromisoformat(day.group(1)) for day in days if day)


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
    """A copy of the project (config, docs, data, templates, the hook) to build or break freely.
    The citynet package the hook imports is the one installed in .venv."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, target / part)
    return target


def build_env(extra_env: dict | None = None) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_EDIT_URI=TEST_EDIT_URI)
    env.pop("SITE_URL", None)
    env.update(extra_env or {})
    return env


def build(
    project: Path, *, site: Path | None = None, extra_env: dict | None = None, config: Path | None = None
) -> BuildResult:
    site = site or project / "site"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config or project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        env=build_env(extra_env),
        timeout=600,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


def citynet(*args: str, cwd: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """The command line, as `python3 scripts/dev.py ARGS` runs it (with the installed package)."""
    return subprocess.run(
        [sys.executable, "-m", "citynet.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=build_env(extra_env),
        timeout=300,
    )


def developer_script(name: str) -> dict:
    """The functions of a developer tool beside scripts/dev.py (e.g. "benchmark"), to test them:
    the script runs as a module that is not __main__, so it defines its functions and stops."""
    return runpy.run_path(str(ROOT / "scripts" / f"{name}.py"), run_name=f"scripts_{name}")


def make_synthetic_data(target: Path, *, networks: int, cities: int) -> Path:
    """A synthetic, valid data folder (scripts/synthetic_data.py, the benchmark's own generator)."""
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "synthetic_data.py"), "--project", str(ROOT),
         "--networks", str(networks), "--cities", str(cities), str(target)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return target


def git(repo: Path, *args: str, date: str = "2024-03-05T10:00:00+00:00") -> str:
    """Run git in `repo` with a fixed author and a fixed date for the commits it makes."""
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


# A project in its own git repository, for the commands that compare with a revision (`changes`).
EXAMPLE_RECORD = ROOT / "tests" / "fixtures" / "valid" / "example.yml"


def git_project(tmp_path: Path, *, data: bool = True) -> Path:
    """A project folder (mkdocs.yml) in a new git repository; with `data`, one commit holding the
    example record (data/networks/example.yml) and the real registries, schemas and base maps."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    if data:
        write_data(project)
        commit(project, "the example record")
    return project


def write_data(project: Path) -> None:
    (project / "data" / "networks").mkdir(parents=True)
    for part in ("schema", "geo"):
        shutil.copytree(DATA / part, project / "data" / part)
    for registry in ("cities.yml", "topics.yml"):
        shutil.copy(DATA / registry, project / "data" / registry)
    shutil.copy(EXAMPLE_RECORD, project / "data" / "networks" / "example.yml")


def commit(project: Path, message: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def edit(project: Path, path: str, old: str, new: str) -> None:
    """Replace the first `old` in a file of the project (which must hold it)."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


# A small record with the topics climate, peace and anti-racism (issue 13's searches), made from the
# example record: TOPIC_RECORD_ID.yml in a data folder's networks/.
TOPIC_RECORD_ID = "topic-fixture"


def topic_record(city: str) -> str:
    """The example record as a network on climate, peace and anti-racism, its city references `city`."""
    text = EXAMPLE_RECORD.read_text(encoding="utf-8")
    for old, new in (
        ("topics: [knowledge-exchange, municipal-cooperation]", "topics: [climate, peace, anti-racism]"),
        ("  place: essen\n", f"  place: {city}\n"),
        ("  - city: essen\n", f"  - city: {city}\n"),
        ("Beispielnetz", "Themennetz"),
        ("Example Network", "Topic Network"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text
