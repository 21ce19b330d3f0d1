"""The site's settings, checked in one place: the values of mkdocs.yml that the code uses.

Publishing sets them through environment variables, which mkdocs.yml reads with `!ENV`:
SITE_URL (site_url), SITE_EDIT_URI (edit_uri), SITE_REPOSITORY (extra.repository) and
CITYNET_REQUIRE_OPERATOR (extra.require_operator). The build hook and `citynet pages` both pass
the configuration's plain values to `site_settings`; a wrong value stops either with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from .feedback import RepositoryError, repository_url
from .operator import OperatorCheck, OperatorError, check_operator

REQUIRE_ENV = "CITYNET_REQUIRE_OPERATOR"
# Keys of `extra` that the build fills in for the theme templates (scripts/hooks.py, and
# `citynet pages` writes them into its mkdocs.yml): never set by hand.
GENERATED_EXTRA = ("words", "language_roots", "search_per_language")


class SettingsError(ValueError):
    """A setting is wrong; the message names it and says what to write."""


@dataclass(frozen=True, kw_only=True)
class SiteSettings:
    site_url: str  # "" when not set
    edit_uri: str | None  # the web editor's address of docs/, absolute; None: no edit links
    repository: str | None  # https://github.com/OWNER/REPO; None: no "report an error" links
    operator: dict  # extra.operator, checked
    operator_check: OperatorCheck
    require_operator: bool  # refuse to build while the operator's facts have placeholders

    def operator_message(self) -> str | None:
        """What to say about placeholders in the operator's facts; None when there are none."""
        if self.operator_check.complete:
            return None
        fields = ", ".join(self.operator_check.placeholders)
        return (
            f"mkdocs.yml: extra.operator still has placeholders (~) for: {fields}. The legal pages show "
            f"them as gaps; fill them in with the operator's real facts before publishing."
        )


def site_settings(*, site_url: str | None, edit_uri: str | None, repo_url: str | None, extra: dict) -> SiteSettings:
    """The settings from the configuration's values (site_url, edit_uri, repo_url and extra)."""
    set_by_hand = [key for key in GENERATED_EXTRA if key in extra]
    if set_by_hand:
        raise SettingsError(
            f"mkdocs.yml: extra.{set_by_hand[0]} is filled in by the build (citynet/settings.py); remove it."
        )
    try:
        repository = repository_url(extra.get("repository"))
    except RepositoryError as error:
        raise SettingsError(f"citynet: {error}") from None
    try:
        check = check_operator(extra.get("operator"))
    except OperatorError as error:
        raise SettingsError(f"mkdocs.yml: {error}") from None
    require = extra.get("require_operator", False)
    if require not in (True, False, 0, 1):  # !ENV reads CITYNET_REQUIRE_OPERATOR=1 as the number 1
        raise SettingsError(
            f"mkdocs.yml: extra.require_operator is {require!r}; write true or false ({REQUIRE_ENV}=1)."
        )
    return SiteSettings(
        site_url=site_url or "",
        edit_uri=_edit_base(edit_uri, repo_url),
        repository=repository,
        operator=extra["operator"],
        operator_check=check,
        require_operator=bool(require),
    )


def _edit_base(edit_uri: str | None, repo_url: str | None) -> str | None:
    if not edit_uri:
        return None
    if repo_url and not edit_uri.startswith(("http://", "https://")):
        return urljoin(repo_url.rstrip("/") + "/", edit_uri)
    return edit_uri
