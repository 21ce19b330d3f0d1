"""Results kept between the builds of one `mkdocs serve` process, by digest of their input.

A value is taken from the memo only under the digest of everything it is made from, so it is what
making it afresh gives. Each pass (a load of the data, a rendering) keeps only what it used or
made, so memory stays one site's worth. The reading of each data file (citynet/read.py) and the
rendering of record pages and maps (citynet/rendermemo.py) keep their results in one each.
"""

from __future__ import annotations

from collections.abc import Callable


class Memo:
    """What the last pass used or made, by digest of its input."""

    def __init__(self):
        self.kept: dict[str, object] = {}
        self.made: dict[str, object] = {}
        self.counts = {"reused": 0, "made": 0}

    def begin(self) -> None:
        self.made = {}
        self.counts = {"reused": 0, "made": 0}

    def end(self) -> None:
        """The pass ended: keep what it used and made, and nothing else."""
        self.kept, self.made = self.made, {}

    def has(self, key: str) -> bool:
        """Whether a value is kept or made under `key`."""
        return key in self.made or key in self.kept

    def get(self, key: str, make: Callable[[], object], adapt: Callable[[object], object] | None = None):
        """The value kept under `key` (passed through `adapt`, if given), else a new one made."""
        value = self.made.get(key)
        if value is None:
            value = self.kept.get(key)
            if value is not None and adapt is not None:
                value = adapt(value)
        if value is None:
            value = make()
            self.counts["made"] += 1
        else:
            self.counts["reused"] += 1
        self.made[key] = value
        return value
