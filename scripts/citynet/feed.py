"""The Atom feeds of changes, one per language (/feed.xml, /en/feed.xml), from the git history of data/.

Each commit that changed data/ is compared with its first parent (citynet/revision.py loads both,
citynet/changes.py compares them); each record it changed is one entry: the record's name, the
commit's date, and what changed in words (citynet/changewords.py), e.g. "Mitgliederzahl: mehr als
150 (Stand: Juni 2023)". Newest first, at most MAX_ENTRIES. Where the history ends, or a commit's
parent holds no data of the current format, one entry describes the data as that commit has it;
outside git (or without git) one entry describes the current state, dated by the newest review.

Reproducible: everything, dates included, comes from the commits and the data, never from the
clock, so one commit gives the same feeds. The history of one checked-out commit is computed once
per process.
"""

from __future__ import annotations

import datetime
import html
import subprocess
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from . import layout
from .changes import NetworkChanges, compare
from .changewords import ChangeWords
from .labels import labels
from .model import Catalogue, Text
from .project import Project
from .revision import RevisionError, data_at

MAX_ENTRIES = 50
FEED_FILE = layout.FEED_FILE  # at each language's root
ATOM = "http://www.w3.org/2005/Atom"
# The namespace of the entries' ids (urn:uuid, derived from commit and record): stable, and
# independent of where the site is published.
ID_NAMESPACE = uuid.UUID("9b7c1d3e-5f0a-4c3b-8a66-2f1d8e4b7c10")


@dataclass(frozen=True)
class Entry:
    """One entry, in both languages: what changed in one record in one commit (or a state)."""

    key: str  # what its id is made from
    updated: datetime.datetime  # UTC
    title: Text
    lines: dict[str, tuple[str, ...]]  # per language: the changes in words
    network: str | None  # the record's id, for the link to its page; None: the data page


def feed_path(lang: str) -> str:
    """The feed's path below the site root: feed.xml, en/feed.xml."""
    return layout.PREFIXES[lang] + FEED_FILE


def _names(catalogue: Catalogue) -> dict[str, Text]:
    return {network.id: network.short_name for network in catalogue.networks}


