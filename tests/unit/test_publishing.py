"""Publishing: reproducible builds, the "report an error" link, and the GitHub files that run the checks."""

from __future__ import annotations

import datetime
import runpy
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from citynet.feedback import RepositoryError, report_error_url, repository_url
from citynet.labels import labels
from support import ROOT

REPOSITORY = "https://github.com/example-owner/example-repo"
COMMIT_DATE = "2024-03-05T10:00:00+00:00"


# -- the report link ---------------------------------------------------------------------------------


def test_report_url_prefills_the_correction_form():
    url = report_error_url(
        REPOSITORY,
        page_url="https://example.org/netzwerke/tcn/",
        record="data/networks/tcn.yml",
        page_title="TCN & more",
        words=labels("de"),
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPOSITORY + "/issues/new"
    assert parse_qs(parts.query) == {
        "template": ["correct-fact.yml"],
        "title": ["Korrektur: TCN & more"],
        "page": ["https://example.org/netzwerke/tcn/"],
        "record": ["data/networks/tcn.yml"],
        "body": [
            "Seite: https://example.org/netzwerke/tcn/\nDatensatz: data/networks/tcn.yml\n\n"
            "Was ist falsch, und was ist richtig?\n\nQuelle für die Korrektur (Link):\n"
        ],
    }


def test_report_form_has_the_fields_the_link_fills():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/correct-fact.yml").read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert {"page", "record"} <= ids


@pytest.mark.parametrize(
    "value, expected",
    [
        ("", None),
        (None, None),
        ("  ", None),
        ("https://github.com/o/r", "https://github.com/o/r"),
        ("https://github.com/o/r/", "https://github.com/o/r"),
        ("https://github.com/o/r.git", "https://github.com/o/r"),
    ],
)
def test_repository_setting_is_read_from_one_place(value, expected):
    assert repository_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "github.com/o/r",
        "http://github.com/o/r",
        "https://github.com/o",
        "javascript:alert(1)//x/y",
        "https://github.com/o/r?x=1",
    ],
)
def test_repository_setting_refuses_what_is_no_repository_address(value):
    with pytest.raises(RepositoryError, match="is not a repository address"):
        repository_url(value)


# -- reproducible builds -----------------------------------------------------------------------------


# -- GitHub and pre-commit files -----------------------------------------------------------------------


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def _runs(workflow: dict, jobs: tuple[str, ...] | None = None) -> list[str]:
    return [
        step["run"]
        for job_id, job in workflow["jobs"].items()
        if jobs is None or job_id in jobs
        for step in job["steps"]
        if "run" in step
    ]


# Shell lines around the commands in the report step: a folder for the comment's text, the exit
# status kept while every report is written, and the German reports copied into the summary.
GLUE = {
    "mkdir -p pr-comment",
    "status=0",
    'cat pr-comment/changes.md pr-comment/pages.md >> "$GITHUB_STEP_SUMMARY"',
    'exit "$status"',
}


def _commands(runs: list[str]) -> list[str]:
    """The project commands of run steps, without their redirections; any other line fails."""
    found = []
    for run in runs:
        for line in filter(None, (line.strip() for line in run.splitlines())):
            if line in GLUE:
                continue
            command = line.split(" > ")[0].split(" >> ")[0]
            assert command.split()[:2] == ["python3", "scripts/dev.py"], line
            found.append(command)
    return found


def _dev_commands() -> set[str]:
    from citynet.cli import _parser

    dev = runpy.run_path(str(ROOT / "scripts" / "dev.py"), run_name="dev")  # defines, does not run
    subparsers = next(a for a in _parser()._actions if a.dest == "command")
    return set(dev["COMMANDS"]) | set(subparsers.choices)


def test_workflows_run_only_the_project_commands():
    known = _dev_commands()
    for name, jobs in (("checks.yml", ("checks", "tests")), ("pages.yml", None)):
        for command in _commands(_runs(_workflow(name), jobs)):
            assert command.split()[2] in known, command


