"""Read a YAML file strictly, keeping the line and column of every value.

PyYAML's own loaders are too forgiving for data edited by hand: they keep the last of two
equal keys, expand aliases without limit and accept Python tags. Here the file is composed into
nodes by PyYAML's safe composer (citynet/yamlcompose.py) and converted by us, so that each of
those cases becomes a problem with a position, and the validator can point at the line of any field.

Longer than about 300 lines (about 390) on purpose: the file's kind and size checked before it is
read, the conversion of nodes into values with their positions, the checks of each text and number
as it is converted, and the words for YAML's own errors are one pass over one file; the composers
under it are in yamlcompose.py already.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .hygiene import character_problem, escape, number_problem, text_problem
from .problems import Problem, dotted_path
from .yamlcompose import MAX_DEPTH, compose

# The largest record is about 12 kB. Reading YAML costs about 6 ms per kB here, so this keeps
# the worst accepted file near a second, and anything larger is refused before it is read.
MAX_FILE_BYTES = 200_000
# The registries (cities, topics) are one file for all records: about 150 bytes per city, so
# this allows some 13,000 cities (NRW alone has 396 municipalities with 800+ twinnings).
MAX_REGISTRY_BYTES = 2_000_000

Path_ = tuple  # a path into the data: keys and list indices


@dataclass
class Scalar:
    """How a scalar was written, so a type error can say how to write it instead."""

    tag: str
    text: str
    quoted: bool


@dataclass
class YamlDocument:
    file: str
    data: object
    # (line, column), 1-based, of each value; for mapping members, of its key.
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Path_, Scalar] = field(default_factory=dict)
    first_line: str = ""  # where the `# yaml-language-server: $schema=...` comment belongs
    # Values that were read but may not be used (citynet/hygiene.py): a character that is not
    # allowed, a number that does not mean what it seems. The file is read on, so that one run
    # reports all of them; the schema check stays quiet about these fields.
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        """Position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (None, None))


class YamlError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


_TAG = "tag:yaml.org,2002:"


LINKED_FILE = "is a symbolic link. Data files are read only from data/ itself: put the file here in place of the link."


class FileRefused(Exception):
    """A data file that is not read: the message says why (missing, a link, a folder, too large)."""


# Opened without following a link and without waiting on a pipe; on systems without these flags
# the lstat() before the open is the only guard.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_data_file(path: Path, limit: int) -> bytes:
    """The bytes of a plain file of at most `limit` bytes; FileRefused for anything else.

    The file system is not an input channel: a symbolic link is refused without looking at what it
    points to (a link to another folder, or to /dev/zero, is never read), and so is anything that
    is not a regular file (a folder, a pipe, a device). The size is checked before reading, and no
    more than one byte past the limit is ever read, should the file grow meanwhile."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise FileRefused("the file is missing.") from None
    except OSError as exc:
        raise FileRefused(f"cannot read the file: {exc.strerror}.") from None
    _check_kind(status.st_mode)
    if status.st_size > limit:
        raise FileRefused(_too_large(status.st_size, limit))
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:  # replaced by a link after the lstat (ELOOP), or gone
        raise FileRefused(f"cannot read the file: {exc.strerror}.") from None
    with os.fdopen(descriptor, "rb") as handle:
        _check_kind(os.fstat(handle.fileno()).st_mode)
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise FileRefused(_too_large(len(raw), limit))
    return raw


def _check_kind(mode: int) -> None:
    if stat.S_ISLNK(mode):
        raise FileRefused(LINKED_FILE)
    if stat.S_ISDIR(mode):
        raise FileRefused("is a folder, not a file. Each record is one YAML file: move the folder out of data/.")
    if not stat.S_ISREG(mode):
        raise FileRefused("is not a plain file (a pipe, a device or a socket). Data files are plain text files.")


def read_yaml(path: Path, display_name: str, *, limit: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read one YAML file; raise YamlError with the first problem that stops reading it."""
    try:
        raw = read_data_file(path, limit)
    except FileRefused as refused:
        raise YamlError(Problem(display_name, None, None, "", str(refused))) from None
    return parse_yaml(raw, display_name, limit=limit)


