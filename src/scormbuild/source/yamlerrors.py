"""YAML syntax errors in the author's words: what is wrong, on which line, how to fix it.

PyYAML says where its parser gave up ("mapping values are not allowed here", "expected
<block end>, but found '-'"). That place is often a line after the mistake, and the words
are the parser's. :func:`explain` looks at the text around it (the tokens before it, the
indentation of the lines above) and names the usual mistakes instead: a colon in a value
that needs quotes, wrong indentation, a tab, a quote or bracket never closed, a list where
keys belong or a key among list items, a line without its colon, a line moved to the left
(reported at that line, not at the one after it). Anything else keeps the parser's words,
with a general hint. The rules about blocks and indentation are in
:mod:`scormbuild.source.yamlblocks`; what both read of the text, in
:mod:`scormbuild.source.yamltext`.

The messages are English, as every message of the command line is.
"""

from __future__ import annotations

import re

import yaml
from yaml.tokens import ScalarToken

from scormbuild.source.yamlblocks import block_end, no_colon
from scormbuild.source.yamltext import (
    KEY_VALUE_RE,
    Explained,
    Text,
    mark_of,
    needs_quotes,
    quoted,
    spaces,
    tokens_before,
)

# "key:value" with no space after the colon, as the start of a line (or of a list item).
_NO_SPACE_RE = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"{}\[\],][^:#]*?):([^\s:/])")
_CANNOT_START_RE = re.compile(r"found character '(.)' that cannot start any token")


def explain(exc: yaml.MarkedYAMLError, text: str, first_line: int = 1) -> Explained:
    """The author's version of ``exc``, raised while parsing ``text``, which starts at line
    ``first_line`` of its file (the lines the messages name)."""
    doc = Text(text, first_line)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else None
    column = mark.column if mark else None
    problem, context = str(exc.problem or ""), str(exc.context or "")
    for rule in (_tab, _cannot_start, _alias_or_tag, _unclosed_quote, _escape, _flow,
                 _duplicate, _colon, _item_after_key, _second_document, block_end,
                 no_colon):  # fmt: skip
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


def _tab(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text) -> Explained | None:
    if "'\\t'" not in problem:
        return None
    mark = mark_of(exc)
    leading = doc.at(mark.line)[: mark.column].strip(" ") == ""
    return Explained(
        "a tab in the indentation" if leading else "a tab where YAML does not allow one",
        "YAML indents with spaces only: replace the tab with spaces",
        mark.line,
        mark.column,
    )


def _cannot_start(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text
) -> Explained | None:
    found = _CANNOT_START_RE.search(problem)
    if found is None:
        return None
    mark = mark_of(exc)
    return needs_quotes(doc, mark.line, mark.column, f"a value cannot start with '{found[1]}'")


def _alias_or_tag(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text
) -> Explained | None:
    mark = mark_of(exc)
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
    return needs_quotes(doc, mark.line, mark.column, why)


def _unclosed_quote(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text
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


def _escape(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text) -> Explained | None:
    found = re.search(r"found unknown escape character '(.)'", problem)
    if found is None:
        return None
    mark = mark_of(exc)
    return Explained(
        f"'\\{found[1]}' in double quotes: YAML reads a backslash there as the start of an escape",
        "write \\\\ for a backslash, or use single quotes ('...') around the value",
        mark.line,
        max(mark.column - 1, 0),  # at the backslash
    )


def _flow(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text) -> Explained | None:
    if not context.startswith("while parsing a flow") or exc.context_mark is None:
        return None
    start, mark = exc.context_mark, mark_of(exc)
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
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text
) -> Explained | None:
    found = re.match(r"duplicate key (.*)", problem)
    if found is None:
        return None
    mark = mark_of(exc)
    first = f" (first on line {doc.number(exc.context_mark.line)})" if exc.context_mark else ""
    return Explained(
        f"the key {found[1]} is given twice{first}",
        "keep one of them",
        mark.line,
        mark.column,
    )


def _colon(exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text) -> Explained | None:
    if problem != "mapping values are not allowed here":
        return None
    mark = mark_of(exc)
    scalars = [t for t in tokens_before(doc.text, mark.index) if isinstance(t, ScalarToken)]
    start = scalars[-1].start_mark.line if scalars else mark.line
    if start == mark.line:
        found = KEY_VALUE_RE.match(doc.at(mark.line))
        what = f"the value of '{found[2]}'" if found else "a value"
        return needs_quotes(doc, mark.line, mark.column, f"{what} has a ': ' in it")
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
            f"indent it like the line above ({spaces(target)}); the line after it is "
            "indented more, so YAML reads that line as part of this one",
            start,
            doc.indent(start),
        )
    return Explained(
        f"this line is indented more than line {doc.number(start)} above it, as if it continued "
        "that line's value",
        f"line up its key with the keys of line {doc.number(start)} ({spaces(doc.indent(start))}"
        "), or put a value that goes on over several lines in quotes",
        mark.line,
        doc.indent(mark.line),
    )


def _item_after_key(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text
) -> Explained | None:
    """'key: - item': a list item on the key's own line."""
    if problem != "sequence entries are not allowed here":
        return None
    mark = mark_of(exc)
    found = KEY_VALUE_RE.match(doc.at(mark.line))
    key = f"'{found[2]}:'" if found else "its key"
    return Explained(
        f"a list item ('- ') on the same line as {key}",
        f"write the items on the lines below {key}, indented, each starting with '- '; "
        "or, if the '-' belongs to a text, put the text in quotes",
        mark.line,
        mark.column,
    )


def _second_document(
    exc: yaml.MarkedYAMLError, problem: str, context: str, doc: Text
) -> Explained | None:
    if "but found another document" not in problem:
        return None
    mark = mark_of(exc)
    return Explained(
        "a second YAML document: a line '---' ends the first one",
        "a file holds one document: remove the '---' line (or put the text after it in a file "
        "of its own)",
        mark.line,
        mark.column,
    )


__all__ = ["Explained", "explain", "quoted"]
