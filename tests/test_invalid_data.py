"""Every kind of bad input in issue 3 has a fixture under tests/fixtures/invalid/ and the exact
report it gets here: a change that makes a message worse, or lets a case through, fails.

Each fixture is checked in a small data set: the real schema, cities and topics, the valid
record tests/fixtures/valid/example.yml, and the fixture (a network record, or the whole
cities.yml or topics.yml).
"""

from __future__ import annotations

import datetime
import os
import random
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from citynet.cli import check
from citynet.load import load_catalogue
from citynet.problems import DataError
from citynet.yamlio import MAX_FILE_BYTES, MAX_REGISTRY_BYTES, YamlError, read_yaml
from conftest import DATA, ROOT

FIXTURES = Path(__file__).with_name("fixtures")
INVALID = FIXTURES / "invalid"
EXAMPLE = FIXTURES / "valid" / "example.yml"
# Dates are checked as of this day, so that "as of 2031" stays in the future for this test.
TODAY = datetime.date(2026, 11, 25)

WARNINGS_ONLY = {"networks/url-http.yml", "networks/same-name.yml"}

EXPECTED = {
    'cities/country-no.yml': [
        'data/cities.yml:11:3: oslo.country: NO was read as false (a yes/no value), not as text. Write it in quotes: "NO".',
        '1 problem in 1 file.',
    ],
    'cities/duplicate-city.yml': [
        'data/cities.yml:9:1: essen: is written twice, on lines 3 and 9. Keep one of them: YAML would silently use only the last.',
        '1 problem in 1 file.',
    ],
    'networks/Beispielnetz.yml': [
        "data/networks/Beispielnetz.yml: the file name is the record's id and must use lowercase letters, digits and hyphens only. Rename the file to beispielnetz.yml.",
        '1 problem in 1 file.',
    ],
    'networks/alias-bomb.yml': [
        'data/networks/alias-bomb.yml:56:11: Anchors and aliases (&name, *name) are not allowed in records; write the value out.',
        '1 problem in 1 file.',
    ],
    'networks/bad-indentation.yml': [
        'data/networks/bad-indentation.yml:25:4: YAML syntax error: this line is indented differently from the fields around it. Indent each field like the others of its group (two spaces per level).',
        '1 problem in 1 file.',
    ],
    'networks/bare-date.yml': [
        'data/networks/bare-date.yml:55:1: last_reviewed: 2026-11-20 was read as a calendar date, not as text. Write it in quotes: "2026-11-20".',
        '1 problem in 1 file.',
    ],
    'networks/byte-order-mark.yml': [
        'data/networks/byte-order-mark.yml:1:1: the file starts with a byte-order mark (BOM). Save it as UTF-8 without BOM.',
        '1 problem in 1 file.',
    ],
    'networks/deep-nesting.yml': [
        'data/networks/deep-nesting.yml:48:32: The data is nested more than 24 levels deep; records need only a few levels.',
        '1 problem in 1 file.',
    ],
    'networks/duplicate-key.yml': [
        'data/networks/duplicate-key.yml:43:1: scope: is written twice, on lines 19 and 43. Keep one of them: YAML would silently use only the last.',
        '1 problem in 1 file.',
    ],
    'networks/empty-text.yml': [
        'data/networks/empty-text.yml:23:5: membership.text.de: is empty. Write the German text.',
        'data/networks/empty-text.yml:32:3: summary.de: is empty. Write the German text.',
        '2 problems in 1 file.',
    ],
    'networks/example.yaml': [
        "data/networks/example.yaml: gives the same id 'example' as data/networks/example.yml: one network, one record. Merge the two files into example.yml.",
        '1 problem in 1 file.',
    ],
    'networks/founded-3000.yml': [
        "data/networks/founded-3000.yml:15:3: founded.date: '3000' lies in the future. Facts are recorded once they have happened: check the year.",
        '1 problem in 1 file.',
    ],
    'networks/future-date.yml': [
        "data/networks/future-date.yml:29:5: members[0].as_of: '2031' lies in the future. Facts are recorded once they have happened: check the year.",
        '1 problem in 1 file.',
    ],
    'networks/id-field.yml': [
        "data/networks/id-field.yml:3:1: id: records have no `id` field: the file name is the id (here 'id-field'). Remove this line. If 'beispielnetz' is the id you meant, rename the file to beispielnetz.yml.",
        '1 problem in 1 file.',
    ],
    'networks/impossible-date.yml': [
        "data/networks/impossible-date.yml:47:5: participants[0].since: '2001-02-30' is not a real calendar date. Check the month and the day.",
        '1 problem in 1 file.',
    ],
    'networks/markup-in-name.yml': [
        'data/networks/markup-in-name.yml:7:3: short_name.de: must not contain < or >. Write plain text: markup is not allowed in names and titles.',
        'data/networks/markup-in-name.yml:46:12: participants[0].role.de: must not contain { or } (Markdown attribute lists). Write plain text: markup is not allowed in names and titles.',
        '2 problems in 1 file.',
    ],
    'networks/missing-field.yml': [
        'data/networks/missing-field.yml:3:1: summary: this required field is missing. Add it.',
        '1 problem in 1 file.',
    ],
    'networks/missing-language.yml': [
        'data/networks/missing-language.yml:34:1: description.en: this required field is missing. Add it.',
        '1 problem in 1 file.',
    ],
    'networks/missing-schema-line.yml': [
        'data/networks/missing-schema-line.yml:1:1: the first line must be the schema comment, so that editors check the file as you type. Add this line at the top: # yaml-language-server: $schema=../schema/network.schema.json',
        '1 problem in 1 file.',
    ],
    'networks/not-utf8.yml': [
        'data/networks/not-utf8.yml:2:67: the file is not valid UTF-8 text. Save it with UTF-8 encoding.',
        '1 problem in 1 file.',
    ],
    'networks/python-tag.yml': [
        'data/networks/python-tag.yml:18:10: website: the tag !!python/object/apply:os.system is not allowed. Remove it.',
        '1 problem in 1 file.',
    ],
    'networks/same-name.yml': [
        'data/networks/same-name.yml:4:3: warning: name.de: data/networks/example.yml (line 4) has the same name. If both describe one network, merge the two files; otherwise name the networks apart.',
        'data/networks/same-name.yml:7:3: warning: short_name.de: data/networks/example.yml (line 7) has the same short name. If both describe one network, merge the two files; otherwise name the networks apart.',
        'data is valid: 2 networks, 12 cities, 13 topics.',
    ],
    'networks/several-problems.yml': [
        "data/networks/several-problems.yml:19:1: scope: 'local' is not allowed here. Use one of: global, european, transatlantic.",
        "data/networks/several-problems.yml:45:5: participants[0].city: the city 'leipzsch' is not in data/cities.yml. Did you mean 'leipzig'? Add the city there first, or fix the id.",
        "data/networks/several-problems.yml:47:5: participants[0].since: '2030' lies in the future. Facts are recorded once they have happened: check the year.",
        '3 problems in 1 file.',
    ],
    'networks/tab-indentation.yml': [
        'data/networks/tab-indentation.yml:11:1: YAML syntax error: a tab character; indent with spaces only.',
        '1 problem in 1 file.',
    ],
    'networks/unclosed-bracket.yml': [
        'data/networks/unclosed-bracket.yml:43:9: YAML syntax error: the bracket [ that starts here is not closed. Add the closing ] after the last entry.',
        '1 problem in 1 file.',
    ],
    'networks/unclosed-quote.yml': [
        'data/networks/unclosed-quote.yml:12:10: YAML syntax error: the quote " that starts here is not closed on its line. Add the closing " at the end of the value.',
        '1 problem in 1 file.',
    ],
    'networks/unknown-city.yml': [
        "data/networks/unknown-city.yml:45:5: participants[0].city: the city 'esen' is not in data/cities.yml. Did you mean 'essen'? Add the city there first, or fix the id.",
        '1 problem in 1 file.',
    ],
    'networks/unknown-key.yml': [
        'data/networks/unknown-key.yml:18:1: websit: unknown field. Did you mean `website`? Allowed here: abbreviation, description, founded, history, last_reviewed, members, membership, name, participants, partners, representatives, scope, seat, short_name, sources, status, summary, topics, website.',
        '1 problem in 1 file.',
    ],
    'networks/unknown-topic.yml': [
        "data/networks/unknown-topic.yml:43:10: topics[0]: the topic 'knowledge-exchnage' is not in data/topics.yml. Did you mean 'knowledge-exchange'? Or add the topic there first.",
        '1 problem in 1 file.',
    ],
    'networks/unquoted-year.yml': [
        'data/networks/unquoted-year.yml:15:3: founded.date: 1998 was read as the number 1998, not as text. Write it in quotes: "1998".',
        '1 problem in 1 file.',
    ],
    'networks/url-data.yml': [
        'data/networks/url-data.yml:53:5: sources[0].url: data: addresses are not allowed. Give the https:// address of a web page.',
        '1 problem in 1 file.',
    ],
    'networks/url-http.yml': [
        'data/networks/url-http.yml:53:5: warning: sources[0].url: uses http://, not https://. Use the https:// address if the site has one.',
        'data is valid: 2 networks, 12 cities, 13 topics.',
    ],
    'networks/url-javascript.yml': [
        'data/networks/url-javascript.yml:18:1: website: javascript: addresses are not allowed. Give the https:// address of a web page.',
        '1 problem in 1 file.',
    ],
    'networks/url-malformed.yml': [
        "data/networks/url-malformed.yml:18:1: website: the address names the host 'www.example..org', which is not a web site's name. Copy the address from the browser's address bar.",
        "data/networks/url-malformed.yml:53:5: sources[0].url: the address contains a space or line break, which web addresses cannot hold. Copy the address from the browser's address bar.",
        '2 problems in 1 file.',
    ],
    'networks/url-relative.yml': [
        'data/networks/url-relative.yml:18:1: website: the address lacks its beginning. Write it in full: https://www.example.org/about',
        'data/networks/url-relative.yml:53:5: sources[0].url: is not a complete web address. Write the full address starting with https://, such as https://www.example.org/page.',
        '2 problems in 1 file.',
    ],
    'networks/version-number.yml': [
        'data/networks/version-number.yml:51:5: sources[0].title: 1.10 was read as the number 1.1, not as text. Write it in quotes: "1.10".',
        '1 problem in 1 file.',
    ],
    'networks/wrong-type.yml': [
        'data/networks/wrong-type.yml:26:1: members: expected a list (lines starting with -), found a number.',
        '1 problem in 1 file.',
    ],
    'networks/yes-no-on-off.yml': [
        'data/networks/yes-no-on-off.yml:9:16: abbreviation.de: ON was read as true (a yes/no value), not as text. Write it in quotes: "ON".',
        'data/networks/yes-no-on-off.yml:9:24: abbreviation.en: ON was read as true (a yes/no value), not as text. Write it in quotes: "ON".',
        '2 problems in 1 file.',
    ],
    'topics/markup-in-label.yml': [
        'data/topics.yml:4:3: knowledge-exchange.de: must not contain < or >. Write plain text: markup is not allowed in names and titles.',
        'data/topics.yml:8:3: municipal-cooperation.en: must not contain { or } (Markdown attribute lists). Write plain text: markup is not allowed in names and titles.',
        '2 problems in 1 file.',
    ],
}