def parse_yaml(raw: bytes, display_name: str, *, limit: int = MAX_FILE_BYTES) -> YamlDocument:
    def fail(line, column, message):
        raise YamlError(Problem(display_name, line, column, "", message))

    if len(raw) > limit:
        fail(None, None, _too_large(len(raw), limit))
    if raw.startswith(b"\xef\xbb\xbf"):
        fail(1, 1, "the file starts with a byte-order mark (BOM). Save it as UTF-8 without BOM.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        fail(line, column, "the file is not valid UTF-8 text. Save it with UTF-8 encoding.")
    if not text.strip():
        fail(None, None, "the file is empty.")
    lone_cr = _LONE_CR.search(text)
    if lone_cr and "\n" not in text:
        fail(
            None,
            None,
            "the lines of this file end in CR alone (old Mac line endings), which most programs do not show as line "
            "breaks. Save it with LF (Unix) or CRLF (Windows) line endings.",
        )
    if lone_cr:
        line = text.count("\n", 0, lone_cr.start()) + 1
        column = lone_cr.start() - (text.rfind("\n", 0, lone_cr.start()) + 1) + 1
        fail(line, column, "a carriage return (CR) without a line feed, which most programs do not show. Remove it.")

    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        unclosed = _unclosed_quote(text, mark.line if mark else len(text))
        if unclosed:
            line, column, quote = unclosed
            fail(
                line,
                column,
                f"YAML syntax error: the quote {quote} that starts here is not closed on its line. Add the closing "
                f"{quote} at the end of the value.",
            )
        if exc.context in ("while parsing a flow sequence", "while parsing a flow mapping") and exc.context_mark:
            # Point at the bracket that was opened, not at the line after it where reading failed.
            opened, closing = ("[", "]") if "sequence" in exc.context else ("{", "}")
            where = exc.context_mark
            fail(
                where.line + 1,
                where.column + 1,
                f"YAML syntax error: the bracket {opened} that starts here is not closed. Add the closing {closing} "
                "after the last entry.",
            )
        message = _describe_yaml_error(exc)
        fail(mark.line + 1 if mark else None, mark.column + 1 if mark else None, message)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file at all
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problem = character_problem(char, line_break_allowed=False) or f"the character U+{ord(char):04X}"
        fail(line, column, f"holds {problem}.")
    except yaml.YAMLError as exc:
        fail(None, None, f"this is not valid YAML ({exc}).")
    except RecursionError:
        fail(None, None, "the YAML is nested too deeply. Records need only a few levels.")

    if node is None:
        fail(None, None, "the file holds no data.")
    document = YamlDocument(display_name, None, first_line=text.split("\n", 1)[0].rstrip("\r"))
    document.data = _Converter(document, text).convert(node, (), depth=0)
    return document


def _too_large(size: int, limit: int) -> str:
    if limit == MAX_FILE_BYTES:
        return (
            f"the file is {size:,} bytes; data files must stay below {limit:,} bytes. Shorten it: a network record "
            "needs only a few kB."
        )
    return (
        f"the file is {size:,} bytes; this file must stay below {limit:,} bytes. Check that nothing was pasted into "
        "it twice."
    )


# A value that opens a quote and does not close it on the same line: `as_of: "2025-06`.
_OPEN_QUOTE = re.compile(r"""^(\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?)(?:"(?:[^"\\]|\\.)*|'(?:[^']|'')*)$""")


def _unclosed_quote(text: str, last_line: int) -> tuple[int, int, str] | None:
    """The first line, up to the one where reading failed, whose value opens a quote and leaves it open.

    Records write long texts as `|-` blocks, so a quoted value over several lines is almost
    always a missing quote; the error PyYAML reports is then many lines further down."""
    for number, line in enumerate(text.split("\n")[: last_line + 1], start=1):
        found = _OPEN_QUOTE.match(line.rstrip("\r"))
        if found:
            column = len(found.group(1))
            return number, column + 1, line[column]
    return None


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or str(exc)).strip()
    if problem.startswith(("anchors and aliases", "the data is nested")):
        return problem[0].upper() + problem[1:] + "."
    hints = {
        "found character '\\t' that cannot start any token": "a tab character; indent with spaces only",
        "found duplicate anchor": "an anchor (&name) is defined twice",
    }
    for known, hint in hints.items():
        if known in problem:
            return f"YAML syntax error: {hint}."
    if problem.startswith("expected <block end>") or "expected <block mapping start>" in problem:
        return (
            "YAML syntax error: this line is indented differently from the fields around it. Indent each field like "
            "the others of its group (two spaces per level)."
        )
    if "could not find expected ':'" in problem or "mapping values are not allowed" in problem:
        return f"YAML syntax error: {problem}. Check the indentation and that each field is written as `name: value`."
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return f"YAML syntax error: {problem}. A quote or bracket is probably not closed."
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return f"YAML syntax error: {problem}. A bracket is probably not closed."
    return f"YAML syntax error: {problem}."


