"""YAML loading that remembers where every value came from, under limits.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both know the line of
each of their items, so validators can point at the exact line of a bad value.

A YAML document comes from whoever wrote the course, so it is parsed into nodes first and the
nodes are checked before any value is made (:mod:`.yamlcheck`: limits, characters XML forbids,
tags written on values). Each refusal is a :class:`YamlSyntaxError` at the offending line.
Words that YAML 1.1 would read as dates stay text: a course computes with no date.
A bidirectional override or isolate, written or as an escape, is a warning at its line and
column (:mod:`.yamlbidi`), as it is in a module's text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scormbuild.limits import YAML_DEPTH, YAML_NODES
from scormbuild.source.text import refused_or_bidi
from scormbuild.source.yamlbidi import YamlWarning, bidi_warnings
from scormbuild.source.yamlcheck import HINTS, MAX_DIGITS, check_nodes, too_deep
from scormbuild.source.yamlcheck import INT_TAG as _INT_TAG
from scormbuild.source.yamlcheck import YamlSyntaxError as YamlSyntaxError
from scormbuild.source.yamlerrors import explain


class LineDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based).

    ``words`` holds the values that YAML 1.1 words made true or false ('yes', 'No', 'off'),
    as written, by key: where a text is meant, :mod:`.yamlwords` reports them. ``quiet`` is
    true when the loader knows that no mapping or list under this one (itself included) has
    such a word: nothing to look for there.
    """

    line: int = 1
    lines: dict[str, int]
    words: Mapping[str, str] = MappingProxyType({})
    quiet: bool = False

    def line_of(self, key: str) -> int:
        """The line of ``key``, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based), and, in
    ``words``, the items that YAML 1.1 words made true or false, as written, by index;
    ``quiet`` as in :class:`LineDict`."""

    line: int = 1
    lines: list[int]
    words: Mapping[int, str] = MappingProxyType({})
    quiet: bool = False

    def line_of(self, index: int) -> int:
        """The line of item ``index``."""
        return self.lines[index] if index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    pass


# libyaml parses several times faster. Only documents it accepts are loaded with it: any
# error is reported by re-parsing with the pure-Python loader, so messages never change.
_CBase: Any = getattr(yaml, "CSafeLoader", None)


class _FastLoader(_CBase or yaml.SafeLoader):  # type: ignore[misc]
    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """PyYAML's ``resolve`` without what this loader never has (path resolvers, resolvers
        for any first character): libyaml's composer asks it for every node."""
        if kind is ScalarNode and implicit[0]:
            for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                if pattern.match(value):
                    return tag  # type: ignore[no-any-return]
        return _DEFAULT_TAGS[kind]


_STR_TAG, _MAP_TAG, _SEQ_TAG = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq"))
_DEFAULT_TAGS: dict[type[Node], str] = {
    ScalarNode: _STR_TAG, SequenceNode: _SEQ_TAG, MappingNode: _MAP_TAG,
}  # fmt: skip
# What a plain scalar can resolve to that the event builder makes (not merge '<<', value '=').
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float"))


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
    out = LineList([_construct(loader, child) for child in node.value])
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    words = {i: w for i, c in enumerate(node.value) if (w := _word(c, out[i])) is not None}
    if words:
        out.words = words
    return out


# A course has no dates to compute with, and YAML 1.1 reads '2024-02-30' as one and fails on
# it: words that look like dates stay text.
_NO_DATES = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    _cls.yaml_implicit_resolvers = _NO_DATES


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
    """The document's nodes checked (:func:`.yamlcheck.check_nodes`), then made into values;
    a plain document that libyaml parses, straight from its events (:class:`_EventBuilder`)."""
    if kind is _FastLoader and _plain(text):
        try:
            data = _EventBuilder(text, first_line - 1).document()
        except Exception:  # over a limit, or not plain after all: the node path says why
            pass
        else:
            found.clear()  # nothing to warn of: no bidirectional control, written or escaped
            return data
    loader = kind(text)
    try:
        node = loader.get_single_node()
        # Kept by load_yaml only if the document loads (None: no value, comments at most).
        found[:] = bidi_warnings(text, node, first_line)
        if node is None:
            return None
        check_nodes(node, first_line, loader)
        data = loader.construct_document(node)
        if first_line != 1:
            _shift(data, first_line - 1, set())
        return data
    except RecursionError:
        # Only the pure-Python parser recurses; libyaml stops at 1000 levels by itself.
        raise YamlSyntaxError(too_deep(), first_line, None, HINTS["deep"]) from None
    finally:
        loader.dispose()


def _plain(text: str) -> bool:
    """No anchor (``&name``): no node is met twice, a document's size is its count of nodes.
    No backslash (which starts an escape: ``\\x01``), no refused character: none in a text.
    No bidirectional control, which is warned of (:func:`bidi_warnings`) from the nodes."""
    # Its REFUSED_RE matches every character XML does not allow (XML_ILLEGAL_RE) too.
    return not ("&" in text or "\\" in text or refused_or_bidi(text))


