"""What a value read from a data file may be: the text and number rules, applied to every value as
it is read (citynet/yamlio.py), so that no later step meets a value the build cannot publish.

Text: no lone surrogates (they cannot be written as UTF-8), no control characters (a line break is
the one allowed, and not in keys), no bidirectional controls (U+202E shows `gpj.exe` as `exe.jpg`),
no invisible characters (zero-width spaces, soft hyphens, variation selectors, ...), no private-use
or non-characters. Numbers: written as plain decimal numbers and finite. YAML reads `0150` as the
octal 104, `1:30` as 90 and `.nan` as NaN, which JSON cannot hold; such a value is refused with
what YAML made of it.

`comparable` is the form in which names are compared for duplicates.
"""

from __future__ import annotations

import math
import re
import unicodedata

# Control characters by their usual abbreviations, for the messages.
_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0B: "VT",
    0x0C: "FORM FEED",
    0x0D: "CR",
    0x1B: "ESC",
    0x7F: "DEL",
}
# Bidirectional controls: embeddings, overrides, isolates and the direction marks.
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# Invisible characters that are not of the format category (Cf) but show nothing either.
_INVISIBLE = {
    0x034F,  # combining grapheme joiner
    0x115F,  # Hangul fillers
    0x1160,
    0x3164,
    0xFFA0,
    *range(0x180B, 0x1810),  # Mongolian free variation selectors
    *range(0xFE00, 0xFE10),  # variation selectors
    *range(0xE0100, 0xE01F0),
}


_EMOJI_STYLE = ("\ufe0e", "\ufe0f")  # allowed after a character: emoji are often written with them


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def character_problem(char: str, *, line_break_allowed: bool) -> str | None:
    """What is wrong with one character, as the end of a sentence starting "holds ..."; None if it is fine."""
    code = ord(char)
    if char.isprintable() and code not in _INVISIBLE and not _is_noncharacter(code):
        return None  # the common case: letters, digits, punctuation, spaces
    if char == "\n":
        return None if line_break_allowed else "a line break; a key (the name before the colon) is one line. Remove it"
    category = unicodedata.category(char)
    label = f"U+{code:04X}"
    name = unicodedata.name(char, "")
    named = f"{label} ({name})" if name else label
    if category == "Cs":
        return f"{label}, half of a character pair (a lone surrogate), which cannot be stored as text. Remove it"
    if category == "Cc":
        return (
            f"the control character {label} ({_CONTROL_NAMES.get(code, 'CONTROL')}), which is not text and is not "
            "shown. Remove it"
        )
    if code in _BIDI:
        return (
            f"{named}, an invisible character that changes the direction in which the text around it is shown, so "
            "that it reads as something else. Remove it"
        )
    if category in ("Zl", "Zp"):
        return f"{named}, a line break that not every program shows. Use an ordinary line break, or none"
    if category == "Co":
        return f"{label}, a private-use character that every device shows differently, or not at all. Remove it"
    if _is_noncharacter(code):
        return f"{label}, which is not a character. Remove it"
    if category == "Cf" or code in _INVISIBLE:
        return f"{named}, an invisible character (it often comes along with text copied from a web page). Remove it"
    return None  # other unprintable characters are spaces of some width: visible as space


def escape(char: str) -> str:
    """How the character is written as an escape in quoted YAML text: \\u202e, \\U000e0041."""
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_SHORT_ESCAPES = {"\0": "\\0", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def printable(text: str) -> str:
    """The text with every character that a terminal would not print as itself written as an
    escape: a name holding a line break or ESC cannot start a line of its own or recolour one
    (a line starting with `::error` would be a GitHub Actions command)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else escape(c) for c in text)


def _character_class(codes: set[int]) -> str:
    """A regular expression class of the code points, written as ranges: re searches a class of
    some 270 single characters about a hundred times slower than one of nine ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return "[" + "".join(parts) + "]"


# The invisible characters that str.isprintable() lets through (it refuses the rest).
_PRINTABLE_BUT_INVISIBLE = re.compile(_character_class(_INVISIBLE))


def text_problem(text: str, *, line_break_allowed: bool = True) -> tuple[int, str] | None:
    """(index of the first character that is not allowed, the message), or None."""
    # Nearly every text is plain: two checks in C say so, and only the rest is looked at by character.
    plain = text.replace("\n", "") if line_break_allowed else text
    if plain.isprintable() and not _PRINTABLE_BUT_INVISIBLE.search(text):
        return None
    for index, char in enumerate(text):
        if char in _EMOJI_STYLE and index and not text[index - 1].isspace():
            continue  # text or emoji presentation of the character before it (U+1F3D9 U+FE0F)
        problem = character_problem(char, line_break_allowed=line_break_allowed)
        if problem:
            return index, f"holds {problem}."
    return None


_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


def number_problem(written: str, value: int | float) -> str | None:
    """Why a number as written (YAML's int or float) does not mean what it seems; None if it does."""
    plain = _PLAIN_INT if isinstance(value, int) else _PLAIN_FLOAT
    if plain.fullmatch(written) and (isinstance(value, int) or math.isfinite(value)):
        return None
    as_text = f'or "{written}" in quotes if it is text'
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value) or "inf" in written.lower():
            return f"{written} is not a number that can be shown or published. Write a number in digits, such as 51.23."
        return f"{written} is too large a number. Write a number in digits, such as 51.23."
    if ":" in written:
        return (
            f"{written} was read as the number {value} (YAML counts in sixties, as in a time). Write the number in "
            f"digits only, {as_text}."
        )
    digits = written.lstrip("+-")
    if digits[:2].lower() in ("0x", "0b"):
        base = "hexadecimal" if digits[1] in "xX" else "binary"
        return f"{written} was read as the {base} number {value}. Write it in decimal digits, {value}, {as_text}."
    if isinstance(value, int) and digits.startswith("0"):
        meant = written.replace("_", "").lstrip("+-0") or "0"
        return (
            f"{written} was read as the octal number {value}, not as {meant}. Write {meant} without the leading "
            f"zero, {as_text}."
        )
    return f"{written} was read as the number {value}. Write it in digits only: {value}."


def comparable(name: str) -> str:
    """A name as compared for duplicates: NFKC-normalised, without invisible characters, case folded,
    with single spaces; "Koeln" and "Köln" stay apart, "Köln" and "KÖLN" with a soft hyphen do not."""
    normal = unicodedata.normalize("NFKC", name)
    visible = "".join(c for c in normal if character_problem(c, line_break_allowed=True) is None)
    return " ".join(visible.casefold().split())
