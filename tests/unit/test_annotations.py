"""`validate --github` and `stale --github`: each problem as a GitHub Actions annotation on its
file, line and column, escaped so that nothing from the data can end it or forge another command.

The annotations are read back here the way GitHub's runner reads a workflow command
(actions/runner, ActionCommand.TryParseV2): a line is a command only if it starts with `::`; the
command's properties end at the next `::`, are split at `,` and `=`, and are unescaped like the
message (`%25`, `%0D`, `%0A`, and in properties `%3A` and `%2C`).
"""

from __future__ import annotations

import shutil

import pytest

from citynet import cli
from citynet.cli import check
from citynet.hygiene import printable
from citynet.problems import Problem, github_annotation
from invalid_reports import EXPECTED, INVALID, TODAY, make_data
from support import valid_verdict


def read_command(line: str) -> tuple[str, dict[str, str], str]:
    """(command, properties, message) of one workflow command, unescaped as the runner does it."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    head, message = line[2:end], line[end + 2 :]
    name, _, properties = head.partition(" ")
    fields = {}
    for pair in filter(None, properties.split(",")):
        key, _, value = pair.partition("=")
        fields[key] = _unescape(value, property=True)
    return name, fields, _unescape(message)


def _unescape(text: str, *, property: bool = False) -> str:
    if property:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    return [read_command(line) for line in output.splitlines() if line.strip().startswith("::")]


def test_validate_github_prints_one_error_per_problem_at_its_file_line_and_column(tmp_path, capsys):
    data = make_data(tmp_path, "networks/several-problems.yml")
    assert cli.main(["validate", "--github", "--data", str(data), "--today", TODAY.isoformat()]) == 1
    captured = capsys.readouterr()
    file = "data/networks/several-problems.yml"
    assert captured.out.splitlines() == [
        f"::error file={file},line=19,col=1,title=Data check::scope: 'local' is not allowed here. "
        "Use one of: global, european, transatlantic, national.",
        f"::error file={file},line=45,col=5,title=Data check::participants[0].city: the city 'leipzsch' is not in "
        "data/cities.yml. Did you mean 'leipzig'? Add the city there first, or fix the id.",
        f"::error file={file},line=47,col=5,title=Data check::participants[0].since: '2030' lies in the future. "
        "Facts are recorded once they have happened: check the year.",
        "3 problems in 1 file.",
    ]
    assert "Fix the problems in the annotations above (on their lines in Files changed)" in captured.err


def test_the_plain_report_stays_the_default(tmp_path, capsys):
    data = make_data(tmp_path, "networks/several-problems.yml")
    assert cli.main(["validate", "--data", str(data), "--today", TODAY.isoformat()]) == 1
    assert capsys.readouterr().out.splitlines() == EXPECTED["networks/several-problems.yml"]


def test_warnings_are_warning_annotations_and_pass(tmp_path, capsys):
    data = make_data(tmp_path, "networks/url-http.yml")
    assert cli.main(["validate", "--github", "--data", str(data), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    found = commands("\n".join(out))
    assert [name for name, _, _ in found] == ["warning"]
    _, properties, message = found[0]
    assert properties["file"] == "data/networks/url-http.yml"
    assert properties["title"] == "Data check"
    assert "http://" in message
    assert out[-1] == valid_verdict(2)


HOSTILE_NAME = "x\n::error file=forged.yml,line=1::forged, 100% %0A\r::warning::y.yml"


def test_a_file_name_cannot_break_out_of_its_annotation(tmp_path, capsys):
    data = make_data(tmp_path)
    shutil.copy(INVALID / "networks" / "several-problems.yml", data / "networks" / HOSTILE_NAME)
    assert cli.main(["validate", "--github", "--data", str(data), "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    found = commands(out)
    # Every line but the count is one of our annotations: nothing else starts a command.
    assert len(found) == len(lines) - 1 == 4
    assert lines[-1] == "4 problems in 1 file."
    assert all(line.startswith("::error file=data/networks/x%0A%3A%3Aerror file=forged.yml%2C") for line in lines[:-1])
    for name, properties, _ in found:
        assert name == "error"
        assert set(properties) <= {"file", "line", "col", "title"}
        assert properties["file"] == f"data/networks/{HOSTILE_NAME}"  # read back exactly as it is
        assert properties["title"] == "Data check"
    assert [(p.get("line"), p.get("col")) for _, p, _ in found] == [(None, None), ("19", "1"), ("45", "5"), ("47", "5")]
    file_name_problem = found[0][2]
    assert file_name_problem.startswith("the file name is the record's id")


def test_a_message_cannot_forge_a_command():
    problem = Problem("data/networks/a.yml", 3, 7, "name.de", "x\r\n::error::forged 50%\n::stop-commands::t")
    line = github_annotation(problem, "Data check")
    assert "\n" not in line and "\r" not in line
    assert line == (
        "::error file=data/networks/a.yml,line=3,col=7,title=Data check::name.de: "
        "x%0D%0A::error::forged 50%25%0A::stop-commands::t"
    )
    assert read_command(line) == (
        "error",
        {"file": "data/networks/a.yml", "line": "3", "col": "7", "title": "Data check"},
        "name.de: x\r\n::error::forged 50%\n::stop-commands::t",
    )


def test_a_title_with_commas_and_colons_stays_one_property():
    problem = Problem("a,b:c.yml", None, None, "", "m")
    assert github_annotation(problem, "T: 1, 2") == "::error file=a%2Cb%3Ac.yml,title=T%3A 1%2C 2::m"
    assert read_command(github_annotation(problem, "T: 1, 2"))[1] == {"file": "a,b:c.yml", "title": "T: 1, 2"}


def test_stale_github_prints_the_problems_of_invalid_data_as_annotations(tmp_path, capsys):
    data = make_data(tmp_path, "networks/several-problems.yml")
    assert cli.main(["stale", "--github", "--data", str(data), "--today", TODAY.isoformat()]) == 1
    found = commands(capsys.readouterr().out)
    assert [(name, p["line"]) for name, p, _ in found] == [("error", "19"), ("error", "45"), ("error", "47")]


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_every_fixture_gets_one_annotation_per_reported_problem(tmp_path, fixture):
    """The same problems as the plain report, each as one annotation at the same place."""
    data = make_data(tmp_path, fixture)
    code, plain = check(data, today=TODAY)
    github_code, annotated = check(data, today=TODAY, github=True)
    assert github_code == code
    problems = [line for line in plain.splitlines() if line.startswith("data/")]
    found = commands(annotated)
    assert len(found) == len(problems) == len(annotated.splitlines()) - 1  # and the summary line
    for line, (name, properties, message) in zip(problems, found, strict=True):
        place = properties["file"] + "".join(f":{properties[key]}" for key in ("line", "col") if key in properties)
        assert name == ("warning" if ": warning: " in line else "error")
        assert line.startswith(place + ": ")
        assert line.endswith(printable(message))  # the plain report writes a line break in a key as \n
