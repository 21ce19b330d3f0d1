"""Records due for review: reviewed more than twelve months ago, or with "as of" figures older than three years.

Works on a valid catalogue and reads each record's YAML again only for line numbers, so the
report points at the exact field to update. Warnings, not errors: an old figure may be the newest
there is, but someone should look.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .dates import PartialDate
from .model import Catalogue
from .problems import Problem
from .yamlio import dotted_path, read_yaml

REVIEW_MONTHS = 12
FIGURE_YEARS = 3


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def find_stale(catalogue: Catalogue, root: Path, today: datetime.date) -> list[Problem]:
    review_cutoff = years_before(today, REVIEW_MONTHS // 12)
    figure_cutoff = years_before(today, FIGURE_YEARS)
    found = []
    for network in catalogue.networks:
        document = read_yaml(root / network.file, network.file)
        data = document.data

        def warn(path: tuple, message: str) -> None:
            line, column = document.position(path)
            found.append(Problem(network.file, line, column, dotted_path(path), message, warning=True))

        if network.last_reviewed < review_cutoff:
            warn(("last_reviewed",), f"last reviewed on {network.last_reviewed.isoformat()}, more than {REVIEW_MONTHS} months ago. "
                 "Check the record against its sources, correct what changed, and set last_reviewed to the day of the check.")
        if network.status.value == "closed":
            continue  # a closed network's figures are history by now
        status_as_of = data["status"]["as_of"]
        if status_as_of != "undated" and PartialDate.parse(status_as_of).last_day < figure_cutoff:
            warn(("status", "as_of"), f"the status ({network.status.value}) is as of {status_as_of}, more than {FIGURE_YEARS} years ago. "
                 "Find a newer source that confirms it, then update as_of and source.")
        dated = [(PartialDate.parse(raw["as_of"]), index) for index, raw in enumerate(data["members"]) if raw["as_of"] != "undated"]
        if dated:
            newest, index = max(dated, key=lambda pair: (pair[0].last_day, -pair[1]))
            if newest.last_day < figure_cutoff:
                warn(("members", index, "as_of"), f"the newest member figure is as of {newest.iso()}, more than {FIGURE_YEARS} years ago. "
                     "Look for a newer figure and add it as a new entry under members (keep this one as history).")
    return sorted(found, key=lambda p: (p.file, p.line or 0, p.column or 0))


def github_annotation(problem: Problem, title: str = "Record due for review") -> str:
    """A GitHub Actions workflow command that shows the warning on the file in a pull request."""
    properties = [f"file={_property(problem.file)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_property(title)}")
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::warning {','.join(properties)}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