def fixture_files() -> list[str]:
    return sorted(p.relative_to(INVALID).as_posix() for p in INVALID.rglob("*") if p.is_file())


def make_data(tmp_path: Path, *fixtures: str) -> Path:
    """A data folder: the real schema, cities and topics, the example record, and the fixtures."""
    data = tmp_path / "data"
    (data / "networks").mkdir(parents=True)
    shutil.copytree(DATA / "schema", data / "schema")
    shutil.copy(DATA / "cities.yml", data / "cities.yml")
    shutil.copy(DATA / "topics.yml", data / "topics.yml")
    shutil.copy(EXAMPLE, data / "networks" / "example.yml")
    for name in fixtures:
        kind, file_name = name.split("/")
        shutil.copy(INVALID / name, data / "networks" / file_name if kind == "networks" else data / f"{kind}.yml")
    return data


def test_every_fixture_has_its_expected_report():
    assert fixture_files() == sorted(EXPECTED)


def test_the_example_record_alone_is_valid(tmp_path):
    assert check(make_data(tmp_path), today=TODAY) == (0, "data is valid: 1 network, 12 cities, 13 topics.")


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_fixture_gets_its_exact_report(tmp_path, fixture):
    code, report = check(make_data(tmp_path, fixture), today=TODAY)
    assert report.splitlines() == EXPECTED[fixture]
    # An http:// source and a second record of the same name only warn: the data is still valid.
    assert code == (0 if fixture in WARNINGS_ONLY else 1)


