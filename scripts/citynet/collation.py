"""The order in which names are listed: German dictionary order (DIN 5007-1: "Köln" among the
"Ko…", not after "Kreis Wesel"), ignoring case, with numbers in their numeric order ("Netzwerk 2"
before "Netzwerk 10"). Python compares code points, which puts umlauts after z."""

from __future__ import annotations

import re
import unicodedata

_NUMBER = re.compile(r"(\d+)")


def name_key(name: str) -> tuple:
    """A sort key for a name: letters without their accents, casefolded (ß as ss), digits as numbers;
    the exact name last, so that names differing only in accents keep one fixed order."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    parts = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _NUMBER.split(plain) if part)
    return parts, name
