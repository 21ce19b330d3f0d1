"""Load data/: read every file (citynet/read.py), build the records (citynet/records.py), and
return the catalogue, or raise DataError listing every problem of every file at once."""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .collation import name_key
from .layout import CITIES_SECTION
from .memo import Memo
from .model import Catalogue
from .problems import DataError, Findings
from .read import Reader, check_cities, data_files, read_cities, read_topics
from .records import RecordBuilder
from .yamlio import MAX_REGISTRY_BYTES, FileRefused, read_data_file


def load_catalogue(data_dir: Path, *, today: datetime.date | None = None, memo: Memo | None = None) -> Catalogue:
    """Load and check all data; raise DataError listing every problem of every file. With `memo`
    (under `mkdocs serve`), a file whose bytes are unchanged is not read and checked again."""
    with _collector_paused():
        return _load(Path(data_dir), today, memo)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    # Reading makes some hundred thousand short-lived objects (YAML nodes, positions) that
    # reference counting frees; the cycle collector, set off by their number, would walk the
    # whole heap again and again (in a build, MkDocs' and the theme's too): a fifth of the load.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(data_dir: Path, today: datetime.date | None, memo: Memo | None) -> Catalogue:
    findings = Findings()
    reader = Reader(data_dir, findings, memo)
    if memo is not None:
        memo.begin()
    read = reader.read_all()
    if memo is not None:
        memo.end()
    topics = read_topics(read.topics)
    cities = read_cities(read.cities, findings)
    check_cities(read.cities, findings, reader.reserved(CITIES_SECTION))
    day = today or datetime.date.today()
    networks = []
    for record in read.networks:
        network = RecordBuilder(record, read, cities, topics, findings, day).network()
        if network is not None:
            networks.append(network)
    if findings.errors():
        raise DataError(findings.problems)
    networks.sort(key=lambda n: (name_key(n.short_name.de), n.id))
    documents = {r.document.file: r.document for r in (read.topics, read.cities, *read.networks)}
    return Catalogue(
        networks=networks,
        cities=cities,
        topics=topics,
        warnings=findings.warnings,
        documents=documents,
        cities_file=read.cities.document.file,
        topics_file=read.topics.document.file,
    )


def fingerprint(data_dir: Path, also: Iterable[Path] = ()) -> str:
    """Changes whenever any data file changes (or any of `also`, e.g. the page templates); the
    build reuses its pages while it stays equal."""
    digest = hashlib.sha256()
    for path in data_files(data_dir):
        digest.update(str(path).encode())
        try:  # read as the loader reads it: never through a link, never more than the limit
            digest.update(read_data_file(path, MAX_REGISTRY_BYTES))
        except FileRefused as refused:
            digest.update(f"<{refused}>".encode())
    for path in also:  # the package's templates and words
        digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()
