"""Read a YAML file strictly, keeping the line and column of every value.

PyYAML's own loaders are too forgiving for data edited by hand: they keep the last of two
equal keys, expand aliases without limit and accept Python tags. Here the file is composed into
nodes by PyYAML's safe composer and converted by us, so that each of those cases becomes a
problem with a position, and the validator can point at the line of any field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

# The largest record is about 12 kB. Reading YAML costs about 6 ms per kB here, so this keeps
# the worst accepted file near a second, and anything larger is refused before it is read.
MAX_FILE_BYTES = 200_000
# The registries (cities, topics) are one file for all records: about 150 bytes per city, so
# this allows some 13,000 cities (NRW alone has 396 municipalities with 800+ twinnings).
MAX_REGISTRY_BYTES = 2_000_000
MAX_DEPTH = 24

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


class _StrictLoader(yaml.SafeLoader):
    """Refuses aliases while composing, where the alias's own position is still known."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not allowed in records; write the value out",
                problem_mark=mark,
            )
        # Stop deep nesting here, long before Python's recursion limit makes it slow.
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"the data is nested more than {MAX_DEPTH} levels deep; records need only a few levels",
                    problem_mark=self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


try:  # libyaml's parser, in PyYAML's wheels; PyYAML's own parser is the fallback
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None


class _Refused(Exception):
    """The fast reader met something the strict reader explains: read the file again with it."""


if CParser is not None:

    class _FastStrictLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """PyYAML's composer over libyaml's parser: the same nodes and positions, about ten times
        faster, which counts at hundreds of records. It gives up on aliases and deep nesting, and
        parse_yaml then reads the file with _StrictLoader, whose messages editors see."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.anchors = {}
            self._depth = 0

        get_single_node = yaml.composer.Composer.get_single_node
        compose_document = yaml.composer.Composer.compose_document
        compose_scalar_node = yaml.composer.Composer.compose_scalar_node
        compose_sequence_node = yaml.composer.Composer.compose_sequence_node
        compose_mapping_node = yaml.composer.Composer.compose_mapping_node

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent) or self._depth >= MAX_DEPTH:
                raise _Refused
            self._depth += 1
            try:
                return yaml.composer.Composer.compose_node(self, parent, index)
            finally:
                self._depth -= 1


def _compose(text: str):
    """Compose with the fast reader; on any trouble, again with the strict one for its message."""
    if CParser is not None:
        try:
            return yaml.compose(text, Loader=_FastStrictLoader)
        except (_Refused, yaml.YAMLError, RecursionError):
            pass
    return yaml.compose(text, Loader=_StrictLoader)


_SAFE = _StrictLoader
_TAG = "tag:yaml.org,2002:"


def read_yaml(path: Path, display_name: str, *, limit: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read one YAML file; raise YamlError with the first problem that stops reading it."""
    try:
        with path.open("rb") as handle:
            # Never read more than one byte past the limit: a huge file costs no memory.
            raw = handle.read(limit + 1)
            if len(raw) > limit:
                size = path.stat().st_size
                raise YamlError(Problem(display_name, None, None, "", _too_large(size, limit)))
    except OSError as exc:
        raise YamlError(Problem(display_name, None, None, "", f"cannot read the file: {exc.strerror}.")) from None
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

    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        unclosed = _unclosed_quote(text, mark.line if mark else len(text))
        if unclosed:
            line, column, quote = unclosed
            fail(line, column, f"YAML syntax error: the quote {quote} that starts here is not closed on its line. Add the closing {quote} at the end of the value.")
        if exc.context in ("while parsing a flow sequence", "while parsing a flow mapping") and exc.context_mark:
            # Point at the bracket that was opened, not at the line after it where reading failed.
            opened, closing = ("[", "]") if "sequence" in exc.context else ("{", "}")
            where = exc.context_mark
            fail(where.line + 1, where.column + 1, f"YAML syntax error: the bracket {opened} that starts here is not closed. Add the closing {closing} after the last entry.")
        message = _describe_yaml_error(exc)
        fail(mark.line + 1 if mark else None, mark.column + 1 if mark else None, message)
    except yaml.YAMLError as exc:
        fail(None, None, f"this is not valid YAML ({exc}).")
    except RecursionError:
        fail(None, None, "the YAML is nested too deeply. Records need only a few levels.")

    if node is None:
        fail(None, None, "the file holds no data.")
    document = YamlDocument(display_name, None, first_line=text.split("\n", 1)[0].rstrip("\r"))
    document.data = _Converter(document).convert(node, (), depth=0)
    return document


def _too_large(size: int, limit: int) -> str:
    if limit == MAX_FILE_BYTES:
        return f"the file is {size:,} bytes; data files must stay below {limit:,} bytes. Shorten it: a network record needs only a few kB."
    return f"the file is {size:,} bytes; this file must stay below {limit:,} bytes. Check that nothing was pasted into it twice."


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
        return "YAML syntax error: this line is indented differently from the fields around it. Indent each field like the others of its group (two spaces per level)."
    if "could not find expected ':'" in problem or "mapping values are not allowed" in problem:
        return f"YAML syntax error: {problem}. Check the indentation and that each field is written as `name: value`."
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return f"YAML syntax error: {problem}. A quote or bracket is probably not closed."
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return f"YAML syntax error: {problem}. A bracket is probably not closed."
    return f"YAML syntax error: {problem}."


class _Converter:
    """Turns composed nodes into plain Python data, refusing what records never need."""

    def __init__(self, document: YamlDocument):
        self.document = document
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        # The composer hands out the same node object again for each alias: a second visit is one.
        self.visited: set[int] = set()

    def fail(self, node, path, message):
        raise YamlError(
            Problem(self.document.file, node.start_mark.line + 1, node.start_mark.column + 1, _dotted(path), message)
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
                    self.fail(key_node, path, f"the key {text!r} must be a plain name. Put it in quotes if it is meant as text.")
                key = key_node.value
                line = key_node.start_mark.line + 1
                if key in result:
                    self.fail(
                        key_node,
                        path + (key,),
                        f"is written twice, on lines {key_lines[key]} and {line}. Keep one of them: YAML would silently use only the last.",
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
        if not tag.startswith(_TAG) or tag[len(_TAG):] not in {"str", "int", "float", "bool", "null", "timestamp"}:
            self.fail(node, path, f"the tag {_shown_tag(tag)} is not allowed. Remove it; records hold only plain text, numbers and lists.")
        kind = tag[len(_TAG):]
        self.document.scalars[path] = Scalar(kind, node.value, node.style in ("'", '"', "|", ">"))
        if kind == "str":
            return node.value
        if kind == "null":
            return None
        try:
            if kind == "int":
                return self.constructor.construct_yaml_int(node)
            if kind == "float":
                return self.constructor.construct_yaml_float(node)
            if kind == "bool":
                return self.constructor.construct_yaml_bool(node)
            # An unquoted date stays a date object, so a check for text fails with a hint to quote it.
            return self.constructor.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            self.fail(node, path, f"{node.value!r} cannot be read. Put it in quotes.")


def _shown_tag(tag: str) -> str:
    """A tag as the editor wrote it: `!!python/object`, not `tag:yaml.org,2002:python/object`."""
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _dotted(path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


dotted_path = _dotted
