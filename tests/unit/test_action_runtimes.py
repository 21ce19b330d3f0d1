"""Every action the workflows use runs on Node.js 24: GitHub deprecated the Node 20 runtime.

An action version enters the table below only with its evidence (what `runs.using` says in the
action.yml of that tag). A `uses:` that is not in the table fails, so an older version or a new
action has to be looked up before it is used.
"""

from __future__ import annotations

import pytest
import yaml

from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"

NODE24_ACTIONS = {
    # action.yml at tag v5 (first major on node24; v4 is node20): `using: node24`.
    "actions/checkout@v5",
    # action.yml at tag v6 (first major on node24; v5 is node20): `using: 'node24'`.
    "actions/setup-python@v6",
    # Release v6.0.0 (first major on node24; v5 is node20): pull request #186 "upgrade to node 24",
    # commit d8770c2 "Update Node version from 20 to 24 in action.yml".
    "actions/configure-pages@v6",
    # action.yml at tag v5 is `using: composite`; its one action step is actions/upload-artifact
    # pinned to bbbca2dd (v7.0.0), whose action.yml says `using: 'node24'`. v4 pins
    # upload-artifact v4.6.2 and v3 uses upload-artifact@v4, both node20.
    "actions/upload-pages-artifact@v5",
    # action.yml at tag v5 (first major on node24; v4 is node20): `using: 'node24'`.
    "actions/deploy-pages@v5",
    # action.yml at tag v7 (commit bbbca2dd, v7.0.0): `using: 'node24'`; v6 is node24 too, v5
    # and v4 are node20. The same commit upload-pages-artifact@v5 pins.
    "actions/upload-artifact@v7",
    # action.yml at tag v8 (commit 3e5f45b2): `using: 'node24'`; v7 is node24 too, v6 and older
    # are node20.
    "actions/download-artifact@v8",
}


def uses_in(paths) -> list[tuple[str, str]]:
    """(where, action) for each `uses:` of a job (a called workflow) or of a step."""
    found = []
    for path in paths:
        for job_id, job in yaml.safe_load(path.read_text(encoding="utf-8")).get("jobs", {}).items():
            if "uses" in job:
                found.append((f"{path.name}, job {job_id}", job["uses"]))
            for number, step in enumerate(job.get("steps", []), start=1):
                if "uses" in step:
                    found.append((f"{path.name}, job {job_id}, step {number}", step["uses"]))
    return found


def not_on_node24(paths) -> list[str]:
    return [
        f"{where}: {action} is not known to run on Node.js 24"
        for where, action in uses_in(paths)
        if action not in NODE24_ACTIONS
    ]


WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def test_every_action_in_the_workflows_runs_on_node24():
    # checkout and setup-python three times, the preview and the comment's artifacts, the three Pages actions
    assert len(uses_in(WORKFLOW_FILES)) >= 12
    assert not_on_node24(WORKFLOW_FILES) == []


def test_every_entry_of_the_table_is_used():
    unused = NODE24_ACTIONS - {action for _, action in uses_in(WORKFLOW_FILES)}
    assert unused == set(), "no workflow uses these any more: drop them from the table"


@pytest.mark.parametrize(
    "action",
    [
        "actions/checkout@v4",  # node20
        "actions/setup-python@v5",  # node20
        "actions/checkout@main",  # a branch: its runtime can change at any push
        "someone/new-action@v1",  # not looked up
    ],
)
def test_an_action_not_in_the_table_fails(tmp_path, action):
    workflow = tmp_path / "new.yml"
    workflow.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v5\n"
        f"      - uses: {action}\n",
        encoding="utf-8",
    )
    assert not_on_node24([workflow]) == [f"new.yml, job build, step 2: {action} is not known to run on Node.js 24"]


def test_a_called_workflow_not_in_the_table_fails(tmp_path):
    workflow = tmp_path / "calls.yml"
    workflow.write_text(
        "on: push\njobs:\n  reuse:\n    uses: someone/repo/.github/workflows/x.yml@v1\n", encoding="utf-8"
    )
    assert not_on_node24([workflow]) == [
        "calls.yml, job reuse: someone/repo/.github/workflows/x.yml@v1 is not known to run on Node.js 24"
    ]
