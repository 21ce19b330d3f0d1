"""Every kind of bad input in issue 3 has a fixture under tests/fixtures/invalid/ and the exact
report it gets here: a change that makes a message worse, or lets a case through, fails.

Each fixture is checked in a small data set: the real schema, cities and topics, the valid
record tests/fixtures/valid/example.yml, and the fixture (a network record, or the whole
cities.yml or topics.yml).
"""

from __future__ import annotations

import random
import re
import subprocess
import tracemalloc

import pytest
import yaml

from citynet.cli import check
from citynet.load import load_catalogue
from citynet.problems import DataError
from citynet.yamlio import MAX_FILE_BYTES, MAX_REGISTRY_BYTES, YamlError, read_yaml
from invalid_reports import EXPECTED, FILESYSTEM, INVALID, LIMITS, TODAY, WARNINGS_ONLY, fixture_files, make_data
from support import DATA, citynet, make_synthetic_data, valid_verdict


def test_every_fixture_has_its_expected_report():
    assert fixture_files() == sorted(EXPECTED)


def test_the_example_record_alone_is_valid(tmp_path):
    assert check(make_data(tmp_path), today=TODAY) == (0, valid_verdict(1))


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_fixture_gets_its_exact_report(tmp_path, fixture):
    code, report = check(make_data(tmp_path, fixture), today=TODAY)
    assert report.splitlines() == EXPECTED[fixture]
    # An http:// source and a second record of the same name only warn: the data is still valid.
    assert code == (0 if fixture in WARNINGS_ONLY else 1)


@pytest.mark.parametrize("case", sorted(FILESYSTEM))
def test_the_file_system_is_no_input_channel(tmp_path, case):
    """Links are refused unread (the outside record's values never appear), pipes and folders are
    not read, and a file name cannot add a line of its own to the report."""
    make, expected = FILESYSTEM[case]
    data = make_data(tmp_path)
    make(data)
    code, report = check(data, today=TODAY)
    assert (code, report.splitlines()) == (1, expected)
    assert "secret-value-from-outside" not in report


@pytest.mark.parametrize("case", sorted(LIMITS))
def test_more_data_than_the_limits_is_refused_with_the_limit(tmp_path, case):
    make, expected = LIMITS[case]
    data = make_data(tmp_path)
    make(data)
    total = sum(p.stat().st_size for p in [data / "cities.yml", data / "topics.yml", *(data / "networks").iterdir()])
    code, report = check(data, today=TODAY)
    assert (code, report.splitlines()) == (1, [line.replace("{total}", f"{total:,}") for line in expected])


def test_a_record_named_like_a_hand_written_page_is_refused_by_validate_too(tmp_path):
    """The build stops when a generated page would overwrite a page in docs/; validate says so first."""
    data = make_data(tmp_path)
    (tmp_path / "docs/staedte").mkdir(parents=True)
    (tmp_path / "docs/staedte/essen").mkdir()
    (tmp_path / "docs/netzwerke").mkdir(parents=True)
    (tmp_path / "docs/netzwerke/example.md").write_text("# Beispiel\n", encoding="utf-8")
    code, report = check(data, today=TODAY)
    line = (data / "cities.yml").read_text(encoding="utf-8").splitlines().index("essen:") + 1
    assert (code, report.splitlines()) == (
        1,
        [
            f"data/cities.yml:{line}:1: essen: the id 'essen' is reserved: it is the name of the hand-written page docs/staedte/essen. Choose another id, and use it in the records.",
            "data/networks/example.yml: the id 'example' is reserved: it is the name of the hand-written page docs/netzwerke/example.md. Choose another id and rename the file.",
            "2 problems in 2 files.",
        ],
    )


def test_one_run_reports_every_problem_of_every_file(tmp_path):
    fixtures = [f for f in EXPECTED if f.startswith("networks/")]
    code, report = check(make_data(tmp_path, *fixtures), today=TODAY)
    expected = sorted({line for f in fixtures for line in EXPECTED[f] if line.startswith("data/")})
    lines = report.splitlines()
    assert code == 1
    assert sorted(lines[:-1]) == expected
    errors = [line for line in expected if ": warning: " not in line]
    assert lines[-1] == f"{len(errors)} problems in {len({line.split(':')[0] for line in errors})} files."


