"""Load data/: read every file, check it, and build the catalogue, or report every problem at once."""

from __future__ import annotations

import datetime
import difflib
import hashlib
import os
import re
from contextlib import contextmanager
from pathlib import Path

from . import schema
from .dates import PartialDate
from .placeholders import with_placeholders
from .labels import labels
from .model import (
    Catalogue,
    City,
    Event,
    Founded,
    Membership,
    MemberCount,
    Network,
    Partner,
    Participation,
    Representative,
    Seat,
    Source,
    Status,
    Text,
    Topic,
)
from .problems import DataError, Problem
from .urls import url_problem
from .yamlio import MAX_FILE_BYTES, MAX_REGISTRY_BYTES, YamlDocument, YamlError, dotted_path, read_yaml

NETWORKS_DIR = "networks"
CITIES_FILE = "cities.yml"
TOPICS_FILE = "topics.yml"
SCHEMA_DIR = "schema"
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def data_files(data_dir: Path) -> list[Path]:
    """The files that make up the data set (and so the build's input from data/)."""
    files = [data_dir / TOPICS_FILE, data_dir / CITIES_FILE]
    networks = data_dir / NETWORKS_DIR
    if networks.is_dir():
        files += sorted(p for p in networks.iterdir() if not p.name.startswith((".", "_")))
    files += sorted((data_dir / SCHEMA_DIR).glob("*.json"))
    return files


