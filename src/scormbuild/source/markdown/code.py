"""Where the code of a parsed text is, as offsets of the text as it was written.

Code is literal: ``&#1;`` in a code span or a code block is shown as those five characters,
never as the character it names (:mod:`.controls` needs to know which references are code).
markdown-it knows the lines of a code block, but of a code span only its content and the
paragraph it is in, so the spans are found again in the paragraph's lines with CommonMark's
rule for backticks and kept only when they are the ones markdown-it found, but for the white
space and quote markers (``>``) that markdown-it takes out of a paragraph's lines (a span
inside raw HTML, which markdown-it does not find, makes the paragraph's text count as not
code: the safe side).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from markdown_it.token import Token

# How markdown-it's ``normalize`` breaks lines: its line numbers count these.
_NEWLINE_RE = re.compile(r"\r\n?|\n")
_BACKTICKS_RE = re.compile(r"`+")

Span = tuple[int, int]


def code_spans(text: str, tokens: Sequence[Token]) -> list[Span]:
    """(start, end) offsets of ``text`` that are code, in order, for ``tokens`` parsed from it."""
    lines = _lines(text)
    spans: list[Span] = []
    for first, last, kind, codes in _code_places(tokens):
        if last > len(lines):
            continue
        start, end = lines[first][0], lines[last - 1][1]
        if kind == "block":
            spans.append((start, end))
            continue
        found = list(_backtick_spans(text[start:end]))
        contents = [_squeeze(text[start + a + n : start + b - n]) for a, b, n in found]
        if contents == [_squeeze(code) for code in codes]:
            spans.extend((start + a, start + b) for a, b, _n in found)
    return sorted(spans)


def fence_spans(text: str, tokens: Sequence[Token], info: str) -> list[Span]:
    """(start, end) offsets of ``text`` of the content of each fence whose info is ``info``."""
    lines = _lines(text)
    return [
        (lines[t.map[0] + 1][0], lines[t.map[1] - 1][1])
        for t in tokens
        if t.type == "fence" and t.info.strip() == info and t.map
        if t.map[0] + 1 < t.map[1] <= len(lines)
    ]


def inside(spans: Sequence[Span], at: int) -> bool:
    """Whether offset ``at`` is in one of ``spans`` (sorted, not overlapping)."""
    n = bisect_right(spans, (at, math.inf))
    return n > 0 and spans[n - 1][0] <= at < spans[n - 1][1]


def _lines(text: str) -> list[Span]:
    """(start, end) of each line of ``text``, without its line break."""
    lines: list[Span] = []
    start = 0
    for match in _NEWLINE_RE.finditer(text):
        lines.append((start, match.start()))
        start = match.end()
    lines.append((start, len(text)))
    return lines


def _code_places(tokens: Sequence[Token]) -> Iterator[tuple[int, int, str, list[str]]]:
    """(first line, line after the last, 'block' or 'spans', code span contents) of each code
    block, and of the lines of each paragraph, heading or table row that has code spans."""
    place: tuple[int, int] | None = None
    codes: list[str] = []
    for token in tokens:
        if not token.map:
            continue
        first, last = token.map
        if token.type == "code_block":
            yield first, last, "block", []
        elif token.type == "fence" and last > first + 1:
            yield first + 1, last, "block", []  # the opening line has the info string
        elif token.type == "inline":
            if (first, last) != place:  # the cells of a table row share their lines
                if place is not None and codes:
                    yield *place, "spans", codes
                place, codes = (first, last), []
            codes.extend(_contents(token.children or []))
    if place is not None and codes:
        yield *place, "spans", codes


def _contents(children: Sequence[Token]) -> Iterator[str]:
    for child in children:
        if child.type == "code_inline":
            yield child.content
        elif child.children:
            yield from _contents(child.children)  # an image's description


def _backtick_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, length of the backtick run) of each code span in ``text``, as CommonMark
    finds them: a run of backticks opens one, the next run of the same length closes it, and
    a backslash before a backtick outside a code span makes it a backtick."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(text)]
    last = {end - start: start for start, end in runs}  # a run with no closer is skipped at once
    at = 0
    while at < len(text):
        if text[at] == "\\":
            at += 2
            continue
        if text[at] != "`":
            at += 1
            continue
        run = _BACKTICKS_RE.match(text, at)
        assert run is not None
        length = run.end() - at
        close = None
        if last.get(length, -1) >= run.end():
            close = next(m for m in _BACKTICKS_RE.finditer(text, run.end()) if len(m[0]) == length)
        if close is None:
            at = run.end()
            continue
        yield at, close.end(), length
        at = close.end()


def _squeeze(code: str) -> str:
    """A code span's content without white space and ``>``, to compare the text as written
    with markdown-it's (which has the indentation, quote markers and line breaks of the
    paragraph's lines taken out)."""
    return "".join(code.split()).replace(">", "")
