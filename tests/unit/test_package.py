"""The package as a whole: it never imports MkDocs, `validate` loads only the loader, paths come
from the project folder, and the layout (citynet/layout.py) is the one that labels.yml, mkdocs.yml
and the theme templates follow."""

from __future__ import annotations

import json
import pkgutil
import re
import subprocess
import sys

import pytest
import yaml

import citynet
from citynet import layout
from citynet.labels import THEME_WORDS, labels_file
from citynet.project import Project, ProjectError
from citynet.siteconfig import i18n_languages, read_config
from support import ROOT
from support import citynet as run_citynet

MODULES = sorted(f"citynet.{m.name}" for m in pkgutil.iter_modules(citynet.__path__))


def _modules_after(code: str) -> set[str]:
    """The modules loaded after running `code` in a fresh interpreter."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert completed.returncode == 0, completed.stderr
    return set(json.loads(completed.stdout.splitlines()[-1]))


def test_no_module_of_the_package_imports_mkdocs():
    assert len(MODULES) > 20
    loaded = _modules_after("\n".join(f"import {name}" for name in MODULES))
    assert set(MODULES) <= loaded
    assert not [m for m in loaded if m == "mkdocs" or m.startswith(("mkdocs.", "material", "mkdocs_static_i18n"))]


def test_validate_loads_only_the_loader():
    code = "from citynet import cli\ncli.main(['validate'])"
    loaded = _modules_after(code)
    assert "citynet.load" in loaded
    for heavy in ("citynet.render", "citynet.maps", "citynet.export", "citynet.stage", "jinja2", "urllib.request"):
        assert heavy not in loaded, heavy
    assert not [m for m in loaded if "benchmark" in m]


def test_the_command_line_offers_what_an_editor_needs():
    help_text = run_citynet("--help").stdout
    commands = re.search(r"\{([^}]+)\}", help_text).group(1).split(",")
    assert commands == ["validate", "new-network", "stale", "changes", "changed-pages", "check-links", "pages"]


def test_a_folder_without_mkdocs_yml_is_refused_with_what_to_do(tmp_path):
    with pytest.raises(ProjectError, match=r"has no mkdocs\.yml, so it is not the project folder"):
        Project.at(tmp_path)
    completed = run_citynet("--project", str(tmp_path), "validate")
    assert completed.returncode == 2
    assert completed.stderr.startswith(f"validate: {tmp_path.resolve()} has no mkdocs.yml")
    assert Project.at(ROOT).geo == ROOT / "data" / "geo"


def test_no_module_finds_a_path_from_where_its_file_lies():
    """Only the project folder leads to data/ and the rest (citynet/project.py); the package's
    own data files are read through importlib.resources, so a normal install works too."""
    for path in sorted((ROOT / "scripts" / "citynet").glob("*.py")):
        assert "__file__" not in path.read_text(encoding="utf-8"), path.name


def test_labels_have_exactly_the_layouts_languages():
    data = yaml.safe_load(labels_file().read_text(encoding="utf-8"))
    assert list(data) == list(layout.LANGUAGE_CODES)


def test_mkdocs_yml_agrees_with_the_layout():
    config = read_config(ROOT / "mkdocs.yml")
    languages, structure = i18n_languages(config)
    assert layout.config_differences(languages, config["nav"], structure) == []


def test_a_disagreeing_mkdocs_yml_is_named_difference_by_difference():
    languages = [{"locale": "de", "default": True}, {"locale": "fr", "link": "/fr/"}]
    nav = ["index.md", {"Netzwerke": ["netzwerke/index.md"]}]
    assert layout.config_differences(languages, nav, "folder") == [
        "the i18n plugin's docs_structure is 'folder'; the generated pages use 'suffix'.",
        "the i18n plugin's languages are ['de', 'fr']; citynet/layout.py has ['de', 'en'].",
        "the nav must list staedte/index.md; the generated pages are reached from it.",
        "the nav must list daten.md; the generated pages are reached from it.",
    ]
    wrong_link = [{"locale": "de", "default": True}, {"locale": "en", "link": "/english/"}]
    assert layout.config_differences(wrong_link, ["netzwerke/index.md", "staedte/index.md", "daten.md"], "suffix") == [
        "language 'en': its link is '/english/'; citynet/layout.py puts it at '/en/'."
    ]


def test_theme_templates_use_only_the_words_the_build_hands_them():
    used = set()
    for path in (ROOT / "overrides").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"words\.([a-z_]+)", text))
        used |= set(re.findall(r"""\b(?:words|de|en)\[["']([a-z_]+)["']\]""", text))  # 404.html: de[...]
    config = read_config(ROOT / "mkdocs.yml")
    used |= {option["toggle"]["name"] for option in config["theme"]["palette"] if "toggle" in option}
    used -= set(layout.LANGUAGE_CODES)  # config.extra.words["de"]
    assert "not_found_title" in used and used <= set(THEME_WORDS), used - set(THEME_WORDS)
    for path in (ROOT / "overrides").rglob("*.html"):
        assert not re.search(r"\bcn_(words|labels|repository|report_url|language_roots)\b", path.read_text()), path


def test_the_package_has_no_import_cycle():
    """Each module imports only modules that do not import it back, directly or through others."""
    import ast

    graph = {}
    for path in (ROOT / "scripts" / "citynet").glob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                imported |= {node.module} if node.module else {alias.name for alias in node.names}
        graph[path.stem] = imported & {p.stem for p in (ROOT / "scripts" / "citynet").glob("*.py")}

    def reaches(start, target, seen=()):
        return any(n == target or (n not in seen and reaches(n, target, (*seen, n))) for n in graph[start])

    assert [module for module in graph if reaches(module, module)] == []


def test_a_module_over_about_300_lines_says_why_in_its_opening_comment():
    """Issue 15: no module of the package grows past about 300 lines without its reason, stated in
    its opening comment as "… on purpose: why"."""
    import ast

    unexplained = {}
    for path in sorted((ROOT / "scripts" / "citynet").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > 320 and "on purpose:" not in " ".join((ast.get_docstring(ast.parse(text)) or "").split()):
            unexplained[path.name] = lines
    assert unexplained == {}


def test_the_whole_suite_collects_every_test_folder():
    """pytest skips folders named `build` unless told otherwise (pyproject.toml's norecursedirs)."""
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    folders = {line.split("/")[1] for line in completed.stdout.splitlines() if line.startswith("tests/")}
    assert folders == {"unit", "build", "browser"}, completed.stdout[-2000:]
