"""Check a YAML document against the JSON Schemas in data/schema/, in words an editor can act on.

The schemas are the one definition of the record format: editors' tools read them through the
`# yaml-language-server: $schema=...` line, and the build and the command line use them here.

Longer than about 300 lines (about 350) on purpose: most of it turns jsonschema's errors into words
an editor can act on, one function per kind of error, kept beside the check that raises them.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

try:  # a compiled validator of the same schemas, about 90 times faster; only answers "valid?"
    import jsonschema_rs
except ImportError:  # pragma: no cover - the package is a declared dependency
    jsonschema_rs = None

from .problems import Problem
from .urls import url_problem
from .yamlio import YamlDocument, dotted_path

if TYPE_CHECKING:  # imported when first needed: jsonschema takes 0.12 s to import, and valid
    from jsonschema import Draft202012Validator  # data (every build's case) never needs it
    from jsonschema.exceptions import ValidationError

SCHEMAS = {"network": "network.schema.json", "cities": "cities.schema.json", "topics": "topics.schema.json"}
SCHEMA_FILES = tuple(SCHEMAS.values())  # also published with the open data


def validator(schema_dir: Path, kind: str) -> Draft202012Validator:
    return _validator(_schema_text(schema_dir, kind))


def fast_validator(schema_dir: Path, kind: str):
    return _fast_validator(_schema_text(schema_dir, kind))


def _schema_text(schema_dir: Path, kind: str) -> str:
    # Read on every use (a few kB): the compiled validators below are cached by this text, so an
    # edited schema is compiled afresh, also under `mkdocs serve`.
    return (schema_dir / SCHEMAS[kind]).read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def _validator(text: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, ValidationError, validators

    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)

    def pattern(validator, value, instance, schema):
        # JSON Schema's patterns are ECMA-262 regular expressions, where `$` is the end of the text;
        # Python's re also lets `$` match before a final line break, which would let "Q64\n" pass.
        if validator.is_type(instance, "string") and not _python_pattern(value).search(instance):
            yield ValidationError(f"{instance!r} does not match {value!r}")

    # An integer is written as one: 150.0 is a number with a fraction, whatever its value.
    types = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, instance: isinstance(instance, int) and not isinstance(instance, bool)
    )
    strict = validators.extend(Draft202012Validator, validators={"pattern": pattern}, type_checker=types)
    return strict(schema)


@lru_cache(maxsize=64)
def _python_pattern(pattern: str) -> re.Pattern:
    """An ECMA-262 pattern for Python's re: each unescaped `$` becomes `\\Z` (the schemas use `$`
    only as an anchor, never inside a character class)."""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


@lru_cache(maxsize=8)
def _fast_validator(text: str):
    if jsonschema_rs is None:
        return None
    return jsonschema_rs.validator_for(json.loads(text))


@lru_cache(maxsize=8)
def _asks_for_integers(text: str) -> bool:
    """Whether the schema has a field of type integer anywhere (the city registry has none)."""

    def asks(node) -> bool:
        if isinstance(node, dict):
            kind = node.get("type")
            if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
                return True
            return any(asks(value) for value in node.values())
        if isinstance(node, list):
            return any(asks(value) for value in node)
        return False

    return asks(json.loads(text))


def check_schema(document: YamlDocument, schema_dir: Path, kind: str) -> list[Problem]:
    # Most records are valid: the compiled validator says so in a fraction of a millisecond.
    # Anything it does not accept (or cannot read, such as an unquoted date) goes to the
    # jsonschema validator below, whose errors _explain turns into editors' messages.
    try:
        text = _schema_text(schema_dir, kind)
        fast = _fast_validator(text)
        # The compiled validator, like the standard, takes 150.0 as an integer: where the schema
        # has an integer field, such documents go to the full check (whole coordinates are fine).
        whole_floats_matter = _asks_for_integers(text) and _has_whole_float(document.data)
        if fast is not None and not whole_floats_matter and fast.is_valid(document.data):
            return []
    except Exception:  # noqa: BLE001 - any doubt (even about the schema): the full check decides
        pass
    problems = []
    for error in validator(schema_dir, kind).iter_errors(document.data):
        for path, message in _explain(error, document):
            line, column = document.position(path)
            problems.append(Problem(document.file, line, column, dotted_path(path), message))
    return problems


def _has_whole_float(data) -> bool:
    if isinstance(data, float):
        return data.is_integer()
    if isinstance(data, dict):
        return any(_has_whole_float(value) for value in data.values())
    if isinstance(data, list):
        return any(_has_whole_float(value) for value in data)
    return False


# Patterns of the schemas' $defs, and what to tell an editor whose value does not match.
_PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        "must be an id of lowercase letters, digits and hyphens, such as `koeln` or `city-directors`."
    ),
    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$": (
        'must be a date written as "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes, such as "2023-06".'
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": 'must be a day written as "YYYY-MM-DD" in quotes, such as "2026-11-25".',
    '^https?://[^\\s<>"]+$': "must be a complete web address starting with https://, such as https://www.example.org/page.",
    "^[A-Z]{2}$": 'must be a two-letter country code in capitals and in quotes, such as "DE".',
    "^DE-[A-Z]{2}$": 'must be the code of a German federal state, such as "DE-NW" for North Rhine-Westphalia.',
    "^Q[1-9][0-9]*$": "must be a Wikidata item id such as Q365.",
}
# Names, titles and other one-line fields: no markup at all (<, > or the braces of a Markdown
# attribute list `{: onclick=... }`), because they appear where an HTML or Markdown reader could
# act on them: <title>, the navigation, headings. Long texts may hold any character; the
# renderer escapes them.
_LINE_PATTERN = "^[^<>{}\\n\\r]*\\S[^<>{}\\n\\r]*$"

_URL_PATTERN = '^https?://[^\\s<>"]+$'

_TYPE_WORDS = {
    "string": "text",
    "object": "a group of fields (name: value)",
    "array": "a list (lines starting with -)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _explain(error: ValidationError, document: YamlDocument):
    """Yield (path, message) for one schema error."""
    path = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance

    if kind == "required":
        name = re.match(r"'(.+?)' is a required property", error.message)
        field = name.group(1) if name else "?"
        hint = _REQUIRED_HINTS.get((path[-1] if path else None, field)) or _REQUIRED_HINTS.get(field)
        choices = error.schema.get("properties", {}).get(field, {}).get("enum")
        if hint is None:
            hint = f"Add it, with one of: {', '.join(choices)}." if choices else "Add it."
        yield path + (field,), f"this required field is missing. {hint}"
        return

    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" Did you mean `{close[0]}`?" if close else ""
            yield path + (key,), f"unknown field.{hint} Allowed here: {', '.join(allowed)}."
        return

    if "propertyNames" in error.relative_schema_path:
        # The name itself is wrong (an id in the city registry or topic list): point at that entry.
        if kind == "maxLength":
            rule = f"is {len(instance)} characters long; an id has at most {error.validator_value}. Shorten it."
        else:
            rule = _PATTERN_MESSAGES["^[a-z0-9]+(-[a-z0-9]+)*$"].replace("must be an id", "must be made")
        yield path + (instance,), f"the id {instance!r} {rule}"
        return

    if kind == "type":
        yield path, _type_message(error.validator_value, instance, document.scalars.get(path), path)
        return

    if kind in ("enum", "const"):
        choices = error.validator_value if kind == "enum" else [error.validator_value]
        # Only a string has close matches: `kind: yes` reads as True.
        close = (
            difflib.get_close_matches(instance, list(map(str, choices)), n=1, cutoff=0.75)
            if isinstance(instance, str)
            else []
        )
        hint = f" Did you mean {close[0]!r}?" if close else ""
        yield (
            path,
            f"{_show(instance, document, path)} is not allowed here.{hint} Use one of: {', '.join(map(str, choices))}.",
        )
        return

    if kind == "pattern":
        yield path, _pattern_message(error.validator_value, instance, path)
        return

    if kind == "minLength":
        yield path, _empty_text(path)
        return

    if kind == "maxLength":
        yield path, f"is {len(instance)} characters long; at most {error.validator_value} are allowed here. Shorten it."
        return

    if kind == "minItems":
        yield path, "the list is empty. Add at least one entry, or remove the field if it is optional."
        return

    if kind == "uniqueItems":
        yield path, "the list names the same entry twice. Remove the repetition."
        return

    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        yield path, f"{instance} is out of range: it must be {bound} {error.validator_value}."
        return

    if kind == "anyOf":
        yield from _any_of(error, document, path)
        return

    yield path, error.message


_LANGUAGE_NAMES = {"de": "German", "en": "English"}

# What to do about a missing required field, by (the group it is missing from, field) or by field.
_REQUIRED_HINTS = {
    "source": "Add `source:` with the id of the source that says this (an entry of this record's `sources`).",
    ("fee", "source"): (
        "A fee is shown only with its source: add `source:` with the id of the page that publishes it, or write "
        "`fee: not-published` if the network publishes none."
    ),
}


def _empty_text(path) -> str:
    """An empty or blank text: a language text is required, other texts may be left out."""
    if path and path[-1] in _LANGUAGE_NAMES:
        return f"is empty. Write the {_LANGUAGE_NAMES[path[-1]]} text."
    return "is empty. Write the text, or remove the field if it is optional."


def _type_message(expected, instance, scalar, path=()) -> str:
    expected_list = expected if isinstance(expected, list) else [expected]
    wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in expected_list)
    if instance is None:
        if path and path[-1] in _LANGUAGE_NAMES and "string" in expected_list:
            return _empty_text(path)
        return f"is empty. Write {wanted} here, or remove the field if it is optional."
    if "string" in expected_list and scalar is not None:
        text = scalar.text
        if scalar.tag == "bool":
            return (
                f"{text} was read as {str(instance).lower()} (a yes/no value), not as text. Write it in quotes: "
                f'"{text}".'
            )
        if scalar.tag == "timestamp":
            return f'{text} was read as a calendar date, not as text. Write it in quotes: "{text}".'
        if scalar.tag in ("int", "float"):
            return f'{text} was read as the number {instance}, not as text. Write it in quotes: "{text}".'
    if "integer" in expected_list and isinstance(instance, float):
        text = scalar.text if scalar is not None else repr(instance)
        if instance.is_integer():
            return f"{text} is written as a decimal number; write a whole number here: {int(instance)}."
        return f"{text} is not a whole number; write a whole number here."
    if isinstance(instance, datetime.date):
        return f"a date is not allowed here; write {wanted}."
    found = {
        dict: "a group of fields",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }
    return f"expected {wanted}, found {found.get(type(instance), type(instance).__name__)}."


def _pattern_message(pattern: str, instance: str, path=()) -> str:
    if pattern == _LINE_PATTERN:
        if "<" in instance or ">" in instance:
            return "must not contain < or >. Write plain text: markup is not allowed in names and titles."
        if "{" in instance or "}" in instance:
            return (
                "must not contain { or } (Markdown attribute lists). Write plain text: markup is not allowed in "
                "names and titles."
            )
        if "\n" in instance or "\r" in instance:
            return "must be a single line."
        return _empty_text(path)
    if pattern == "\\S":
        return _empty_text(path)
    if pattern == _URL_PATTERN:
        problem = url_problem(instance)
        if problem is not None:
            return problem[0]
    if pattern in _PATTERN_MESSAGES:
        return f"{instance!r} is not valid: it {_PATTERN_MESSAGES[pattern]}"
    return f"{instance!r} does not match the expected form ({pattern})."


def _any_of(error: ValidationError, document: YamlDocument, path):
    """(path, message) for a value that fits none of the forms a field allows."""
    branches = error.validator_value
    refs = {branch.get("$ref", "") for branch in branches}
    instance = error.instance
    if refs == {"#/$defs/date", ""} or "#/$defs/date" in refs and any(b.get("const") == "undated" for b in branches):
        if isinstance(instance, str):
            yield (
                path,
                (
                    f'{instance!r} is not valid: write a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes, or the '
                    "word undated when the source gives no date."
                ),
            )
            return
        yield (
            path,
            _type_message("string", instance, document.scalars.get(path)).replace(
                "not as text.", "not as text. Write the date in quotes, or the word undated."
            ),
        )
        return
    # Otherwise explain the branch that fits the value's shape best: the error from a branch
    # whose type matched, else the first one.
    fitting = [e for e in error.context if e.validator not in ("type", "const", "$ref")]
    best = sorted(fitting or error.context, key=lambda e: (-len(e.absolute_path), e.validator == "type"))[0]
    is_source_ref = "#/$defs/source_ref" in str(error.schema_path) or refs == {"#/$defs/id", ""}
    if is_source_ref and not isinstance(instance, (str, list)):
        yield path, "must be the id of a source from this record's `sources`, or a list of such ids."
        return
    messages = list(_explain(best, document))
    if not messages:
        yield path, error.message
    elif len(best.absolute_path) > len(path) or best.validator in ("required", "additionalProperties"):
        yield messages[0]  # the value has the right shape: name the field inside it that is at fault
    else:
        yield path, messages[0][1]


def _show(instance, document, path) -> str:
    scalar = document.scalars.get(path)
    if scalar is not None:
        return repr(scalar.text)
    return repr(instance)
