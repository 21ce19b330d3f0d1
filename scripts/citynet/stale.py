"""Records due for review: reviewed more than twelve months ago, or with "as of" figures older than three years.

Works on a valid catalogue; the lines come from the YAML positions the loader kept on it, so the
report points at the exact field to update without reading any file again. Warnings, not
errors: an old figure may be the newest there is, but someone should look.
"""

from __future__ import annotations

import datetime

from .dates import PartialDate, years_before
from .model import Catalogue
from .problems import Problem, dotted_path

ANNOTATION_TITLE = "Record due for review"

REVIEW_MONTHS = 12
FIGURE_YEARS = 3


def find_stale(catalogue: Catalogue, today: datetime.date) -> list[Problem]:
    found = []
    for network in catalogue.networks:
        document = catalogue.documents[network.file]
        for path, message in _due(network, document.data, today):
            line, column = document.position(path)
            found.append(Problem(network.file, line, column, dotted_path(path), message, warning=True))
    return sorted(found, key=lambda p: (p.file, p.line or 0, p.column or 0))


def _due(network, data: dict, today: datetime.date):
    """(path, message) for each field of one record that is due for review."""
    review_cutoff = years_before(today, REVIEW_MONTHS // 12)
    figure_cutoff = years_before(today, FIGURE_YEARS)
    if network.last_reviewed < review_cutoff:
        yield (
            ("last_reviewed",),
            f"last reviewed on {network.last_reviewed.isoformat()}, more than {REVIEW_MONTHS} months ago. "
            "Check the record against its sources, correct what changed, and set last_reviewed to the day of the "
            "check.",
        )
    if network.status.value == "closed":
        return  # a closed network's figures are history by now
    status_as_of = data["status"]["as_of"]
    if status_as_of != "undated" and PartialDate.parse(status_as_of).last_day < figure_cutoff:
        yield (
            ("status", "as_of"),
            f"the status ({network.status.value}) is as of {status_as_of}, more than {FIGURE_YEARS} years ago. "
            "Find a newer source that confirms it, then update as_of and source.",
        )
    dated = [
        (PartialDate.parse(raw["as_of"]), index)
        for index, raw in enumerate(data["members"])
        if raw["as_of"] != "undated"
    ]
    if dated:
        newest, index = max(dated, key=lambda pair: (pair[0].last_day, -pair[1]))
        if newest.last_day < figure_cutoff:
            yield (
                ("members", index, "as_of"),
                f"the newest member figure is as of {newest.iso()}, more than {FIGURE_YEARS} years ago. "
                "Look for a newer figure and add it as a new entry under members (keep this one as history).",
            )
