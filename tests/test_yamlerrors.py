"""YAML mistakes are reported in the author's words, at the line of the mistake."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scormbuild.source.yamlerrors import explain, quoted
from scormbuild.source.yamlsrc import YamlSyntaxError, load_yaml

# name -> (document, line, column, message, hint): what an author gets for each mistake.
CASES = {
    "colon-in-value": (
        "id: demo\ntitle: Osa 1: Johdanto\nversion: 1.0.0\n",
        2,
        13,
        "the value of 'title' has a ': ' in it",
        'put the value in quotes: title: "Osa 1: Johdanto"',
    ),
    "colon-in-value-with-quotes": (
        'prompt: He said "hi": why?\n',
        1,
        21,
        "the value of 'prompt' has a ': ' in it",
        "put the value in quotes: prompt: 'He said \"hi\": why?'",
    ),
    "colon-in-list-item": (
        "questions:\n  - id: a\n    prompt: What is it: a thing\n",
        3,
        23,
        "the value of 'prompt' has a ': ' in it",
        'put the value in quotes: prompt: "What is it: a thing"',
    ),
    "list-item-indented-wrong": (
        "questions:\n  - id: a\n    type: single\n   - id: b\n",
        4,
        4,
        "wrong indentation: this line is indented by 3 spaces, which lines up with none of "
        "the lines above it",
        "indent it like line 2 (2 spaces)",
    ),
    "key-indented-wrong": (
        "id: x\ntheme:\n  brand_color: '#000000'\n   logo: a.svg\n",
        4,
        4,
        "wrong indentation: this line is indented by 3 spaces, which lines up with none of "
        "the lines above it",
        "indent it like line 3 (2 spaces)",
    ),
    "key-indented-less": (
        "theme:\n    brand_color: red\n  logo: a\n",
        3,
        3,
        "wrong indentation: this line is indented by 2 spaces, which lines up with none of "
        "the lines above it",
        "indent it like line 2 (4 spaces)",
    ),
    "key-indented-more": (
        "theme:\n  brand_color: red\n    logo: a\n",
        3,
        5,
        "this line is indented more than line 2 above it, as if it continued that line's value",
        "line up its key with the keys of line 2 (2 spaces)",
    ),
    "item-among-keys": (
        "id: x\ntitle: y\n- z\n",
        3,
        1,
        "a list item ('- ') where this block has 'key: value' lines",
        "a list goes below its key, one item a line: 'keywords:' then '  - first'",
    ),
    "item-moved-to-column-1": (
        "keywords:\n  - a\n- b\n  - c\n",
        3,
        1,
        "a list item ('- ') where this block has 'key: value' lines",
        "if it belongs to the list above, indent it like line 2 (2 spaces)",
    ),
    # PyYAML reports these at the line after the mistake: the moved line's value runs on.
    "key-moved-to-column-1": (
        "id: x\ntheme:\n  brand_color: red\nlogo: a.svg\n  logo_alt: Logo\n",
        4,
        1,
        "this line is indented less than the lines before and after it",
        "indent it like the line above (2 spaces)",
    ),
    "choice-key-moved-to-column-1": (
        "questions:\n  - id: a\n    choices:\n      - text: A\ncorrect: true\n      - text: B\n",
        5,
        1,
        "this line is indented less than the lines before and after it",
        "indent it like the line above (8 spaces)",
    ),
    "no-space-after-colon": (
        "title:Johdanto\nid: x\n",
        1,
        6,
        "no space after the ':' of 'title'",
        "write 'title: ' with a space",
    ),
    "tab": (
        "id: x\ntheme:\n\tlogo: a.svg\n",
        3,
        1,
        "a tab in the indentation",
        "YAML indents with spaces only: replace the tab with spaces",
    ),
    "unclosed-double-quote": (
        'id: x\ntitle: "Opit jakoon\nversion: 1.0.0\n',
        2,
        8,
        'the quote (") opened here is never closed',
        'end the value with " on this line',
    ),
    "unclosed-single-quote": (
        "id: x\ntitle: 'Opit jakoon\nversion: 1.0.0\n",
        2,
        8,
        "the quote (') opened here is never closed",
        "end the value with ' on this line",
    ),
    "quote-closed-lines-later": (
        'id: x\ntitle: "Opit jakoon\nversion: 1.0.0\ndescription: "Hanke"\n',
        2,
        8,
        'the quote (") opened here closes only on line 4',
        'end the value with " on this line',
    ),
    "unclosed-bracket": (
        "id: x\nkeywords: [a, b\nversion: 1.0.0\n",
        2,
        11,
        "the '[' opened here is never closed",
        "end the items with ']' on this line",
    ),
    "unclosed-bracket-at-end": (
        "id: x\nkeywords: [a, b\n",
        2,
        11,
        "the '[' opened here is never closed",
        "end the items with ']' on this line",
    ),
    "unclosed-brace": (
        "id: x\ntitle: {fi: Opit, sv: Lärdomar\nversion: 1.0.0\n",
        2,
        8,
        "the '{' opened here is never closed",
        "end the key: value pairs with '}' on this line",
    ),
    "colon-inside-brackets": (
        "title: {fi: Opit: jakoon, sv: Lärdomar}\n",
        1,
        17,
        "a ':' inside '{...}'",
        "put the item that contains the colon in quotes",
    ),
    "text-after-quote": (
        'title: "Opit" jakoon\n',
        1,
        15,
        "text after the closing quote",
        "put the value in quotes: title: '\"Opit\" jakoon'",
    ),
    "brackets-start-a-value": (
        "prompt: [Luonnos] Mikä on oikein?\n",
        1,
        19,
        "a value that starts with '{' or '[' is read as a mapping or a list",
        'put the value in quotes: prompt: "[Luonnos] Mikä on oikein?"',
    ),
    "backtick-starts-a-value": (
        "prompt: `code` here\n",
        1,
        9,
        "a value cannot start with '`'",
        'put the value in quotes: prompt: "`code` here"',
    ),
    "star-starts-a-value": (
        "prompt: *tärkeä* asia\n",
        1,
        9,
        "a value cannot start with '*' (YAML reads it as markup of its own)",
        'put the value in quotes: prompt: "*tärkeä* asia"',
    ),
    "bang-starts-a-value": (
        "prompt: '!'\nhint: !tärkeä\n",
        2,
        7,
        "a value cannot start with '!' (YAML reads it as markup of its own)",
        'put the value in quotes: hint: "!tärkeä"',
    ),
    "unknown-escape": (
        'path: "C:\\kurssi"\n',
        1,
        10,
        "'\\k' in double quotes: YAML reads a backslash there as the start of an escape",
        "write \\\\ for a backslash, or use single quotes",
    ),
    "key-among-items": (
        "questions:\n  - id: a\n  type: single\n",
        3,
        3,
        "a 'key: value' line among the items ('- ') of a list",
        "if it belongs to the item of line 2, indent it like the key after that line's '- ' "
        "(4 spaces); if it starts a new item, begin it with '- '",
    ),
    "key-after-items": (
        "- a\n- b\nc: 1\n",
        3,
        1,
        "a 'key: value' line among the items ('- ') of a list",
        "start it with '- ' if it is an item of the list, or move it out of the list",
    ),
    "item-indented-too-far": (
        "choices:\n  - text: A\n    - text: B\n",
        3,
        5,
        "a list item ('- ') where this block has 'key: value' lines",
        "if it is the next item of the list of line 2, indent it like that line (2 spaces)",
    ),
    "item-on-the-keys-line": (
        "id: x\nkeywords: - a\n",
        2,
        11,
        "a list item ('- ') on the same line as 'keywords:'",
        "write the items on the lines below 'keywords:', indented, each starting with '- '",
    ),
    "text-goes-on-unindented": (
        "prompt: Mikä näistä on\noikein?\nid: x\n",
        2,
        1,
        "a line with no ':' among 'key: value' lines",
        "if it goes on with the text of line 1, indent it more than that line's key "
        "(2 spaces); otherwise write it as 'key: value'",
    ),
    "block-text-unindented": (
        "id: x\nprompt: |\nMikä näistä\n",
        3,
        1,
        "a line with no ':' among 'key: value' lines",
        "the text of the '|' or '>' on line 2 goes on lines indented more than that line",
    ),
    "second-document": (
        "id: x\n---\ntitle: y\n",
        2,
        1,
        "a second YAML document: a line '---' ends the first one",
        "a file holds one document: remove the '---' line",
    ),
    "duplicate-key": (
        "id: a\ntitle: T\nid: b\n",
        3,
        1,
        "the key 'id' is given twice (first on line 1)",
        "keep one of them",
    ),
}


# A tag YAML knows but whose value it cannot make, on a value or a collection.
BANG = "a value cannot start with '!' (YAML reads it as markup of its own)"
for _written in ("!!int x", "!!float x", "!!bool x", "!!timestamp 2020-99-99", "!!map [1]"):
    CASES[f"tag {_written}"] = ("id: demo\nversion: " + _written + "\n", 2, 10, BANG, "put")
CASES["tag on a list item"] = ("items:\n  - a\n  - !!seq {a: 1}\n", 3, 5, BANG, "put")


def test_words_like_dates_stay_text() -> None:
    """YAML 1.1 makes '2024-02-30' a date and fails on it: a course has no dates, only text."""
    assert load_yaml("a: 2024-02-30\nb: 2024-01-01\nc: !!str 5\nd: !!int 5\n") == {
        "a": "2024-02-30",
        "b": "2024-01-01",
        "c": "5",
        "d": 5,
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_mistake_is_named_at_its_line(name: str) -> None:
    text, line, column, message, hint = CASES[name]
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text)
    exc = caught.value
    assert (exc.line, exc.column, exc.message) == (line, column, message)
    assert exc.hint is not None and exc.hint.startswith(hint), exc.hint


def test_lines_follow_the_text_they_come_from() -> None:
    """Front matter and inline quizzes start below line 1: their lines are the file's."""
    text, line, column, message, _hint = CASES["key-moved-to-column-1"]
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text, first_line=12)
    assert (caught.value.line, caught.value.column) == (line + 11, column)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("list-item-indented-wrong", "indent it like line 13 (2 spaces)"),
        ("key-indented-more", "line 13 above it"),
        ("item-moved-to-column-1", "indent it like line 13 (2 spaces)"),
        ("quote-closed-lines-later", "closes only on line 15"),
        ("duplicate-key", "(first on line 12)"),
        ("key-among-items", "the item of line 13"),
        ("item-indented-too-far", "the list of line 13"),
        ("text-goes-on-unindented", "the text of line 12"),
        ("block-text-unindented", "on line 13"),
    ],
)
def test_lines_named_in_messages_are_the_files(name: str, said: str) -> None:
    """A hint that names another line names it as the file numbers it."""
    text = CASES[name][0]
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text, first_line=12)
    assert said in f"{caught.value.message} / {caught.value.hint}"


