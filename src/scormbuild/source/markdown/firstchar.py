"""Each parser rule tried only where the character it starts with is.

markdown-it tries its block rules in turn at the start of every block, and the terminator
rules at every line of a paragraph, quote or list (does this line end it?): about twenty
calls at every block and a dozen at every line, most of them rules that read the line's
first character and return. Most lines start with a letter, where only the tables, the
indented code, the setext heading and the paragraph can match. Inline, wherever the text
rule stops (``-``, ``:``, ``#``, ``]`` ...), every other rule is tried in turn as well.

This plugin, used last, has each chain of the block and inline rulers compiled as the rules
before the first one it knows (:data:`BLOCK_FIRST`, :data:`INLINE_FIRST`), then one rule that
reads the character once and tries, in their order, only the rules that can start with it,
and every rule it does not know. A rule listed there returns false without any effect at any
other character, so the tokens are the same (a property test parses generated Markdown both
ways). The chains are made whenever the ruler compiles its own (a rule enabled, disabled or
added later), so a parse asks for them as it always does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

Rule = Callable[..., bool]

# What a block rule's line can start with (after its indentation), by rule name: each of
# these rules reads that character first and returns false at any other.
BLOCK_FIRST: dict[str, str] = {
    "attr": "{",
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "footnote_def": "[",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    # ':::' blocks: callouts and language blocks (mdit-py-plugins' container), interactive
    "container_note": ":",
    "container_tip": ":",
    "container_warning": ":",
    "container_important": ":",
    "container_lang": ":",
    "sb_container": ":",
}

# The same for the inline rules, at the character where the rule is tried. Not here: the text
# rule (first, it takes what no other rule can start with) and footnote_ref, which records
# the footnotes in env wherever it is tried.
INLINE_FIRST: dict[str, str] = {
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "_*",
    "link": "[",
    "span": "[",
    "image": "!",
    "footnote_inline": "^",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
    "attr": "{",
}


def _by_char(
    rules: Sequence[Rule], starts: Mapping[Rule, str]
) -> tuple[dict[str, list[Rule]], list[Rule]]:
    """The rules to try at each character some rule in ``starts`` begins with (and "", past
    the text's end: all of them), and at any other character: those ``starts`` does not know.
    Fixed when the chain is made, so a text of many different characters adds nothing."""
    table = {
        char: [r for r in rules if r not in starts or char in starts[r]]
        for char in {c for r in rules if r in starts for c in starts[r]}
    }
    table[""] = list(rules)
    return table, [r for r in rules if r not in starts]


def _block_dispatch(rules: Sequence[Rule], starts: Mapping[Rule, str]) -> Rule:
    """One block rule that tries ``rules`` in order, but those that cannot start the line."""
    table, others = _by_char(rules, starts)

    def first_char(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        at = state.bMarks[start] + state.tShift[start]
        for rule in table.get(state.src[at : at + 1], others):
            if rule(state, start, end, silent):
                return True
        return False

    return first_char


def _inline_dispatch(rules: Sequence[Rule], starts: Mapping[Rule, str]) -> Rule:
    """One inline rule that tries ``rules`` in order, but those that cannot start here."""
    table, others = _by_char(rules, starts)

    def first_char(state: StateInline, silent: bool) -> bool:
        for rule in table.get(state.src[state.pos : state.pos + 1], others):
            if rule(state, silent):
                return True
        return False

    return first_char


def _dispatching(
    ruler: Ruler[Any],
    first: Mapping[str, str],
    dispatch: Callable[[Sequence[Rule], Mapping[Rule, str]], Rule],
) -> None:
    """Have ``ruler`` compile each chain as the rules before the first it knows, then
    ``dispatch`` of the rest (when it compiles them: at the first parse, and again after a
    rule is enabled, disabled or added)."""
    compile_chains = ruler.__compile__

    def compile_dispatching() -> None:
        compile_chains()
        assert ruler.__cache__ is not None
        starts = _starts(ruler, first)
        for rules in ruler.__cache__.values():
            lead = next((i for i, r in enumerate(rules) if r in starts), len(rules))
            if lead < len(rules):
                rules[lead:] = [dispatch(rules[lead:], starts)]

    ruler.__compile__ = compile_dispatching  # type: ignore[method-assign]
    ruler.__cache__ = None  # compiled the dispatching way when first asked for


def _starts(ruler: Ruler[Any], first: Mapping[str, str]) -> dict[Rule, str]:
    """The characters each rule function can start at, if every name it has is known."""
    starts: dict[Rule, str] = {}
    unknown: set[Rule] = set()
    for rule in ruler.__rules__:
        if rule.name in first:
            starts[rule.fn] = starts.get(rule.fn, "") + first[rule.name]
        else:
            unknown.add(rule.fn)
    return {fn: chars for fn, chars in starts.items() if fn not in unknown}


def first_char_plugin(md: MarkdownIt) -> None:
    """Try each block and inline rule only where its first character is (see the module)."""
    _dispatching(md.block.ruler, BLOCK_FIRST, _block_dispatch)
    _dispatching(md.inline.ruler, INLINE_FIRST, _inline_dispatch)
