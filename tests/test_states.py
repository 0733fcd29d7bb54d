"""The parser states of scormbuild.source.markdown.states make what markdown-it's make."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt, rules_inline
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import normalize as markdown_it_normalize
from markdown_it.rules_core.text_join import text_join as markdown_it_text_join
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from scormbuild.source.markdown import make_markdown
from scormbuild.source.markdown.env import inline_children
from scormbuild.source.markdown.states import BlockState, InlineState, new_token, normalize
from tests.test_firstchar import documents, scrambled

MD = make_markdown()
PLAIN = MarkdownIt("commonmark")


def markdown_it_states() -> MarkdownIt:
    """The course parser with markdown-it's own states and ``normalize``."""
    md = make_markdown()
    md.core.ruler.at("normalize", markdown_it_normalize)
    md.core.ruler.at("text_join", markdown_it_text_join)
    md.inline.ruler2.at("balance_pairs", rules_inline.link_pairs)
    md.inline.ruler2.at("strikethrough", rules_inline.strikethrough.postProcess)
    md.inline.ruler2.at("emphasis", rules_inline.emphasis.postProcess)
    del md.block.parse  # the plugin's instance attributes: the class's methods again
    del md.inline.parse
    return md


OWN = markdown_it_states()

# Line breaks of every kind, the indentation characters and others a text may hold.
texts = st.text(alphabet=" \t\n\r\x00\x0b\x0c\xa0\u3000ab>-#|`é\U0001f600", max_size=80)
pieces = ["", " ", "  ", "\t", " \t", "\t ", "a", "- b", "> c", "1. d", "```", "\n", "\r\n", "\r"]
indented = st.lists(st.sampled_from(pieces)).map("".join)


def marks(state: StateBlock) -> tuple[list[int], ...]:
    return state.bMarks, state.eMarks, state.tShift, state.sCount, state.bsCount


@settings(max_examples=1000, deadline=None)
@given(texts | indented | st.text(max_size=60))
@example("")
@example("   ")
@example("\t")
@example("a\n \t ")
@example("a\n\n")
@example(" \t\tb\n  \t c\n")
def test_line_marks_are_markdown_its(text: str) -> None:
    ours = BlockState(text, MD, {}, [])
    own = StateBlock(text, MD, {}, [])
    assert marks(ours) == marks(own)
    assert vars(ours) == vars(own)


@settings(max_examples=1000, deadline=None)
@given(texts | indented | st.text(max_size=60))
@example("a\r\n\r\rb\n\x00")
def test_normalize_is_markdown_its(text: str) -> None:
    ours, own = StateCore(text, PLAIN, {}), StateCore(text, PLAIN, {})
    normalize(ours)
    markdown_it_normalize(own)
    assert ours.src == own.src


def test_new_tokens_are_markdown_its() -> None:
    made = new_token("paragraph_open", "p", 1, 3, True)
    assert type(made) is Token
    assert made == Token("paragraph_open", "p", 1, level=3, block=True)
    # Every field is set (a slot left unset would raise when read).
    assert {f.name for f in dataclasses.fields(Token)} <= set(made.as_dict())


def parsed(md: MarkdownIt, text: str) -> tuple[list[dict[str, Any]], str, str]:
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    return [t.as_dict() for t in tokens], md.renderer.render(tokens, md.options, env), repr(env)


@settings(max_examples=400, deadline=None)
@given(documents | scrambled | texts | indented)
@example("[*a*](b.md) and [x **y** ~~z~~]{.c}, ![*i*](j.png)")
@example("a ~~b~~ ~~~c~~~ *d **e** f* _g_ \\*h\\* &amp; `i`")
def test_documents_parse_as_with_markdown_its_states(text: str) -> None:
    assert parsed(MD, text) == parsed(OWN, text)


def every_child(tokens: list[Token], kind: str) -> list[tuple[Token, Token]]:
    """(inline token, child of ``kind``), the plain way."""
    return [
        (token, child)
        for token in tokens
        if token.type == "inline" and token.children
        for child in token.children
        if child.type == kind
    ]


@settings(max_examples=200, deadline=None)
@given(documents | scrambled)
def test_inline_children_are_every_child_of_the_kind(text: str) -> None:
    tokens = MD.parse(text, {})
    for kind in ("image", "link_open", "text", "softbreak"):
        found = list(inline_children(tokens, kind))
        assert [(id(a), id(b)) for a, b in found] == [
            (id(a), id(b)) for a, b in every_child(tokens, kind)
        ]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("**__~ a.!\n\t\xa0\u2000\u3000é€(»"), max_size=12)
    | st.text(max_size=12)
)
def test_emphasis_runs_are_scanned_as_markdown_it_scans_them(text: str) -> None:
    for start, char in enumerate(text):
        if char in "*_~":
            for split in (True, False):
                ours = InlineState(text, MD, {}, []).scanDelims(start, split)
                assert ours == StateInline(text, MD, {}, []).scanDelims(start, split)