def fingerprint(data_dir: Path) -> str:
    """Changes whenever any data file changes; the build reuses the catalogue while it stays equal."""
    digest = hashlib.sha256()
    for path in data_files(data_dir):
        digest.update(str(path).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def load_catalogue(data_dir: Path, *, today: datetime.date | None = None) -> Catalogue:
    """Load and check all data; raise DataError listing every problem of every file."""
    loader = _Loader(Path(data_dir), today or datetime.date.today())
    return loader.load()


class _Loader:
    def __init__(self, data_dir: Path, today: datetime.date):
        self.data_dir = data_dir
        self.root = data_dir.parent
        self.schema_dir = data_dir / SCHEMA_DIR
        self.today = today
        self.problems: list[Problem] = []
        # Per file, the fields the schema already refused: later checks stay quiet about them,
        # so each mistake is reported once.
        self.refused: dict[str, set[tuple]] = {}

    # -- reading ---------------------------------------------------------------------------

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def read(self, path: Path, kind: str) -> tuple[YamlDocument | None, bool]:
        """The document (None if it cannot be read as YAML) and whether it fits the schema.

        A document that does not fit is still returned: the checks that look across files run on
        its well-formed parts, so one run reports every problem."""
        name = self.display(path)
        if not path.is_file():
            self.problems.append(Problem(name, None, None, "", "the file is missing."))
            return None, False
        try:
            document = read_yaml(path, name, limit=MAX_FILE_BYTES if kind == "network" else MAX_REGISTRY_BYTES)
        except YamlError as exc:
            self.problems.append(exc.problem)
            return None, False
        self.schema_comment(path, document, kind)
        found = with_placeholders(document, schema.check_schema(document, self.schema_dir, kind))
        if kind == "network" and isinstance(document.data, dict) and "id" in document.data:
            found = [p for p in found if p.field != "id"]
            stated = document.data["id"]
            rename = f" If {stated!r} is the id you meant, rename the file to {stated}.yml." if isinstance(stated, str) and ID_PATTERN.fullmatch(stated) and stated != path.stem else ""
            line, column = document.position(("id",))
            found.append(Problem(name, line, column, "id", f"records have no `id` field: the file name is the id (here {path.stem!r}). Remove this line.{rename}"))
        self.problems += found
        self.refused[name] = {_field_path(p.field) for p in found}
        return document, not found

    def schema_comment(self, path: Path, document: YamlDocument, kind: str) -> None:
        """Editors check a file as it is typed when its first line names the schema."""
        target = os.path.relpath(self.schema_dir / schema.SCHEMAS[kind], path.parent).replace(os.sep, "/")
        expected = f"# yaml-language-server: $schema={target}"
        if document.first_line == expected:
            return
        if document.first_line.startswith("# yaml-language-server:"):
            message = f"the schema comment points to the wrong place. Write it as: {expected}"
        else:
            message = f"the first line must be the schema comment, so that editors check the file as you type. Add this line at the top: {expected}"
        self.problems.append(Problem(document.file, 1, 1, "", message))

    def problem(self, document: YamlDocument, path: tuple, message: str, *, warning: bool = False):
        refused = self.refused.get(document.file, ())
        if any(path[: len(r)] == r for r in refused):
            return  # the schema check has already said what is wrong here
        line, column = document.position(path)
        self.problems.append(Problem(document.file, line, column, dotted_path(path), message, warning))

    # -- the whole data set --------------------------------------------------------------------

    def load(self) -> Catalogue:
        topics_doc, topics_ok = self.read(self.data_dir / TOPICS_FILE, "topics")
        cities_doc, cities_ok = self.read(self.data_dir / CITIES_FILE, "cities")
        # The ids are known as soon as a registry reads as YAML, even where one entry is broken.
        topic_ids = set(topics_doc.data) if topics_doc and isinstance(topics_doc.data, dict) else None
        city_ids = set(cities_doc.data) if cities_doc and isinstance(cities_doc.data, dict) else None
        topics = {key: Topic(key, Text.of(value)) for key, value in topics_doc.data.items()} if topics_ok else {}
        cities = self.cities(cities_doc, cities_ok) if city_ids is not None else {}

        network_docs = []
        networks_dir = self.data_dir / NETWORKS_DIR
        if not networks_dir.is_dir():
            self.problems.append(Problem(self.display(networks_dir), None, None, "", "the folder of network records is missing."))
        else:
            for path in self.record_files(networks_dir):
                document, fits = self.read(path, "network")
                if document is not None:
                    network_docs.append((path, document, fits))
        self.same_network_twice([(path, document) for path, document, _ in network_docs])

        networks = []
        for path, document, fits in network_docs:
            network = self.network(path, document, cities, topics, city_ids, topic_ids, fits=fits)
            if network is not None:
                networks.append(network)

        errors = [p for p in self.problems if not p.warning]
        if errors:
            raise DataError(self.problems)
        networks.sort(key=lambda n: (n.short_name.de.casefold(), n.id))
        as_written = {document.file: document.data for _, document, _ in network_docs}
        written = {
            "networks": {n.id: as_written[n.file] for n in networks},
            "cities": cities_doc.data,
            "topics": topics_doc.data,
        }
        return Catalogue(networks, cities, topics, warnings=[p for p in self.problems if p.warning], written=written)

    def record_files(self, networks_dir: Path) -> list[Path]:
        """The network records; a file whose name is no id, or gives an id twice, is a problem."""
        records: dict[str, Path] = {}
        # Files named as ids first, so a look-alike (Metropolis.yml, metropolis.yaml) is the one refused.
        for path in sorted(networks_dir.iterdir(), key=lambda p: (p.suffix != ".yml", not ID_PATTERN.fullmatch(p.stem), p.stem)):
            if path.name.startswith((".", "_")):
                continue  # hidden files and templates such as _template.yml
            if path.suffix not in (".yml", ".yaml"):
                self.problems.append(Problem(self.display(path), None, None, "", "not a network record. Network records are YAML files ending in .yml."))
                continue
            suggested = _suggest_id(path.stem)
            if suggested in records:
                self.problems.append(Problem(self.display(path), None, None, "", f"gives the same id {suggested!r} as {self.display(records[suggested])}: one network, one record. Merge the two files into {records[suggested].name}."))
                continue
            if path.suffix == ".yaml":
                self.problems.append(Problem(self.display(path), None, None, "", f"network records end in .yml. Rename the file to {path.stem}.yml."))
            elif not ID_PATTERN.fullmatch(path.stem):
                self.problems.append(Problem(self.display(path), None, None, "", f"the file name is the record's id and must use lowercase letters, digits and hyphens only. Rename the file to {suggested}.yml."))
            records[suggested] = path
        return list(records.values())

    def same_network_twice(self, documents: list[tuple[Path, YamlDocument]]) -> None:
        """Two records with the same name probably describe one network twice (a copied file).
        A warning, not an error: a copy is also how a new record starts, and the build of a
        half-edited copy should still show it."""
        seen: dict[tuple, YamlDocument] = {}
        for path, document in documents:
            data = document.data if isinstance(document.data, dict) else {}
            for field in ("name", "short_name"):
                names = data.get(field)
                for lang in ("de", "en"):
                    value = names.get(lang) if isinstance(names, dict) else None
                    if not isinstance(value, str) or not value.strip():
                        continue
                    key = (field, " ".join(value.casefold().split()))
                    if key in seen and seen[key] is not document:
                        first = seen[key]
                        line, _ = first.position((field, lang))
                        self.problem(document, (field, lang), f"{first.file} (line {line}) has the same {field.replace('_', ' ')}. If both describe one network, merge the two files; otherwise name the networks apart.", warning=True)
                        break
                    seen.setdefault(key, document)

    def cities(self, document: YamlDocument, fits: bool) -> dict[str, City]:
        cities = {}
        words = labels("de")
        for key, value in document.data.items():
            with _part(lenient=not fits):
                if words.get(f"country_{value['country']}") is None:
                    self.problem(document, (key, "country"), f"the country code {value['country']!r} has no name yet. Add country_{value['country']} to scripts/citynet/labels.yml in both languages.")
                state = value.get("state")
                if state and value["country"] != "DE":
                    self.problem(document, (key, "state"), "a federal state is only given for German cities. Remove it.")
                if state and words.get(f"state_{state}") is None:
                    self.problem(document, (key, "state"), f"{state!r} is not a German federal state. Use a code such as DE-NW.")
                if value["country"] == "DE" and not state:
                    self.problem(document, (key,), "a German city needs its federal state: add `state:` such as DE-NW.")
                coordinates = value["coordinates"]
                cities[key] = City(key, Text.of(value["name"]), value["country"], state, float(coordinates["lat"]), float(coordinates["lon"]), value["wikidata"])
        return cities

    # -- one network -------------------------------------------------------------------------

    def network(self, path: Path, document: YamlDocument, cities, topics, city_ids, topic_ids, *, fits: bool) -> Network | None:
        """Check one record against the others and build it; None if it has problems.

        For a record that does not fit the schema (`fits` false) the checks run on the parts
        that are well-formed; a part that is not is skipped, the schema has reported it."""
        data = document.data if isinstance(document.data, dict) else {}
        network_id = path.stem
        start_errors = len([p for p in self.problems if not p.warning])

        def part():
            return _part(lenient=not fits)

        # Sources: ids unique; every reference names one of them.
        sources: dict[str, Source] = {}
        for index, raw in enumerate(_list(data.get("sources"))):
            with part():
                if raw["id"] in sources:
                    self.problem(document, ("sources", index, "id"), f"the source id {raw['id']!r} is used twice. Give each source its own id.")
                    continue
                sources[raw["id"]] = Source(raw["id"], len(sources) + 1, Text.of(raw["title"]), raw["publisher"].strip(), raw.get("url"), raw.get("language"), Text.of(raw.get("note")))
        for path_ in [("website",)] + [("sources", i, "url") for i in range(len(_list(data.get("sources"))))]:
            value = _get(data, path_)
            if isinstance(value, str):
                found = url_problem(value)
                if found:
                    self.problem(document, path_, found[0], warning=found[1])

        # The ids a record's facts may cite, also where a source entry is otherwise malformed;
        # None when the list itself is unreadable, so that citations are not checked against it.
        raw_sources = data.get("sources")
        source_ids = None
        if isinstance(raw_sources, list) and all(isinstance(r, dict) and isinstance(r.get("id"), str) for r in raw_sources):
            source_ids = {r["id"] for r in raw_sources}

        def cite(path_: tuple, ref) -> tuple[Source, ...]:
            ids = [ref] if isinstance(ref, str) else list(ref)
            found = []
            for position, source_id in enumerate(ids):
                if source_id in sources:
                    found.append(sources[source_id])
                elif source_ids is not None and source_id not in source_ids:
                    where = path_ + ("source",) + ((position,) if not isinstance(ref, str) else ())
                    known = ", ".join(sorted(source_ids)) or "none"
                    self.problem(document, where, f"names the source {source_id!r}, which is not in this record's `sources` (known: {known}). Add it there or fix the id.")
            return tuple(found)

        def city(path_: tuple, city_id: str | None) -> City | None:
            if city_id is None:
                return None
            if city_ids is not None and city_id not in city_ids:
                self.problem(document, path_, f"the city {city_id!r} is not in data/cities.yml.{_did_you_mean(city_id, city_ids)} Add the city there first, or fix the id.")
            return cities.get(city_id)

        def date(path_: tuple, text: str | None, *, allow_undated: bool = False) -> PartialDate | None:
            if not isinstance(text, str) or (allow_undated and text == "undated"):
                return None
            try:
                value = PartialDate.parse(text)
            except ValueError:
                self.problem(document, path_, f"{text!r} is not a real calendar date. Check the month and the day.")
                return None
            if value.first_day > self.today:
                self.problem(document, path_, f"{text!r} lies in the future. Facts are recorded once they have happened: check the year.")
            elif value.year < 1800:
                self.problem(document, path_, f"{text!r} is implausibly early for a city network. Check the year.")
            return value

        def period(path_: tuple, start, end, start_key: str, end_key: str):
            if start and end and end < start:
                self.problem(document, path_ + (end_key,), f"ends before it starts ({start_key} {start.iso()}, {end_key} {end.iso()}). Check both dates.")

        status = founded = seat = membership = reviewed = None
        with part():
            raw = data["status"]
            status = Status(
                raw["value"],
                date(("status", "since"), raw.get("since")),
                date(("status", "as_of"), raw["as_of"], allow_undated=True),
                raw.get("confidence", "high"),
                Text.of(raw.get("note")),
                cite(("status",), raw["source"]),
            )
            if status.value in ("closed", "dormant") and status.since is None:
                self.problem(document, ("status",), f"a {status.value} network needs `since:`, the date it was {status.value} from.")
            if status.value == "active" and status.since is not None:
                self.problem(document, ("status", "since"), "`since` is for dormant or closed networks. Remove it, or change the status.")

        with part():
            raw = data["founded"]
            founded = Founded(date(("founded", "date"), raw["date"]), city(("founded", "place"), raw.get("place")), Text.of(raw.get("note")), cite(("founded",), raw["source"]))

        if "seat" in data:
            with part():
                raw = data["seat"]
                seat_city = city(("seat", "city"), raw["city"])
                since, until = date(("seat", "since"), raw.get("since")), date(("seat", "until"), raw.get("until"))
                period(("seat",), since, until, "since", "until")
                sources_ = cite(("seat",), raw["source"])
                if seat_city:
                    seat = Seat(seat_city, Text.of(raw.get("note")), since, until, sources_)

        with part():
            raw = data["membership"]
            membership = Membership(tuple(raw["eligible"]), Text.of(raw["text"]), cite(("membership",), raw["source"]))

        members = []
        for index, raw in enumerate(_list(data.get("members"))):
            with part():
                members.append(MemberCount(raw["count"], raw.get("qualifier", "exact"), raw["unit"], date(("members", index, "as_of"), raw["as_of"], allow_undated=True), Text.of(raw.get("note")), raw.get("confidence", "high"), cite(("members", index), raw["source"])))
        # Newest first; undated figures after dated ones, in the record's order.
        members.sort(key=lambda m: (m.as_of is None, -(m.as_of.first_day.toordinal()) if m.as_of else 0))

        record_topics = []
        for index, topic_id in enumerate(_list(data.get("topics"))):
            with part():
                if topic_id in topics:
                    record_topics.append(topics[topic_id])
                elif topic_ids is not None and topic_id not in topic_ids:
                    self.problem(document, ("topics", index), f"the topic {topic_id!r} is not in data/topics.yml. " + (f"Did you mean {close[0]!r}? Or add the topic there first." if (close := difflib.get_close_matches(str(topic_id), sorted(topic_ids), n=1)) else f"Use one of: {', '.join(sorted(topic_ids))}; or add it there first."))

        partners = []
        for index, raw in enumerate(_list(data.get("partners"))):
            with part():
                partners.append(Partner(Text.of(raw["name"]), Text.of(raw.get("relation")), cite(("partners", index), raw["source"])))

        participants = []
        for index, raw in enumerate(_list(data.get("participants"))):
            with part():
                where = ("participants", index)
                participant_city = city(where + ("city",), raw["city"])
                since, until = date(where + ("since",), raw.get("since")), date(where + ("until",), raw.get("until"))
                period(where, since, until, "since", "until")
                sources_ = cite(where, raw["source"])
                if participant_city is not None:
                    if not participant_city.is_german:
                        self.problem(document, where + ("city",), f"{raw['city']!r} is not a German city; `participants` lists German and NRW cities only.")
                    participants.append(Participation(participant_city, Text.of(raw.get("role")), since, until, raw.get("confidence", "high"), Text.of(raw.get("note")), sources_))

        representatives = []
        for index, raw in enumerate(_list(data.get("representatives"))):
            with part():
                where = ("representatives", index)
                start, end = date(where + ("from",), raw["from"]), date(where + ("until",), raw.get("until"))
                period(where, start, end, "from", "until")
                representatives.append(Representative(raw["person"].strip(), city(where + ("city",), raw.get("city")), Text.of(raw["role"]), start, end, raw.get("confidence", "high"), Text.of(raw.get("note")), cite(where, raw["source"])))

        history = []
        for index, raw in enumerate(_list(data.get("history"))):
            with part():
                history.append(Event(date(("history", index, "date"), raw["date"]), Text.of(raw["text"]), cite(("history", index), raw["source"])))

        with part():
            try:
                reviewed = datetime.date.fromisoformat(data["last_reviewed"])
            except ValueError:
                self.problem(document, ("last_reviewed",), f"{data['last_reviewed']!r} is not a real calendar day. Check the month and the day.")
            else:
                if reviewed > self.today:
                    self.problem(document, ("last_reviewed",), "lies in the future. Give the day the record was checked.")

        if not fits or len([p for p in self.problems if not p.warning]) > start_errors:
            return None
        return Network(
            id=network_id,
            file=document.file,
            name=Text.of(data["name"]),
            short_name=Text.of(data["short_name"]),
            abbreviation=Text.of(data.get("abbreviation")),
            status=status,
            founded=founded,
            seat=seat,
            website=data.get("website"),
            scope=data["scope"],
            membership=membership,
            members=tuple(members),
            summary=Text.of(data["summary"]),
            description=Text.of(data["description"]),
            topics=tuple(record_topics),
            partners=tuple(partners),
            participants=tuple(participants),
            representatives=tuple(sorted(representatives, key=lambda r: r.start)),
            history=tuple(sorted(history, key=lambda e: e.date)),
            sources=tuple(sources.values()),
            last_reviewed=reviewed,
        )


@contextmanager
def _part(*, lenient: bool):
    """Run the checks of one part of a record. In a record that does not fit the schema, a
    malformed part (a missing field, a wrong type) ends that part's checks quietly: the schema
    check has reported it. In a record that fits, the same error is a bug and is raised."""
    try:
        yield
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        if not lenient:
            raise


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _get(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _field_path(dotted: str) -> tuple:
    """The path of a field from its dotted form: `participants[0].city` -> ("participants", 0, "city")."""
    path: list = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", dotted):
        path.append(int(index) if index else name)
    return tuple(path)


def _did_you_mean(value, known) -> str:
    close = difflib.get_close_matches(str(value), sorted(known), n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _suggest_id(stem: str) -> str:
    """The id a file name was probably meant to be: `Städte Netz (2)` -> `staedte-netz-2`."""
    words = re.findall(r"[a-z0-9]+", stem.lower().translate(_TRANSLITERATION))
    return "-".join(words) or "network"
