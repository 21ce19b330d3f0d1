"""Run by tests/build/test_incremental.py in a process of its own: builds a project the way
`mkdocs serve` rebuilds it (one process, a new configuration for every build, the site built into
one temporary folder with the server's address), with file edits between the builds.

    python serve_builds.py PROJECT OUT STEPS_JSON

STEPS_JSON is a list of steps, each a list of edits [path, old, new] (old replaced by new once).
Before the first step, the site is built once as it is. After each build, the site is copied to
OUT/<step> and OUT/<step>.json says whether the build passed and what the hook reused or made.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

SERVE_URL = "http://127.0.0.1:8765/"  # what `mkdocs serve -a 127.0.0.1:8765` sets as site_url


def main(project: Path, out: Path, steps: list) -> None:
    site = tempfile.mkdtemp(prefix="mkdocs_")
    for number, edits in enumerate([[], *steps]):
        for path, old, new in edits:
            file = project / path
            text = file.read_text(encoding="utf-8")
            if old not in text:
                raise SystemExit(f"{path}: {old!r} not found")
            file.write_text(text.replace(old, new, 1), encoding="utf-8")
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
        config.site_url = SERVE_URL
        if number == 0:
            config.plugins.on_startup(command="serve", dirty=False)  # as serve does, once
        try:
            build(config, serve_url=SERVE_URL)
            passed = True
        except Abort:
            passed = False
        hook = next(p for name, p in config.plugins.items() if name.endswith("hooks.py"))
        report = {"passed": passed, "counts": hook.kept.counts, "generated": dict(hook.build.memo.counts)}
        (out / f"{number}.json").write_text(json.dumps(report), encoding="utf-8")
        if passed:
            shutil.copytree(site, out / str(number))
    config.plugins.on_shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3]))
