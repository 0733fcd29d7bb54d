"""YAML errors of blocks and indentation, in the author's words (see :mod:`.yamlerrors`).

PyYAML's "expected <block end>, but found ..." and "could not find expected ':'" come from a
line that does not fit the block it is in: indented to no level above it, a list item among
keys, a key among list items, a line without its colon. Each rule here names that line and
the line it most likely belongs with.
"""

from __future__ import annotations

import re

import yaml
from yaml.tokens import FlowMappingEndToken, FlowSequenceEndToken, ScalarToken

from scormbuild.source.yamltext import (
    KEY_VALUE_RE,
    Explained,
    Text,
    mark_of,
    needs_quotes,
    spaces,
    tokens_before,
)

# A line that opens a block text: 'key: |', 'key: >-', ...
_BLOCK_TEXT_RE = re.compile(r":\s+[|>][-+0-9]*\s*(#.*)?$")


def block_end(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text) -> Explained | None:
    """A line that ends a block where the parser expected more of it (or its end)."""
    if not problem.startswith("expected <block end>, but found"):
        return None
    mark = mark_of(exc)
    tokens = tokens_before(doc.text, mark.index)
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
            return needs_quotes(doc, mark.line, mark.column, "text after the closing quote")
    flow_end = isinstance(last, FlowMappingEndToken | FlowSequenceEndToken)
    if flow_end and last is not None and last.end_mark.line == mark.line:
        why = "a value that starts with '{' or '[' is read as a mapping or a list"
        return needs_quotes(doc, mark.line, mark.column, why)
    if problem.endswith("'-'") and "block mapping" in context:
        return _item_among_keys(doc, mark.line)
    found = _indentation(doc, mark.line)
    if found is None and problem.endswith("'?'") and "block collection" in context:
        return _key_among_items(doc, mark.line)
    return found


def _item_among_keys(doc: Text, line: int) -> Explained:
    """A '- item' line where the block holds 'key: value' lines."""
    hint = "a list goes below its key, one item a line: 'keywords:' then '  - first'"
    # The block just above, indented more than this line: is it a list this item left?
    n = doc.previous(line)
    while n is not None and doc.indent(n) > doc.indent(line):
        if doc.at(n).lstrip(" ").startswith("- "):
            hint = f"if it belongs to the list above, indent it like line {doc.number(n)}"
            hint += f" ({spaces(doc.indent(n))})"
            break
        n = doc.previous(n)
    else:  # or one it is indented too far for: the list it follows, above and to the left
        items = [n for n in doc.open_levels(line) if doc.is_item(n)]
        if items and doc.indent(items[0]) < doc.indent(line):
            n = items[0]
            hint = f"if it is the next item of the list of line {doc.number(n)}, indent it "
            hint += f"like that line ({spaces(doc.indent(n))})"
    return Explained(
        "a list item ('- ') where this block has 'key: value' lines",
        hint,
        line,
        doc.indent(line),
    )


def _key_among_items(doc: Text, line: int) -> Explained:
    """A 'key: value' line at the indentation of a list's '- ' items."""
    own = doc.indent(line)
    item = doc.previous(line)
    while item is not None and not (doc.indent(item) == own and doc.is_item(item)):
        item = doc.previous(item)
    hint = "start it with '- ' if it is an item of the list, or move it out of the list"
    if item is not None and KEY_VALUE_RE.match(doc.at(item)):
        column = doc.content_column(item)
        hint = (
            f"if it belongs to the item of line {doc.number(item)}, indent it like the key "
            f"after that line's '- ' ({spaces(column)}); if it starts a new item, begin it "
            "with '- '"
        )
    return Explained("a 'key: value' line among the items ('- ') of a list", hint, line, own)


def _indentation(doc: Text, line: int) -> Explained | None:
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
        hint = f"indent it like line {doc.number(n)} ({spaces(doc.indent(n))})"
    return Explained(
        f"wrong indentation: this line is indented by {spaces(own)}, which lines up with "
        "none of the lines above it",
        hint,
        line,
        own,
    )


def no_colon(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text) -> Explained | None:
    """A line among 'key: value' lines with no colon: most often a text that goes on."""
    if "could not find expected ':'" not in problem or exc.context_mark is None:
        return None
    line = exc.context_mark.line
    if context != "while scanning a simple key" or doc.at(line).strip().startswith("-"):
        return None
    above = doc.previous(line)
    if above is not None and _BLOCK_TEXT_RE.search(doc.at(above)):
        hint = (
            f"the text of the '|' or '>' on line {doc.number(above)} goes on lines indented "
            f"more than that line ({spaces(doc.indent(above) + 2)} or more)"
        )
    elif above is not None and KEY_VALUE_RE.match(doc.at(above)):
        hint = (
            f"if it goes on with the text of line {doc.number(above)}, indent it more than "
            f"that line's key ({spaces(doc.content_column(above) + 2)}); otherwise write it "
            "as 'key: value'"
        )
    else:
        hint = "write it as 'key: value'"
    return Explained("a line with no ':' among 'key: value' lines", hint, line, doc.indent(line))


__all__ = ["block_end", "no_colon"]
