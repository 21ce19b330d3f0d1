"""Dates as the sources give them: a year, a month or a day ("1985", "2023-06", "2004-05-05")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import total_ordering


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; ValueError if it is no real date."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"{text!r} is not a date")
        numbers = [int(p) for p in parts] + [None] * (3 - len(parts))
        date = cls(*numbers)
        datetime.date(date.year, date.month or 1, date.day or 1)  # raises for 2021-02-30
        return date

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        if self.day:
            return self.first_day
        if self.month:
            next_month = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return next_month - datetime.timedelta(days=1)
        return datetime.date(self.year, 12, 31)

    def __lt__(self, other: PartialDate) -> bool:
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)

    @property
    def precision(self) -> int:
        """1 for a year, 2 for a month, 3 for a day."""
        return 3 if self.day else 2 if self.month else 1

    def _parts(self, precision: int) -> tuple:
        return (self.year, self.month, self.day)[:precision]

    def earlier_than(self, other: PartialDate) -> bool:
        """Certainly earlier: compared at the coarser of the two precisions, so that "2008"
        (some time in 2008) is not earlier than "2008-09"."""
        precision = min(self.precision, other.precision)
        return self._parts(precision) < other._parts(precision)

    def later_than(self, other: PartialDate) -> bool:
        return other.earlier_than(self)

    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    def format(self, words) -> str:
        """'1985', 'Juni 2023', '5. Mai 2004', as the language's labels (months, formats) say."""
        if not self.month:
            return str(self.year)
        month = words["months"][self.month - 1]
        pattern = words["day_format"] if self.day else words["month_format"]
        return pattern.format(day=self.day, month=month, year=self.year)

    def __str__(self) -> str:
        return self.iso()


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` years earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
