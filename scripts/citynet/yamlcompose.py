"""Compose YAML text into nodes, with the line and column of each, refusing what records never need.

libyaml's parser and composer (in PyYAML's wheels) are some fifteen times faster than PyYAML
alone, which counts at hundreds of records; where they meet an alias or deep nesting, the text is
composed again by the strict reader, whose messages editors see. citynet/yamlio.py
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


try:  # libyaml, in PyYAML's wheels; PyYAML's own parser and composer are the fallback
    from yaml._yaml import CParser, get_version
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None
# From 0.2.5 on, libyaml stops at 1,000 levels of nesting: its composer (C, recursive) is safe on
# any input. Older versions are left to the Python composer.
_NATIVE = CParser is not None and get_version() >= (0, 2, 5)


class _Refused(Exception):
    """The fast reader met something the strict reader explains: read the file again with it."""


if _NATIVE:

    class _NativeLoader(CParser, yaml.resolver.Resolver):
        """libyaml's parser and composer with PyYAML's tag resolution: the same nodes and positions
        as PyYAML's composer over the same parser (the way before), in half its time."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.resolver.Resolver.__init__(self)


def _native_compose(text: str):
    loader = _NativeLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    # libyaml resolves an alias to the node of its anchor, so an alias is a node met twice; deep
    # nesting is counted here too. Either goes to the strict reader, which points at it.
    seen, stack = set(), [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH or id(node) in seen:
            raise _Refused
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return root


def compose(text: str):
    """Compose with the fast reader; on any trouble, again with the strict one for its message."""
    if _NATIVE:
        try:
            return _native_compose(text)
        except (_Refused, yaml.YAMLError):
            pass
    return yaml.compose(text, Loader=_StrictLoader)
