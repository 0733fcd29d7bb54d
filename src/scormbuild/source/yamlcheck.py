"""The nodes of a YAML document checked before any value is made from them.

A YAML document comes from whoever wrote the course: aliases may repeat a value but not
without bound (an alias bomb) nor inside itself; nesting, size and the digits of a number are
capped (:mod:`scormbuild.limits`); no text may hold a character that XML forbids; and no value
carries a tag of its own (``!!int x``, ``!!map [1]``), whose constructor would fail in ways no
author could read. Each refusal is a :class:`YamlSyntaxError` at the offending line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scormbuild.errors import Problem, error
from scormbuild.limits import YAML_DEPTH, YAML_NODES
from scormbuild.source.text import REFUSED_RE

# What XML 1.0 does not allow in a document, whatever the escaping: NUL and the other C0
# controls except tab and line breaks, lone surrogates, U+FFFE and U+FFFF. Listed, not as the
# complement of what XML allows: compiling that class's wide ranges cost 50 million
# instructions, a start of every process.
XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
INT_TAG, STR_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:str"
MAX_DIGITS = 100  # a whole number this long is no count, score or answer
_NUMBER_TAGS = frozenset({INT_TAG, "tag:yaml.org,2002:float"})
_COLLECTION_TAGS: dict[type[Node], str] = {
    MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
}


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


def too_deep() -> str:
    return f"YAML nested more than {YAML_DEPTH} levels deep, the limit"


HINTS = {
    "deep": "course files need a few levels at most: check the brackets and the indentation",
    "size": "write the values out; an alias (*name) may repeat a value, not multiply it",
    "alias": "an alias (*name) cannot stand inside the value its anchor (&name) names",
    "char": "delete it: a course text cannot hold it, as it is or as an escape (\\v, \\x1f, \\0)",
    "digits": "write it as text in quotes, or as a smaller number",
    "number": "write it as text in quotes, or as a number (digits after 0b or 0x)",
}


def check_nodes(root: Node, first_line: int, resolver: Any) -> None:
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
                raise _limit(node, first_line, too_deep(), "deep")
            continue
        if level > YAML_DEPTH:
            raise _limit(node, first_line, too_deep(), "deep")
        _check_tag(node, resolver)
        if isinstance(node, ScalarNode):
            _check_scalar(node, first_line, resolver)
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


def _check_tag(node: Node, resolver: Any) -> None:
    """Refuse a tag written on a value (``!!int x``), as YAML refuses one it does not know:
    only ``!!str`` is harmless, the value is then its text."""
    if isinstance(node, ScalarNode):
        # A plain scalar's style is None, or '' from libyaml: both mean no quotes.
        if node.tag == STR_TAG or (
            not node.style and node.tag == resolver.resolve(ScalarNode, node.value, (True, False))
        ):
            return
    elif node.tag == _COLLECTION_TAGS.get(type(node)):
        return
    problem = f"could not determine a constructor for the tag {node.tag!r}"  # yamlerrors.py's words
    raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


def _check_scalar(node: ScalarNode, first_line: int, loader: Any) -> None:
    for pattern, which in ((XML_ILLEGAL_RE, "XML does not allow"), (REFUSED_RE, _PAGE)):
        bad = pattern.search(node.value)  # REFUSED_RE: DEL, C1, noncharacters: XML takes them
        if bad:
            message = f"the text holds the character U+{ord(bad.group(0)):04X}, which {which}"
            raise _limit(node, first_line, message, "char")
    if node.tag == INT_TAG and len(node.value) > MAX_DIGITS:
        raise _limit(node, first_line, f"a number of more than {MAX_DIGITS} digits", "digits")
    if node.tag in _NUMBER_TAGS:
        # YAML 1.1 takes '0b_' and '0x_' for whole numbers that its constructor cannot make.
        try:
            loader.yaml_constructors[node.tag](loader, node)
        except ValueError:
            message = f"'{node.value}' looks like a number, but it is none"
            raise _limit(node, first_line, message, "number") from None


def _limit(node: Node, first_line: int, message: str, kind: str) -> YamlSyntaxError:
    mark = node.start_mark
    return YamlSyntaxError(message, mark.line + first_line, mark.column + 1, HINTS[kind])