def test_pull_requests_get_annotations_the_report_the_preview_and_the_tests():
    workflow = _workflow("checks.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as true
    report = '--base "$BASE"'
    assert _commands(_runs(workflow, ("checks",))) == [
        "python3 scripts/dev.py validate --github",
        "python3 scripts/dev.py stale --github",
        "python3 scripts/dev.py build",
        f"python3 scripts/dev.py changes {report} --max-chars 40000",
        f'python3 scripts/dev.py changed-pages {report} --preview-url "$PREVIEW_URL" --max-chars 20000',
        f"python3 scripts/dev.py changes {report} --lang en --max-chars 40000",
        f'python3 scripts/dev.py changed-pages {report} --lang en --preview-url "$PREVIEW_URL" --max-chars 20000',
    ]
    assert _commands(_runs(workflow, ("tests",))) == ["python3 scripts/dev.py test"]
    checks = workflow["jobs"]["checks"]
    steps = {step.get("id"): step for step in checks["steps"]}
    assert steps["preview"]["with"]["path"] == "site/"
    assert steps["comment-text"]["with"]["path"] == "pr-comment/"
    report_step = next(step for step in checks["steps"] if "changes --base" in step.get("run", ""))
    assert report_step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    assert report_step["env"]["PREVIEW_URL"] == "${{ steps.preview.outputs.artifact-url }}"
    assert "!cancelled()" in report_step["if"]  # the report also says when the data has errors
    for job in ("checks", "tests"):
        assert workflow["jobs"][job]["steps"][0]["with"]["fetch-depth"] == 0  # dates and the base need history


def test_only_the_comment_job_writes_and_never_for_a_fork():
    workflow = _workflow("checks.yml")
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert [job_id for job_id, job in jobs.items() if "permissions" in job] == ["comment"]
    comment = jobs["comment"]
    assert comment["permissions"] == {"pull-requests": "write"}
    assert comment["needs"] == "checks"
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]
    assert "needs.checks.outputs.comment-artifact != ''" in comment["if"]
    assert jobs["checks"]["outputs"]["comment-artifact"] == "${{ steps.comment-text.outputs.artifact-id }}"
    assert "uses" not in str([s for s in comment["steps"] if "run" in s])
    (script,) = _runs(workflow, ("comment",))
    assert "python3" not in script  # it runs nothing from the pull request's checkout
    marker = "<!-- citynet-checks-report -->"
    assert f"marker='{marker}'" in script
    assert r"startswith(\"$marker\")" in script and "github-actions[bot]" in script
    assert "--method PATCH" in script and "--method POST" in script


def test_publishing_deploys_main_with_the_site_settings():
    workflow = _workflow("pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    build_step = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("run"))
    assert set(build_step["env"]) == {"SITE_URL", "SITE_EDIT_URI", "SITE_REPOSITORY", "CITYNET_REQUIRE_OPERATOR"}
    # Publishing refuses placeholders in the legal pages (tests/build/test_legal_pages.py runs it).
    assert build_step["env"]["CITYNET_REQUIRE_OPERATOR"] == "1"
    assert build_step["run"] == "python3 scripts/dev.py build"
    assert workflow["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_pre_commit_runs_the_validator_yamllint_and_ruff():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["citynet-validate"]["entry"] == "python3 scripts/dev.py validate"
    assert hooks["yamllint"]["entry"] == "yamllint --strict"
    assert hooks["ruff-check"]["entry"].startswith("ruff check")
    assert hooks["ruff-format"]["entry"].startswith("ruff format --check")


def test_the_test_command_runs_the_style_gate_first():
    dev = (ROOT / "scripts" / "dev.py").read_text(encoding="utf-8")
    gate = dev.index('for check in (["check", "."], ["format", "--check", "."])')
    assert gate < dev.index('"-m", "pytest"')


def test_every_yaml_file_passes_yamllint(tmp_path):
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    config = YamlLintConfig(file=str(ROOT / ".yamllint"))
    files = [
        p
        for p in ROOT.rglob("*")
        if p.suffix in (".yml", ".yaml") and not config.is_file_ignored(str(p.relative_to(ROOT)))
    ]
    files = [
        p
        for p in files
        if not any(part in (".venv", "site", "node_modules", ".git") for part in p.relative_to(ROOT).parts)
    ]
    # A new record from the scaffold passes as well.
    from citynet.scaffold import new_network

    shutil.copytree(ROOT / "data", tmp_path / "data")
    files.append(new_network(tmp_path / "data", "lint-check", today=datetime.date(2026, 11, 25)))
    assert len(files) >= 10
    problems = []
    for path in files:
        for problem in linter.run(path.read_text(encoding="utf-8"), config, str(path)):
            problems.append(f"{path}:{problem.line}:{problem.column}: {problem.desc} ({problem.rule})")
    assert problems == []
