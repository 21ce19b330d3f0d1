"""`citynet pages --out DIR`: the whole site source in a folder, buildable without our MkDocs hook.

DIR/docs/ holds the hand-written pages (the legal pages with the operator's facts filled in), the
generated pages of every language, the assets and the open data files; DIR/overrides/ the theme
templates; DIR/mkdocs.yml the project's configuration with the generated nav, the theme's words
in `extra`, and no `hooks:` (nor `watch:`, whose folders are the project's). `mkdocs build -f
DIR/mkdocs.yml` then builds the same pages as the normal build; what differs without the hook is
said in README.md ("Building without MkDocs hooks"). Made by the same functions as the hook's
pages (citynet/sitebuild.py), so the two cannot drift apart.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import layout
from .labels import labels, theme_words
from .nav import nav_with_records, not_in_nav, not_in_nav_patterns
from .operator import OperatorError, fill_legal_page
from .pageframe import robots_txt
from .project import Project
from .settings import REQUIRE_ENV, SettingsError, site_settings
from .sitebuild import build_date, generate_site, set_source_date_epoch
from .siteconfig import ConfigError, i18n_languages, read_config


class StageError(Exception):
    """The site source cannot be written; the message says why."""


@dataclass(frozen=True)
class Staged:
    config_file: Path
    generated: int  # generated pages, every language
    handwritten: int  # pages from docs/


def write_site_source(project: Project, out: Path) -> Staged:
    out = Path(out).resolve()
    _check_target(project, out)
    try:
        config = read_config(project.config_file)
        languages, structure = i18n_languages(config)
        settings = site_settings(
            site_url=config.get("site_url"),
            edit_uri=config.get("edit_uri"),
            repo_url=config.get("repo_url"),
            extra=config.get("extra") or {},
        )
    except (ConfigError, SettingsError) as error:
        raise StageError(str(error)) from None
    differences = layout.config_differences(languages, config.get("nav"), structure)
    if differences:
        raise StageError("mkdocs.yml does not agree with citynet/layout.py: " + " ".join(differences))
    message = settings.operator_message()
    if message and settings.require_operator:
        raise StageError(f"{message} ({REQUIRE_ENV}=1 refuses to build with placeholders.)")
    set_source_date_epoch(project)
    site = generate_site(project, settings, today=build_date())

    docs = out / "docs"
    shutil.copytree(project.docs, docs)
    handwritten = _fill_legal_pages(project, docs, settings)
    for src_path, page in site.pages.items():
        target = docs / src_path
        if target.exists():
            raise StageError(f"docs/{src_path} exists, but that page is generated from data/. Delete docs/{src_path}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    (docs / "robots.txt").write_bytes(robots_txt(settings.site_url))  # MkDocs copies it to the site root
    for name, content in site.exports.items():
        target = docs / layout.DOWNLOADS_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for name, content in site.feeds.items():  # feed.xml, en/feed.xml: static files at their language's root
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if project.overrides.is_dir():
        shutil.copytree(project.overrides, out / "overrides")

    nav = nav_with_records(config.get("nav") or [], site.catalogue)
    hidden = not_in_nav(list(site.pages), nav)
    staged = {key: value for key, value in config.items() if key not in ("hooks", "watch")}
    staged |= {"docs_dir": "docs", "site_dir": "site", "nav": nav}
    staged["not_in_nav"] = (config.get("not_in_nav") or "") + not_in_nav_patterns(hidden, list(site.pages))
    extra = dict(config.get("extra") or {})
    extra["repository"] = settings.repository or ""
    extra["words"] = theme_words()
    extra["language_roots"] = dict(layout.PREFIXES)
    extra["search_per_language"] = False  # the split is done by our hook (README: without hooks)
    staged["extra"] = extra
    header = (
        "# Written by `citynet pages` from the project's mkdocs.yml (environment variables resolved),\n"
        "# with the generated nav and without our hooks: build with `mkdocs build -f mkdocs.yml`.\n"
    )
    text = yaml.safe_dump(staged, allow_unicode=True, sort_keys=False, width=10_000)
    (out / "mkdocs.yml").write_text(header + text, encoding="utf-8")
    return Staged(out / "mkdocs.yml", len(site.pages), handwritten)


def _check_target(project: Project, out: Path) -> None:
    inside = [folder for folder in (project.docs, project.data, project.overrides) if out.is_relative_to(folder)]
    if inside or out == project.root:
        raise StageError(f"{out} is part of the project; write the site source to a folder of its own.")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise StageError(f"{out} exists and is not empty; name a new or an empty folder.")


def _fill_legal_pages(project: Project, docs: Path, settings) -> int:
    """Fill the operator's facts into the copied pages that ask for them; the number of pages."""
    count = 0
    for path in sorted(docs.rglob("*.md")):
        count += 1
        text = path.read_text(encoding="utf-8")
        meta, body = split_front_matter(text)
        if not meta.get("operator"):
            continue
        relative = path.relative_to(docs).as_posix()
        try:
            filled = fill_legal_page(
                body,
                meta,
                settings.operator,
                labels(layout.language_of(relative)),
                source=f"docs/{relative}",
                site_url=settings.site_url,
            )
        except OperatorError as error:
            raise StageError(str(error)) from None
        path.write_text(text[: len(text) - len(body)] + filled, encoding="utf-8")
    return count


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown page, as MkDocs reads them: a YAML block between two
    `---` lines at the very top."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            meta = yaml.safe_load(text[4:end]) or {}
            if isinstance(meta, dict):
                return meta, text[end + len("\n---\n") :]
    return {}, text
