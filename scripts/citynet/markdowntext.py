"""Text from the data made safe inside Markdown that GitHub renders (a job summary, a comment).

The reports of a pull request put names, roles and titles from the records into Markdown. There
they must show as written and do nothing else: no link, image, HTML, table cell or list that the
text did not ask for, and no notification (GitHub turns "@name" into a mention). A bare address in
a text stays as it is: GitHub links it, to exactly what it shows. tests/unit/test_changes.py
renders a hostile record's report with GitHub's own cmark to check this.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can start
# markup inside a line: emphasis, code, links and images (an escaped "[" leaves "(" and "!"
# harmless), HTML, entities, table cells, strikethrough, a heading's closing "#".
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&])")
# At the start of a line: a list item (-, +, 1. or 1)), a heading, a quote, a setext underline.
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")
# A mention: "@" before a name. A word joiner keeps the text readable and the mention unlinked.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_WORD_JOINER = "\u2060"
# An address GitHub shows as a link when written <https://...>: nothing that ends it early.
_SAFE_URL = re.compile(r"https://[^\s<>\\`]+")


def markdown_text(text: str) -> str:
    """The text on one line, every character that could be markup escaped."""
    line = " ".join(str(text).split())
    line = _INLINE.sub(r"\\\1", line)
    line = _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", line)
    return _MENTION.sub("@" + _WORD_JOINER, line)


def markdown_link(text: str, url: str | None) -> str:
    """A link with the text escaped, or the text alone when the address is not a plain https:// one."""
    if not url or not _SAFE_URL.fullmatch(url):
        return markdown_text(text)
    return f"[{markdown_text(text)}](<{url}>)"


def markdown_url(url: str) -> str:
    """An address shown as itself and linked (<https://...>), or as text when it is not a plain https:// one."""
    return f"<{url}>" if _SAFE_URL.fullmatch(url) else markdown_text(url)
