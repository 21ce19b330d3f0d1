"""The Markdown reports of a pull request: what its data change means (`citynet changes`: per
network, per municipality, and the registries) and which pages it changes (`citynet
changed-pages`). Every line is in words (citynet/changewords.py), every text from the data
escaped (citynet/markdowntext.py).

When the base's data is missing or invalid there is nothing to compare with: the report says
so and describes the new state alone.
"""

from __future__ import annotations

from .changedpages import ChangedPage, PageChanges
from .changes import NETWORK, PARTICIPATION, REMOVED, Change, DataChanges, NetworkChanges
from .changewords import ChangeWords
from .layout import LANGUAGE_CODES
from .markdowntext import markdown_link, markdown_text, markdown_url
from .model import Catalogue
from .problems import Problem


def changes_report(
    changes: DataChanges, words: ChangeWords, *, base: str, limit: int | None = None, level: int = 2
) -> str:
    """The report of a comparison with `base` (how to name the base, as Markdown: "`main` (1a2b3c4d5e6f)").

    `limit` caps its length in characters (a pull request comment holds 65,536): whole sections
    are left out from the end, and a last line says how many. `level` is the heading level."""
    words_ = words.words
    if changes.is_empty:
        return _heading(level, words_["report_title"]) + words.t("report_nothing", base=base) + "\n"
    lead = words.t("report_compared", base=base, networks=len(changes.networks), cities=len(changes.cities))
    sections = [_heading(level, words_["report_title"]) + lead + "\n"]
    if changes.networks:
        sections.append(_heading(level + 1, words_["report_networks"], alone=True))
        sections += [network_section(record, words, level + 2) for record in changes.networks]
    if changes.cities:
        sections.append(_heading(level + 1, words_["report_cities"], alone=True))
        sections += [city_section(city, words, level + 2) for city in changes.cities if city.networks]
    registry = [city.registry for city in changes.cities if city.registry] + list(changes.topics)
    if registry:
        sections.append(_heading(level + 1, words_["report_registry"]) + _list(words.change(c) for c in registry))
    return _fitted(sections, limit, words, "changes")


def network_section(record: NetworkChanges, words: ChangeWords, level: int) -> str:
    """A heading with the network's short name (and "neu"/"entfernt") and its file, and a line
    for each change, with the sources the changed item cites."""
    name = record.network.short_name[words.lang]
    if record.kind != "changed":
        name += f" ({words.words[f'change_{record.kind}']})"
    lines = [_line(change, record, words) for change in record.changes]
    return _heading(level, markdown_text(name)) + f"`{_code(record.file)}`\n\n" + _list(lines, escaped=True)


def city_section(city, words: ChangeWords, level: int) -> str:
    """The changes naming one municipality, each with the network it is about."""
    lines = [
        markdown_text(
            f"{record.network.short_name[words.lang]}: "
            + words.change(change, record, subject=change.aspect != PARTICIPATION)
        )
        for record, change in city.networks
    ]
    return _heading(level, markdown_text(words.city(city.city))) + _list(lines, escaped=True)


def head_report(
    catalogue: Catalogue,
    words: ChangeWords,
    *,
    base: str,
    problems: list[Problem] | None = None,
    level: int = 2,
) -> str:
    """The new state alone, when the base has no data (problems None) or invalid data: each
    network with its status, its newest figure and the number of its memberships."""
    words_ = words.words
    if problems is None:
        reason = words.t("report_base_absent", base=base)
    else:
        first = markdown_text(str(problems[0])) if problems else ""
        reason = words.t("report_base_invalid", base=base, count=len(problems), first=first)
    counts = words.t(
        "report_head_counts",
        networks=len(catalogue.networks),
        cities=len(catalogue.cities),
        topics=len(catalogue.topics),
    )
    lines = []
    for network in catalogue.networks:
        parts = [words.status(network.status)]
        if network.latest_members:
            parts.append(f"{words_['change_members']}: {words.figure(network.latest_members)}")
        german = sum(1 for p in network.memberships if p.city.is_german)
        parts.append(words.t("report_memberships", count=german))
        lines.append(markdown_text(f"{network.short_name[words.lang]}: " + "; ".join(parts)))
    return (
        _heading(level, words_["report_title"])
        + reason
        + "\n\n"
        + _heading(level + 1, words_["report_head"])
        + counts
        + "\n\n"
        + _list(lines, escaped=True)
    )


def head_invalid_report(
    problems: list[Problem], words: ChangeWords, *, title: str = "report_title", level: int = 2
) -> str:
    """In place of a report, under its title (a label): the data has errors, and where they are said."""
    errors = [p for p in problems if not p.warning]
    return _heading(level, words.words[title]) + words.t("report_head_invalid", count=len(errors)) + "\n"


