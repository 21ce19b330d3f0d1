"""Compose YAML text into nodes, with the line and column of each, refusing what records never need.

libyaml's parser (in PyYAML's wheels) with PyYAML's own composer is about ten times faster than
PyYAML alone, which counts at hundreds of records; it gives up on aliases and deep nesting, and
the text is then composed again by the strict reader, whose messages editors see. citynet/yamlio.py
turns the nodes into data.
"""

from __future__ import annotations

import yaml

MAX_DEPTH = 24


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
        `compose` then composes the text again with _StrictLoader, whose messages editors see."""

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


def compose(text: str):
    """Compose with the fast reader; on any trouble, again with the strict one for its message."""
    if CParser is not None:
        try:
            return yaml.compose(text, Loader=_FastStrictLoader)
        except (_Refused, yaml.YAMLError, RecursionError):
            pass
    return yaml.compose(text, Loader=_StrictLoader)
