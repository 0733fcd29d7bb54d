"""Bidirectional controls in a YAML document: a warning at each, as in a module's text.

An embedding, override or isolate (U+202A..U+202E, U+2066..U+2069) makes the text after it
display in another order than it is written ("Trojan Source"); in a title or a comment of a
course file it is as invisible in an editor as in a module (:mod:`.markdown.controls`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scormbuild.errors import Problem, warning
from scormbuild.source.text import BIDI_RE, REPORTED, bidi_message


@dataclass(frozen=True)
class YamlWarning:
    """Something in a YAML document that is not wrong, but likely not meant; ``line`` and
    ``column`` are 1-based."""

    message: str
    line: int
    column: int
    hint: str
    code: str

    def problem(self, path: str) -> Problem:
        """The warning as a problem of the file ``path``."""
        return warning(
            path, self.line, self.message, column=self.column, hint=self.hint, code=self.code
        )


# A YAML escape (in double quotes) of a bidirectional control, not itself escaped ('\\u202E').
_BIDI_ESCAPE_RE = re.compile(r"(?<!\\)(?:\\\\)*(\\(?:u|U0000)(20(?:2[a-eA-E]|6[6-9])))")
BIDI_HINT = "delete it unless the text needs it: most editors do not show it"


def bidi_warnings(text: str, root: Node | None, first_line: int = 1) -> list[YamlWarning]:
    """A warning at each bidirectional embedding, override or isolate of the document
    ``text`` (parsed into ``root``), written as it is (in a value, a key or a comment) or as an
    escape in a double-quoted text: the text after it displays in another order than it is
    written. At most :data:`~scormbuild.source.text.REPORTED`, then how many more there are."""
    # An escape starts with a backslash; the pattern alone, tried at every character, is slow.
    if not BIDI_RE.search(text) and ("\\" not in text or not _BIDI_ESCAPE_RE.search(text)):
        return []
    found = [(m.start(), "the character", m.group(0)) for m in BIDI_RE.finditer(text)]
    for node in _quoted(root):
        start, end = node.start_mark.index, node.end_mark.index
        for m in _BIDI_ESCAPE_RE.finditer(text, start, end):
            found.append((m.start(1), f"the escape '{m.group(1)}' stands for", chr(int(m[2], 16))))
    out = []
    for n, (at, what, char) in enumerate(sorted(found)):
        line = text.count("\n", 0, at) + first_line
        column = at - text.rfind("\n", 0, at)
        if n == REPORTED:
            more = f"{len(found) - REPORTED:,} more such characters in the document, the first here"
            out.append(YamlWarning(more, line, column, BIDI_HINT, "bidi"))
            break
        out.append(YamlWarning(bidi_message(what, char), line, column, BIDI_HINT, "bidi"))
    return out


def _quoted(root: Node | None) -> Iterator[ScalarNode]:
    """The double-quoted scalars under ``root`` whose text holds a bidirectional control."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style == '"' and BIDI_RE.search(node.value):
                yield node
        elif isinstance(node, MappingNode):
            stack += [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            stack += node.value
