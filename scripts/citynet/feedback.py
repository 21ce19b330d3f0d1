"""Links into the repository from a page made from a record: "report an error" and the edit address.

The "report an error" link is a new-issue address on the repository, with the page and record prefilled.

A plain link, built at build time: no script and no request when the page loads. The issue form
.github/ISSUE_TEMPLATE/correct-fact.yml has inputs with the ids `page` and `record`, which GitHub
fills from the query; `title` and `body` fill a plain issue where the form is missing.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin

ISSUE_FORM = "correct-fact.yml"
_REPOSITORY = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


class RepositoryError(ValueError):
    pass


def repository_url(value: str | None) -> str | None:
    """The repository's web address from the configuration, or None when it is not set."""
    value = (value or "").strip().rstrip("/")
    if not value:
        return None
    if value.endswith(".git"):
        value = value[: -len(".git")]
    if not _REPOSITORY.fullmatch(value):
        raise RepositoryError(
            f"{value!r} is not a repository address. Use the web address of the repository, "
            "such as https://github.com/OWNER/REPO (extra.repository in mkdocs.yml, or the environment variable "
            "SITE_REPOSITORY)."
        )
    return value


def report_error_url(repository: str, *, page_url: str, record: str, page_title: str, words) -> str:
    """The address of a new issue about this page, in the page's language."""
    query = {
        "template": ISSUE_FORM,
        "title": words["report_error_title"].format(page=page_title),
        "page": page_url,
        "record": record,
        "body": words["report_error_body"].format(url=page_url, record=record),
    }
    return f"{repository}/issues/new?{urlencode(query)}"


def record_edit_url(edit_uri: str | None, record: str) -> str | None:
    """The web editor's address of a record: edit_uri points at docs/, the records live beside it
    in data/ (`record` is relative to the project). None when no edit_uri is configured."""
    if not edit_uri:
        return None
    return urljoin(edit_uri, "../" + record)
