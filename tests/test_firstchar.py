"""The parser with its rules tried by first character makes what markdown-it makes."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from scormbuild.source.markdown import firstchar, make_markdown
from scormbuild.source.markdown.firstchar import BLOCK_FIRST, INLINE_FIRST


def markdown_it_own() -> MarkdownIt:
    """The course parser with markdown-it's own rule chains (every rule tried everywhere)."""
    md = make_markdown()
    for ruler in (md.block.ruler, md.inline.ruler):
        del ruler.__compile__  # the plugin's instance attribute: the class's method again
        ruler.__cache__ = None
    return md


QUICK, OWN = make_markdown(), markdown_it_own()

# How a line may start: every block syntax, indented or not, and plain text.
STARTS = [
    "", "", "", " ", "  ", "    ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "10. ",
    "# ", "## ", "###### ", "#", "```", "```quiz", "~~~", "::: ", ":::", "::: note", ":::: tip",
    "::: warning", "::: important", "::: lang sv", "::: lang", "::: tabs", "::: tab One",
    "::: accordion", "::: info", "{#id}", "{.cls}", "{", "[^1]: ", "[^n]:", "[ref]: /x.md",
    "[ref]:", "<div>", "</div>", "<!-- c -->", "<script>", "---", "***", "___", "- - -", "===",
    "| a | b |", "|---|---|", "a | b", "--- | ---", "0", "9.", "[", "!", "^", "&", "<", "`",
]  # fmt: skip
# What follows on a line: words, every inline syntax and the characters that stop text.
PIECES = [
    "word", "ä ö", " ", "  ", "\t", "*a*", "**b**", "_c_", "__d__", "`code`", "``x`` ", "~~s~~",
    "~", "[link](m.md)", "[x]{lang=sv}", "[t]{.term}", "![img](a.png)", "![a](b.png){.c}",
    "^[inline note]", "[^1]", "[^n]", "<http://x.y>", "<b>", "</b>", "<!-- -->", "&amp;",
    "&#35;", "&x", "\\*", "\\", "{.c}", "{#i}", "{", "}", ":", "-", "#", "!", "[", "]", "(", ")",
    "*", "_", "`", "<", ">", "&", "|", "$", "%", "+", "=", "@", "^", "0.", "1)",
]  # fmt: skip

lines = st.builds(
    lambda s, p: s + "".join(p),
    st.sampled_from(STARTS) | st.characters(codec=None),
    st.lists(st.sampled_from(PIECES), max_size=6),
)
documents = st.lists(lines, max_size=14).map("\n".join)
scrambled = st.text(alphabet="a \n\t>-*+#`~:{}[]^!<&_\\|=1.()", max_size=120)


def parsed(md: MarkdownIt, text: str) -> tuple[list[dict[str, Any]], str, str]:
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    return [t.as_dict() for t in tokens], md.renderer.render(tokens, md.options, env), repr(env)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_documents_parse_alike(text: str) -> None:
    assert parsed(QUICK, text) == parsed(OWN, text)


@settings(max_examples=400, deadline=None)
@given(scrambled)
def test_scrambled_text_parses_alike(text: str) -> None:
    assert parsed(QUICK, text) == parsed(OWN, text)


def test_the_chains_are_dispatched_and_know_every_rule_they_name() -> None:
    block = {r.name for r in QUICK.block.ruler.__rules__}
    inline = {r.name for r in QUICK.inline.ruler.__rules__}
    # A renamed rule would silently lose its shortcut: every name listed is a rule here.
    assert set(BLOCK_FIRST) <= block
    assert set(INLINE_FIRST) <= inline
    own = OWN.block.ruler.getRules("paragraph")
    quick = QUICK.block.ruler.getRules("paragraph")
    assert len(quick) < len(own)  # the terminators are one dispatching rule
    assert QUICK.inline.ruler.getRules("")[0] is OWN.inline.ruler.getRules("")[0]  # text first


def test_the_tables_hold_only_the_characters_the_rules_start_with() -> None:
    # Fixed when a chain is made: lines starting with a million other characters add nothing.
    for ruler, first in ((OWN.block.ruler, BLOCK_FIRST), (OWN.inline.ruler, INLINE_FIRST)):
        starts = firstchar._starts(ruler, first)
        rules = ruler.getRules("")
        table, others = firstchar._by_char(rules, starts)
        assert set(table) == {"", *"".join(first.values())}
        assert table[""] == rules
        assert others == [r for r in rules if r not in starts]


def test_a_rule_added_later_is_tried() -> None:
    md = make_markdown()
    seen: list[str] = []

    def bang(state: Any, silent: bool) -> bool:
        seen.append(state.src[state.pos])
        return False

    md.inline.ruler.push("bang", bang)
    md.render("a: b!")
    assert seen == [":", "!"]
