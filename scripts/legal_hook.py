"""MkDocs glue for the legal pages and the footer (the work is in citynet/operator.py).

  on_config         check extra.operator: a malformed block stops the build; placeholders warn,
                    and stop the build when CITYNET_REQUIRE_OPERATOR=1 (set it when publishing)
  on_env            the interface words of every language for templates without a page context
                    (the footer and the palette toggle are also on the 404 page)
  on_page_markdown  fill the operator's facts into pages whose front matter says `operator: true`

The placeholder warning goes to the logger "citynet.operator", outside MkDocs' "mkdocs" logger
tree on purpose: `mkdocs build --strict` counts only warnings there, and an incomplete operator
block must not fail development builds and tests. Publishing sets CITYNET_REQUIRE_OPERATOR=1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_SCRIPTS = str(Path(__file__).resolve().parent)
if _SCRIPTS not in sys.path:
    sys.path.insert(0, _SCRIPTS)

from citynet.labels import all_labels  # noqa: E402
from citynet.operator import OperatorError, check_operator, render_legal_page  # noqa: E402
from citynet.problems import advice_logger  # noqa: E402

REQUIRE_ENV = "CITYNET_REQUIRE_OPERATOR"

warnings = advice_logger("citynet.operator", prefix="citynet: ")


_checked: set[int] = set()  # configs already checked: the i18n plugin runs on_config once per language


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if id(config) in _checked:
        return config
    _checked.add(id(config))
    try:
        check = check_operator(config.extra.get("operator"))
    except OperatorError as error:
        raise PluginError(f"mkdocs.yml: {error}") from error
    if not check.complete:
        fields = ", ".join(check.placeholders)
        message = (
            f"mkdocs.yml: extra.operator still has placeholders (~) for: {fields}. The legal pages show "
            f"them as gaps; fill them in with the operator's real facts before publishing."
        )
        if os.environ.get(REQUIRE_ENV) == "1":
            raise PluginError(f"{message} ({REQUIRE_ENV}=1 refuses to build with placeholders.)")
        warnings.warning(message)
    return config


def on_env(env, *, config: MkDocsConfig, files: Files):
    env.globals["cn_words"] = all_labels()
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.meta.get("operator"):
        return markdown
    language = getattr(page.file, "locale", None) or config.theme["language"]  # set by the i18n plugin
    try:
        return render_legal_page(
            markdown,
            config.extra["operator"],
            all_labels()[language],
            source=f"docs/{page.file.src_uri}",
            site_url=config.site_url or "",
        )
    except OperatorError as error:
        raise PluginError(str(error)) from error
