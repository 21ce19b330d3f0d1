"""The scaffold command: a new record from the annotated template, and what the validator says about it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citynet import cli
from citynet.scaffold import ScaffoldError, new_network, record_text
from support import ROOT, newest_review_day

TODAY = newest_review_day()  # the real records must not lie in the future on the test day

# What `validate` prints for a freshly made record: every TODO to fill, and nothing else.
EXPECTED_TODOS = """\
data/networks/energy-cities.yml:23:3: name.de: still the template's placeholder 'TODO: vollständiger Name auf Deutsch': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:24:3: name.en: still the template's placeholder 'TODO: full name in English': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:27:3: short_name.de: still the template's placeholder 'TODO: Kurzname auf Deutsch': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:28:3: short_name.en: still the template's placeholder 'TODO: short name in English': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:37:3: status.value: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:41:3: status.as_of: still the template's placeholder 'TODO: Stand wie "2024-06", oder undated': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:49:3: status.source: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:61:3: founded.date: still the template's placeholder 'TODO: Gründungsjahr wie "1985"': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:68:3: founded.source: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:89:1: scope: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:96:14: joining.eligible[0]: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:100:7: joining.who.text.de: still the template's placeholder 'TODO: wer Mitglied werden kann': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:101:7: joining.who.text.en: still the template's placeholder 'TODO: who may join': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:102:5: joining.who.source: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:107:9: joining.steps[0].text.de: still the template's placeholder 'TODO: erster Schritt': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:108:9: joining.steps[0].text.en: still the template's placeholder 'TODO: first step': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:109:7: joining.steps[0].source: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:124:7: joining.fee.text.de: still the template's placeholder 'TODO: Beitrag oder Berechnung': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:125:7: joining.fee.text.en: still the template's placeholder 'TODO: fee or how it is calculated': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:127:5: joining.fee.source: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:134:5: members[0].count: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:138:5: members[0].unit: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:139:5: members[0].as_of: still the template's placeholder 'TODO: Stand wie "2024-06", oder undated': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:144:5: members[0].source: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:148:3: summary.de: still the template's placeholder 'TODO: ein bis zwei Sätze auf Deutsch': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:149:3: summary.en: still the template's placeholder 'TODO: one or two sentences in English': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:152:3: description.de: still the template's placeholder 'TODO: Beschreibung auf Deutsch.': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:154:3: description.en: still the template's placeholder 'TODO: description in English.': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:158:10: topics[0]: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:188:5: participants[0].city: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:193:5: participants[0].kind: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:213:5: participants[0].source: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:244:5: sources[0].id: still the template's placeholder 'TODO': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:246:5: sources[0].title: still the template's placeholder 'TODO: Titel der Quelle': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:247:5: sources[0].publisher: still the template's placeholder 'TODO: Herausgeber, z. B. Stadt Köln': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:248:5: sources[0].url: still the template's placeholder 'TODO: https://...': replace it with the real value (the comment above it says what goes here).
data/networks/energy-cities.yml:261:1: last_reviewed: still the template's placeholder 'TODO: JJJJ-MM-TT / YYYY-MM-DD': replace it with the real value (the comment above it says what goes here).
37 problems in 1 file.
"""


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the real data, so the scaffold can write into it."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_new_record_lists_exactly_its_todos(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert cli.main(["new-network", "energy-cities", "--data", "data"]) == 0
    created = capsys.readouterr().out
    assert created.startswith("created data/networks/energy-cities.yml: replace every TODO")
    assert cli.main(["validate", "--data", "data"]) == 1
    # The other records' warnings (sources without https://) are not the new record's business.
    out = capsys.readouterr().out.splitlines(keepends=True)
    assert "".join(line for line in out if ": warning: " not in line) == EXPECTED_TODOS


def test_scaffold_refuses_an_existing_id(project, capsys):
    before = (project / "data/networks/uclg.yml").read_bytes()
    assert cli.main(["new-network", "uclg", "--data", str(project / "data")]) == 1
    error = capsys.readouterr().err
    assert (
        "data/networks/uclg.yml already exists: the id 'uclg' is taken. Edit that file, or choose another id." in error
    )
    assert (project / "data/networks/uclg.yml").read_bytes() == before


@pytest.mark.parametrize(
    "bad_id", ["Eurocities", "euro_cities", "euro--cities", "-euro", "euro.yml", "../escape", "", "x" * 61, "_template"]
)
def test_scaffold_refuses_an_invalid_id(project, bad_id):
    with pytest.raises(ScaffoldError, match="is not a valid id. Use lowercase letters, digits and single hyphens"):
        new_network(project / "data", bad_id, today=TODAY)
    assert sorted(p.name for p in (project / "data/networks").iterdir()) == sorted(
        p.name for p in (ROOT / "data/networks").iterdir()
    )


@pytest.mark.parametrize("reserved", ["index", "data", "en", "assets", "staedte"])
def test_scaffold_refuses_a_reserved_id(project, reserved):
    """The ids validate refuses (citynet/layout.py: reserved_ids) are refused before a file is made."""
    with pytest.raises(ScaffoldError, match=rf"^the id '{reserved}' is reserved: it is .*\. Choose another id\.$"):
        new_network(project / "data", reserved, today=TODAY)
    assert not (project / "data/networks" / f"{reserved}.yml").exists()


def test_scaffold_refuses_the_name_of_a_hand_written_page(project):
    (project / "docs/netzwerke").mkdir(parents=True)
    (project / "docs/netzwerke/energy-cities.en.md").write_text("# Eurocities\n", encoding="utf-8")
    with pytest.raises(ScaffoldError) as refused:
        new_network(project / "data", "energy-cities", today=TODAY)
    assert str(refused.value) == (
        "the id 'energy-cities' is reserved: it is the name of the hand-written page docs/netzwerke/energy-cities.en.md. "
        "Choose another id."
    )


def _schema_fields(schema: dict, node: dict, out: set) -> set:
    """Every property name of the network schema, at any depth."""
    if "$ref" in node:
        _schema_fields(schema, schema["$defs"][node["$ref"].split("/")[-1]], out)
    for key, sub in node.get("properties", {}).items():
        out.add(key)
        _schema_fields(schema, sub, out)
    for sub in node.get("anyOf", []):
        _schema_fields(schema, sub, out)
    if isinstance(node.get("items"), dict):
        _schema_fields(schema, node["items"], out)
    return out


def test_template_shows_every_field_with_a_comment():
    schema = json.loads((ROOT / "data/schema/network.schema.json").read_text(encoding="utf-8"))
    text = record_text("example", TODAY)
    lines = text.splitlines()
    for field in sorted(_schema_fields(schema, schema, set())):
        # present as a field, or as a commented-out optional field
        pattern = re.compile(rf"^\s*(#\s*)?(- )?{re.escape(field)}:")
        assert any(pattern.match(line) for line in lines), f"the template lacks {field}"
    for key in (
        "name",
        "status",
        "founded",
        "seat",
        "type",
        "joining",
        "members",
        "relations",
        "sources",
        "last_reviewed",
        "participants",
        "offices",
    ):
        index = next(i for i, line in enumerate(lines) if re.match(rf"^(# )?{key}:", line))
        assert lines[index - 1].startswith("#"), f"{key} has no comment above it"
    assert f'e.g. today: "{TODAY.isoformat()}"' in text


def test_the_template_is_not_a_network_record():
    # The template lives with the code, not in data/networks/, so it can never be published.
    assert not any(p.name.startswith("_") for p in (ROOT / "data/networks").iterdir())


def test_dev_command_forwards_to_the_scaffold(project):
    completed = subprocess.run(
        [sys.executable, "-m", "citynet.cli", "new-network", "Bad Id", "--data", str(project / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode == 1
    assert completed.stderr.startswith("new-network: 'Bad Id' is not a valid id.")


FILLED = {
    "status.value": "active",
    "status.as_of": '"2024-06"',
    "status.source": "own-site",
    "founded.date": '"1986"',
    "founded.source": "own-site",
    "scope": "european",
    "joining.who.source": "own-site",
    "joining.steps[0].source": "own-site",
    "joining.fee.source": "own-site",
    "members[0].count": "200",
    "members[0].unit": "cities",
    "members[0].as_of": '"2024"',
    "members[0].source": "own-site",
    "topics[0]": "knowledge-exchange",
    "participants[0].city": "essen",
    "participants[0].kind": "member",
    "participants[0].source": "own-site",
    "sources[0].id": "own-site",
    "sources[0].url": "https://example.org/about",
    "last_reviewed": '"2026-11-20"',
}


def test_filling_in_the_todos_gives_a_valid_record(project):
    """The template's shape is right: with its placeholders replaced, the record passes every check."""
    from citynet.load import load_catalogue
    from citynet.placeholders import find_placeholders
    from citynet.yamlio import read_yaml

    path = new_network(project / "data", "energy-cities", today=TODAY)
    lines = path.read_text(encoding="utf-8").splitlines()
    for problem in find_placeholders(read_yaml(path, "x")):
        index = problem.line - 1
        if problem.field in ("description.de", "description.en"):
            lines[index + 1] = "    Ein eigener Text." if problem.field.endswith("de") else "    Our own text."
            continue
        value = FILLED.get(problem.field, '"Ein eigener Text"')
        if problem.field in ("joining.eligible[0]", "topics[0]"):
            value = "local-governments" if problem.field.startswith("joining") else FILLED["topics[0]"]
            lines[index] = lines[index].replace("[TODO]", f"[{value}]")
            continue
        key, _ = lines[index].split(":", 1)
        lines[index] = f"{key}: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalogue = load_catalogue(project / "data", today=max(TODAY, newest_review_day()))
    network = catalogue.network("energy-cities")
    assert network.scope == "european" and network.latest_members.count == 200


def test_contributing_guide_quotes_the_real_output():
    """CONTRIBUTING.md shows what `validate` says about a new record; keep it true."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert EXPECTED_TODOS.splitlines()[0] in guide
    assert EXPECTED_TODOS.splitlines()[-1] in guide
    assert "python3 scripts/dev.py new-network energy-cities" in guide
