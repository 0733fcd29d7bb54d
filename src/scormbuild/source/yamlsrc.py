"""YAML loading that remembers where every value came from, under limits.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both know the line of
each of their items, so validators can point at the exact line of a bad value.

A YAML document comes from whoever wrote the course, so it is parsed into nodes first and the
nodes are checked before any value is made (:func:`_check_nodes`): aliases may repeat a value
but not without bound (an alias bomb) nor inside itself; nesting, size and the digits of a
number are capped (:mod:`scormbuild.limits`); and no text may hold a character that XML
forbids (NUL, most control characters, U+FFFE, lone surrogates), since every text ends up in
the manifest or a page. Each refusal is a :class:`YamlSyntaxError` at the offending line.
A bidirectional override or isolate, written or as an escape, is a warning at its line and
column (:mod:`.yamlbidi`), as it is in a module's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scormbuild.errors import Problem, error
from scormbuild.limits import YAML_DEPTH, YAML_NODES
from scormbuild.source.text import REFUSED_RE
from scormbuild.source.yamlbidi import YamlWarning, bidi_warnings
from scormbuild.source.yamlerrors import explain

# What XML 1.0 does not allow in a document, whatever the escaping: NUL and the other C0
# controls except tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
XML_ILLEGAL_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_INT_TAG = "tag:yaml.org,2002:int"
MAX_DIGITS = 100  # a whole number this long is no count, score or answer


class LineDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based).

    ``words`` holds the values that YAML 1.1 words made true or false ('yes', 'No', 'off'),
    as written, by key: where a text is meant, :mod:`.yamlwords` reports them.
    """

    line: int = 1
    lines: dict[str, int]
    words: Mapping[str, str] = MappingProxyType({})

    def line_of(self, key: str) -> int:
        """The line of ``key``, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based), and, in
    ``words``, the items that YAML 1.1 words made true or false, as written, by index."""

    line: int = 1
    lines: list[int]
    words: Mapping[int, str] = MappingProxyType({})

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


_STR_TAG, _MAP_TAG, _SEQ_TAG = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq"))
# Keys that flatten_mapping rewrites (merge '<<', value '='): made the full way.
_KEY_TAGS = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