class _EventBuilder:
    """A plain document's values (:func:`_plain`) as the node path makes them (check_nodes,
    construction, _shift), from libyaml's events in one pass: no node made (nodes, the
    composer's calls back for each and a walk over them took half of loading a quiz). Raises
    for anything it would not make alike (over a limit; a duplicate, merge or value key; a
    tag, anchor or alias; a key no scalar; more documents): the node path then does."""

    def __init__(self, text: str, offset: int) -> None:
        self.loader, self.offset, self.count = _FastLoader(text), offset, 1  # the root
        self.next: Callable[[], Any] = self.loader.get_event
        self.plain: dict[str, Any] = {}  # a plain scalar's text -> its value
        self.words = 0  # YAML 1.1 words found so far: which values are quiet

    def document(self) -> Any:
        try:
            self.next()  # the stream's start
            if type(self.next()) is StreamEndEvent:
                return None  # no document: comments at most
            event = self.next()
            data = self.scalar(event) if type(event) is ScalarEvent else self.collection(event, 1)
            if type(self.next()) is not DocumentEndEvent or type(self.next()) is not StreamEndEvent:
                raise ValueError("more than one document")
            if self.count > YAML_NODES:  # checked once: the count only grows
                raise ValueError("over a limit")
            return data
        finally:
            self.loader.dispose()

    def collection(self, event: Any, level: int) -> Any:
        """The mapping or list that ``event`` starts, at ``level``; a scalar child is made in
        the loop of its parent, without a call of its own (most nodes are scalars)."""
        kind = type(event)
        if kind is not MappingStartEvent and kind is not SequenceStartEvent:
            raise ValueError("an alias")
        if level > YAML_DEPTH or event.tag is not None or event.anchor is not None:
            raise ValueError("over a limit, or a tag or an anchor")
        return (self.mapping if kind is MappingStartEvent else self.sequence)(event, level + 1)

    def scalar(self, event: Any) -> Any:
        if event.tag is not None or event.anchor is not None:
            raise ValueError("a tag or an anchor")
        text = event.value
        if not event.implicit[0]:  # quoted, or a block scalar: a text
            return text
        value = self.plain.get(text, self)
        if value is self:
            tag = _STR_TAG  # _FastLoader.resolve, for a plain scalar
            for resolved, pattern in _NO_DATES.get(text[:1], ()):
                if pattern.match(text):
                    tag = resolved
                    break
            if tag == _STR_TAG:
                value = text
            elif tag not in _SCALAR_TAGS or (tag == _INT_TAG and len(text) > MAX_DIGITS):
                raise ValueError("a merge or value key, or a number over the limit")
            else:
                value = self.loader.construct_object(ScalarNode(tag, text), deep=True)
            self.plain[text] = value
        return value

    def mapping(self, start: Any, level: int) -> LineDict:
        """The mapping ``start`` starts, its keys and values at ``level``."""
        out, offset, get, scalar = LineDict(), self.offset, self.next, self.scalar
        out.line = start.start_mark.line + 1 + offset
        out.lines = lines = {}
        words: dict[str, str] = {}
        before, pairs, plain = self.words, 0, self.plain
        while type(event := get()) is not MappingEndEvent:
            line = event.start_mark.line + 1 + offset
            if type(event) is not ScalarEvent or level > YAML_DEPTH:
                raise ValueError("a key to construct the full way, or over a limit")
            # A key is nearly always a word met before: a text, whatever its quotes.
            key = plain.get(event.value) if event.tag is None else None
            if type(key) is not str:
                key = str(scalar(event))  # the same text when it is one
            if key in out:
                raise ValueError("a duplicate key")
            pairs += 1
            if type(item := get()) is not ScalarEvent:
                out[key] = self.collection(item, level)
            elif item.tag is None and not item.implicit[0]:  # quoted: a text
                out[key] = item.value
            else:
                out[key] = value = scalar(item)
                if isinstance(value, bool) and item.value.lower() not in ("true", "false"):
                    words[key] = item.value
            lines[key] = line
        self.count += 2 * pairs
        if words:
            out.words = words
            self.words += 1
        out.quiet = self.words == before
        return out

    def sequence(self, start: Any, level: int) -> LineList:
        """The list ``start`` starts, its items at ``level``."""
        out, offset, get, scalar = LineList(), self.offset, self.next, self.scalar
        out.line = start.start_mark.line + 1 + offset
        out.lines = lines = []
        words: dict[int, str] = {}
        before = self.words
        while type(event := get()) is not SequenceEndEvent:
            self.count += 1
            if type(event) is ScalarEvent:
                if level > YAML_DEPTH:
                    raise ValueError("over a limit")
                value = scalar(event)
                if isinstance(value, bool) and event.value.lower() not in ("true", "false"):
                    words[len(out)] = event.value
            else:
                value = self.collection(event, level)
            out.append(value)
            lines.append(event.start_mark.line + 1 + offset)
        if words:
            out.words = words
            self.words += 1
        out.quiet = self.words == before
        return out


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
                    raise YamlSyntaxError(too_deep(), line, column, HINTS["deep"])
            elif isinstance(event, yaml.CollectionEndEvent):
                level -= 1
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc):
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + first_line if mark else first_line
            column = mark.column + 1 if mark else None
            raise YamlSyntaxError(too_deep(), line, column, HINTS["deep"]) from None


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