def _refusal(monkeypatch, function, *args):
    """(error message, YAML nodes composed, peak bytes allocated): how much work it took to refuse
    the input, counted in nodes and bytes rather than seconds (the suite runs on shared machines;
    the benchmark measures time)."""
    composed = []
    compose_node = yaml.composer.Composer.compose_node

    def counting(self, parent, index):
        composed.append(1)
        return compose_node(self, parent, index)

    monkeypatch.setattr(yaml.composer.Composer, "compose_node", counting)

    def run():
        try:
            function(*args)
        except YamlError as error:
            return str(error)
        return None

    tracemalloc.start()
    try:
        result = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, len(composed), peak


@pytest.mark.parametrize(
    "name, content",
    [
        ("bomb", (INVALID / "networks/alias-bomb.yml").read_bytes()),
        # Deeper than any stack: the reader stops at its depth limit, not at Python's recursion limit.
        ("nesting", b"a: " + b"[" * 90_000 + b"]" * 90_000 + b"\n"),
        (
            "merge-bomb",
            b"a: &a {x: 1}\n"
            + b"".join(b"b%d: &b%d {<<: *%s}\n" % (i, i, b"a" if i == 0 else b"b%d" % (i - 1)) for i in range(500)),
        ),
    ],
)
def test_bombs_are_refused_early_with_bounded_memory(tmp_path, monkeypatch, name, content):
    path = tmp_path / f"{name}.yml"
    path.write_bytes(content)
    message, composed, peak = _refusal(monkeypatch, read_yaml, path, path.name)
    assert message is not None and ("not allowed in records" in message or "nested more than 24 levels" in message)
    print(f"{name}: refused after {composed} nodes, peak {peak / 1e6:.1f} MB")
    # Refused at the first alias or at the depth limit: a few hundred nodes at most (the record
    # before the alias), never the expansion; 90,000 brackets stop at the 24th level.
    assert composed < 1_000, f"{name}: {composed} nodes composed before the refusal"
    assert peak < 100_000_000, f"{name} used {peak / 1e6:.0f} MB"


def test_a_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.yml"
    with path.open("wb") as handle:
        handle.truncate(2_000_000_000)  # a sparse 2 GB file: cheap to make, fatal to read whole
    message, composed, peak = _refusal(monkeypatch, read_yaml, path, "data/networks/huge.yml")
    assert message == (
        f"data/networks/huge.yml: the file is 2,000,000,000 bytes; data files must stay below {MAX_FILE_BYTES:,} bytes."
        " Shorten it: a network record needs only a few kB."
    )
    assert composed == 0 and peak < 2 * MAX_FILE_BYTES + 100_000  # at most the limit is read


def test_the_city_registry_may_outgrow_a_record_but_not_without_bound(tmp_path):
    """cities.yml holds every city (NRW alone has 396 municipalities), so it may be ten times a
    record's limit; a registry beyond its own limit is refused with its own advice."""
    data = make_synthetic_data(tmp_path / "data", networks=10, cities=1500)
    size = (data / "cities.yml").stat().st_size
    assert MAX_FILE_BYTES < size < MAX_REGISTRY_BYTES
    assert len(load_catalogue(data).cities) == 1500

    with (data / "cities.yml").open("ab") as handle:
        handle.write(b"#" * MAX_REGISTRY_BYTES)
    with pytest.raises(DataError) as refused:
        load_catalogue(data)
    grown = (data / "cities.yml").stat().st_size
    assert str(refused.value).splitlines()[0] == (
        f"data/cities.yml: the file is {grown:,} bytes; this file must stay below {MAX_REGISTRY_BYTES:,} bytes."
        " Check that nothing was pasted into it twice."
    )


def test_valid_data_is_read_once_and_never_needs_the_explaining_validator(monkeypatch):
    """What keeps validation quick, counted: each file is read once, and valid records pass the
    compiled validator alone; jsonschema, which explains errors, is never asked (the benchmark
    measures the time)."""
    from citynet import read, schema

    reads = []
    real_read_data_file = read.read_data_file

    def counted(path, *a, **k):
        if path.suffix == ".yml":  # the schemas are read too, for their digest
            reads.append(path)
        return real_read_data_file(path, *a, **k)

    monkeypatch.setattr(read, "read_data_file", counted)
    monkeypatch.setattr(schema, "_validator", lambda text: pytest.fail("jsonschema was asked about valid data"))
    catalogue = load_catalogue(DATA)
    assert sorted(reads) == sorted(set(reads))
    assert len(reads) == len(catalogue.networks) + 2  # the records, cities.yml and topics.yml


