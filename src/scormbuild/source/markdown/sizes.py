"""Bounds on what one parse of a module may make, so that a module's size bounds its memory.

markdown-it makes a token (a few hundred bytes) for every paragraph, list item, table cell,
emphasis and link: a 1 MB table of one-letter cells, or a 2 MB module of ``*a* *a* ...``,
makes millions of them and takes close to a gigabyte; a paragraph of two million characters
of brackets takes minutes. These bounds keep a parse small and fast:

- a text has at most :data:`~scormbuild.limits.MARKDOWN_LINES` lines (markdown-it keeps five
  numbers per line);
- a paragraph (or heading, or cell) at most :data:`~scormbuild.limits.PARAGRAPH_CHARS`
  characters;

- a table's size is known from its lines before markdown-it makes any of its tokens: more
  than :data:`~scormbuild.limits.TABLE_COLUMNS` columns or
  :data:`~scormbuild.limits.TABLE_CELLS` cells is an error at the table's first line, and the
  table is skipped;
- every parse counts the tokens it makes, and stops at
  :data:`~scormbuild.limits.MARKDOWN_TOKENS` with an error at the line it had reached: the
  rest of the text is not parsed (block tokens are counted as they are made, inline ones
  after each paragraph, whose length bounds them);
- what markdown-it drops silently, nested deeper than its ``maxNesting`` (20), is an error.

Both apply when a module (or a text of it) of a course is parsed, where there is a place to
report to; other parses (the benchmark's) are not bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, SupportsIndex

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import table
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.block import block
from markdown_it.rules_core.inline import inline
from markdown_it.token import Token

from scormbuild.limits import (
    MARKDOWN_LINES,
    MARKDOWN_TOKENS,
    PARAGRAPH_CHARS,
    TABLE_CELLS,
    TABLE_COLUMNS,
)
from scormbuild.source.markdown.env import source_of

SPLIT = "split the module into several, or the text into smaller parts"


class TooManyTokens(Exception):
    """A parse made more tokens than the limit."""


class Budget:
    """What one parse may still make."""

    def __init__(self, tokens: int) -> None:
        self.left = tokens
        self.last_line = 0  # the last line (0-based) a token was made at
        # Raise only inside the rules that catch it; others (plugins that add a token after
        # the inline parse) may still add theirs.
        self.armed = False

    def spend(self, tokens: list[Token]) -> None:
        self.left -= 1
        if self.left < 0:
            self.over(tokens)

    def over(self, tokens: list[Token]) -> None:
        """The budget is spent: stop the parse, if a rule that catches it is running."""
        if self.armed:
            # The token before the one added has its line by now (a rule sets it after adding).
            for token in reversed(tokens[-3:]):
                if token.map:
                    self.last_line = token.map[0]
                    break
            raise TooManyTokens()


class Counted(list[Token]):
    """A token list that spends its parse's budget on every token added to it."""

    def __init__(self, budget: Budget, tokens: Iterable[Token] = ()) -> None:
        super().__init__(tokens)
        self.budget = budget

    def append(self, token: Token) -> None:
        # Budget.spend, written out: this runs for every token of every parse.
        budget = self.budget
        budget.left -= 1
        if budget.left < 0:
            budget.over(self)
        list.append(self, token)

    def insert(self, index: SupportsIndex, token: Token) -> None:
        self.budget.spend(self)
        super().insert(index, token)


def _too_many(state: StateCore, line: int) -> None:
    source = source_of(state.env)
    assert source is not None
    source.error(
        source.offset + line + 1,
        f"the text makes more than {MARKDOWN_TOKENS:,} pieces of markup (paragraphs, list "
        "items, table cells, emphasis, links), the limit; the rest of it is not read",
        hint=SPLIT,
        code="limit",
    )
    source.found.cut = True
    state.tokens = []


def _too_long(state: StateCore, line: int, chars: int) -> None:
    source = source_of(state.env)
    assert source is not None
    source.error(
        source.offset + line + 1,
        f"a paragraph (or heading, or table cell) of {chars:,} characters, more than the "
        f"limit of {PARAGRAPH_CHARS:,}",
        hint="a blank line between two paragraphs ends the first",
        code="limit",
    )
    source.found.cut = True


