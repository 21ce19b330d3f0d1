"""Load data/: read every file, check it, and build the catalogue, or report every problem at once."""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path

from . import schema
from .dates import PartialDate
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
from .placeholders import with_placeholders
from .problems import DataError, Problem
from .yamlio import YamlDocument, YamlError, dotted_path, read_yaml

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

    # -- reading ---------------------------------------------------------------------------

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def read(self, path: Path, kind: str) -> YamlDocument | None:
        name = self.display(path)
        if not path.is_file():
            self.problems.append(Problem(name, None, None, "", "the file is missing."))
            return None
        try:
            document = read_yaml(path, name)
        except YamlError as exc:
            self.problems.append(exc.problem)
            return None
        found = with_placeholders(document, schema.check_schema(document, self.schema_dir, kind))
        self.problems += found
        return None if found else document

    def problem(self, document: YamlDocument, path: tuple, message: str, *, warning: bool = False):
        line, column = document.position(path)
        self.problems.append(Problem(document.file, line, column, dotted_path(path), message, warning))

    # -- the whole data set --------------------------------------------------------------------

    def load(self) -> Catalogue:
        topics_doc = self.read(self.data_dir / TOPICS_FILE, "topics")
        cities_doc = self.read(self.data_dir / CITIES_FILE, "cities")
        topics = {key: Topic(key, Text.of(value)) for key, value in (topics_doc.data if topics_doc else {}).items()}
        cities = self.cities(cities_doc) if cities_doc else {}

        network_docs = []
        networks_dir = self.data_dir / NETWORKS_DIR
        if not networks_dir.is_dir():
            self.problems.append(Problem(self.display(networks_dir), None, None, "", "the folder of network records is missing."))
        else:
            for path in sorted(networks_dir.iterdir()):
                if path.name.startswith((".", "_")):
                    continue  # hidden files and templates such as _template.yml
                if path.suffix != ".yml":
                    hint = " Rename it to end in .yml." if path.suffix == ".yaml" else " Network records are YAML files ending in .yml."
                    self.problems.append(Problem(self.display(path), None, None, "", f"not a network record.{hint}"))
                    continue
                document = self.read(path, "network")
                if document is not None:
                    network_docs.append((path, document))

        networks = []
        for path, document in network_docs:
            network = self.network(path, document, cities, topics, references_complete=bool(cities_doc and topics_doc))
            if network is not None:
                networks.append(network)

        errors = [p for p in self.problems if not p.warning]
        if errors:
            raise DataError(self.problems)
        networks.sort(key=lambda n: (n.short_name.de.casefold(), n.id))
        return Catalogue(networks, cities, topics, warnings=[p for p in self.problems if p.warning])

    def cities(self, document: YamlDocument) -> dict[str, City]:
        cities = {}
        words = labels("de")
        for key, value in document.data.items():
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

    def network(self, path: Path, document: YamlDocument, cities, topics, *, references_complete: bool) -> Network | None:
        data = document.data
        network_id = path.stem
        start_errors = len([p for p in self.problems if not p.warning])
        if not ID_PATTERN.fullmatch(network_id):
            self.problem(document, (), f"the file name {path.name!r} is not a valid id: use lowercase letters, digits and hyphens, such as `city-network.yml`.")

        # Sources: ids unique; every reference names one of them.
        sources: dict[str, Source] = {}
        for index, raw in enumerate(data["sources"]):
            if raw["id"] in sources:
                self.problem(document, ("sources", index, "id"), f"the source id {raw['id']!r} is used twice. Give each source its own id.")
                continue
            if raw.get("url", "").startswith("http://"):
                self.problem(document, ("sources", index, "url"), "uses http://, not https://. Use the https:// address if the site has one.", warning=True)
            sources[raw["id"]] = Source(raw["id"], len(sources) + 1, Text.of(raw["title"]), raw["publisher"].strip(), raw.get("url"), raw.get("language"), Text.of(raw.get("note")))

        def cite(path_: tuple, ref) -> tuple[Source, ...]:
            ids = [ref] if isinstance(ref, str) else list(ref)
            found = []
            for position, source_id in enumerate(ids):
                if source_id not in sources:
                    where = path_ + ("source",) + ((position,) if not isinstance(ref, str) else ())
                    known = ", ".join(sources) or "none"
                    self.problem(document, where, f"names the source {source_id!r}, which is not in this record's `sources` (known: {known}). Add it there or fix the id.")
                else:
                    found.append(sources[source_id])
            return tuple(found)

        def city(path_: tuple, city_id: str | None) -> City | None:
            if city_id is None:
                return None
            if city_id not in cities:
                if references_complete:
                    self.problem(document, path_, f"the city {city_id!r} is not in data/cities.yml. Add it there first, or fix the id.")
                return None
            return cities[city_id]

        def date(path_: tuple, text: str | None, *, allow_undated: bool = False) -> PartialDate | None:
            if text is None or (allow_undated and text == "undated"):
                return None
            try:
                value = PartialDate.parse(text)
            except ValueError:
                self.problem(document, path_, f"{text!r} is not a real calendar date.")
                return None
            if value.first_day > self.today:
                self.problem(document, path_, f"{text!r} lies in the future. Facts are recorded once they have happened.")
            elif value.year < 1800:
                self.problem(document, path_, f"{text!r} is implausibly early for a city network. Check the year.")
            return value

        def period(path_: tuple, start, end, start_key: str, end_key: str):
            if start and end and end < start:
                self.problem(document, path_ + (end_key,), f"ends before it starts ({start_key} {start.iso()}, {end_key} {end.iso()}).")

        # Status
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

        raw = data["founded"]
        founded = Founded(date(("founded", "date"), raw["date"]), city(("founded", "place"), raw.get("place")), Text.of(raw.get("note")), cite(("founded",), raw["source"]))

        seat = None
        if "seat" in data:
            raw = data["seat"]
            seat_city = city(("seat", "city"), raw["city"])
            since, until = date(("seat", "since"), raw.get("since")), date(("seat", "until"), raw.get("until"))
            period(("seat",), since, until, "since", "until")
            sources_ = cite(("seat",), raw["source"])
            if seat_city:
                seat = Seat(seat_city, Text.of(raw.get("note")), since, until, sources_)

        raw = data["membership"]
        membership = Membership(tuple(raw["eligible"]), Text.of(raw["text"]), cite(("membership",), raw["source"]))

        members = []
        for index, raw in enumerate(data["members"]):
            members.append(MemberCount(raw["count"], raw.get("qualifier", "exact"), raw["unit"], date(("members", index, "as_of"), raw["as_of"], allow_undated=True), Text.of(raw.get("note")), raw.get("confidence", "high"), cite(("members", index), raw["source"])))
        # Newest first; undated figures after dated ones, in the record's order.
        members.sort(key=lambda m: (m.as_of is None, -(m.as_of.first_day.toordinal()) if m.as_of else 0))

        record_topics = []
        for index, topic_id in enumerate(data["topics"]):
            if topic_id in topics:
                record_topics.append(topics[topic_id])
            elif references_complete:
                self.problem(document, ("topics", index), f"the topic {topic_id!r} is not in data/topics.yml. Use one of: {', '.join(sorted(topics))}; or add it there first.")

        partners = [Partner(Text.of(raw["name"]), Text.of(raw.get("relation")), cite(("partners", index), raw["source"])) for index, raw in enumerate(data.get("partners", []))]

        participants = []
        for index, raw in enumerate(data["participants"]):
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
        for index, raw in enumerate(data.get("representatives", [])):
            where = ("representatives", index)
            start, end = date(where + ("from",), raw["from"]), date(where + ("until",), raw.get("until"))
            period(where, start, end, "from", "until")
            representatives.append(Representative(raw["person"].strip(), city(where + ("city",), raw.get("city")), Text.of(raw["role"]), start, end, raw.get("confidence", "high"), Text.of(raw.get("note")), cite(where, raw["source"])))

        history = [Event(date(("history", index, "date"), raw["date"]), Text.of(raw["text"]), cite(("history", index), raw["source"])) for index, raw in enumerate(data.get("history", []))]

        try:
            reviewed = datetime.date.fromisoformat(data["last_reviewed"])
        except ValueError:
            self.problem(document, ("last_reviewed",), f"{data['last_reviewed']!r} is not a real calendar day.")
            reviewed = None
        else:
            if reviewed > self.today:
                self.problem(document, ("last_reviewed",), "lies in the future. Give the day the record was checked.")

        if len([p for p in self.problems if not p.warning]) > start_errors:
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
