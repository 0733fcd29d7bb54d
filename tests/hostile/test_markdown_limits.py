"""Property tests for the bounds on a module's Markdown (scormbuild.source.markdown.sizes and
the interactive blocks' counts): whatever Markdown Hypothesis writes, a parse makes no more
tokens than its budget, a table over its size is refused at its first line (and only then),
and a block over its count at its opening line.

The limits are lowered for the test (the real ones need megabytes of input, which the hostile
corpus runs through the command line under memory limits: tests/hostile/courses.py
LIMIT_CASES); the code under test reads them from its module, so patching them there is what it
sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from scormbuild.errors import Problem
from scormbuild.source.markdown import make_markdown
from scormbuild.source.markdown.env import SourceEnv, labels_for, module_env
from scormbuild.source.markdown.interactive import reader
from scormbuild.source.markdown.sizes import Counted
from tests.test_markdown import FILES, MemoryFiles

MD = make_markdown()
PATH = "modules/02-more.md"
OFFSET = 3  # lines of front matter before the text
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(text: str) -> tuple[list[Token], list[Problem], SourceEnv]:
    problems: list[Problem] = []
    source = SourceEnv(PATH, "en", "", MemoryFiles(FILES), problems.append, offset=OFFSET)
    tokens = MD.parse(text, module_env(source, labels_for("en")))
    return tokens, problems, source


def count(tokens: list[Token]) -> int:
    return sum(1 + count(t.children or []) for t in tokens)


def walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from walk(token.children or [])


FOOTNOTE_WRAPPING = {
    *("footnote_block_open", "footnote_block_close", "footnote_open", "footnote_close"),
    "footnote_anchor",
}


@contextmanager
def limits(**values: int) -> Iterator[None]:
    """The limits of scormbuild.source.markdown.sizes set to ``values`` for the block."""
    with mock.patch.multiple("scormbuild.source.markdown.sizes", **values):  # type: ignore[arg-type]
        yield


def limit_errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.code == "limit"]


# Dense Markdown: every piece makes tokens, some many per character.
PIECES = st.sampled_from(
    [
        "*a* ", "**b** ", "[l](#x) ", "`c` ", "a\n\n", "- i\n", "1. i\n", "> q\n", "# h\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n", "~~s~~ ", "[a]{.term} ", "\n", "<br>", "a  \nb",
        "[^1]\n\n[^1]: n\n", "    code\n", "```\nf\n```\n", "***\n", "{", "[", "]",
    ]
)  # fmt: skip
MARKDOWN = st.lists(PIECES, max_size=200).map("".join)


@PROPERTY
@given(MARKDOWN, st.integers(5, 300))
def test_no_parse_makes_more_tokens_than_its_budget(text: str, budget: int) -> None:
    with limits(MARKDOWN_TOKENS=budget):
        tokens, problems, source = parse(text)
    over = [p for p in limit_errors(problems) if "pieces of markup" in p.message]
    # The footnote plugin's last core rule wraps the footnotes it collected once the budget
    # no longer stops a parse: a list around them and, for each footnote written ('[^'), an
    # opening, a closing and a back link at most.
    wrapping = [t for t in walk(tokens) if t.type in FOOTNOTE_WRAPPING]
    assert len(wrapping) <= 2 + 3 * text.count("[^")
    assert count(tokens) - len(wrapping) <= budget
    if over:
        (problem,) = over
        assert problem.location.path == PATH
        assert problem.location.line is not None
        assert OFFSET < problem.location.line <= OFFSET + text.count("\n") + 1
        assert problem.hint
        assert source.found.cut
    else:
        # Under the budget nothing is cut: the parse is the one markdown-it makes.
        assert not source.found.cut
        assert count(tokens) == count(parse(text)[0])


@PROPERTY
@given(st.integers(1, 12), st.integers(0, 30), st.integers(1, 12), st.integers(1, 200))
def test_a_table_over_its_size_is_refused_at_its_first_line(
    columns: int, rows: int, most_columns: int, most_cells: int
) -> None:
    table = "|" + " h |" * columns + "\n|" + "---|" * columns + "\n"
    table += ("|" + " c |" * columns + "\n") * rows
    text = "Before.\n\n" + table + "\nAfter.\n"
    with limits(TABLE_COLUMNS=most_columns, TABLE_CELLS=most_cells):
        tokens, problems, _source = parse(text)
    refused = [p for p in limit_errors(problems) if "a table of" in p.message]
    too_big = columns > most_columns or columns * (rows + 1) > most_cells
    assert bool(refused) == too_big
    if too_big:
        assert refused[0].location.line == OFFSET + 3
        assert not any(t.type == "table_open" for t in tokens)
    else:
        assert sum(t.type in ("th_open", "td_open") for t in tokens) == columns * (rows + 1)
    # The text after the table is read either way.
    assert any(t.type == "inline" and t.content == "After." for t in tokens)


def test_the_budget_counts_every_token_it_is_given() -> None:
    with limits(MARKDOWN_TOKENS=10):
        tokens, problems, _source = parse("*a* " * 20)
    assert tokens == []
    assert [p.location.line for p in limit_errors(problems)] == [OFFSET + 1]
    assert isinstance(parse("a")[0], Counted)


@PROPERTY
@given(st.integers(1, 8), st.integers(1, 8), st.integers(1, 9), st.integers(1, 6))
def test_blocks_over_their_counts_are_refused_where_they_open(
    blocks: int, items: int, most_items: int, most_blocks: int
) -> None:
    block = "::: tabs\n" + "".join(f"::: tab T{i}\nText.\n:::\n" for i in range(items)) + ":::\n\n"
    with (
        mock.patch.object(reader, "BLOCK_ITEMS", most_items),
        mock.patch.object(reader, "BLOCKS_PER_MODULE", most_blocks),
    ):
        _tokens, problems, source = parse(block * blocks)
    size = 3 * items + 3  # lines of one block and the blank line after it
    expected: list[int] = []
    for n in range(blocks):
        if n + 1 > most_blocks:
            expected.append(OFFSET + 1 + n * size)  # reading stops at the first one over
            break
        if items > most_items:
            expected.append(OFFSET + 1 + n * size)
    limited = [p for p in problems if "the limit" in p.message]
    assert [p.location.line for p in limited] == expected
    assert all(p.hint for p in limited)
    accepted = 0 if items > most_items or items < 2 else min(blocks, most_blocks)
    assert len(source.found.blocks) == accepted


NESTERS = st.sampled_from(["> ", "- ", "1. ", "* "])


@PROPERTY
@given(st.lists(NESTERS, min_size=1, max_size=30), st.sampled_from(["", "\n\nafter\n"]))
def test_text_nested_too_deep_to_show_is_an_error_not_a_loss(
    nesters: list[str], after: str
) -> None:
    text = "".join(nesters) + "deep text" + after
    tokens, problems, source = parse(text)
    shown = any("deep text" in t.content for t in tokens)
    deep = [p for p in problems if "nested more than 20 levels deep" in p.message]
    assert shown != bool(deep), (text, shown, problems)
    if deep:
        assert deep[0].location.line == OFFSET + 1
        assert deep[0].hint
        assert source.found.cut