def test_one_run_reports_every_problem_of_every_file(tmp_path):
    fixtures = [f for f in EXPECTED if f.startswith("networks/")]
    code, report = check(make_data(tmp_path, *fixtures), today=TODAY)
    expected = sorted({line for f in fixtures for line in EXPECTED[f] if line.startswith("data/")})
    lines = report.splitlines()
    assert code == 1
    assert sorted(lines[:-1]) == expected
    errors = [line for line in expected if ": warning: " not in line]
    assert lines[-1] == f"{len(errors)} problems in {len({line.split(':')[0] for line in errors})} files."


def _timed(function, *args):
    """(error message, seconds, peak bytes allocated): time and memory measured in separate
    runs, because tracing allocations slows the code down several times."""

    def run():
        try:
            function(*args)
        except YamlError as error:
            return str(error)
        return None

    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, seconds, peak


@pytest.mark.parametrize(
    "name, content",
    [
        ("bomb", (INVALID / "networks/alias-bomb.yml").read_bytes()),
        # Deeper than any stack: the reader stops at its depth limit, not at Python's recursion limit.
        ("nesting", b"a: " + b"[" * 90_000 + b"]" * 90_000 + b"\n"),
        ("merge-bomb", b"a: &a {x: 1}\n" + b"".join(b"b%d: &b%d {<<: *%s}\n" % (i, i, b"a" if i == 0 else b"b%d" % (i - 1)) for i in range(500))),
    ],
)
def test_bombs_are_refused_fast_with_bounded_memory(tmp_path, name, content):
    path = tmp_path / f"{name}.yml"
    path.write_bytes(content)
    message, seconds, peak = _timed(read_yaml, path, path.name)
    assert message is not None and ("not allowed in records" in message or "nested more than 24 levels" in message)
    print(f"{name}: refused in {seconds * 1000:.0f} ms, peak {peak / 1e6:.1f} MB")
    assert seconds < 1.0, f"{name} took {seconds:.2f} s"
    assert peak < 100_000_000, f"{name} used {peak / 1e6:.0f} MB"


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.yml"
    with path.open("wb") as handle:
        handle.truncate(2_000_000_000)  # a sparse 2 GB file: cheap to make, fatal to read whole
    message, seconds, peak = _timed(read_yaml, path, "data/networks/huge.yml")
    assert message == (
        f"data/networks/huge.yml: the file is 2,000,000,000 bytes; data files must stay below {MAX_FILE_BYTES:,} bytes."
        " Shorten it: a network record needs only a few kB."
    )
    assert seconds < 0.5 and peak < 2 * MAX_FILE_BYTES + 100_000


