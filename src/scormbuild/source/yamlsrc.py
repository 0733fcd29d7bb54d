"""YAML loading that remembers where every value came from.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both know the line of
each of their items, so validators can point at the exact line of a bad value.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class LineDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 1
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of ``key``, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 1
    lines: list[int]

    def line_of(self, index: int) -> int:
        """The line of item ``index``."""
        return self.lines[index] if index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    pass


# libyaml parses several times faster. Only documents it accepts are loaded with it: any
# error is reported by re-parsing with the pure-Python loader, so messages never change.
_CBase: Any = getattr(yaml, "CSafeLoader", None)


class _FastLoader(_CBase or yaml.SafeLoader):  # type: ignore[misc]
    pass


_STR_TAG = "tag:yaml.org,2002:str"


def _construct(loader: _Loader, node: Node) -> Any:
    # Most nodes are plain strings, whose value is the node's own text: skip the generic
    # constructor's bookkeeping for them (it would return the same text).
    if node.tag == _STR_TAG and isinstance(node, ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_mapping(loader: _Loader, node: MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if not isinstance(key, str):
            key = str(key)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = _construct(loader, value_node)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: SequenceNode) -> LineList:
    out = LineList(_construct(loader, child) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlSyntaxError(Exception):
    """A YAML document could not be parsed; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse one YAML document; line numbers are shifted so the text starts at ``first_line``."""
    try:
        data = yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        data = _load_slow(text, first_line)
    if first_line != 1:
        _shift(data, first_line - 1)
    return data


def _load_slow(text: str, first_line: int) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "<stream end>" in str(exc.problem):
            # An unclosed bracket or quote is found at the end of the text; the line where
            # it was opened is the one to fix.
            mark = exc.context_mark
        line = mark.line + first_line if mark else None
        column = mark.column + 1 if mark else None
        msg = f"YAML syntax error: {exc.problem or exc.context or 'invalid YAML'}"
        if exc.context and exc.problem:
            msg = f"YAML syntax error: {exc.context}, {exc.problem}"
        raise YamlSyntaxError(msg, line, column) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML error: {exc}", None, None) from None


def _shift(value: Any, offset: int) -> None:
    if isinstance(value, LineDict):
        value.line += offset
        value.lines = {k: v + offset for k, v in value.lines.items()}
        for item in value.values():
            _shift(item, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.lines = [v + offset for v in value.lines]
        for item in value:
            _shift(item, offset)