class _Converter:
    """Turns composed nodes into plain Python data, refusing what records never need."""

    def __init__(self, document: YamlDocument, text: str):
        self.document = document
        self.text = text
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        # The composer hands out the same node object again for each alias: a second visit is one.
        self.visited: set[int] = set()

    def fail(self, node, path, message):
        raise YamlError(
            Problem(
                self.document.file, node.start_mark.line + 1, node.start_mark.column + 1, dotted_path(path), message
            )
        )

    def convert(self, node, path, depth):
        if id(node) in self.visited:
            self.fail(node, path, "anchors and aliases (&name, *name) are not allowed in records. Write the value out.")
        if depth > MAX_DEPTH:
            self.fail(node, path, f"the data is nested more than {MAX_DEPTH} levels deep.")
        self.visited.add(id(node))
        self.document.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))

        if isinstance(node, yaml.MappingNode):
            if node.tag != _TAG + "map":
                self.fail(node, path, f"the tag {_shown_tag(node.tag)} is not allowed. Remove it.")
            result = {}
            key_lines = {}
            for key_node, value_node in node.value:
                if key_node.tag == _TAG + "merge":
                    self.fail(key_node, path, "merge keys (<<) are not allowed in records. Write the fields out.")
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
                    text = getattr(key_node, "value", "")
                    self.fail(
                        key_node,
                        path,
                        f"the key {text!r} must be a plain name. Put it in quotes if it is meant as text.",
                    )
                key = key_node.value
                line = key_node.start_mark.line + 1
                self.check_text(key_node, path + (key,), key, line_break_allowed=False)
                if key in result:
                    self.fail(
                        key_node,
                        path + (key,),
                        f"is written twice, on lines {key_lines[key]} and {line}. Keep one of them: YAML would "
                        "silently use only the last.",
                    )
                key_lines[key] = line
                self.document.positions[path + (key,)] = (line, key_node.start_mark.column + 1)
                result[key] = self.convert(value_node, path + (key,), depth + 1)
            return result

        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self.fail(node, path, f"the tag {_shown_tag(node.tag)} is not allowed. Remove it.")
            return [self.convert(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]

        return self.scalar(node, path)

    def scalar(self, node, path):
        tag = node.tag
        if not tag.startswith(_TAG) or tag[len(_TAG) :] not in {"str", "int", "float", "bool", "null", "timestamp"}:
            self.fail(
                node,
                path,
                f"the tag {_shown_tag(tag)} is not allowed. Remove it; records hold only plain text, numbers and "
                "lists.",
            )
        kind = tag[len(_TAG) :]
        self.document.scalars[path] = Scalar(kind, node.value, node.style in ("'", '"', "|", ">"))
        if kind == "str":
            self.check_text(node, path, node.value, line_break_allowed=True)
            return node.value
        if kind == "null":
            return None
        try:
            if kind in ("int", "float"):
                number = getattr(self.constructor, f"construct_yaml_{kind}")(node)
                self.check_number(node, path, number)
                return number
            if kind == "bool":
                return self.constructor.construct_yaml_bool(node)
            # An unquoted date stays a date object, so a check for text fails with a hint to quote it.
            return self.constructor.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            self.fail(node, path, f"{node.value!r} cannot be read. Put it in quotes.")

    def refuse(self, line: int, column: int, path, message: str) -> None:
        self.document.problems.append(Problem(self.document.file, line, column, dotted_path(path), message))

    def check_text(self, node, path, value: str, *, line_break_allowed: bool) -> None:
        found = text_problem(value, line_break_allowed=line_break_allowed)
        if found is None:
            return
        index, message = found
        line, column = self.where(node, value[index])
        if line is None:  # written as an escape: point at the quoted text that holds it
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            message += f" It is written as an escape ({escape(value[index])}) in the quoted text that starts here."
        self.refuse(line, column, path, message)

    def where(self, node, char: str) -> tuple[int | None, int | None]:
        """Line and column of the character in the value's own text in the file, if it is written
        there as itself (not as an escape): the editor sees nothing there, so the column counts."""
        start, end = node.start_mark.index, node.end_mark.index
        at = self.text.find(char, start, end)
        if at == -1:
            return None, None
        before = self.text[start:at]
        breaks = list(_LINE_BREAK.finditer(before))
        if not breaks:
            return node.start_mark.line + 1, node.start_mark.column + 1 + len(before)
        return node.start_mark.line + 1 + len(breaks), len(before) - breaks[-1].end() + 1

    def check_number(self, node, path, number) -> None:
        message = number_problem(node.value, number)
        if message:
            self.refuse(node.start_mark.line + 1, node.start_mark.column + 1, path, message)


_LONE_CR = re.compile("\r(?!\n)")
# What YAML counts as a line break (and so in the line numbers of its positions).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _shown_tag(tag: str) -> str:
    """A tag as the editor wrote it: `!!python/object`, not `tag:yaml.org,2002:python/object`."""
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
