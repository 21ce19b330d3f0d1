"""Where a build's time goes: wall time per MkDocs step and per plugin event (a developer tool).

    python3 scripts/dev.py build-profile [--networks 30 --cities 400] [--edits 3] [--report FILE]

Writes a synthetic data set (scripts/synthetic_data.py; 30 x 400 is 878 pages) into a temporary
copy of the project and builds it in this process as `mkdocs serve` does: a full build first,
then --edits rebuilds, each after a one-word edit to one record. Every plugin event (by plugin)
and the MkDocs steps between them (emptying the site folder, listing files, reading pages,
rendering them with the theme, writing them) are timed; each row is exclusive time, so a step's
row does not count the events it runs (the i18n plugin's build of the second language runs inside
its on_post_build: its steps are in their own rows). The rows add up to the build's wall time.
Prints a Markdown table for the full build and for the median rebuild.

Not part of the test suite (a build of 878 pages takes about 15 s); timing wraps add about 2 %.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from citynet.project import Project
from citynet.read import NETWORKS_DIR

SERVE_URL = "http://127.0.0.1:8765/"  # as `mkdocs serve -a 127.0.0.1:8765` sets site_url
MKDOCS_STEPS = {
    # (module, attribute): row name; each is a function MkDocs' build calls by module attribute.
    ("mkdocs.utils", "clean_directory"): "MkDocs: empty the site folder",
    ("mkdocs.commands.build", "get_files"): "MkDocs: list docs/",
    ("mkdocs.structure.files", "Files.add_files_from_theme"): "MkDocs: list the theme's files",
    ("mkdocs.commands.build", "get_navigation"): "MkDocs: navigation",
    ("mkdocs.commands.build", "_populate_page"): "MkDocs: read and convert pages (Markdown)",
    ("mkdocs.structure.files", "Files.copy_static_files"): "MkDocs: copy static files",
    ("mkdocs.commands.build", "_build_theme_template"): "MkDocs: sitemap and 404 templates",
    ("mkdocs.commands.build", "_build_page"): "MkDocs: render pages with the theme",
    ("mkdocs.utils", "write_file"): "MkDocs: write files",
}


class Timer:
    """Exclusive wall time per row: a timed call's time minus that of the timed calls inside it."""

    def __init__(self, clock=time.perf_counter):
        self.clock = clock
        self.totals: Counter[str] = Counter()
        self.inner: list[float] = []
        self.active = True

    def wrap(self, row: str, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            if not self.active:
                return function(*args, **kwargs)
            self.inner.append(0.0)
            start = self.clock()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = self.clock() - start
                self.totals[row] += elapsed - self.inner.pop()
                if self.inner:
                    self.inner[-1] += elapsed

        return timed


def wrap_mkdocs_steps(timer: Timer) -> None:
    import importlib

    for (module_name, attribute), row in MKDOCS_STEPS.items():
        owner = importlib.import_module(module_name)
        *classes, name = attribute.split(".")
        for part in classes:
            owner = getattr(owner, part)
        setattr(owner, name, timer.wrap(row, getattr(owner, name)))


def wrap_events(timer: Timer, plugins) -> None:
    """Each event method of each plugin (and of the hook) as its own row, once per configuration."""
    for event, methods in plugins.events.items():
        wrapped = []
        for method in methods:
            if getattr(method, "__wrapped__", None) is not None:
                wrapped.append(method)
                continue
            origin = plugins._event_origins.get(method, "?")
            timed = timer.wrap(f"on_{event} [{origin}]", method)
            plugins._event_origins[timed] = origin
            wrapped.append(timed)
        plugins.events[event] = wrapped


def profile(project: Path, edits: int) -> tuple[Counter, float, list[Counter], list[float]]:
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    timer = Timer()
    wrap_mkdocs_steps(timer)
    build = timer.wrap("MkDocs: the rest of build()", mkdocs_build.build)
    import mkdocs_static_i18n.plugin as i18n_plugin  # it calls build() again per language

    for name in dir(i18n_plugin):
        if getattr(i18n_plugin, name) is mkdocs_build.build:
            setattr(i18n_plugin, name, build)
    site = tempfile.mkdtemp(prefix="citynet-profile-site-")
    record = sorted((project / "data" / NETWORKS_DIR).glob("*.yml"))[0]
    original = record.read_text(encoding="utf-8")
    runs, walls = [], []
    try:
        for number in range(edits + 1):
            if number:
                record.write_text(original.replace("summary:\n  de: ", f"summary:\n  de: Probe{number} ", 1))
            timer.totals = Counter()
            start = time.perf_counter()
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
            config.site_url = SERVE_URL
            if number == 0:
                config.plugins.on_startup(command="serve", dirty=False)
            wrap_events(timer, config.plugins)
            build(config, serve_url=SERVE_URL)
            walls.append(time.perf_counter() - start)
            timer.totals["MkDocs: mkdocs.yml, and the rest"] += walls[-1] - sum(timer.totals.values())
            runs.append(timer.totals)
        config.plugins.on_shutdown()
    finally:
        record.write_text(original, encoding="utf-8")
    return runs[0], walls[0], runs[1:], walls[1:]


def table(totals: Counter, wall: float, title: str) -> list[str]:
    lines = [f"| {title} | s | share |", "|---|---:|---:|"]
    for row, seconds in totals.most_common():
        if seconds >= 0.005:
            lines.append(f"| {row} | {seconds:.2f} | {seconds / wall:.0%} |")
    lines.append(f"| **the build** | **{wall:.2f}** | 100% |")
    return lines


def median_run(runs: list[Counter], walls: list[float]) -> tuple[Counter, float]:
    middle = sorted(range(len(walls)), key=walls.__getitem__)[len(walls) // 2]
    return runs[middle], walls[middle]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--networks", type=int, default=30)
    parser.add_argument("--cities", type=int, default=400)
    parser.add_argument("--edits", type=int, default=3, help="rebuilds after a one-word edit (default 3)")
    parser.add_argument("--project", default=".", help="the project folder (default: this folder)")
    parser.add_argument("--report", help="also write the tables into this Markdown file")
    args = parser.parse_args(argv)
    from benchmark import copy_project  # beside this file, as the command runs it

    root = Project.at(args.project)
    work = Path(tempfile.mkdtemp(prefix="citynet-profile-"))
    project = copy_project(root, work / "project")
    subprocess.run(
        [sys.executable, root.root / "scripts" / "synthetic_data.py", "--project", root.root,
         "--networks", str(args.networks), "--cities", str(args.cities), project / "data"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(project)
    full, full_wall, rebuilds, rebuild_walls = profile(project, args.edits)
    size = f"{args.networks} networks x {args.cities} cities"
    lines = table(full, full_wall, f"full build, {size}")
    if rebuilds:
        run, wall = median_run(rebuilds, rebuild_walls)
        each = ", ".join(f"{w:.2f}" for w in rebuild_walls)
        lines += ["", *table(run, wall, f"rebuild after a one-word edit (median of {each} s)")]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