def pages_report(
    found: PageChanges, words: ChangeWords, *, preview_url: str | None = None, limit: int | None = None, level: int = 2
) -> str:
    """The changed pages as a table, one row per page with its file in the preview artifact in
    each language; the open data files that change; the templates, code or settings that changed."""
    words_ = words.words
    parts = [_heading(level, words_["pages_title"]) + words_["pages_lead"] + "\n"]
    if preview_url:
        link = markdown_link(words_["pages_preview_link"], preview_url)
        parts.append(words.t("pages_preview", link=link) + "\n")
    if not found.compared:
        parts.append(words_["pages_no_base"] + "\n")
    rows = _page_rows(found.pages, words)
    if rows:
        header = [words_["pages_column_page"]] + [
            words.t("pages_column_file", language=words_[f"language_{lang}"]) for lang in LANGUAGE_CODES
        ]
        table = [_row(header), _row(["---"] * len(header)), *rows]
        parts.append("\n".join(table) + "\n")
    elif found.compared:
        parts.append(words_["pages_none"] + "\n")
    if found.downloads:
        parts.append(words.t("pages_downloads", files=", ".join(f"`{_code(name)}`" for name in found.downloads)) + "\n")
    if found.build_inputs:
        listed = [f"`{_code(path)}`" for path in found.build_inputs[:PAGES_INPUTS_SHOWN]]
        if len(found.build_inputs) > PAGES_INPUTS_SHOWN:
            listed.append("…")
        parts.append(words.t("pages_code_changed", files=", ".join(listed)) + "\n")
    return _fitted(parts, limit, words, "changed-pages")


PAGES_INPUTS_SHOWN = 10  # changed templates, code or settings named by file; the rest as "…"


def _page_rows(pages: tuple[ChangedPage, ...], words: ChangeWords) -> list[str]:
    """One row per page (its languages side by side), titled in the report's language."""
    by_stem: dict[str, dict[str, ChangedPage]] = {}
    for page in pages:
        by_stem.setdefault(page.stem, {})[page.lang] = page
    rows = []
    for languages in by_stem.values():
        shown = languages.get(words.lang) or next(iter(languages.values()))
        title = markdown_text(shown.title)
        if shown.kind != "changed":
            title += f" ({words.words[f'change_{shown.kind}']})"
        cells = [title]
        for lang in LANGUAGE_CODES:
            page = languages.get(lang)
            if page is None:
                cells.append("")
            elif page.kind == REMOVED:
                cells.append(words.words["change_removed"])
            else:
                cells.append(f"`{_code(page.site_file, cell=True)}`")
        rows.append(_row(cells))
    return rows


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _line(change: Change, record: NetworkChanges, words: ChangeWords) -> str:
    """One change as a list item's text: the words, escaped, and the sources as links."""
    text = markdown_text(words.change(change, record))
    if change.aspect == NETWORK:
        return text
    sources = words.sources(change)
    if sources:
        label = words.words["source" if len(sources) == 1 else "sources_word"]
        links = "; ".join(markdown_link(s.title[words.lang], s.url) for s in sources)
        text += f" – {label}: {links}"
    elif change.aspect == "source" and change.after is not None and change.after.url:
        text += " – " + markdown_url(change.after.url)
    return text


def _heading(level: int, text: str, *, alone: bool = False) -> str:
    """A heading line; followed by a blank line unless it is a section of its own (`alone`)."""
    return f"{'#' * level} {text}\n" + ("" if alone else "\n")


def _list(lines, *, escaped: bool = False) -> str:
    return "".join(f"- {line if escaped else markdown_text(line)}\n" for line in lines)


def _code(text: str, *, cell: bool = False) -> str:
    """A file name inside a code span: shown as it is, except a backtick, which cannot be; in a
    table cell a "|" is escaped too (GitHub splits cells at it even inside code)."""
    text = " ".join(text.split()).replace("`", "'")
    return text.replace("|", "\\|") if cell else text


def _fitted(sections: list[str], limit: int | None, words: ChangeWords, command: str) -> str:
    """The sections joined, or as many from the start as fit in `limit` with a note on the rest."""
    text = "\n".join(sections)
    if limit is None or len(text) <= limit:
        return text
    kept = []
    for index, section in enumerate(sections):
        note = "\n" + words.t("report_shortened", count=len(sections) - index, command=command) + "\n"
        if len("\n".join([*kept, section])) + len(note) > limit and kept:
            return "\n".join(kept) + note
        kept.append(section)
    return "\n".join(kept)
