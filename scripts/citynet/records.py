"""Building the records from the documents read (citynet/read.py): one method per section of a record.

Each section checks what only the whole data set can tell (a city in the registry, a cited source,
a date not in the future) and builds its part of the model by keyword. In a record that does not
fit its schema the checks run on the well-formed parts: a malformed part ends its own section
quietly, because the schema check has reported it already.

Longer than the package's other modules (about 650 lines) on purpose: one class whose methods
follow the record's sections in order, so that everything checked about a record reads top to
bottom in one place; each method is short. The checks that compare sections come after them: the
network's own dates (status, seat, member counts) against its founding, and each participation or
office against the network's status and founding (an end after the closing, a start before the
founding).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib

from .dates import PartialDate, years_before
from .labels import labels
from .model import (
    NOT_PUBLISHED,
    City,
    Event,
    Fee,
    Founded,
    Joining,
    MemberCount,
    Network,
    Office,
    Participation,
    Partner,
    Relation,
    Seat,
    Source,
    SourcedText,
    Status,
    Successor,
    Text,
    Topic,
)
from .problems import Findings
from .read import ReadData, ReadFile, checked_part
from .urls import mirror_problem, url_problem

# A current participation last confirmed longer ago than this gets a warning.
CONFIRMATION_YEARS = 10


class RecordBuilder:
    """Builds one network record; `network()` returns None if the record has problems."""

    def __init__(self, read: ReadFile, data: ReadData, cities, topics, findings: Findings, today: datetime.date):
        self.read = read
        self.document = read.document
        self.data = read.document.data if isinstance(read.document.data, dict) else {}
        self.cities, self.topics = cities, topics
        self.city_ids, self.topic_ids = data.city_ids, data.topic_ids
        self.network_ids = {r.path.stem for r in data.networks}
        self.findings = findings
        self.today = today
        self.sources: dict[str, Source] = {}
        # The ids the facts may cite, also where a source entry is otherwise malformed; None when
        # the list itself is unreadable, so that citations are not checked against it.
        raw = self.data.get("sources")
        self.source_ids = None
        if isinstance(raw, list) and all(isinstance(r, dict) and isinstance(r.get("id"), str) for r in raw):
            self.source_ids = {r["id"] for r in raw}

    def network(self) -> Network | None:
        errors_before = self.findings.errors()
        self.build_sources()
        self.check_urls()
        sections = {"status": self.status(), "founded": self.founded(), "seat": self.seat()}
        sections["joining"] = self.joining(sections["status"])
        sections |= {
            "members": self.members(),
            "topics": self.record_topics(),
            "relations": self.relations(),
            "partners": self.partners(),
            "participants": self.participants(),
            "offices": self.offices(),
            "history": self.history(),
            "last_reviewed": self.last_reviewed(),
        }
        self.not_before_founding()
        self.check_periods(sections["status"], sections["founded"])
        if not self.read.fits or self.findings.errors() > errors_before:
            return None
        data = self.data
        sections["offices"] = tuple(
            sorted(sections["offices"], key=lambda o: (o.start is None, o.start or PartialDate(1)))
        )
        sections["history"] = tuple(sorted(sections["history"], key=lambda e: e.date))
        return Network(
            id=self.read.path.stem,
            file=self.document.file,
            name=Text.of(data["name"]),
            short_name=Text.of(data["short_name"]),
            abbreviation=Text.of(data.get("abbreviation")),
            website=data.get("website"),
            type=data.get("type", "network"),
            scope=data["scope"],
            summary=Text.of(data["summary"]),
            description=Text.of(data["description"]),
            sources=tuple(self.sources.values()),
            **sections,
        )

    # -- helpers shared by the sections ----------------------------------------------------------

    def part(self):
        return checked_part(lenient=not self.read.fits)

    def problem(self, path: tuple, message: str, *, warning: bool = False) -> None:
        self.findings.at(self.document, path, message, warning=warning)

    def items(self, key: str) -> list:
        value = self.data.get(key)
        return value if isinstance(value, list) else []

    def cite(self, path: tuple, ref) -> tuple[Source, ...]:
        ids = [ref] if isinstance(ref, str) else list(ref)
        found = []
        for position, source_id in enumerate(ids):
            if source_id in self.sources:
                found.append(self.sources[source_id])
            elif self.source_ids is not None and source_id not in self.source_ids:
                where = path + ("source",) + ((position,) if not isinstance(ref, str) else ())
                known = ", ".join(sorted(self.source_ids)) or "none"
                self.problem(
                    where,
                    f"names the source {source_id!r}, which is not in this record's `sources` (known: {known}). "
                    "Add it there or fix the id.",
                )
        return tuple(found)

    def city(self, path: tuple, city_id: str | None) -> City | None:
        if city_id is None:
            return None
        if self.city_ids is not None and city_id not in self.city_ids:
            self.problem(
                path,
                f"the city {city_id!r} is not in data/cities.yml.{_did_you_mean(city_id, self.city_ids)} "
                "Add the city there first, or fix the id.",
            )
        return self.cities.get(city_id)

    def date(self, path: tuple, text: str | None, *, allow_undated: bool = False) -> PartialDate | None:
        if not isinstance(text, str) or (allow_undated and text == "undated"):
            return None
        try:
            value = PartialDate.parse(text)
        except ValueError:
            self.problem(path, f"{text!r} is not a real calendar date. Check the month and the day.")
            return None
        if value.first_day > self.today:
            self.problem(
                path, f"{text!r} lies in the future. Facts are recorded once they have happened: check the year."
            )
        elif value.year < 1800:
            self.problem(path, f"{text!r} is implausibly early for a city network. Check the year.")
        return value

    def period(self, path: tuple, start, end, start_key: str, end_key: str) -> None:
        if start and end and end.earlier_than(start):
            self.problem(
                path + (end_key,),
                f"ends before it starts ({start_key} {start.iso()}, {end_key} {end.iso()}). Check both dates.",
            )

    def sourced(self, path: tuple, raw) -> SourcedText:
        return SourcedText(text=Text.of(raw["text"]), sources=self.cite(path, raw["source"]))

    def said_in_words(self, path: tuple, raw: dict, text_field: str = "note") -> None:
        """A low-confidence fact says why, once, in words (the page shows no badge)."""
        if raw.get("confidence") == "low" and not raw.get(text_field):
            self.problem(
                path + (text_field,),
                f"the confidence is low: say why in `{text_field}:`, in German and English, such as „nur auf einer "
                'älteren Seite genannt, nicht bestätigt“ / "named only on an older page, not confirmed". The page '
                "shows these words, not a badge.",
            )

    # -- the sections, in the order of the record ------------------------------------------------

    def build_sources(self) -> None:
        """Source ids are unique; every citation names one of them (see `cite`)."""
        for index, raw in enumerate(self.items("sources")):
            with self.part():
                if raw["id"] in self.sources:
                    self.problem(
                        ("sources", index, "id"),
                        f"the source id {raw['id']!r} is used twice. Give each source its own id.",
                    )
                    continue
                for field in ("language", "publisher_language"):
                    code = raw.get(field)
                    if code and labels("de").get(f"language_{code}") is None:
                        self.problem(
                            ("sources", index, field),
                            f"the language code {code!r} has no name yet. Add language_{code} to "
                            "scripts/citynet/labels.yml in both languages (or check the code: ISO 639-1, such as de).",
                        )
                self.sources[raw["id"]] = Source(
                    id=raw["id"],
                    number=len(self.sources) + 1,
                    title=Text.of(raw["title"]),
                    publisher=raw["publisher"].strip(),
                    url=raw.get("url"),
                    language=raw.get("language"),
                    publisher_language=raw.get("publisher_language") or raw.get("language"),
                    note=Text.of(raw.get("note")),
                )

    def check_urls(self) -> None:
        sources = [("sources", i, "url") for i in range(len(self.items("sources")))]
        for path in [("website",), ("joining", "page"), *sources]:
            value = _get(self.data, path)
            if isinstance(value, str) and not (path == ("joining", "page") and value == "none"):
                found = url_problem(value)
                if found:
                    self.problem(path, found[0], warning=found[1])
                elif path in sources and (mirror := mirror_problem(value)):
                    self.problem(path, mirror)

    def status(self) -> Status | None:
        with self.part():
            raw = self.data["status"]
            status = Status(
                value=raw["value"],
                since=self.date(("status", "since"), raw.get("since")),
                as_of=self.date(("status", "as_of"), raw["as_of"], allow_undated=True),
                confidence=raw.get("confidence", "high"),
                note=Text.of(raw.get("note")),
                sources=self.cite(("status",), raw["source"]),
            )
            if status.value in ("closed", "dormant") and status.since is None:
                self.problem(
                    ("status",), f"a {status.value} network needs `since:`, the date it was {status.value} from."
                )
            if status.value == "active" and status.since is not None:
                self.problem(
                    ("status", "since"), "`since` is for dormant or closed networks. Remove it, or change the status."
                )
            self.said_in_words(("status",), raw)
            return dataclasses.replace(status, successor=self.successor(status.value, raw.get("successor")))
        return None

    def successor(self, value: str, raw) -> Successor | None:
        """A dormant or closed network says what took its place, or that nothing did."""
        where = ("status", "successor")
        if raw is None:
            if value in ("closed", "dormant"):
                self.problem(
                    where,
                    f"a {value} network's page says what took its place: add `successor:` under `status:`, with "
                    "`network:` (the id of the record that took over, and `text:` and `source:` on how) or "
                    "`network: none` if nothing did.",
                )
            return None
        if value == "active":
            self.problem(where, "`successor` is for dormant or closed networks. Remove it, or change the status.")
            return None
        network = raw["network"]
        if network != "none":
            if network not in self.network_ids:
                self.problem(
                    where + ("network",),
                    f"the network {network!r} is not in data/networks/.{_did_you_mean(network, self.network_ids)} "
                    "Give the id of the record that took over (its file name), or none.",
                )
            elif network == self.read.path.stem:
                self.problem(
                    where + ("network",), "a network cannot succeed itself. Give another record's id, or none."
                )
            if "text" not in raw:
                self.problem(
                    where + ("text",),
                    f"say in `text:` how {network} took this network's place (and whether the sources call it a "
                    "successor), in German and English.",
                )
        if ("text" in raw or network != "none") and "source" not in raw:
            self.problem(
                where + ("source",), "name the source of this statement: add `source:` with an id from `sources`."
            )
        return Successor(
            network=None if network == "none" else network,
            text=Text.of(raw.get("text")),
            sources=self.cite(where, raw["source"]) if "source" in raw else (),
        )

    def founded(self) -> Founded | None:
        with self.part():
            raw = self.data["founded"]
            return Founded(
                date=self.date(("founded", "date"), raw["date"]),
                place=self.city(("founded", "place"), raw.get("place")),
                note=Text.of(raw.get("note")),
                sources=self.cite(("founded",), raw["source"]),
            )
        return None

    def seat(self) -> Seat | None:
        if "seat" not in self.data:
            return None
        with self.part():
            raw = self.data["seat"]
            city = self.city(("seat", "city"), raw["city"])
            since, until = (
                self.date(("seat", "since"), raw.get("since")),
                self.date(("seat", "until"), raw.get("until")),
            )
            self.period(("seat",), since, until, "since", "until")
            sources = self.cite(("seat",), raw["source"])
            if city:
                return Seat(city=city, note=Text.of(raw.get("note")), since=since, until=until, sources=sources)
        return None

    def joining(self, status: Status | None) -> Joining | None:
        """How to join: on every active network's page, on no other (status.successor says what
        took a dormant or closed network's place)."""
        value = status.value if status else _get(self.data, ("status", "value"))
        if "joining" not in self.data:
            if value == "active":
                self.problem(
                    ("joining",),
                    "an active network's page says how to join: add a `joining:` block (who may join, the steps, "
                    "the fee; not-published where the network publishes nothing). If it takes no members any more, "
                    "set the status to dormant or closed.",
                )
            return None
        if value in ("dormant", "closed"):
            self.problem(
                ("joining",),
                f"a {value} network takes no members, so `joining` does not apply. Remove it; say in "
                "`status.successor` what took the network's place (or `network: none`), and describe how joining "
                "worked in the description, in the past tense.",
            )
            return None
        with self.part():
            raw, where = self.data["joining"], ("joining",)
            steps = raw["steps"]
            if steps != NOT_PUBLISHED:
                steps = tuple(self.sourced(where + ("steps", i), step) for i, step in enumerate(steps))
            fee = raw["fee"]
            if fee != NOT_PUBLISHED:
                fee = Fee(
                    text=Text.of(fee["text"]),
                    as_of=self.date(where + ("fee", "as_of"), fee.get("as_of"), allow_undated=True),
                    sources=self.cite(where + ("fee",), fee["source"]),
                )
            optional = {}
            for key in ("german_route", "commitments"):
                value = raw.get(key)
                optional[key] = self.sourced(where + (key,), value) if isinstance(value, dict) else value
            return Joining(
                eligible=tuple(raw["eligible"]),
                who=self.sourced(where + ("who",), raw["who"]),
                steps=steps,
                fee=fee,
                page=raw.get("page"),
                as_of=self.date(where + ("as_of",), raw.get("as_of")),
                **optional,
            )
        return None

    def members(self) -> tuple[MemberCount, ...]:
        members = []
        for index, raw in enumerate(self.items("members")):
            with self.part():
                self.said_in_words(("members", index), raw)
                members.append(
                    MemberCount(
                        count=raw["count"],
                        qualifier=raw.get("qualifier", "exact"),
                        unit=raw["unit"],
                        as_of=self.date(("members", index, "as_of"), raw["as_of"], allow_undated=True),
                        note=Text.of(raw.get("note")),
                        confidence=raw.get("confidence", "high"),
                        sources=self.cite(("members", index), raw["source"]),
                    )
                )
        # Newest first; undated figures after dated ones, in the record's order.
        members.sort(key=lambda m: (m.as_of is None, -(m.as_of.first_day.toordinal()) if m.as_of else 0))
        return tuple(members)

    def record_topics(self) -> tuple[Topic, ...]:
        found = []
        for index, topic_id in enumerate(self.items("topics")):
            with self.part():
                if topic_id in self.topics:
                    found.append(self.topics[topic_id])
                elif self.topic_ids is not None and topic_id not in self.topic_ids:
                    close = difflib.get_close_matches(str(topic_id), sorted(self.topic_ids), n=1)
                    hint = (
                        f"Did you mean {close[0]!r}? Or add the topic there first."
                        if close
                        else f"Use one of: {', '.join(sorted(self.topic_ids))}; or add it there first."
                    )
                    self.problem(("topics", index), f"the topic {topic_id!r} is not in data/topics.yml. " + hint)
        return tuple(found)

    def relations(self) -> tuple[Relation, ...]:
        relations = []
        for index, raw in enumerate(self.items("relations")):
            with self.part():
                where = ("relations", index)
                other = raw["network"]
                if other == self.read.path.stem:
                    self.problem(
                        where + ("network",), "a record cannot be related to itself. Give another network's id."
                    )
                elif other not in self.network_ids:
                    self.problem(
                        where + ("network",),
                        f"the network {other!r} is not in data/networks/.{_did_you_mean(other, self.network_ids)} "
                        "Add its record first, or fix the id (the file name without .yml).",
                    )
                relations.append(
                    Relation(
                        network=other,
                        kind=raw["kind"],
                        text=Text.of(raw.get("text")),
                        sources=self.cite(where, raw["source"]),
                    )
                )
        return tuple(relations)

    def partners(self) -> tuple[Partner, ...]:
        partners = []
        for index, raw in enumerate(self.items("partners")):
            with self.part():
                self.said_in_words(("partners", index), raw, "relation")
                partners.append(
                    Partner(
                        name=Text.of(raw["name"]),
                        relation=Text.of(raw.get("relation")),
                        confidence=raw.get("confidence", "high"),
                        sources=self.cite(("partners", index), raw["source"]),
                    )
                )
        return tuple(partners)

    def participants(self) -> tuple[Participation, ...]:
        participants = []
        for index, raw in enumerate(self.items("participants")):
            with self.part():
                where = ("participants", index)
                city = self.city(where + ("city",), raw["city"])
                since, until = (
                    self.date(where + ("since",), raw.get("since")),
                    self.date(where + ("until",), raw.get("until")),
                )
                self.period(where, since, until, "since", "until")
                sources = self.cite(where, raw["source"])
                self.check_kind(where, raw)
                self.said_in_words(where, raw)
                if city is None:
                    continue
                if not city.is_german:
                    self.problem(
                        where + ("city",),
                        f"{raw['city']!r} is not a German municipality; `participants` lists German ones only. "
                        "A person from abroad in an office of the network goes under `offices:`.",
                    )
                participants.append(
                    Participation(
                        city=city,
                        kind=raw["kind"],
                        person=raw.get("person"),
                        role=Text.of(raw.get("role")),
                        on_behalf_of=Text.of(raw.get("on_behalf_of")),
                        since=since,
                        until=until,
                        as_of=self.date(where + ("as_of",), raw.get("as_of"), allow_undated=True),
                        confidence=raw.get("confidence", "high"),
                        note=Text.of(raw.get("note")),
                        sources=sources,
                    )
                )
        return tuple(participants)

    def check_kind(self, where: tuple, raw: dict) -> None:
        """What each kind needs: a representation its person (the municipality is no member),
        a representation and an office-host their role; person and on_behalf_of only there."""
        kind = raw["kind"]
        if kind == "representation" and not raw.get("person"):
            self.problem(
                where + ("person",),
                "a representation names the person who holds the seat: add `person:`. (The municipality is not a "
                "member through this; it is the person's home town.)",
            )
        if kind != "representation":
            if "person" in raw:
                self.problem(
                    where + ("person",),
                    "`person` belongs to kind representation only (a person from the municipality holds a seat for a "
                    "German body). For a person in an office of the network, use an entry under `offices:`; "
                    "otherwise remove this line.",
                )
            if "on_behalf_of" in raw:
                self.problem(
                    where + ("on_behalf_of",),
                    "`on_behalf_of` belongs to kind representation only (the German body a person sits for). "
                    "Remove it, or change the kind.",
                )
        if kind in ("representation", "office-host") and "role" not in raw:
            what = "the seat the person holds" if kind == "representation" else "the office that is there"
            self.problem(where + ("role",), f"kind {kind} needs `role:`: {what}, in German and English.")

    def offices(self) -> tuple[Office, ...]:
        offices = []
        for index, raw in enumerate(self.items("offices")):
            with self.part():
                where = ("offices", index)
                start = self.date(where + ("from",), raw["from"], allow_undated=True)
                end = self.date(where + ("until",), raw.get("until"))
                self.period(where, start, end, "from", "until")
                if not raw.get("person") and "city" not in raw:
                    self.problem(
                        where + ("person",),
                        "an office names who holds it: add `person:`, or `city:` where a municipality holds the "
                        "office itself.",
                    )
                self.said_in_words(where, raw)
                offices.append(
                    Office(
                        person=raw["person"].strip() if raw.get("person") else None,
                        city=self.city(where + ("city",), raw.get("city")),
                        role=Text.of(raw["role"]),
                        start=start,
                        end=end,
                        as_of=self.date(where + ("as_of",), raw.get("as_of"), allow_undated=True),
                        confidence=raw.get("confidence", "high"),
                        note=Text.of(raw.get("note")),
                        sources=self.cite(where, raw["source"]),
                    )
                )
        return tuple(offices)  # sorted by network(), once every date is known to be good

    def not_before_founding(self) -> None:
        """Dates of the network's own life cannot lie before its founding ("founded 2008, dormant
        since 1990"). What came before, such as a predecessor organisation, belongs in `history`,
        which is not checked here. Participations and offices are checked with their periods
        (check_periods)."""
        founded = _partial_date(_get(self.data, ("founded", "date")))
        if founded is None or founded.first_day > self.today:
            return  # no founding date, or one in the future: reported as such
        paths = [("status", "since"), ("status", "as_of"), ("seat", "since")]
        paths += [("members", index, "as_of") for index in range(len(self.items("members")))]
        for path in paths:
            value = _partial_date(_get(self.data, path))
            if value is not None and value.last_day < founded.first_day:
                self.problem(
                    path,
                    f"{value.iso()} lies before the network was founded ({founded.iso()}, founded.date). Check both "
                    "dates; what came before the founding belongs in `history`.",
                )

    def check_periods(self, status: Status | None, founded: Founded | None) -> None:
        """Each participation and office against the network's life: not before its founding, not
        after its closing, ended in a closed network; a warning for odd or old dates."""
        entries = [(("participants", i), raw, "since", "until") for i, raw in enumerate(self.items("participants"))]
        entries += [(("offices", i), raw, "from", "until") for i, raw in enumerate(self.items("offices"))]
        old = years_before(self.today, CONFIRMATION_YEARS)
        for where, raw, start_key, end_key in entries:
            with checked_part(lenient=True):  # each date has been checked (and reported) already
                start, end = _partial_date(raw.get(start_key)), _partial_date(raw.get(end_key))
                as_of = _partial_date(raw.get("as_of"))
                founding = founded.date if founded and founded.date and founded.date.first_day <= self.today else None
                if founding and start and start.earlier_than(founding):
                    self.problem(
                        where + (start_key,),
                        f"starts before the network was founded ({start_key} {start.iso()}, founded.date "
                        f"{founding.iso()}). Check both dates.",
                    )
                if status is None:
                    continue
                since = status.since
                if status.value == "closed" and since and end is None:
                    self.problem(
                        where + (end_key,),
                        f"the network closed on {since.iso()} (status.since), so this has ended: add `until:`, at the "
                        f'latest "{since.iso()}"; if the end is only inferred from the closing, say so in `note`.',
                    )
                elif status.value == "closed" and since and end and end.later_than(since):
                    self.problem(
                        where + (end_key,),
                        f"ends after the network closed ({end_key} {end.iso()}, status.since {since.iso()}). "
                        "Correct the date, or the network's closing date.",
                    )
                elif status.value == "dormant" and since and end and end.later_than(since):
                    self.problem(
                        where + (end_key,),
                        f"ends after the network went dormant ({end_key} {end.iso()}, status.since {since.iso()}). "
                        "That is possible, but check both dates.",
                        warning=True,
                    )
                if status.value == "active" and end is None and as_of and as_of.last_day < old:
                    self.problem(
                        where + ("as_of",),
                        f"last confirmed {as_of.iso()}, more than {CONFIRMATION_YEARS} years ago, yet shown as "
                        "current. Check whether it still holds: cite a newer source, or add `until:`.",
                        warning=True,
                    )

    def history(self) -> tuple[Event, ...]:
        events = []
        for index, raw in enumerate(self.items("history")):
            with self.part():
                events.append(
                    Event(
                        date=self.date(("history", index, "date"), raw["date"]),
                        text=Text.of(raw["text"]),
                        sources=self.cite(("history", index), raw["source"]),
                    )
                )
        return tuple(events)  # sorted by network(), once every date is known to be good

    def last_reviewed(self) -> datetime.date | None:
        with self.part():
            text = self.data["last_reviewed"]
            try:
                reviewed = datetime.date.fromisoformat(text)
            except ValueError:
                self.problem(("last_reviewed",), f"{text!r} is not a real calendar day. Check the month and the day.")
                return None
            if reviewed > self.today:
                self.problem(("last_reviewed",), "lies in the future. Give the day the record was checked.")
            return reviewed
        return None


def _get(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _partial_date(text) -> PartialDate | None:
    """The date if the text is one; None for none, for undated and for a wrong one (reported where it is read)."""
    try:
        return PartialDate.parse(text) if isinstance(text, str) and text != "undated" else None
    except ValueError:
        return None


def _did_you_mean(value, known) -> str:
    close = difflib.get_close_matches(str(value), sorted(known), n=1)
    return f" Did you mean {close[0]!r}?" if close else ""