def _block(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None:
        block(state)
        return
    lines = state.src.count("\n")
    if lines > MARKDOWN_LINES:
        source.error(
            source.offset + 1,
            f"the text has {lines:,} lines, more than the limit of {MARKDOWN_LINES:,}",
            hint=SPLIT,
            code="limit",
        )
        source.found.cut = True
        return
    budget = Budget(MARKDOWN_TOKENS)
    state.tokens = Counted(budget)
    budget.armed = True
    try:
        block(state)
    except TooManyTokens:
        _too_many(state, budget.last_line)
    finally:
        budget.armed = False


def _inline(state: StateCore) -> None:
    tokens = state.tokens
    if not isinstance(tokens, Counted):
        inline(state)
        return
    budget = tokens.budget
    line = 0
    budget.armed = True
    try:
        for token in tokens:
            if token.type == "inline":
                line = token.map[0] if token.map else line
                if token.children is None:
                    token.children = []
                if len(token.content) > PARAGRAPH_CHARS:
                    _too_long(state, line, len(token.content))
                    continue
                made = len(token.children)
                state.md.inline.parse(token.content, state.md, state.env, token.children)
                # Counted once the paragraph is parsed (its length bounds its tokens): one
                # subtraction for each paragraph, not a call for each token.
                budget.left -= len(token.children) - made
                if budget.left < 0:
                    raise TooManyTokens()
    except TooManyTokens:
        _too_many(state, line)
    finally:
        budget.armed = False


def _table_size(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Refuse a table too large, before markdown-it makes a token of it (see module doc)."""
    source = source_of(state.env)
    if silent or source is None or not table(state, start, end, True):
        return False
    columns = _columns(state, start)
    if columns <= TABLE_COLUMNS and columns * (end - start) <= TABLE_CELLS:
        return False  # even a table down to the text's end has fewer cells (rows < end - start)
    rows, line = 1, start + 2
    terminators = state.md.block.ruler.getRules("blockquote")
    while line < end and state.sCount[line] >= state.blkIndent:
        if state.isEmpty(line) or state.is_code_block(line):
            break
        if any(rule(state, line, end, True) for rule in terminators):
            break
        rows, line = rows + 1, line + 1
    if columns <= TABLE_COLUMNS and columns * rows <= TABLE_CELLS:
        return False
    what = (
        f"{columns} columns, more than the limit of {TABLE_COLUMNS}"
        if columns > TABLE_COLUMNS
        else f"{columns * rows:,} cells ({columns} columns, {rows} rows), more than the limit "
        f"of {TABLE_CELLS:,}"
    )
    source.error(
        source.offset + start + 1,
        f"a table of {what}",
        hint="split it into several tables, or offer the data as a file to download "
        "(a link to a .csv or .xlsx in assets/)",
        code="limit",
    )
    source.found.cut = True
    state.line = line
    return True


def _columns(state: StateBlock, start: int) -> int:
    """The columns of the table whose header is on line ``start`` (its delimiter row's)."""
    text = state.src[state.bMarks[start + 1] + state.tShift[start + 1] : state.eMarks[start + 1]]
    cells = text.strip().split("|")
    return len([c for c in cells if c.strip()])


def _nesting_guard(md: MarkdownIt) -> Callable[..., None]:
    """markdown-it's block tokenizer, which says when it skips what is nested too deep.

    At ``maxNesting`` levels (lists, quotes, callouts and blocks inside each other) markdown-it
    drops the rest of the text inside without a word; here that is an error at its line.
    """
    tokenize = md.block.tokenize
    deepest = md.options["maxNesting"]

    def guarded(state: StateBlock, start: int, end: int, *args: Any) -> None:
        source = source_of(state.env)
        if state.level >= deepest and source is not None and not source.found.cut:
            line = next((n for n in range(start, end) if not state.isEmpty(n)), None)
            if line is not None and state.sCount[line] >= state.blkIndent:
                source.error(
                    source.offset + line + 1,
                    f"the text here is nested more than {deepest} levels deep (lists, quotes "
                    "or blocks inside each other): it would not be shown",
                    hint="nest it less deeply",
                    code="limit",
                )
                source.found.cut = True
        tokenize(state, start, end, *args)

    return guarded


def sizes_plugin(md: MarkdownIt) -> None:
    """Bound the tables and the tokens of a parse (first, before any rule makes a token)."""
    md.block.ruler.before("table", "sb_table_size", _table_size)
    md.core.ruler.at("block", _block)
    md.core.ruler.at("inline", _inline)
    md.block.tokenize = _nesting_guard(md)  # type: ignore[method-assign]
