"""Read mkdocs.yml as MkDocs does, without MkDocs: plain YAML, with `!ENV` values taken from the
environment (mkdocs.yml sets the publishing settings that way, see citynet/settings.py).

`citynet pages` (citynet/stage.py) reads the configuration here and writes its own, for a build
without our hook.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml


class ConfigError(ValueError):
    pass


class _ConfigLoader(yaml.SafeLoader):
    pass


def _env(loader: _ConfigLoader, node: yaml.Node):
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, read as a
    YAML value (so "1" is the number 1), else the default (the last item of a list), else None."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node, deep=True)
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_ConfigLoader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict:
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path}: the configuration is not a mapping of settings.")
    return config


def i18n_languages(config: dict) -> tuple[list[dict], str]:
    """The i18n plugin's languages (plain dicts) and its docs_structure, from a configuration as read."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            options = plugin["i18n"] or {}
            return list(options.get("languages") or []), options.get("docs_structure", "suffix")
    raise ConfigError("mkdocs.yml: the i18n plugin is not configured; the site is built in two languages with it.")