def _cli(*args) -> subprocess.CompletedProcess:
    return citynet("validate", *args)


def test_command_line_exit_codes_and_output(tmp_path):
    clean = _cli()  # in the project folder; tests/unit/test_package.py checks what it imports
    *warnings, verdict = clean.stdout.splitlines()
    assert (clean.returncode, verdict, clean.stderr) == (
        0,
        valid_verdict(len(list((DATA / "networks").glob("*.yml")))),
        "",
    )
    # the real data may warn (a source without an https:// address, an old confirmation), never more
    assert all(re.match(r"data/\S+:\d+:\d+: warning: ", line) for line in warnings), warnings

    warned = _cli("--data", str(make_data(tmp_path / "w", "networks/url-http.yml")), "--today", TODAY.isoformat())
    assert warned.returncode == 0
    assert warned.stdout.splitlines() == EXPECTED["networks/url-http.yml"]

    broken = _cli(
        "--data", str(make_data(tmp_path / "b", "networks/several-problems.yml")), "--today", TODAY.isoformat()
    )
    assert broken.returncode == 1
    assert broken.stdout.splitlines() == EXPECTED["networks/several-problems.yml"]
    assert broken.stderr == "Fix the lines above, then run the check again.\n"
    assert "Traceback" not in broken.stdout + broken.stderr


def test_every_data_file_names_its_schema_for_editors():
    files = sorted((DATA / "networks").glob("*.yml")) + [DATA / "cities.yml", DATA / "topics.yml"]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        target = (path.parent / first[len(prefix) :]).resolve()
        kind = "network" if path.parent.name == "networks" else path.stem
        assert target == (DATA / "schema" / f"{kind}.schema.json").resolve(), path


_TOKENS = ["[]", "{}", "1", "null", "yes", '"x"', "- a", "[[]]", "{de: x}", "[1, 2]", "2026-01-01", "~", "1e999", '""']


@pytest.mark.parametrize("target", ["networks/example.yml", "cities.yml"])
def test_careless_edits_give_problems_never_a_crash(tmp_path, target):
    """Random careless edits (lines deleted, repeated, swapped, re-indented, values replaced by
    other YAML) yield a valid catalogue or a list of problems, never another exception. The
    same mutations ran 1,500 + 400 times while this was written; a few dozen guard it here."""
    from citynet.problems import DataError

    data = make_data(tmp_path)
    original = (data / target).read_text(encoding="utf-8").splitlines()
    for seed in range(30):
        rng = random.Random(seed)
        lines = list(original)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(1, len(lines))
            operation = rng.randrange(5)
            if operation == 0:
                del lines[at]
            elif operation == 1:
                lines.insert(at, lines[rng.randrange(len(lines))])
            elif operation == 2 and ":" in lines[at]:
                lines[at] = lines[at].split(":")[0] + ": " + rng.choice(_TOKENS)
            elif operation == 3:
                lines[at] = " " * rng.randint(0, 6) + lines[at].lstrip()
            else:
                other = rng.randrange(1, len(lines))
                lines[at], lines[other] = lines[other], lines[at]
        (data / target).write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            load_catalogue(data, today=TODAY)
        except DataError as error:
            assert error.problems and all(p.file.startswith("data/") for p in error.problems)


def test_a_yes_where_a_word_of_a_list_belongs_is_a_problem_not_a_crash(tmp_path):
    """`kind: yes` reads as True: the report names the allowed words (it has no close match)."""
    data = make_data(tmp_path)
    registry = data / "cities.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("kind: kreisfreie-stadt", "kind: yes", 1), encoding="utf-8")
    code, report = check(data, today=TODAY)
    line = registry.read_text(encoding="utf-8").splitlines().index("  kind: yes") + 1
    assert (code, report.splitlines()[0]) == (
        1,
        f"data/cities.yml:{line}:3: berlin.kind: 'yes' is not allowed here. Use one of: kreisfreie-stadt, "
        "kreisangehoerige-stadt, gemeinde, kreis, staedteregion, city.",
    )
