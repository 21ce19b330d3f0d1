"""The issue forms and the template chooser (.github/ISSUE_TEMPLATE/) follow GitHub's schema.

The schemas are SchemaStore's github-issue-forms.json and github-issue-config.json (Apache-2.0),
as shipped inside the check-jsonschema package (its builtin_schemas/vendor/, with their licence);
the project's jsonschema validates against them.
"""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml

from support import ROOT

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
CHOOSER = TEMPLATES / "config.yml"


def schema(name: str) -> dict:
    loaded = json.loads((files("check_jsonschema.builtin_schemas.vendor") / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(loaded).check_schema(loaded)
    return loaded


FORM_SCHEMA = schema("github-issue-forms")
CHOOSER_SCHEMA = schema("github-issue-config")


def problems(document, against: dict) -> list[str]:
    validator = jsonschema.validators.validator_for(against)(against)
    return sorted(
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator.iter_errors(document)
    )


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def forms() -> list[Path]:
    return sorted(
        p for p in [*TEMPLATES.glob("*.yml"), *TEMPLATES.glob("*.yaml")] if p.name not in ("config.yml", "config.yaml")
    )


def test_the_schemas_are_github_s():
    assert FORM_SCHEMA["$id"] == "https://json.schemastore.org/github-issue-forms.json"
    assert CHOOSER_SCHEMA["$id"] == "https://json.schemastore.org/github-issue-config.json"


def test_there_are_the_two_forms_and_the_chooser():
    assert [p.name for p in forms()] == ["correct-fact.yml", "propose-network.yml"]
    assert CHOOSER.is_file()


@pytest.mark.parametrize("form", forms(), ids=lambda p: p.name)
def test_each_issue_form_follows_github_s_schema(form):
    assert problems(load(form), FORM_SCHEMA) == []


def test_the_template_chooser_follows_github_s_schema():
    assert problems(load(CHOOSER), CHOOSER_SCHEMA) == []


def test_a_broken_form_is_refused_with_the_place_of_each_mistake():
    form = copy.deepcopy(load(TEMPLATES / "correct-fact.yml"))
    del form["description"]
    form["body"][1]["type"] = "textbox"
    form["body"][2]["id"] = "has spaces"
    form["body"][3]["attributes"]["label"] = ""
    found = problems(form, FORM_SCHEMA)
    assert {p.split(": ", 1)[0] for p in found} == {"(top)", "body/1/type", "body/2/id", "body/3/attributes/label"}, (
        found
    )
    assert "(top): 'description' is a required property" in found
    assert any(p.startswith("body/1/type: 'textbox' is not one of") for p in found), found


def test_a_broken_chooser_is_refused_with_the_place_of_each_mistake():
    chooser = {"blank_issues_enabled": "yes", "contact_links": [{"name": "Forum", "url": "forum.example.org"}]}
    found = problems(chooser, CHOOSER_SCHEMA)
    assert {p.split(": ", 1)[0] for p in found} == {"blank_issues_enabled", "contact_links/0", "contact_links/0/url"}, (
        found
    )
    assert "contact_links/0: 'about' is a required property" in found
