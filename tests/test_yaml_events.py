"""Plain YAML made from libyaml's events loads exactly as the node path loads it.

A document with an anchor (``&``) never takes the event path, so the same document after a
comment line holding one loads the node way (the nodes checked, constructed, lines shifted):
values, types, lines, YAML 1.1 words, warnings and errors must be the same.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scormbuild.source.yamlbidi import YamlWarning
from scormbuild.source.yamlsrc import LineDict, LineList, YamlSyntaxError, load_yaml
from scormbuild.source.yamlwords import text_words
from tests.test_source_properties import shape

EXAMPLES = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    *("x", "a b", "yes", "No", "on", "OFF", "y", "n", "true", "False", "null", "~", ""),
    *("1", "-1", "+1", "0x1F", "0o17", "017", "1_000", "1:30", "1.5", ".inf", ".nan", "1e3"),
    *("9" * 100, "9" * 101, "2024-02-30", "2024-01-01", "<<", "=", "'q'", '"d"', "'yes'"),
    *('"a # b"', "a #c", "!!str 5", "!!int 5", "! x", "!x y", "*a", "[a, yes]", "{a: 1}"),
    *("[]", "{}", "|\n  block\n", ">-\n  folded\n  text\n", "- x", "? x", "a: b", "\u202etext"),
    *('"\u2066x\u2069"', "\u200fx", "\x85x", "\ufeffx", "é", "\U0001f600", "a\tb", '"x\ty"'),
]  # fmt: skip
SCALAR = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet="ab -:#'\"[]{},!?=<>|*%@`\u202e", max_size=8),
)
KEYS = st.sampled_from(["id", "text", "a", "a", "yes", "1", "<<", "=", "~", '"q"', "[k]", "? k"])


# Values that load, as in a quiz: words, numbers, YAML 1.1 words, quoted texts of anything.
LOADS = st.one_of(
    st.sampled_from([w for w in WORDS[:31] if w not in ("<<", "=")]),
    st.text(
        st.characters(exclude_characters='\\"', exclude_categories=["Cs", "Cc"]), max_size=9
    ).map(lambda s: f'"{s}"'),
    st.text(alphabet="abc XYZ019.-_", min_size=1, max_size=9).map(str.strip).filter(bool),
)


def block(
    depth: int,
    indent: int,
    scalar: st.SearchStrategy[str] = SCALAR,
    keys: st.SearchStrategy[str] = KEYS,
) -> st.SearchStrategy[list[str]]:
    """Lines of a block value at ``indent``: a mapping, a list, or a scalar. Keys repeat in a
    mapping only if ``keys`` repeats them."""
    pad = " " * indent
    if depth == 0:
        return scalar.map(lambda s: [f"{pad}{s}"])
    head = st.one_of(
        scalar.map(lambda s: (f" {s}", [])),
        block(depth - 1, indent + 2, scalar, keys).map(lambda lines: ("", lines)),
        st.just((" # a comment", [])),
    )
    entries = st.lists(st.tuples(keys, head), min_size=1, max_size=4, unique_by=lambda e: e[0])
    items = st.lists(head, min_size=1, max_size=4)
    return st.one_of(
        entries.map(lambda es: [x for k, (h, lines) in es for x in (f"{pad}{k}:{h}", *lines)]),
        items.map(lambda es: [x for h, lines in es for x in (f"{pad}-{h}", *lines)]),
    )


def outcome(text: str, first: int) -> Any:
    notes: list[YamlWarning] = []
    try:
        value = shape(load_yaml(text, first_line=first, warnings=notes))
    except YamlSyntaxError as exc:
        return ("error", exc.message, exc.line, exc.column, exc.hint)
    return value, notes


def same_both_ways(text: str, first: int) -> None:
    assert outcome(text, first) == outcome("# &\n" + text, first - 1)


@EXAMPLES
@given(
    block(3, 0),
    st.sampled_from(["", "---\n", "--- # c\n", "# c\n\n"]),
    st.sampled_from(["", "...\n", "---\nb: 1\n", "# end\n", "\n\n"]),
    st.integers(2, 40),
)
def test_block_yaml_loads_as_the_node_path_loads_it(
    lines: list[str], before: str, after: str, first: int
) -> None:
    same_both_ways(before + "".join(f"{line}\n" for line in lines) + after, first)


@EXAMPLES
@given(
    block(4, 0, LOADS, st.sampled_from(["id", "text", "yes", "1", "~", "a b", "No"])),
    st.integers(1, 40),
)
def test_quiz_like_yaml_loads_as_the_node_path_loads_it(lines: list[str], first: int) -> None:
    text = "".join(f"{line}\n" for line in lines)
    same_both_ways(text, first)


@EXAMPLES
@given(st.text(alphabet="ab -:#'\"[]{},!?=\n\t|>*~1\u202e", max_size=60), st.integers(2, 9))
def test_any_plain_text_loads_as_the_node_path_loads_it(text: str, first: int) -> None:
    same_both_ways(text, first)


def test_nesting_and_size_at_the_limits_load_as_the_node_path_loads_them() -> None:
    for n in (63, 64, 65):
        same_both_ways("[" * n + "]" * n, 2)
        same_both_ways("".join(f"{' ' * 2 * i}k{i}:\n" for i in range(n)), 2)
    same_both_ways("[" + ", ".join(["x"] * 199_999) + "]", 2)
    same_both_ways("[" + ", ".join(["x"] * 200_000) + "]", 2)


def test_a_quiz_loads_with_its_lines_and_words() -> None:
    text = "id: q\nquestions:\n  - id: a\n    choices:\n      - text: No\n        correct: yes\n"
    data = load_yaml(text, first_line=10)
    choice = data["questions"][0]["choices"][0]
    assert (data.line, data.lines) == (10, {"id": 10, "questions": 11})
    assert (choice.line, choice.lines, dict(choice.words)) == (
        14,
        {"text": 14, "correct": 15},
        {"text": "No", "correct": "yes"},
    )
    same_both_ways(text, 10)


def words_under(value: Any) -> bool:
    if isinstance(value, LineDict):
        return bool(value.words) or any(words_under(v) for v in value.values())
    if isinstance(value, LineList):
        return bool(value.words) or any(words_under(v) for v in value)
    return False


def quiet_ones(value: Any) -> list[Any]:
    if isinstance(value, LineDict | LineList):
        inner = value.values() if isinstance(value, LineDict) else value
        return [value] * value.quiet + [q for v in inner for q in quiet_ones(v)]
    return []


def found_words(text: str, bools: set[str], first: int) -> Any:
    try:
        data = load_yaml(text, first_line=first)
    except YamlSyntaxError:
        return None
    return [(w.line, w.key, w.word) for w in text_words(data, bools, text_under={"text"})]


@EXAMPLES
@given(
    block(4, 0, LOADS, st.sampled_from(["id", "text", "yes", "1", "~", "a b", "No"])),
    st.sets(st.sampled_from(["id", "text", "yes", "True", "1"])),
)
def test_a_quiet_value_has_no_word_under_it(lines: list[str], bools: set[str]) -> None:
    text = "".join(f"{line}\n" for line in lines)
    try:
        data = load_yaml(text)
    except YamlSyntaxError:
        return
    assert not any(words_under(q) for q in quiet_ones(data))
    assert found_words(text, bools, 2) == found_words("# &\n" + text, bools, 1)
