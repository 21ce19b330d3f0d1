"""The job "comment" of checks.yml: one comment on the pull request, found again by its hidden
marker and updated on each push, never someone else's.

Its script runs here as GitHub runs it (bash -e), with a stand-in for the `gh` command line that
answers the comment listing from a fixture through the real jq (gh's --jq prints raw values, like
`jq -r`) and records every call.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from support import ROOT

MARKER = "<!-- citynet-checks-report -->"

FAKE_GH = """\
import json, os, subprocess, sys
args = sys.argv[1:]
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    entry = {"args": args}
    if "--input" in args:
        with open(args[args.index("--input") + 1], encoding="utf-8") as payload:
            entry["payload"] = json.load(payload)
    log.write(json.dumps(entry) + "\\n")
if "--jq" in args:
    listing = os.environ["GH_COMMENTS"]
    jq = subprocess.run(["jq", "-r", args[args.index("--jq") + 1]], input=listing, capture_output=True, text=True)
    sys.stdout.write(jq.stdout)
    sys.exit(jq.returncode)
"""


def comment_script() -> str:
    workflow = yaml.safe_load((ROOT / ".github/workflows/checks.yml").read_text(encoding="utf-8"))
    (step,) = [step for step in workflow["jobs"]["comment"]["steps"] if "run" in step]
    return step["run"]


def run_comment_job(tmp_path, comments: list[dict]) -> list[dict]:
    if shutil.which("jq") is None:
        pytest.fail("jq is needed to run the comment job's script: `python3 scripts/dev.py test` installs it.")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    (tmp_path / "pr-comment").mkdir()
    (tmp_path / "pr-comment" / "changes.md").write_text(
        "## Was sich an den Daten ändert\n\n- Essen\n", encoding="utf-8"
    )
    (tmp_path / "pr-comment" / "pages.md").write_text("## Seiten, die sich ändern\n", encoding="utf-8")
    log = tmp_path / "gh.log"
    env = dict(
        os.environ,
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        GH_LOG=str(log),
        GH_COMMENTS=json.dumps(comments),
        GH_TOKEN="test-token",
        REPOSITORY="owner/repo",
        NUMBER="7",
        HEAD_SHA="0123456789abcdef0123",
        RUN_URL="https://github.com/owner/repo/actions/runs/99",
    )
    completed = subprocess.run(
        ["bash", "-e", "-c", comment_script()], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def comment(comment_id: int, login: str, body: str) -> dict:
    return {"id": comment_id, "user": {"login": login}, "body": body}


def test_the_first_report_is_posted_as_a_new_comment(tmp_path):
    calls = run_comment_job(tmp_path, [comment(1, "editor", "Looks good")])
    assert [call["args"][:3] for call in calls] == [
        ["api", "--paginate", "repos/owner/repo/issues/7/comments"],
        ["api", "--method", "POST"],
    ]
    assert calls[1]["args"][3] == "repos/owner/repo/issues/7/comments"
    body = calls[1]["payload"]["body"]
    assert body.startswith(MARKER + "\n")
    assert "Commit 0123456789ab" in body and "(https://github.com/owner/repo/actions/runs/99)" in body
    assert "## Was sich an den Daten ändert\n\n- Essen\n" in body and body.endswith("## Seiten, die sich ändern\n")


def test_a_later_push_updates_our_comment_and_no_one_else_s(tmp_path):
    calls = run_comment_job(
        tmp_path,
        [
            comment(10, "editor", f"{MARKER}\nan editor's comment that starts with the marker"),
            comment(11, "github-actions[bot]", "another workflow's comment"),
            comment(12, "github-actions[bot]", f"{MARKER}\nthe report of the push before"),
            comment(13, "github-actions[bot]", f"quoted: {MARKER}"),
        ],
    )
    assert [call["args"][:4] for call in calls][1] == [
        "api",
        "--method",
        "PATCH",
        "repos/owner/repo/issues/comments/12",
    ]
    assert len(calls) == 2
    assert calls[1]["payload"]["body"].startswith(MARKER)
