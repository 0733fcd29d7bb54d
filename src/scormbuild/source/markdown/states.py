"""markdown-it's parser states, made the same faster: for every parse of a module and of each
of the course's short texts.

- ``normalize`` (a core rule) rewrites ``\\r\\n`` and ``\\r`` as ``\\n`` and NUL as U+FFFD
  with a regular expression each; here a text without them (nearly all) is left as it is.
- The block state's line markers (where each line starts and ends, its indentation with and
  without tabs expanded) come from ``split`` and ``lstrip`` over whole lines, not from a
  loop over the characters that start each line.
- The tokens the states push are made without the dataclass's ``__init__`` and
  ``__post_init__`` (three calls and three dicts for each): a parse makes tens of thousands.
- A paragraph, heading or cell of plain words (no character where the text rule stops) is
  one text token, made without an inline state; most table cells and headings are such.
- ``text_join`` (a core rule) copies each inline token's children, joining adjacent text
  tokens; a list with none to join is copied at C speed.
- The rules run after the inline ones pair the delimiters and make emphasis and
  strikethrough of them: each is skipped for a text without any of its delimiters.

``tests/test_states.py`` compares the lines, the texts and the tokens with markdown-it's own
on generated texts.
"""

from __future__ import annotations

from itertools import accumulate
from operator import attrgetter
from typing import Any, Literal

from markdown_it import MarkdownIt, rules_inline
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.text_join import _join_text_tokens
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Scanned
from markdown_it.token import Token

_new = object.__new__


def new_token(
    ttype: str, tag: str, nesting: Literal[-1, 0, 1], level: int = 0, block: bool = False
) -> Token:
    """``Token(ttype, tag, nesting)`` with its ``level`` and ``block`` set, every other field
    at its default (tests/test_states.py checks the fields are the dataclass's)."""
    token: Token = _new(Token)
    token.type = ttype
    token.tag = tag
    token.nesting = nesting
    token.attrs = {}
    token.map = None
    token.level = level
    token.children = None
    token.content = ""
    token.markup = ""
    token.info = ""
    token.meta = {}
    token.block = block
    token.hidden = False
    return token


def normalize(state: StateCore) -> None:
    """markdown-it's ``normalize``: line breaks as ``\\n``, NUL as U+FFFD."""
    src = state.src
    if "\r" in src:
        src = src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in src:
        src = src.replace("\0", "\ufffd")
    state.src = src


def _indent(line: str, chars: int) -> int:
    """The columns of the first ``chars`` characters (spaces and tabs) of ``line``, each tab
    to the next multiple of 4, as markdown-it counts them."""
    columns = 0
    for char in line[:chars]:
        columns += 4 - columns % 4 if char == "\t" else 1
    return columns


