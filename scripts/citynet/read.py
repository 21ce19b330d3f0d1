"""Reading data/: the files, their YAML, the schema check, the record ids, and the registries.

The first half of loading (citynet/load.py); the second builds the records (citynet/records.py).
A file that does not fit its schema is still read: the checks that look across files run on its
well-formed parts, so that one run reports every problem.

Longer than about 300 lines (about 520) on purpose: everything that happens before a record is
built is here, in the order one check does it (the file system and the limits, each file's YAML
and schema, the ids, then the registries of cities and topics), so that one pass over data/ reads
top to bottom in one place. Its largest part, the city registry's checks (from COUNTRY_BOUNDS on),
is the one to move into a module of its own if it grows further.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import layout, schema
from .hygiene import comparable
from .labels import labels
from .memo import Memo
from .model import DISTRICT_KINDS, GERMAN_MUNICIPALITY_KINDS, City, CityPage, Text, Topic
from .placeholders import with_placeholders
from .problems import Findings, Problem, field_path
from .urls import mirror_problem, url_problem
from .yamlio import (
    LINKED_FILE,
    MAX_FILE_BYTES,
    MAX_REGISTRY_BYTES,
    FileRefused,
    YamlDocument,
    YamlError,
    parse_yaml,
    read_data_file,
)

NETWORKS_DIR = "networks"
CITIES_FILE = "cities.yml"
TOPICS_FILE = "topics.yml"
SCHEMA_DIR = "schema"
DOCS_DIR = "docs"  # beside data/: the hand-written pages, whose names record ids must not take
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Bounded work: what one check or build reads at most, chosen from measurements (BENCHMARKS.md,
# "Validation at the limits"; `python3 scripts/dev.py benchmark --limits` measures it again). The
# real data has 5 records of 7-24 kB and 13 cities; the limits leave room for sixty times that
# (300 records the size of the largest, 8.6 MB with 3,000 cities, fit).
MAX_NETWORKS = 300
MAX_CITIES = 3_000
MAX_DATA_BYTES = 10_000_000  # records and registries together
_LIMIT_ADVICE = (
    "The limits are in scripts/citynet/read.py; raise them only after measuring with "
    "`python3 scripts/dev.py benchmark --limits`."
)
_LINKED_FOLDER = "is a symbolic link to a folder. Data is read only from data/ itself: put the folder here instead."


@dataclass
class ReadFile:
    path: Path
    document: YamlDocument
    fits: bool  # whether it fits its schema


@dataclass
class ReadData:
    """Every file of data/ that reads as YAML; None for a registry that does not."""

    topics: ReadFile | None
    cities: ReadFile | None
    networks: list[ReadFile]

    @property
    def topic_ids(self) -> set[str] | None:
        """The ids of the topic list, known as soon as it reads as YAML (even with a broken entry)."""
        return _ids(self.topics)

    @property
    def city_ids(self) -> set[str] | None:
        return _ids(self.cities)


def memo_key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _ids(read: ReadFile | None) -> set[str] | None:
    return set(read.document.data) if read and isinstance(read.document.data, dict) else None


def data_files(data_dir: Path) -> list[Path]:
    """The files that make up the data set (and so the build's input from data/)."""
    files = [data_dir / TOPICS_FILE, data_dir / CITIES_FILE]
    networks = data_dir / NETWORKS_DIR
    if networks.is_dir():
        files += sorted(p for p in networks.iterdir() if not p.name.startswith((".", "_")))
    files += sorted((data_dir / SCHEMA_DIR).glob("*.json"))
    return files


class Reader:
    def __init__(self, data_dir: Path, findings: Findings, memo: Memo | None = None):
        self.data_dir = data_dir
        # Under `mkdocs serve`: each file's reading (YAML, schema check, the problems found), kept by
        # the digest of its bytes and the schemas', so an edit reads only the edited file again.
        self.memo = memo
        self.schema_digest = ""
        self.root = data_dir.parent
        self.schema_dir = data_dir / SCHEMA_DIR
        self.findings = findings
        self.record_paths: list[Path] = []  # the files record_files() found, read by read()

    def display(self, path: Path) -> str:
        """The path as problems name it: relative to the project, such as data/networks/uclg.yml."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def read_all(self) -> ReadData:
        networks_dir = self.data_dir / NETWORKS_DIR
        if not self.schemas_readable() or not self.within_limits(networks_dir):
            return ReadData(None, None, [])  # nothing is read: nothing could be checked, or too much
        topics = self.read(self.data_dir / TOPICS_FILE, "topics")
        cities = self.read(self.data_dir / CITIES_FILE, "cities")
        if cities and isinstance(cities.document.data, dict) and len(cities.document.data) > MAX_CITIES:
            self.problem(
                cities.path,
                f"lists {len(cities.document.data):,} cities; the site is built for at most {MAX_CITIES:,} (each city "
                f"is a page in every language). {_LIMIT_ADVICE}",
            )
        networks = []
        if networks_dir.is_symlink():
            self.problem(networks_dir, _LINKED_FOLDER)
        elif not networks_dir.is_dir():
            self.problem(networks_dir, "the folder of network records is missing.")
        else:
            for path in self.record_files(networks_dir):
                read = self.read(path, "network")
                if read is not None:
                    networks.append(read)
        self.same_network_twice(networks)
        self.other_links()
        return ReadData(topics, cities, networks)

    def within_limits(self, networks_dir: Path) -> bool:
        """Bounded work: the number of records and the size of the data are counted before a file
        is read (from the folder's listing and lstat), so that no data set can make a run slow."""
        entries = sorted(networks_dir.iterdir()) if networks_dir.is_dir() and not networks_dir.is_symlink() else []
        entries = [path for path in entries if not path.name.startswith((".", "_"))]
        if len(entries) > MAX_NETWORKS:
            self.problem(
                networks_dir,
                f"holds {len(entries):,} files; the site is built for at most {MAX_NETWORKS:,} network records "
                f"(each is a page in every language). Nothing was read. {_LIMIT_ADVICE}",
            )
            return False
        total = 0
        for path in [self.data_dir / TOPICS_FILE, self.data_dir / CITIES_FILE, *entries]:
            try:
                status = os.lstat(path)
            except OSError:
                continue  # missing: read() says so
            total += status.st_size if stat.S_ISREG(status.st_mode) else 0
        if total > MAX_DATA_BYTES:
            self.problem(
                self.data_dir,
                f"the records and registries add up to {total:,} bytes; one check reads at most {MAX_DATA_BYTES:,} "
                f"(which takes a few seconds). Nothing was read. {_LIMIT_ADVICE}",
            )
            return False
        return True

    def reserved(self, section: str) -> dict[str, str]:
        return reserved_ids(self.data_dir, section)

    def problem(self, path: Path, message: str) -> None:
        self.findings.add(Problem(self.display(path), None, None, "", message))

    def schemas_readable(self) -> bool:
        readable = True
        digest = hashlib.sha256()
        for name in schema.SCHEMA_FILES:
            try:
                digest.update(read_data_file(self.schema_dir / name, MAX_REGISTRY_BYTES))
            except FileRefused as refused:
                self.problem(self.schema_dir / name, f"{refused} The data cannot be checked without its schema.")
                readable = False
        self.schema_digest = digest.hexdigest()
        return readable

    def other_links(self) -> None:
        """Symbolic links anywhere else in data/ (base maps, subfolders), each named; none is followed."""
        read = {self.data_dir / TOPICS_FILE, self.data_dir / CITIES_FILE, self.data_dir / NETWORKS_DIR}
        read |= set(self.record_paths) | {self.schema_dir / name for name in schema.SCHEMA_FILES}
        for folder, folders, files in os.walk(self.data_dir):  # does not descend into linked folders
            for name in sorted(folders + files):
                path = Path(folder) / name
                if path not in read and path.is_symlink():
                    self.problem(path, _LINKED_FOLDER if name in folders else LINKED_FILE)

    def read(self, path: Path, kind: str) -> ReadFile | None:
        """The file as read (None if it cannot be read as YAML) and whether it fits the schema."""
        name = self.display(path)
        limit = MAX_FILE_BYTES if kind == "network" else MAX_REGISTRY_BYTES
        try:
            raw = read_data_file(path, limit)
        except FileRefused as refused:
            self.findings.add(Problem(name, None, None, "", str(refused)))
            return None
        if self.memo is None:
            return self.read_bytes(path, name, kind, raw, limit)
        key = memo_key(name, kind, self.schema_digest, hashlib.sha256(raw).hexdigest())
        kept = self.memo.has(key)
        read, problems, refused = self.memo.get(key, lambda: self.read_recorded(path, name, kind, raw, limit))
        if kept:  # kept from an earlier load: its problems are reported again
            self.findings.problems += problems
            if refused is not None:
                self.findings.refused[name] = set(refused)
        return read

    def read_recorded(self, path: Path, name: str, kind: str, raw: bytes, limit: int) -> tuple:
        """The reading, with the problems it added, as the memo keeps it."""
        start = len(self.findings.problems)
        read = self.read_bytes(path, name, kind, raw, limit)
        refused = self.findings.refused.get(name)
        return read, tuple(self.findings.problems[start:]), None if refused is None else frozenset(refused)

    def read_bytes(self, path: Path, name: str, kind: str, raw: bytes, limit: int) -> ReadFile | None:
        try:
            document = parse_yaml(raw, name, limit=limit)
        except YamlError as exc:
            self.findings.add(exc.problem)
            return None
        self.schema_comment(path, document, kind)
        found = with_placeholders(document, schema.check_schema(document, self.schema_dir, kind))
        if kind == "network" and isinstance(document.data, dict) and "id" in document.data:
            found = [p for p in found if p.field != "id"] + [self.id_field(path, document)]
        if document.problems:  # values refused as they were read (citynet/hygiene.py): said once
            refused = [field_path(p.field) for p in document.problems]
            found = document.problems + [p for p in found if not _under(field_path(p.field), refused)]
        self.findings.refuse(name, found)
        return ReadFile(path, document, not found)

    def id_field(self, path: Path, document: YamlDocument) -> Problem:
        stated = document.data["id"]
        rename = ""
        if isinstance(stated, str) and ID_PATTERN.fullmatch(stated) and stated != path.stem:
            rename = f" If {stated!r} is the id you meant, rename the file to {stated}.yml."
        line, column = document.position(("id",))
        return Problem(
            document.file,
            line,
            column,
            "id",
            f"records have no `id` field: the file name is the id (here {path.stem!r}). Remove this line.{rename}",
        )

    def schema_comment(self, path: Path, document: YamlDocument, kind: str) -> None:
        """Editors check a file as it is typed when its first line names the schema. A warning: the
        comment helps editors and is no data, and YAML tools that rewrite a file drop it."""
        target = os.path.relpath(self.schema_dir / schema.SCHEMAS[kind], path.parent).replace(os.sep, "/")
        expected = f"# yaml-language-server: $schema={target}"
        if document.first_line == expected:
            return
        if document.first_line.startswith("# yaml-language-server:"):
            message = f"the schema comment points to the wrong place. Write it as: {expected}"
        else:
            message = (
                "the first line should be the schema comment, so that editors check the file as you type. "
                f"Add this line at the top: {expected}"
            )
        self.findings.add(Problem(document.file, 1, 1, "", message, warning=True))

    def record_files(self, networks_dir: Path) -> list[Path]:
        """The network records; a file whose name is no id, or gives an id twice, is a problem."""
        records: dict[str, Path] = {}
        reserved = self.reserved(layout.NETWORKS_SECTION)

        def refuse(path: Path, message: str) -> None:
            self.findings.add(Problem(self.display(path), None, None, "", message))

        # Files named as ids first, so a look-alike (Metropolis.yml, metropolis.yaml) is the one refused.
        def order(path: Path):
            return (path.suffix != ".yml", not ID_PATTERN.fullmatch(path.stem), path.stem)

        for path in sorted(networks_dir.iterdir(), key=order):
            if path.name.startswith((".", "_")):
                continue  # hidden files and templates such as _template.yml
            if path.suffix not in (".yml", ".yaml"):
                refuse(path, "not a network record. Network records are YAML files ending in .yml.")
                continue
            suggested = suggest_id(path.stem)
            if suggested in records:
                first = records[suggested]
                refuse(
                    path,
                    f"gives the same id {suggested!r} as {self.display(first)}: one network, one record. "
                    f"Merge the two files into {first.name}.",
                )
                continue
            if path.suffix == ".yaml":
                refuse(path, f"network records end in .yml. Rename the file to {path.stem}.yml.")
            elif not ID_PATTERN.fullmatch(path.stem):
                refuse(
                    path,
                    "the file name is the record's id and must use lowercase letters, digits and hyphens only. "
                    f"Rename the file to {suggested}.yml.",
                )
            elif path.stem in reserved:
                refuse(path, reserved_message(path.stem, reserved[path.stem], "Choose another id and rename the file."))
            records[suggested] = path
        self.record_paths = list(records.values())
        return self.record_paths

    def same_network_twice(self, networks: list[ReadFile]) -> None:
        """Two records with the same name probably describe one network twice (a copied file).
        A warning, not an error: a copy is also how a new record starts, and the build of a
        half-edited copy should still show it."""
        seen: dict[tuple, YamlDocument] = {}
        for read in networks:
            document = read.document
            data = document.data if isinstance(document.data, dict) else {}
            for field in ("name", "short_name"):
                names = data.get(field)
                for lang in ("de", "en"):
                    value = names.get(lang) if isinstance(names, dict) else None
                    if not isinstance(value, str) or not value.strip():
                        continue
                    key = (field, comparable(value))
                    if key in seen and seen[key] is not document:
                        first = seen[key]
                        line, _ = first.position((field, lang))
                        self.findings.at(
                            document,
                            (field, lang),
                            f"{first.file} (line {line}) has the same {field.replace('_', ' ')}. If both describe "
                            "one network, merge the two files; otherwise name the networks apart.",
                            warning=True,
                        )
                        break
                    seen.setdefault(key, document)


def reserved_ids(data_dir: Path, section: str) -> dict[str, str]:
    """The ids a record of the section may not have (citynet/layout.py), with the hand-written
    pages in docs/<section>/ of the project whose data folder this is."""
    return layout.reserved_ids(section, handwritten_pages(Path(data_dir).parent / DOCS_DIR, section))


def handwritten_pages(docs_dir: Path, section: str) -> dict[str, str]:
    """The names taken by hand-written pages and folders in docs/<section>/: {name: docs path}."""
    folder = docs_dir / section
    if not folder.is_dir():
        return {}
    found: dict[str, str] = {}
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.endswith(".md"):
            name = layout.default_language_path(name)[: -len(".md")]  # uclg.en.md -> uclg
        found.setdefault(name, f"{DOCS_DIR}/{section}/{entry.name}")
    return found


def reserved_message(record_id: str, reason: str, advice: str) -> str:
    return f"the id {record_id!r} is reserved: it is {reason}. {advice}"


# Where a city of a country can lie: Germany's extremes (Natural Earth) rounded outwards. Only
# Germany, whose cities are drawn on the map of Germany: other countries' overseas territories
# (France, Spain, the Netherlands, the United States) make a box around them meaningless.
COUNTRY_BOUNDS = {"DE": {"name": "Germany", "lat": (47.2, 55.1), "lon": (5.8, 15.1)}}


def check_cities(read: ReadFile | None, findings: Findings, reserved: dict[str, str]) -> None:
    """What no single entry of the city registry shows: an id the site needs for itself, one place
    entered twice (by its Wikidata item, or by its name in the same state or country), and
    coordinates outside the city's country."""
    if read is None or not isinstance(read.document.data, dict):
        return
    document = read.document
    seen: dict[tuple, str] = {}
    for key, value in document.data.items():
        if key in reserved:
            advice = "Choose another id, and use it in the records."
            findings.at(document, (key,), reserved_message(key, reserved[key], advice))
        with checked_part(lenient=True):  # a malformed entry: the schema check has said so
            where = value.get("state") or value["country"]
            names = value["name"] if isinstance(value["name"], dict) else {"de": value["name"]}
            keys = [("wikidata", value["wikidata"])] + [("name", comparable(n), where) for n in names.values()]
            for found in dict.fromkeys(keys):
                first = seen.setdefault(found, key)
                if first != key:
                    findings.at(document, (key, found[0]), _same_city(found, first, document))
                    break
        with checked_part(lenient=True):
            _check_bounds(document, key, value, findings)


def _same_city(found: tuple, first: str, document: YamlDocument) -> str:
    line, _ = document.position((first,))
    if found[0] == "wikidata":
        return (
            f"{found[1]} is also the Wikidata item of {first!r} (line {line}): one place, one entry. Remove this "
            f"entry and use the id {first!r} in the records."
        )
    return (
        f"{first!r} (line {line}) has the same name, in the same {'state' if '-' in found[2] else 'country'} "
        f"({found[2]}). If both are one city, keep one entry; otherwise "
        "name them apart, e.g. with the district in brackets."
    )


def _check_bounds(document: YamlDocument, key: str, value: dict, findings: Findings) -> None:
    bounds = COUNTRY_BOUNDS.get(value["country"])
    lat, lon = value["coordinates"]["lat"], value["coordinates"]["lon"]
    numbers = all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in (lat, lon))
    if bounds is None or not numbers:
        return
    (south, north), (west, east) = bounds["lat"], bounds["lon"]
    if south <= lat <= north and west <= lon <= east:
        return
    swapped = " Latitude and longitude seem swapped." if south <= lon <= north and west <= lat <= east else ""
    findings.at(
        document,
        (key, "coordinates"),
        f"lat {lat}, lon {lon} lies outside {bounds['name']} (latitude {south} to {north}, longitude {west} to "
        f"{east}).{swapped} Take the coordinates from the city's Wikidata item.",
    )


def read_topics(read: ReadFile | None) -> dict[str, Topic]:
    if read is None or not read.fits:
        return {}
    return {key: Topic(id=key, label=Text.of(value)) for key, value in read.document.data.items()}


def read_cities(read: ReadFile | None, findings: Findings) -> dict[str, City]:
    """The registry of municipalities and places: a German entry needs its federal state and its
    kind, a district names a Kreis or Städteregion of the registry, every country and state a name."""
    if read is None or not isinstance(read.document.data, dict):
        return {}
    document, cities, words = read.document, {}, labels("de")
    entries = document.data
    for key, value in entries.items():
        with checked_part(lenient=not read.fits):
            country, state = value["country"], value.get("state")
            if words.get(f"country_{country}") is None:
                findings.at(
                    document,
                    (key, "country"),
                    f"the country code {country!r} has no name yet. "
                    f"Add country_{country} to scripts/citynet/labels.yml in both languages.",
                )
            if state and country != "DE":
                findings.at(document, (key, "state"), "a federal state is only given for German cities. Remove it.")
            if state and words.get(f"state_{state}") is None:
                findings.at(
                    document, (key, "state"), f"{state!r} is not a German federal state. Use a code such as DE-NW."
                )
            if country == "DE" and not state:
                findings.at(document, (key,), "a German city needs its federal state: add `state:` such as DE-NW.")
            kind = value.get("kind", "city" if country != "DE" else None)
            _check_kind(findings, document, key, country, kind)
            district = value.get("district")
            if district is not None:
                _check_district(findings, document, key, kind, district, entries)
            coordinates = value["coordinates"]
            page = _international_page(findings, document, key, value.get("international_page"), words)
            cities[key] = City(
                id=key,
                name=Text.of(value["name"]),
                country=country,
                state=state,
                lat=float(coordinates["lat"]),
                lon=float(coordinates["lon"]),
                wikidata=value["wikidata"],
                kind=kind or "city",
                district=district,
                international_page=page,
            )
    return cities


def _international_page(findings: Findings, document, key: str, raw, words) -> CityPage | None:
    """The municipality's own international-affairs page: a web address like a source's (no copy of
    Wikipedia), in a language the site can name."""
    if raw is None:
        return None
    found = url_problem(raw["url"])
    if found:
        findings.at(document, (key, "international_page", "url"), found[0], warning=found[1])
    elif mirror := mirror_problem(raw["url"]):
        findings.at(document, (key, "international_page", "url"), mirror)
    if words.get(f"language_{raw['language']}") is None:
        findings.at(
            document,
            (key, "international_page", "language"),
            f"the language code {raw['language']!r} has no name yet. Add language_{raw['language']} to "
            "scripts/citynet/labels.yml in both languages.",
        )
    return CityPage(url=raw["url"], language=raw["language"], title=Text.of(raw.get("title")))


def _check_kind(findings: Findings, document, key: str, country: str, kind: str | None) -> None:
    german = ", ".join(GERMAN_MUNICIPALITY_KINDS)
    if country == "DE" and kind is None:
        findings.at(
            document,
            (key,),
            f"a German entry needs its kind: add `kind:` with one of {german}. The pages say what it is, and "
            "Kreise and Gemeinden are told apart from cities.",
        )
    elif country == "DE" and kind == "city":
        findings.at(
            document, (key, "kind"), f"city is the kind of places abroad. For a German entry use one of {german}."
        )
    elif country != "DE" and kind != "city":
        findings.at(
            document,
            (key, "kind"),
            f"{kind!r} is a kind of German municipality. A place abroad is of kind city: write that, or remove "
            "the line.",
        )


def _check_district(findings: Findings, document, key: str, kind: str | None, district, entries: dict) -> None:
    if kind not in ("kreisangehoerige-stadt", "gemeinde"):
        findings.at(
            document,
            (key, "district"),
            "only a kreisangehoerige-stadt or a gemeinde belongs to a district. Remove `district:`, or correct "
            "`kind:`.",
        )
        return
    target = entries.get(district)
    if not isinstance(target, dict):
        close = difflib.get_close_matches(str(district), sorted(entries), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        findings.at(
            document,
            (key, "district"),
            f"the district {district!r} is not in this registry.{hint} Add the Kreis or Städteregion as an entry "
            "of its own first (kind kreis or staedteregion), or fix the id.",
        )
    elif target.get("kind") not in DISTRICT_KINDS:
        findings.at(
            document,
            (key, "district"),
            f"{district!r} is a {target.get('kind') or 'place'}, not a Kreis or Städteregion. Give the id of the "
            "Kreis or Städteregion the municipality belongs to.",
        )


def _under(path: tuple, parents: list[tuple]) -> bool:
    return any(path[: len(parent)] == parent for parent in parents)


@contextmanager
def checked_part(*, lenient: bool):
    """Run the checks of one part of a record. In a record that does not fit the schema, a
    malformed part (a missing field, a wrong type) ends that part's checks quietly: the schema
    check has reported it. In a record that fits, the same error is a bug and is raised."""
    try:
        yield
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        if not lenient:
            raise


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def suggest_id(stem: str) -> str:
    """The id a file name was probably meant to be: `Städte Netz (2)` -> `staedte-netz-2`."""
    words = re.findall(r"[a-z0-9]+", stem.lower().translate(_TRANSLITERATION))
    return "-".join(words) or "network"