def test_the_city_registry_may_outgrow_a_record_but_not_without_bound(tmp_path):
    """cities.yml holds every city (NRW alone has 396 municipalities), so it may be ten times a
    record's limit; a registry beyond its own limit is refused with its own advice."""
    from citynet.synthetic import make_data_set

    data = tmp_path / "data"
    make_data_set(DATA, data, networks=10, cities=1500)
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


def test_real_data_validates_well_under_a_second():
    load_catalogue(DATA)  # imports and schema compilation, once per process
    started = time.perf_counter()
    load_catalogue(DATA)
    seconds = time.perf_counter() - started
    assert seconds < 0.5, f"validating data/ took {seconds:.2f} s"


def _cli(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"))
    return subprocess.run([sys.executable, "-m", "citynet.cli", "validate", *args], capture_output=True, text=True, env=env, timeout=60)


def test_command_line_exit_codes_and_output(tmp_path):
    started = time.perf_counter()
    clean = _cli()
    seconds = time.perf_counter() - started
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "data is valid: 5 networks, 12 cities, 13 topics.\n", "")
    assert seconds < 3, f"the validate command took {seconds:.2f} s, interpreter start included"

    warned = _cli("--data", str(make_data(tmp_path / "w", "networks/url-http.yml")), "--today", TODAY.isoformat())
    assert warned.returncode == 0
    assert warned.stdout.splitlines() == EXPECTED["networks/url-http.yml"]

    broken = _cli("--data", str(make_data(tmp_path / "b", "networks/several-problems.yml")), "--today", TODAY.isoformat())
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
        target = (path.parent / first[len(prefix):]).resolve()
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