def line_marks(src: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """bMarks, eMarks, tShift and sCount of ``src`` as :class:`StateBlock` makes them, the
    extra entry at the end included."""
    lines = src.split("\n")
    if not lines[-1].strip(" \t"):
        # Nothing after the last "\n", or a last line of spaces and tabs without one:
        # markdown-it makes no line of it.
        lines.pop()
    begins = [0, *accumulate([len(line) + 1 for line in lines])]
    ends = [begin + len(line) for begin, line in zip(begins, lines, strict=False)]
    shifts = [len(line) - len(line.lstrip(" \t")) for line in lines]
    if "\t" in src:
        counts = [
            _indent(line, shift) if "\t" in line[:shift] else shift
            for line, shift in zip(lines, shifts, strict=True)
        ]
    else:
        counts = shifts.copy()
    length = len(src)
    begins[-1] = length
    ends.append(length)
    shifts.append(0)
    counts.append(0)
    return begins, ends, shifts, counts


class BlockState(StateBlock):
    """markdown-it's block state, its line markers made by :func:`line_marks`."""

    def __init__(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> None:
        # The state of an empty text, then its lines: markdown-it sets everything else.
        super().__init__("", md, env, tokens)
        self.src = src
        self.bMarks, self.eMarks, self.tShift, self.sCount = line_marks(src)
        self.bsCount = [0] * len(self.bMarks)
        self.lineMax = len(self.bMarks) - 1

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        if nesting < 0:
            self.level -= 1  # closing tag
        token = new_token(ttype, tag, nesting, self.level, True)
        if nesting > 0:
            self.level += 1  # opening tag
        self.tokens.append(token)
        return token


def _kind(char: str) -> tuple[bool, bool]:
    """Whether ``char`` is punctuation, and whether it is white space, to CommonMark (as
    markdown-it's state asks when it scans a run of emphasis markers)."""
    code = ord(char)
    return isMdAsciiPunct(code) or isPunctChar(char), isWhiteSpace(code)


# _kind of the first 256 characters, looked up rather than asked of three functions.
_KINDS = tuple(_kind(chr(code)) for code in range(256))


class InlineState(StateInline):
    """markdown-it's inline state, its tokens made by :func:`new_token`, the characters
    around a run of emphasis markers looked up in :data:`_KINDS`."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        src = self.src
        maximum = self.posMax
        marker = src[start]
        # The start and the end of the text count as white space.
        last = src[start - 1] if start > 0 else " "
        pos = start
        while pos < maximum and src[pos] == marker:
            pos += 1
        after = src[pos] if pos < maximum else " "
        last_punct, last_space = _KINDS[ord(last)] if last < "\u0100" else _kind(last)
        next_punct, next_space = _KINDS[ord(after)] if after < "\u0100" else _kind(after)
        left_flanking = not (next_space or (next_punct and not (last_space or last_punct)))
        right_flanking = not (last_space or (last_punct and not (next_space or next_punct)))
        can_open = left_flanking and (canSplitWord or not right_flanking or last_punct)
        can_close = right_flanking and (canSplitWord or not left_flanking or next_punct)
        return Scanned(can_open, can_close, pos - start)

    def pushPending(self) -> Token:
        token = new_token("text", "", 0, self.pendingLevel)
        token.content = self.pending
        self.tokens.append(token)
        self.pending = ""
        return token

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        if self.pending:
            self.pushPending()
        token_meta = None
        if nesting < 0:
            self.level -= 1  # closing tag
            self.delimiters = self._prev_delimiters.pop()
        token = new_token(ttype, tag, nesting, self.level)
        if nesting > 0:
            self.level += 1  # opening tag
            self._prev_delimiters.append(self.delimiters)
            self.delimiters = []
            token_meta = {"delimiters": self.delimiters}
        self.pendingLevel = self.level
        self.tokens.append(token)
        self.tokens_meta.append(token_meta)
        return token


def balance_pairs(state: StateInline) -> None:
    """markdown-it's ``balance_pairs``, which pairs the delimiters: none, nothing to do."""
    metas = filter(None, state.tokens_meta)
    if state.delimiters or any(meta.get("delimiters") for meta in metas):
        rules_inline.link_pairs(state)


def strikethrough_after(state: StateInline) -> None:
    """markdown-it's strikethrough ``postProcess``, for delimiters made at a '~' (the marker
    is the character they are made at): a text without one has none."""
    if "~" in state.src:
        rules_inline.strikethrough.postProcess(state)


def emphasis_after(state: StateInline) -> None:
    """markdown-it's emphasis ``postProcess``, for delimiters made at a '*' or '_'."""
    if "*" in state.src or "_" in state.src:
        rules_inline.emphasis.postProcess(state)


# What runs after the inline rules: each acts on the delimiters (none in a text without a
# terminator) and on adjacent text tokens (one here).
_AFTER_INLINE = [balance_pairs, strikethrough_after, emphasis_after, rules_inline.fragments_join]


def _plain(md: MarkdownIt, src: str) -> bool:
    """Whether the inline parse of ``src`` is one text token: the text rule, first, takes it
    whole (no character where it stops; nested too deep, every character is text too), and
    markdown-it's own rules run after it."""
    terminators = getattr(md.inline, "terminator_re", None)
    return (
        bool(src)
        and terminators is not None
        and terminators.search(src) is None
        and md.inline.ruler.getRules("")[0] is rules_inline.text
        and md.inline.ruler2.getRules("") == _AFTER_INLINE
    )


_type = attrgetter("type")
_children = attrgetter("children")


def text_join(state: StateCore) -> None:
    """markdown-it's ``text_join``, which joins adjacent text tokens (escaped characters
    among them) into new lists of children: a list with nothing to join is copied whole."""
    for token in state.tokens:
        if token.type != "inline":
            continue
        children = token.children or []
        if any(map(_children, children)):
            for child in children:  # an image's alt text is a list of its own
                if child.children:
                    child.children = _joined(child.children)
        token.children = _joined(children)


def _joined(tokens: list[Token]) -> list[Token]:
    kinds = "\n" + "\n".join(map(_type, tokens)) + "\n"
    if "text_special" in kinds or "\ntext\ntext\n" in kinds:
        return _join_text_tokens(tokens)
    return list(tokens)


def states_plugin(md: MarkdownIt) -> None:
    """Parse with the states of this module (see the module)."""
    md.core.ruler.at("normalize", normalize)
    md.core.ruler.at("text_join", text_join)
    md.inline.ruler2.at("balance_pairs", balance_pairs)
    md.inline.ruler2.at("strikethrough", strikethrough_after)
    md.inline.ruler2.at("emphasis", emphasis_after)
    block, inline = md.block, md.inline

    def parse_block(
        src: str, md: MarkdownIt, env: Any, outTokens: list[Token]
    ) -> list[Token] | None:
        if not src:
            return None
        state = BlockState(src, md, env, outTokens)
        block.tokenize(state, state.line, state.lineMax)
        return state.tokens

    def parse_inline(src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        if not tokens and _plain(md, src):
            token = new_token("text", "", 0)
            token.content = src
            tokens.append(token)
            return tokens
        state = InlineState(src, md, env, tokens)
        inline.tokenize(state)
        for rule in inline.ruler2.getRules(""):
            rule(state)
        return state.tokens

    block.parse = parse_block  # type: ignore[method-assign]
    inline.parse = parse_inline  # type: ignore[method-assign]
