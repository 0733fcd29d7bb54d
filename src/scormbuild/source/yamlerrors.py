"""YAML syntax errors in the author's words: what is wrong, on which line, how to fix it.

PyYAML says where its parser gave up ("mapping values are not allowed here", "expected
<block end>, but found '-'"). That place is often a line after the mistake, and the words
are the parser's. :func:`explain` looks at the text around it (the tokens before it, the
indentation of the lines above) and names the usual mistakes instead: a colon in a value
that needs quotes, wrong indentation, a tab, a quote or bracket never closed, a list where
keys belong, a line moved to the left (reported at that line, not at the one after it).
Anything else keeps the parser's words, with a general hint.

The messages are English, as every message of the command line is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.tokens import (
    FlowMappingEndToken,
    FlowSequenceEndToken,
    ScalarToken,
    Token,
)

# The line breaks PyYAML counts when it numbers lines.
_BREAK_RE = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# "key:value" with no space after the colon, as the start of a line (or of a list item).
_NO_SPACE_RE = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"{}\[\],][^:#]*?):([^\s:/])")
# "key: value" on one line: the indentation, the key and the value.
_KEY_VALUE_RE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):\s+(.*?)\s*$")
_CANNOT_START_RE = re.compile(r"found character '(.)' that cannot start any token")


@dataclass(frozen=True)
class Explained:
    """A YAML error as the author should read it; ``line`` and ``column`` are 0-based."""

    message: str
    hint: str | None
    line: int | None
    column: int | None


class _Text:
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


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def _tokens_before(text: str, index: int) -> list[Token]:
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


def explain(exc: yaml.MarkedYAMLError, text: str, first_line: int = 1) -> Explained:
    """The author's version of ``exc``, raised while parsing ``text``, which starts at line
    ``first_line`` of its file (the lines the messages name)."""
    doc = _Text(text, first_line)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else None
    column = mark.column if mark else None
    problem, context = str(exc.problem or ""), str(exc.context or "")
    for rule in (_tab, _cannot_start, _alias_or_tag, _unclosed_quote, _escape, _flow,
                 _duplicate, _colon, _block_end):  # fmt: skip
        found = rule(exc, problem, context, doc)
        if found is not None:
            return found
    words = f"{context}, {problem}" if context and problem else problem or context or "invalid"
    return Explained(
        f"YAML syntax error: {words}",
        "check this line and the one above it: colons, quotes, brackets and indentation",
        line,
        column,
    )


def _mark(exc: yaml.MarkedYAMLError) -> yaml.Mark:
    mark = exc.problem_mark or exc.context_mark
    assert mark is not None
    return mark


def _tab(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text) -> Explained | None:
    if "'\\t'" not in problem:
        return None
    mark = _mark(exc)
    leading = doc.at(mark.line)[: mark.column].strip(" ") == ""
    return Explained(
        "a tab in the indentation" if leading else "a tab where YAML does not allow one",
        "YAML indents with spaces only: replace the tab with spaces",
        mark.line,
        mark.column,
    )


def _cannot_start(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text
) -> Explained | None:
    found = _CANNOT_START_RE.search(problem)
    if found is None:
        return None
    mark = _mark(exc)
    return _needs_quotes(doc, mark.line, mark.column, f"a value cannot start with '{found[1]}'")


def _alias_or_tag(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text
) -> Explained | None:
    mark = _mark(exc)
    if problem.startswith("found undefined alias"):
        first = "*"
    elif "could not determine a constructor for the tag" in problem:
        first = "!"
    elif context.startswith("while scanning an ") or context.startswith("while scanning a tag"):
        # '*text', '&text' and '!text' are YAML's aliases, anchors and tags.
        first = {"alias": "*", "anchor": "&", "tag": "!"}.get(context.rsplit(" ", 1)[-1], "")
        if not first or exc.context_mark is None:
            return None
        mark = exc.context_mark
    else:
        return None
    why = f"a value cannot start with '{first}' (YAML reads it as markup of its own)"
    return _needs_quotes(doc, mark.line, mark.column, why)


def _needs_quotes(doc: _Text, line: int, column: int | None, message: str) -> Explained:
    found = _KEY_VALUE_RE.match(doc.at(line))
    if found:
        hint = f"put the value in quotes: {found[2]}: {quoted(found[3])}"
    else:
        hint = "put the value in quotes"
    return Explained(message, hint, line, column)


def _unclosed_quote(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text
) -> Explained | None:
    if "quoted scalar" not in context or "end of stream" not in problem or not exc.context_mark:
        return None
    start = exc.context_mark
    mark = doc.at(start.line)[start.column : start.column + 1] or '"'
    return Explained(
        f"the quote ({mark}) opened here is never closed",
        f"end the value with {mark} on this line",
        start.line,
        start.column,
    )


def _escape(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text) -> Explained | None:
    found = re.search(r"found unknown escape character '(.)'", problem)
    if found is None:
        return None
    mark = _mark(exc)
    return Explained(
        f"'\\{found[1]}' in double quotes: YAML reads a backslash there as the start of an escape",
        "write \\\\ for a backslash, or use single quotes ('...') around the value",
        mark.line,
        max(mark.column - 1, 0),  # at the backslash
    )


def _flow(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text) -> Explained | None:
    if not context.startswith("while parsing a flow") or exc.context_mark is None:
        return None
    start, mark = exc.context_mark, _mark(exc)
    is_list = "sequence" in context
    opener, closer = ("[", "]") if is_list else ("{", "}")
    if mark.line != start.line:
        items = "items" if is_list else "key: value pairs"
        form = (
            "write the items one per line below the key, each starting with '- '"
            if is_list
            else "write the keys one per line below, indented"
        )
        return Explained(
            f"the '{opener}' opened here is never closed",
            f"end the {items} with '{closer}' on this line, or {form}",
            start.line,
            start.column,
        )
    if "but got ':'" in problem:
        return Explained(
            f"a ':' inside '{opener}...{closer}'",
            "put the item that contains the colon in quotes",
            mark.line,
            mark.column,
        )
    return None


def _duplicate(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text
) -> Explained | None:
    found = re.match(r"duplicate key (.*)", problem)
    if found is None:
        return None
    mark = _mark(exc)
    first = f" (first on line {doc.number(exc.context_mark.line)})" if exc.context_mark else ""
    return Explained(
        f"the key {found[1]} is given twice{first}",
        "keep one of them",
        mark.line,
        mark.column,
    )


def _colon(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text) -> Explained | None:
    if problem != "mapping values are not allowed here":
        return None
    mark = _mark(exc)
    scalars = [t for t in _tokens_before(doc.text, mark.index) if isinstance(t, ScalarToken)]
    start = scalars[-1].start_mark.line if scalars else mark.line
    if start == mark.line:
        found = _KEY_VALUE_RE.match(doc.at(mark.line))
        what = f"the value of '{found[2]}'" if found else "a value"
        return _needs_quotes(doc, mark.line, mark.column, f"{what} has a ': ' in it")
    # The value of line ``start`` runs on into the line with the colon: the mistake is on
    # ``start`` (a missing space, a line moved left) or the colon's line is indented too far.
    text = doc.at(start)
    no_space = _NO_SPACE_RE.match(text)
    if no_space:
        key = no_space[1]
        return Explained(
            f"no space after the ':' of '{key}'",
            f"write '{key}: ' with a space; a ':' with no space after it is part of a text",
            start,
            no_space.end(1),
        )
    above = doc.previous(start)
    if above is not None and doc.indent(above) > doc.indent(start):
        # Line it up with what it most likely belongs to: the keys of the line above (after
        # its '- ', if any), or that line's own '- ' when it is a list item too.
        target = doc.content_column(above)
        if doc.is_item(start) and doc.is_item(above):
            target = doc.indent(above)
        return Explained(
            "this line is indented less than the lines before and after it",
            f"indent it like the line above ({_spaces(target)}); the line after it is "
            "indented more, so YAML reads that line as part of this one",
            start,
            doc.indent(start),
        )
    return Explained(
        f"this line is indented more than line {doc.number(start)} above it, as if it continued "
        "that line's value",
        f"line up its key with the keys of line {doc.number(start)} ({_spaces(doc.indent(start))}"
        "), or put a value that goes on over several lines in quotes",
        mark.line,
        doc.indent(mark.line),
    )


def _block_end(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: _Text
) -> Explained | None:
    if not problem.startswith("expected <block end>, but found"):
        return None
    mark = _mark(exc)
    tokens = _tokens_before(doc.text, mark.index)
    last = tokens[-1] if tokens else None
    if isinstance(last, ScalarToken) and last.style in ("'", '"'):
        if last.start_mark.line != last.end_mark.line:
            quote = doc.at(last.start_mark.line)[last.start_mark.column]
            closes = doc.number(last.end_mark.line)
            return Explained(
                f"the quote ({quote}) opened here closes only on line {closes}",
                f"end the value with {quote} on this line",
                last.start_mark.line,
                last.start_mark.column,
            )
        if last.end_mark.line == mark.line:
            return _needs_quotes(doc, mark.line, mark.column, "text after the closing quote")
    flow_end = isinstance(last, FlowMappingEndToken | FlowSequenceEndToken)
    if flow_end and last is not None and last.end_mark.line == mark.line:
        why = "a value that starts with '{' or '[' is read as a mapping or a list"
        return _needs_quotes(doc, mark.line, mark.column, why)
    is_item = problem.endswith("'-'")
    if is_item and "block mapping" in context:
        return _item_among_keys(doc, mark.line)
    return _indentation(doc, mark.line)


def _item_among_keys(doc: _Text, line: int) -> Explained:
    """A '- item' line where the block holds 'key: value' lines."""
    hint = "a list goes below its key, one item a line: 'keywords:' then '  - first'"
    # The block just above, indented more than this line: is it a list this item left?
    n = doc.previous(line)
    while n is not None and doc.indent(n) > doc.indent(line):
        if doc.at(n).lstrip(" ").startswith("- "):
            hint = f"if it belongs to the list above, indent it like line {doc.number(n)}"
            hint += f" ({_spaces(doc.indent(n))})"
            break
        n = doc.previous(n)
    return Explained(
        "a list item ('- ') where this block has 'key: value' lines",
        hint,
        line,
        doc.indent(line),
    )


def _indentation(doc: _Text, line: int) -> Explained | None:
    """A line whose indentation lines up with none of the blocks open above it."""
    own = doc.indent(line)
    levels = doc.open_levels(line)
    if not levels or own in {doc.indent(n) for n in levels}:
        return None
    is_item = doc.is_item(line)
    same = [n for n in levels if doc.is_item(n) == is_item]
    closest = sorted(same or levels, key=lambda n: (abs(doc.indent(n) - own), -n))[:1]
    hint = "indent it like the lines it belongs with"
    if closest:
        n = closest[0]
        hint = f"indent it like line {doc.number(n)} ({_spaces(doc.indent(n))})"
    return Explained(
        f"wrong indentation: this line is indented by {_spaces(own)}, which lines up with "
        "none of the lines above it",
        hint,
        line,
        own,
    )


__all__ = ["Explained", "explain", "quoted"]
