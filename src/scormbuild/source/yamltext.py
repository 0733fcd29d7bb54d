"""The text around a YAML error, as the rules of :mod:`scormbuild.source.yamlerrors` read it.

A YAML document's lines numbered as PyYAML numbers them, their indentation, the blocks open
above a line, the tokens before a place, and the shape of an explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.tokens import Token

# The line breaks PyYAML counts when it numbers lines.
_BREAK_RE = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# "key: value" on one line: the indentation, the key and the value.
KEY_VALUE_RE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):\s+(.*?)\s*$")


@dataclass(frozen=True)
class Explained:
    """A YAML error as the author should read it; ``line`` and ``column`` are 0-based."""

    message: str
    hint: str | None
    line: int | None
    column: int | None


class Text:
    """The document's lines, as PyYAML numbers them."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.lines = _BREAK_RE.split(text)
        self.first_line = first_line

    def number(self, line: int) -> int:
        """The file's number of ``line`` (0-based in the text), as messages name it."""
        return line + self.first_line

    def at(self, line: int) -> str:
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def indent(self, line: int) -> int:
        text = self.at(line)
        return len(text) - len(text.lstrip(" "))

    def is_item(self, line: int) -> bool:
        """Whether ``line`` is a list item ('- ...')."""
        return self.at(line).lstrip(" ").startswith("-")

    def content_column(self, line: int) -> int:
        """Where the content of ``line`` starts: after its indentation and any '- '."""
        text = self.at(line)
        found = re.match(r"(?:\s*-\s)*\s*", text)
        return found.end() if found else 0

    def previous(self, line: int) -> int | None:
        """The nearest line above ``line`` with content (not blank, not only a comment)."""
        for n in range(min(line, len(self.lines)) - 1, -1, -1):
            stripped = self.at(n).strip()
            if stripped and not stripped.startswith("#"):
                return n
        return None

    def open_levels(self, line: int) -> list[int]:
        """Lines above ``line`` that start its enclosing blocks: each less indented than the last.

        These are the indentations a line at ``line`` can line up with.
        """
        out: list[int] = []
        n = self.previous(line)
        while n is not None:
            if not out or self.indent(n) < self.indent(out[-1]):
                out.append(n)
                if self.indent(n) == 0:
                    break
            n = self.previous(n)
        return out


def spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def tokens_before(text: str, index: int) -> list[Token]:
    """The tokens PyYAML's scanner finds before the character ``index``."""
    tokens: list[Token] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def quoted(value: str) -> str:
    """``value`` as a YAML quoted scalar: double quotes, or single ones when it has a '"'."""
    if '"' not in value:
        return '"' + value.replace("\\", "\\\\") + '"'
    return "'" + value.replace("'", "''") + "'"


def needs_quotes(doc: Text, line: int, column: int | None, message: str) -> Explained:
    """``message`` with the line's value quoted as the hint."""
    found = KEY_VALUE_RE.match(doc.at(line))
    if found:
        hint = f"put the value in quotes: {found[2]}: {quoted(found[3])}"
    else:
        hint = "put the value in quotes"
    return Explained(message, hint, line, column)


def mark_of(exc: yaml.MarkedYAMLError) -> yaml.Mark:
    """Where the parser gave up (or, failing that, what it was reading)."""
    mark = exc.problem_mark or exc.context_mark
    assert mark is not None
    return mark


__all__ = [
    "KEY_VALUE_RE",
    "Explained",
    "Text",
    "mark_of",
    "needs_quotes",
    "quoted",
    "spaces",
    "tokens_before",
]