def _git(project: Project, *args: str) -> str | None:
    try:
        completed = subprocess.run(
            ["git", "-C", str(project.root), *args], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def _commits(project: Project) -> list[tuple[str, int, str | None]]:
    """(commit, committer time, first parent or None) of each commit that changed data/, newest
    first, along the first parents (a merged branch counts once, at its merge)."""
    out = _git(project, "log", "--first-parent", "--format=%H %ct %P", "--", "data/")
    found = []
    for line in (out or "").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            found.append((parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None))
    return found


def _when(timestamp: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, datetime.UTC)


def _load(project: Project, commit: str, cache: dict) -> Catalogue | None:
    if commit not in cache:
        try:
            with data_at(project, commit) as base:
                cache[commit] = base.catalogue
        except RevisionError:
            cache[commit] = None
    return cache[commit]


def state_entry(catalogue: Catalogue, updated: datetime.datetime, key: str) -> Entry:
    """The data as it stands: how many records, municipalities and participations."""
    lines = {}
    for lang in layout.LANGUAGE_CODES:
        words = labels(lang)
        lines[lang] = tuple(
            words["feed_state_network"].format(
                network=network.short_name[lang], participations=len(network.participants)
            )
            for network in catalogue.networks
        )
    title = Text(
        *(
            labels(lang)["feed_state_title"].format(networks=len(catalogue.networks), cities=len(catalogue.cities))
            for lang in layout.LANGUAGE_CODES
        )
    )
    return Entry(key=key, updated=updated, title=title, lines=lines, network=None)


def change_entry(record: NetworkChanges, words: dict[str, ChangeWords], updated: datetime.datetime, key: str) -> Entry:
    titles, lines = [], {}
    for lang in layout.LANGUAGE_CODES:
        name = record.network.short_name[lang]
        if record.kind != "changed":
            name += f" ({words[lang].words[f'change_{record.kind}']})"
        titles.append(name)
        lines[lang] = tuple(words[lang].change(change, record) for change in record.changes)
    network = record.after.id if record.after is not None else None
    return Entry(key=key, updated=updated, title=Text(*titles), lines=lines, network=network)


_history_cache: dict = {}


def history(project: Project, current: Catalogue, *, limit: int = MAX_ENTRIES) -> list[Entry]:
    """The entries, newest first. `current`: the data being built, for the state entry outside git."""
    commits = _commits(project)
    head = commits[0][0] if commits else None
    if head is None:
        newest = max((n.last_reviewed for n in current.networks), default=datetime.date(1970, 1, 1))
        updated = datetime.datetime.combine(newest, datetime.time(), datetime.UTC)
        return [state_entry(current, updated, key="state")]
    cache_key = (str(project.root), head, limit)
    if cache_key not in _history_cache:
        _history_cache.clear()
        _history_cache[cache_key] = _entries(project, commits, limit)
    return _history_cache[cache_key]


def _entries(project: Project, commits: list[tuple[str, int, str | None]], limit: int) -> list[Entry]:
    entries: list[Entry] = []
    catalogues: dict = {}
    for commit, timestamp, parent in commits:
        after = _load(project, commit, catalogues)
        if after is None:
            break  # data of an older format: nothing before it can be said in today's words
        before = _load(project, parent, catalogues) if parent else None
        updated = _when(timestamp)
        if before is None:
            entries.append(state_entry(after, updated, key=f"{commit}/state"))
            break
        changes = compare(before, after)
        day = updated.date()
        names = _names(before) | _names(after)
        words = {lang: ChangeWords(lang, today=day, names=names) for lang in layout.LANGUAGE_CODES}
        for record in changes.networks:
            entries.append(change_entry(record, words, updated, key=f"{commit}/{record.id}"))
            if len(entries) >= limit:
                return entries
    return entries[:limit]


def _stamp(when: datetime.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(entries: list[Entry], lang: str, *, site_url: str) -> bytes:
    """The feed of one language as Atom (RFC 4287). Addresses are absolute when the site's address
    is known (feed readers need them), else relative to the language's root."""
    words = labels(lang)
    root = layout.page_url("index", lang, site_url)
    self_url = root + FEED_FILE
    updated = max((entry.updated for entry in entries), default=datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="{lang}">',
        f"  <id>urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'feed/' + lang)}</id>",
        f"  <title>{escape(words['feed_title'])}</title>",
        f"  <subtitle>{escape(words['feed_subtitle'])}</subtitle>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(root)}/>',
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(words['data_site_name'])}</name></author>",
        f"  <rights>{escape(words['feed_rights'])}</rights>",
    ]
    for entry in entries:
        if entry.network:
            link = layout.page_url(layout.network_stem(entry.network), lang, site_url)
        else:
            link = layout.page_url(layout.DATA_PAGE, lang, site_url)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in entry.lines[lang])
        content = f"<ul>{items}</ul>" if items else f"<p>{html.escape(words['feed_no_details'])}</p>"
        summary = "; ".join(entry.lines[lang]) or words["feed_no_details"]
        out += [
            "  <entry>",
            f"    <id>urn:uuid:{uuid.uuid5(ID_NAMESPACE, entry.key)}</id>",
            f"    <title>{escape(entry.title[lang])}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"    <updated>{_stamp(entry.updated)}</updated>",
            f"    <summary>{escape(summary)}</summary>",
            f'    <content type="html">{escape(content)}</content>',
            "  </entry>",
        ]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def feeds(project: Project, current: Catalogue, *, site_url: str) -> dict[str, bytes]:
    """{path below the site root: feed} for every language."""
    entries = history(project, current)
    return {feed_path(lang): atom(entries, lang, site_url=site_url) for lang in layout.LANGUAGE_CODES}
