"""citynet/themeloader.py: the theme's files listed without walking hidden folders, as MkDocs
keeps them from Jinja's own listing."""

from __future__ import annotations

import os

from jinja2 import FileSystemLoader
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from citynet.themeloader import ThemeLoader
from support import ROOT


def test_the_listing_is_jinjas_without_what_lies_in_hidden_folders(tmp_path):
    first, second = tmp_path / "overrides", tmp_path / "theme"
    for path in [
        first / "main.html",
        first / "partials" / "footer.html",
        first / ".hidden" / "icon.svg",
        second / "main.html",
        second / "assets" / "app.js",
        second / "assets" / ".cache" / "deep" / "x.js",
        second / ".icons" / "material" / "a.svg",
        second / ".dotfile",
    ]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    searchpath = [str(first), str(second)]
    jinja = FileSystemLoader(searchpath).list_templates()
    ours = ThemeLoader(searchpath).list_templates()
    hidden = [path for path in jinja if any(part.startswith(".") for part in path.split("/")[:-1])]
    assert hidden == [".hidden/icon.svg", ".icons/material/a.svg", "assets/.cache/deep/x.js"]
    assert ours == [path for path in jinja if path not in hidden]
    assert ".dotfile" in ours  # hidden files are MkDocs' to drop, as before


def test_mkdocs_copies_the_same_theme_files_with_either_loader():
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))

    def theme_files(loader=None) -> list[tuple[str, str]]:
        env = config.theme.get_env()
        if loader is not None:
            env.loader = loader(config.theme.dirs)
        files = Files([])
        files.add_files_from_theme(env, config)
        return sorted((file.src_uri, file.abs_src_path) for file in files)

    jinjas = theme_files()
    assert any(uri.startswith("assets/javascripts/") for uri, _ in jinjas)  # Material's own files
    assert theme_files(ThemeLoader) == jinjas
    env = config.theme.get_env()
    ours, jinjas_loader = ThemeLoader(config.theme.dirs), FileSystemLoader(config.theme.dirs)
    for name in ("main.html", "partials/footer.html", ".icons/material/github.svg"):  # found as before
        assert ours.get_source(env, name)[:2] == jinjas_loader.get_source(env, name)[:2]
