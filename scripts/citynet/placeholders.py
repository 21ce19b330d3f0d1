"""Placeholders left from the record template (scripts/citynet/templates/record.yml.j2).

A new record starts with a `TODO` in every field. Many of them are valid text, so the schema alone
would let them through to the site; others (dates, ids, numbers) fail the schema with a message
about the form that hides the real task. Here each placeholder becomes one clear problem, and the
schema's complaints about the same fields are dropped, so an editor sees exactly what to fill in.
"""

from __future__ import annotations

from .problems import Problem
from .yamlio import YamlDocument, dotted_path

MARKER = "TODO"


def find_placeholders(document: YamlDocument) -> list[Problem]:
    """One problem for every text value that still starts with TODO."""
    found = []

    def walk(value, path: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str) and value.lstrip().startswith(MARKER):
            line, column = document.position(path)
            text = " ".join(value.split())
            optional = "(optional)" in text
            action = (
                "fill it in, or delete the field (it is optional)."
                if optional
                else "replace it with the real value (the comment above it says what goes here)."
            )
            found.append(
                Problem(
                    document.file,
                    line,
                    column,
                    dotted_path(path),
                    f"still the template's placeholder {text!r}: {action}",
                )
            )

    walk(document.data, ())
    return found


def with_placeholders(document: YamlDocument, schema_problems: list[Problem]) -> list[Problem]:
    """The schema's problems, with each placeholder reported as such instead of as a wrong form."""
    placeholders = find_placeholders(document)
    if not placeholders:
        return schema_problems
    fields = {p.field for p in placeholders}

    def explained(problem: Problem) -> bool:
        return any(problem.field == f or problem.field.startswith((f + ".", f + "[")) for f in fields)

    return placeholders + [p for p in schema_problems if not explained(p)]
