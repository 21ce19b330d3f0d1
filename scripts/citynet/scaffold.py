"""Create a new network record from the annotated template (templates/record.yml.j2)."""

from __future__ import annotations

import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import layout
from .read import ID_PATTERN, NETWORKS_DIR, reserved_ids, reserved_message

TEMPLATE = "record.yml.j2"  # package data, in templates/


class ScaffoldError(Exception):
    """The record cannot be created; the message says why and what to do."""


def record_text(network_id: str, today: datetime.date) -> str:
    """The template filled in for this id: every field present, each placeholder a TODO."""
    env = Environment(
        loader=PackageLoader(__package__, "templates"), undefined=StrictUndefined, keep_trailing_newline=True
    )
    return env.get_template(TEMPLATE).render(id=network_id, today=today.isoformat())


def new_network(data_dir: Path, network_id: str, *, today: datetime.date | None = None) -> Path:
    """Write data/networks/<id>.yml; refuse an invalid id or one that exists."""
    if not ID_PATTERN.fullmatch(network_id) or len(network_id) > 60:
        raise ScaffoldError(
            f"{network_id!r} is not a valid id. Use lowercase letters, digits and single hyphens "
            "(at most 60 characters), such as `eurocities` or `mayors-for-peace`; the id becomes the file name and "
            "the address of the page."
        )
    reserved = reserved_ids(data_dir, layout.NETWORKS_SECTION)
    if network_id in reserved:
        raise ScaffoldError(reserved_message(network_id, reserved[network_id], "Choose another id."))
    networks = Path(data_dir) / NETWORKS_DIR
    if not networks.is_dir():
        raise ScaffoldError(f"{networks} does not exist. Run the command in the project folder.")
    target = networks / f"{network_id}.yml"
    text = record_text(network_id, today or datetime.date.today())
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{target.as_posix()} already exists: the id {network_id!r} is taken. Edit that file, or choose another id."
        ) from None
    return target