def _construct(loader: _Loader, node: Node) -> Any:
    # Most nodes are plain strings, whose value is the node's own text: skip the generic
    # constructor's bookkeeping for them (it would return the same text).
    if node.tag == _STR_TAG and isinstance(node, ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


def _word(node: Node, value: Any) -> str | None:
    """The text of a true or false that YAML 1.1 read from a word other than true/false."""
    if isinstance(value, bool) and isinstance(node, ScalarNode):
        return node.value if node.value.lower() not in ("true", "false") else None
    return None


def _construct_mapping(loader: _Loader, node: MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    words: dict[str, str] = {}
    marks: dict[str, yaml.Mark] = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if not isinstance(key, str):
            key = str(key)
        if key in out:
            raise yaml.constructor.ConstructorError(
                "first given", marks[key], f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = _construct(loader, value_node)
        out.lines[key] = key_node.start_mark.line + 1
        word = _word(value_node, out[key])
        if word is not None:
            words[key] = word
        marks[key] = key_node.start_mark
    if words:
        out.words = words
    return out


def _construct_sequence(loader: _Loader, node: SequenceNode) -> LineList:
    return _line_list([_construct(loader, child) for child in node.value], node, 0)


def _line_list(items: list[Any], node: SequenceNode, offset: int) -> LineList:
    out = LineList(items)
    out.line = node.start_mark.line + 1 + offset
    out.lines = [child.start_mark.line + 1 + offset for child in node.value]
    words = {i: w for i, c in enumerate(node.value) if (w := _word(c, out[i])) is not None}
    if words:
        out.words = words
    return out


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlSyntaxError(Exception):
    """A YAML document could not be parsed, or is over a limit; ``line`` and ``column`` are
    1-based, ``hint`` says what to do when there is more to say than the message."""

    def __init__(
        self, message: str, line: int | None, column: int | None, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint

    def problem(self, path: str) -> Problem:
        """The error as a problem of the file ``path``."""
        return error(path, self.line, self.message, column=self.column, hint=self.hint)


def load_yaml(text: str, first_line: int = 1, warnings: list[YamlWarning] | None = None) -> Any:
    """Parse one YAML document; line numbers are shifted so the text starts at ``first_line``.

    Raises :class:`YamlSyntaxError` for a syntax error and for a document over the limits.
    With ``warnings``, what :func:`bidi_warnings` finds in a document that loads goes there.
    """
    found: list[YamlWarning] = []
    try:
        data = _load(_FastLoader, text, first_line, found)
    except yaml.YAMLError:
        _check_depth(text, first_line)
        data = _load_slow(text, first_line, found)
    if warnings is not None:
        warnings += found
    return data


def _load(kind: Any, text: str, first_line: int, found: list[YamlWarning]) -> Any:
    """The document's nodes checked (:func:`_check_nodes`), then made into values."""
    loader = kind(text)
    try:
        node = loader.get_single_node()
        # Kept by load_yaml only if the document loads (None: no value, comments at most).
        found[:] = bidi_warnings(text, node, first_line)
        if node is None:
            return None
        if _plain(text):
            try:
                data = _PlainBuilder(loader, first_line - 1).build(node, 1)
            except Exception:  # over a limit, or not plain after all: the full way says why
                loader.constructed_objects, loader.recursive_objects = {}, {}
            else:
                return data
        _check_nodes(node, first_line)
        data = loader.construct_document(node)
        if first_line != 1:
            _shift(data, first_line - 1, set())
        return data
    except RecursionError:
        # Only the pure-Python parser recurses; libyaml stops at 1000 levels by itself.
        raise YamlSyntaxError(_too_deep(), first_line, None, HINTS["deep"]) from None
    finally:
        loader.dispose()


def _too_deep() -> str:
    return f"YAML nested more than {YAML_DEPTH} levels deep, the limit"


HINTS = {
    "deep": "course files need a few levels at most: check the brackets and the indentation",
    "size": "write the values out; an alias (*name) may repeat a value, not multiply it",
    "alias": "an alias (*name) cannot stand inside the value its anchor (&name) names",
    "char": "delete it: a course text cannot hold it, as it is or as an escape (\\v, \\x1f, \\0)",
    "digits": "write it as text in quotes, or as a smaller number",
}


def _plain(text: str) -> bool:
    """No anchor (``&name``): no node is met twice, a document's size is its count of nodes.
    No backslash (which starts an escape: ``\\x01``), no refused character: none in a text."""
    refused = XML_ILLEGAL_RE.search(text) or REFUSED_RE.search(text)
    return not ("&" in text or "\\" in text or refused)


class _PlainBuilder:
    """A plain document's values (:func:`_plain`) as :func:`_check_nodes`, construction and
    :func:`_shift` make them, in one walk (the three took a third of loading a quiz). Raises
    for anything it would not make alike (a value over a limit; a duplicate, merge or value
    key; a tag of its own; a key no scalar): the full way then reports what it reports."""

    def __init__(self, loader: Any, offset: int) -> None:
        self.loader, self.offset, self.count = loader, offset, 0

    def build(self, node: Node, level: int) -> Any:
        self.count += 1
        if self.count > YAML_NODES or level > YAML_DEPTH:
            raise ValueError("over a limit")
        if isinstance(node, ScalarNode):
            if node.tag == _STR_TAG:
                return node.value
            if node.tag == _INT_TAG and len(node.value) > MAX_DIGITS:
                raise ValueError("over a limit")
            return self.loader.construct_object(node, deep=True)
        if isinstance(node, MappingNode) and node.tag == _MAP_TAG:
            return self._mapping(node, level)
        if isinstance(node, SequenceNode) and node.tag == _SEQ_TAG:
            items = [self.build(child, level + 1) for child in node.value]
            return _line_list(items, node, self.offset)
        raise ValueError("a tag of its own")

    def _mapping(self, node: MappingNode, level: int) -> LineDict:
        out = LineDict()
        out.line = node.start_mark.line + 1 + self.offset
        out.lines = {}
        words: dict[str, str] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag in _KEY_TAGS:
                raise ValueError("a key to construct the full way")
            key = self.build(key_node, level + 1)
            key = key if isinstance(key, str) else str(key)
            if key in out:
                raise ValueError("a duplicate key")
            out[key] = value = self.build(value_node, level + 1)
            out.lines[key] = key_node.start_mark.line + 1 + self.offset
            word = _word(value_node, value)
            if word is not None:
                words[key] = word
        if words:
            out.words = words
        return out


def _check_nodes(root: Node, first_line: int) -> None:
    """Refuse a document over the limits, at the line of the node that goes over.

    Each distinct node is visited once (an alias is the node it names, met again), and its
    size counts every alias expanded: what anything walking the values would meet. Nesting is
    counted from the top, so the error names where the document got too deep.
    """
    size: dict[Node, int] = {}  # nodes hash by identity
    height: dict[Node, int] = {}
    open_: set[Node] = set()
    stack: list[tuple[Node, int, list[Node] | None]] = [(root, 1, None)]
    while stack:
        node, level, children = stack.pop()
        if children is not None:  # every child done
            size[node] = total = 1 + sum(size[c] for c in children)
            height[node] = 1 + max((height[c] for c in children), default=0)
            open_.discard(node)
            if total > YAML_NODES:
                message = (
                    f"YAML document with more than {YAML_NODES} values once its aliases are "
                    "expanded, the limit"
                )
                raise _limit(node, first_line, message, "size")
            continue
        if node in size:  # met again through an alias: as deep as it is from here
            if level + height[node] - 1 > YAML_DEPTH:
                raise _limit(node, first_line, _too_deep(), "deep")
            continue
        if level > YAML_DEPTH:
            raise _limit(node, first_line, _too_deep(), "deep")
        if isinstance(node, ScalarNode):
            _check_scalar(node, first_line)
            size[node] = height[node] = 1
            continue
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = list(node.value)
        open_.add(node)
        stack.append((node, level, children))
        for child in children:
            if child in open_:
                raise _limit(child, first_line, "a YAML alias inside the value it names", "alias")
            stack.append((child, level + 1, None))


_PAGE = "a page cannot hold"


def _check_scalar(node: ScalarNode, first_line: int) -> None:
    for pattern, which in ((XML_ILLEGAL_RE, "XML does not allow"), (REFUSED_RE, _PAGE)):
        bad = pattern.search(node.value)  # REFUSED_RE: DEL, C1, noncharacters: XML takes them
        if bad:
            message = f"the text holds the character U+{ord(bad.group(0)):04X}, which {which}"
            raise _limit(node, first_line, message, "char")
    if node.tag == _INT_TAG and len(node.value) > MAX_DIGITS:
        raise _limit(node, first_line, f"a number of more than {MAX_DIGITS} digits", "digits")


def _limit(node: Node, first_line: int, message: str, kind: str) -> YamlSyntaxError:
    mark = node.start_mark
    return YamlSyntaxError(message, mark.line + first_line, mark.column + 1, HINTS[kind])


def _check_depth(text: str, first_line: int) -> None:
    """Before the slow parser (which recurses) reads a document that libyaml refused: refuse
    nesting over the limit, found in the events libyaml gives up to its error."""
    level = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                level += 1
                if level > YAML_DEPTH:
                    mark = event.start_mark
                    line = mark.line + first_line if mark else first_line
                    column = mark.column + 1 if mark else None
                    raise YamlSyntaxError(_too_deep(), line, column, HINTS["deep"])
            elif isinstance(event, yaml.CollectionEndEvent):
                level -= 1
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc):
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + first_line if mark else first_line
            column = mark.column + 1 if mark else None
            raise YamlSyntaxError(_too_deep(), line, column, HINTS["deep"]) from None


def _load_slow(text: str, first_line: int, found: list[YamlWarning]) -> Any:
    try:
        return _load(_Loader, text, first_line, found)
    except yaml.MarkedYAMLError as exc:
        # In the author's words, at the line of the mistake (yamlerrors.py).
        said = explain(exc, text, first_line)
        line = None if said.line is None else said.line + first_line
        column = None if said.column is None else said.column + 1
        raise YamlSyntaxError(said.message, line, column, said.hint) from None
    except yaml.reader.ReaderError as exc:
        # A control character written as it is (not escaped): YAML refuses it while reading.
        index = exc.position
        line = text.count("\n", 0, index) + first_line
        column = index - text.rfind("\n", 0, index)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"the text holds the character U+{code:04X}, which YAML does not allow"
        raise YamlSyntaxError(message, line, column, HINTS["char"]) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML error: {exc}", None, None) from None


def _shift(value: Any, offset: int, seen: set[int]) -> None:
    """Move every line by ``offset``; a value an alias repeats is one object, moved once."""
    if id(value) in seen:
        return
    if isinstance(value, LineDict):
        seen.add(id(value))
        value.line += offset
        value.lines = {k: v + offset for k, v in value.lines.items()}
        for item in value.values():
            _shift(item, offset, seen)
    elif isinstance(value, LineList):
        seen.add(id(value))
        value.line += offset
        value.lines = [v + offset for v in value.lines]
        for item in value:
            _shift(item, offset, seen)
