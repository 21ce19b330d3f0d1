"""Timeline geometry: one row per network from its founding to today, or to when it closed, with
the dormant years marked. Pure computation; the markup is in templates/_figures.j2.

Each row puts the name and the dates on lines of their own above the bar, so the bars get the whole
width and the text stays large: at a 600-unit viewBox and 22-unit text, a 360 px phone shows ~12 px.
The rows are grouped by the decade of the founding, each group under a heading line ("1990er"), so
that thirty networks stay readable.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .dates import PartialDate
from .model import Network

WIDTH = 600
MARGIN = 12
FONT = 22
ROW = 92  # name line + dates line + bar + gap
AXIS = 40  # height of the year axis at the top
BAR = 14
DECADE = 36  # height of a decade's heading line


@dataclass
class Row:
    network: Network
    y: float  # baseline of the name
    detail_y: float  # baseline of the dates
    bar_y: float
    start: float  # x of the founding
    end: float  # x where the active part ends (today, dormant since, or closed in)
    dormant_end: float | None  # x of today for a dormant network
    closed: bool


@dataclass
class Decade:
    decade: int  # 1990 for the networks founded 1990-1999
    y: float  # baseline of its heading
    rows: list[Row]


@dataclass
class Timeline:
    width: int
    height: int
    first_year: int
    last_year: int
    ticks: list[tuple[float, int]]
    rows: list[Row]
    decades: list[Decade]


def _year_fraction(date: PartialDate | datetime.date) -> float:
    if isinstance(date, PartialDate):
        date = date.first_day
    start = datetime.date(date.year, 1, 1)
    return date.year + (date - start).days / 365.25


def timeline(networks: list[Network], today: datetime.date) -> Timeline:
    """Rows ordered by founding date (oldest first), on an axis from a round year before the
    oldest founding to the end of this year."""
    ordered = sorted(networks, key=lambda n: (n.founded.date, n.id))
    first = min((n.founded.date.year for n in ordered), default=today.year) // 5 * 5
    last = today.year + 1
    span = max(last - first, 1)
    inner = WIDTH - 2 * MARGIN

    def x(value: float) -> float:
        return round(MARGIN + (value - first) / span * inner, 1)

    step = 5 if span <= 30 else 10
    ticks = [(x(year), year) for year in range(first + (-first % step), last + 1, step)]
    # A year at the left edge is written from the edge on ("start"): it would run into the next
    # label (1950 and 1960 on an axis from 1950). The axis still starts there; it loses that label.
    if len(ticks) > 1 and ticks[0][0] < 40 and ticks[1][0] - ticks[0][0] < 4 * FONT:
        ticks = ticks[1:]
    now = x(_year_fraction(today))
    rows, decades = [], []
    top = AXIS
    for network in ordered:
        decade = network.founded.date.year // 10 * 10
        if not decades or decades[-1].decade != decade:
            decades.append(Decade(decade=decade, y=top + FONT + 4, rows=[]))
            top += DECADE
        status = network.status
        stop = x(_year_fraction(status.since)) if status.value in ("dormant", "closed") and status.since else now
        row = Row(
            network=network,
            y=top + FONT,
            detail_y=top + 2 * FONT + 4,
            bar_y=top + 2 * FONT + 14,
            start=x(_year_fraction(network.founded.date)),
            end=max(stop, x(_year_fraction(network.founded.date)) + 2),
            dormant_end=now if status.value == "dormant" else None,
            closed=status.value == "closed",
        )
        rows.append(row)
        decades[-1].rows.append(row)
        top += ROW
    return Timeline(WIDTH, top + 8, first, last, ticks, rows, decades)
