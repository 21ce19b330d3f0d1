"""The fast readers agree with the strict ones: libyaml's parser with the strict reader's
(citynet/yamlcompose.py), and the compiled schema validator with jsonschema (citynet/schema.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from citynet import yamlcompose
from citynet.labels import labels_file
from support import DATA


def test_the_fast_yaml_reader_reads_exactly_what_the_strict_one_reads():
    """yamlcompose composes with libyaml's parser for speed; it must give the same nodes and positions."""
    files = sorted(DATA.rglob("*.yml")) + [Path(str(labels_file()))]
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yamlcompose.compose(text)
        strict = yaml.compose(text, Loader=yamlcompose._StrictLoader)
        assert _shape(fast) == _shape(strict), path


def _shape(node):
    mark = (node.start_mark.line, node.start_mark.column, node.tag)
    if isinstance(node, yaml.MappingNode):
        return mark, [(_shape(k), _shape(v)) for k, v in node.value]
    if isinstance(node, yaml.SequenceNode):
        return mark, [_shape(item) for item in node.value]
    return mark, node.value, node.style or None


def test_the_fast_schema_check_agrees_with_jsonschema():
    """schema.py asks the compiled validator first and trusts its "valid"; it must never accept
    what jsonschema, whose messages editors see, refuses."""
    import copy

    from citynet import schema

    schema_dir = DATA / "schema"
    record = yaml.safe_load((DATA / "networks" / "uclg.yml").read_text(encoding="utf-8"))
    mutations = {
        "valid": lambda r: None,
        "missing field": lambda r: r.pop("name"),
        "unknown field": lambda r: r.update(foo="bar"),
        "bad day": lambda r: r.update(last_reviewed="2020/01/01"),
        "unquoted date": lambda r: r.update(last_reviewed=__import__("datetime").date(2020, 1, 1)),
        "bad id": lambda r: r["participants"][0].update(city="Köln"),
        "bad enum": lambda r: r["status"].update(value="sleeping"),
        "bad url": lambda r: r["sources"][0].update(url="ftp://example.org/"),
        "empty text": lambda r: r["summary"].update(de=""),
        "markup in a line": lambda r: r["sources"][0].update(publisher="<b>x</b>"),
        # Python's re lets `$` match before a final newline; schema.py reads the schemas' patterns
        # as ECMA-262 does (`$` is the end), as the compiled validator does.
        "line with newline": lambda r: r["sources"][0].update(publisher="x\n"),
        "id with newline": lambda r: r["participants"][0].update(city="essen\n"),
        # JSON Schema counts 150.0 as an integer; schema.py does not, and check_schema then skips the
        # compiled validator (see test_invalid_data: networks/count-float.yml).
        "count with a fraction": lambda r: r["members"][0].update(count=150.5),
        "wrong type": lambda r: r.update(topics="education"),
    }
    for name, mutate in mutations.items():
        data = copy.deepcopy(record)
        mutate(data)
        refused = any(True for _ in schema.validator(schema_dir, "network").iter_errors(data))
        try:
            fast_accepts = schema.fast_validator(schema_dir, "network").is_valid(data)
        except Exception:  # noqa: BLE001 - check_schema then asks jsonschema
            fast_accepts = False
        assert not (fast_accepts and refused), f"{name}: the fast check accepts what jsonschema refuses"
        assert refused == (name != "valid"), name
        assert fast_accepts == (not refused), name


def test_whole_numbers_written_as_decimals_go_to_the_full_check_only_where_integers_are_asked_for():
    """150.0 is refused where the schema asks for an integer (a member count), so such records skip
    the compiled validator; the city registry asks for none, and 51.0 is a latitude like any."""
    from citynet import schema

    schema_dir = DATA / "schema"
    assert schema._asks_for_integers(schema._schema_text(schema_dir, "network"))
    assert not schema._asks_for_integers(schema._schema_text(schema_dir, "cities"))
    assert not schema._asks_for_integers(schema._schema_text(schema_dir, "topics"))
    assert schema._asks_for_integers('{"properties": {"n": {"type": ["integer", "null"]}}}')