def test_problem_carries_the_hint() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(CASES["tab"][0])
    problem = caught.value.problem("course.yml")
    assert problem.format() == (
        "course.yml:3:1: error: a tab in the indentation\n"
        "  hint: YAML indents with spaces only: replace the tab with spaces"
    )


def test_other_errors_keep_the_parsers_words() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("title: | x\n")
    assert caught.value.message.startswith("YAML syntax error: while scanning a block scalar")
    assert caught.value.hint and "colons, quotes, brackets and indentation" in caught.value.hint


@pytest.mark.parametrize("value", ["a: b", 'say "hi": now', "it's: 'x'", "back\\slash: x", ""])
def test_quoted_values_read_back_as_themselves(value: str) -> None:
    assert yaml.safe_load(f"key: {quoted(value)}") == {"key": value}


YAMLISH = st.text(alphabet=" \t\n-:#'\"[]{},|>*&!@`%?ab1", max_size=60)


@settings(max_examples=400, deadline=None)
@given(YAMLISH)
def test_any_broken_text_is_explained_within_it(text: str) -> None:
    """Whatever the text, the explanation is a message at a line of that text, never a crash."""
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        said = explain(exc, text)
        assert said.message
        assert said.hint
        lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        assert said.line is None or 0 <= said.line < lines
    except yaml.YAMLError:
        pass
