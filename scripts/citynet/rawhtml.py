"""A quicker way through Python-Markdown's raw HTML blocks, with the same result.

The generated pages are mostly HTML: a network page has some 700 tags in blocks between Markdown
headings. Python-Markdown's raw HTML preprocessor finds those blocks with Python's HTMLParser,
tag by tag, and puts each in its stash: two thirds of the time of converting such a page. The
preprocessor here, run just before it, does the same for the blocks it can vouch for: a block
after a blank line (or at the start), opening at the line's start with a block-level tag, whose
first element closes exactly where the block ends, followed by a blank line. It stashes the
block's text as Python-Markdown would (with the line break it keeps), and leaves the placeholder
and blank lines Python-Markdown would leave; the rest of the text goes on to Python-Markdown's
own pass, which then has little to parse. A page with anything it cannot vouch for (a comment,
an unescaped `&`, a block-level tag at a line's start outside such a block, a script outside
one) is left to Python-Markdown as a whole. tests/unit/test_rawhtml.py converts every page both
ways and compares the HTML and the table of contents.

It is a Python-Markdown extension (no MkDocs): scripts/hooks.py adds it to the site's Markdown
extensions. A build without our hook (`citynet pages`) gives the same pages, more slowly.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# Blank lines as Python-Markdown's raw HTML parser counts them after a block (spaces only).
_BLANK = re.compile(r"\n(?:[ ]*\n)+")
# A start or end tag as HTMLParser reads it, where no `<` stands inside the tag; or a `<` before a
# letter, `/`, `!` or `?` that is no such tag (HTMLParser may read it otherwise).
_TOKEN = re.compile(r"<(/?)([a-zA-Z][^\s/<>]*)([^<>]*)>|<(?=[a-zA-Z/!?])")
# An `&` that is not a complete character reference: HTMLParser's raw block would rewrite it.
_LOOSE_AMPERSAND = re.compile(r"&(?![a-zA-Z][-.a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)")
# A tag at the start of a line (up to three spaces in): where Python-Markdown may start a block.
_LINE_START_TAG = re.compile(r"^[ ]{0,3}<([a-zA-Z][^\s/>]*)", re.M)
_CDATA = ("script", "style")  # HTMLParser reads their content as text up to the end tag
_EMPTY = {"hr"}  # Python-Markdown's raw parser takes these as complete tags


class _Unsure(Exception):
    """Something this pass does not vouch for: the page goes to Python-Markdown as it is."""


def _ends_at(block: str, md: Markdown) -> bool:
    """Whether the block is one raw HTML block of Python-Markdown's: it opens with a block-level
    element whose end tag, by HTMLParser's stack, is the block's last text."""
    stack: list[str] = []
    text_until = 0  # the end of a script's or style's content, which HTMLParser reads as text
    for tag in _TOKEN.finditer(block):
        if tag.start() < text_until:
            continue
        name = tag.group(2)
        if name is None:
            raise _Unsure
        name = name.lower()
        closing, self_closing = tag.group(1), tag.group(3).endswith("/")
        if not stack and (closing or self_closing or name in _EMPTY or not md.is_block_level(name)):
            raise _Unsure  # not the start of a raw block
        if closing:
            if name in stack:
                while stack.pop() != name:
                    pass
            if not stack:
                return tag.end() == len(block)
        elif not self_closing and name not in _EMPTY:
            stack.append(name)
            if name in _CDATA:
                text_until = block.find(f"</{name}>", tag.end())
                if text_until < 0 or "</" in block[tag.end() : text_until]:
                    raise _Unsure
    raise _Unsure  # the first element is never closed


def stash_raw_blocks(text: str, md: Markdown) -> str:
    """The text as Python-Markdown's raw HTML pass leaves it for the blocks this pass vouches for
    (their HTML stashed in `md`); the text unchanged if it vouches not for the whole page."""
    if "<!" in text or "<?" in text or _LOOSE_AMPERSAND.search(text):
        return text
    pieces, stored = [], []
    position = 0
    try:
        while position < len(text):
            blank = _BLANK.search(text, position)
            end = blank.start() if blank else len(text)
            block = text[position:end]
            lead = len(block) - len(block.lstrip("\n"))  # the first block may follow a line break
            if lead and block[lead:].startswith("<"):
                pieces.append(block[:lead])
                block = block[lead:]
            if block.startswith("<") and blank is not None and _ends_at(block, md):
                stored.append(block + "\n")  # Python-Markdown keeps the line break before the blank line
                pieces.append(None)
            else:
                for found in _LINE_START_TAG.finditer(block):
                    if md.is_block_level(found.group(1).lower()):
                        raise _Unsure  # a raw block Python-Markdown would start elsewhere
                lowered = block.lower()
                if any(f"<{name}" in lowered for name in _CDATA):
                    raise _Unsure
                pieces.append(block)
            if blank is None:
                break
            pieces.append(blank.group())
            position = blank.end()
    except _Unsure:
        return text
    stash = iter(stored)
    # As Python-Markdown's parser leaves a block: a line break, the placeholder, a blank line.
    return "".join("\n" + md.htmlStash.store(next(stash)) + "\n\n" if piece is None else piece for piece in pieces)


class _RawBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return stash_raw_blocks("\n".join(lines), self.md).split("\n")


class RawHtmlBlocks(Extension):
    """Stash the raw HTML blocks this module vouches for, before Python-Markdown's own pass."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the whitespace is normalised (30), before Python-Markdown's raw HTML pass (20).
        md.preprocessors.register(_RawBlocks(md), "citynet_raw_html", 25)
