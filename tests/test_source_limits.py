"""Hostile YAML and text fields: every reader works under a bound and answers with a located error.

Alias bombs, self-referencing aliases, deep nesting and huge numbers in each of the four places
YAML is read (course.yml, a quiz file, front matter, an inline quiz); characters XML forbids,
over-long names and titles, unsafe versions and repeated language codes in course.yml.
"""

from __future__ import annotations

import re
import resource
import time
from pathlib import Path

import pytest

from scormbuild.limits import CHOICES, QUESTIONS_PER_QUIZ, YAML_DEPTH, YAML_NODES
from scormbuild.pipeline import gather
from scormbuild.source.yamlcheck import XML_ILLEGAL_RE
from scormbuild.source.yamlsrc import YamlSyntaxError, load_yaml
from tests.coursekit import COURSE_YML, MODULE, write_course
from tests.test_paths import within

# Nine levels of ten: 10^9 values once expanded, in a few hundred bytes.
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)
)
# The same inside one value, for the keys whose value is free-form.
BOMB_VALUE = "[" + BOMB.replace("\n", ", ").replace(": &", ": &")[:-2] + "]"
LOOP = "a: &a [x, *a]\n"
DEEP_FLOW = "[" * 200 + "]" * 200
DEEP_BLOCK = "".join("  " * i + "- \n" for i in range(100))
HUGE_INT = "9" * 400

PLACES = {
    # Where the hostile YAML goes: (files, the path and line the error must name).
    "course.yml": lambda y: (
        {"course.yml": COURSE_YML + "x_hostile:\n" + _indent(y)},
        "course.yml",
    ),
    "quiz file": lambda y: (
        {
            "modules/02-more.md": MODULE.format(title="More")
            + "\n```quiz\nfile: quizzes/q.yml\n```\n",
            "quizzes/q.yml": "id: q\ntitle: Q\nquestions:\n  - id: a\n    x_hostile:\n"
            + _indent(y, 6),
        },
        "quizzes/q.yml",
    ),
    "front matter": lambda y: (
        {"modules/02-more.md": "---\ntitle: More\nx_hostile:\n" + _indent(y) + "---\n\nText.\n"},
        "modules/02-more.md",
    ),
    "inline quiz": lambda y: (
        {
            "modules/02-more.md": MODULE.format(title="More")
            + "\n```quiz\nid: q\ntitle: Q\nx_hostile:\n"
            + _indent(y)
            + "```\n"
        },
        "modules/02-more.md",
    ),
}


def _indent(text: str, spaces: int = 2) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def problems(course: Path) -> str:
    with within(30):
        gathered = gather(course)
    return "\n".join(p.format() for p in gathered.problems)


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (BOMB, "YAML document with more than 200000 values once its aliases are expanded"),
        (LOOP, "a YAML alias inside the value it names"),
        ("deep: " + DEEP_FLOW, f"YAML nested more than {YAML_DEPTH} levels deep"),
        ("deep:\n" + DEEP_BLOCK, f"YAML nested more than {YAML_DEPTH} levels deep"),
        ("deep: " + "[" * 2000, f"YAML nested more than {YAML_DEPTH} levels deep"),
        (f"n: {HUGE_INT}", "a number of more than 100 digits"),
    ],
    ids=[
        "alias bomb",
        "alias loop",
        "deep flow",
        "deep block",
        "deeper than libyaml",
        "400 digits",
    ],
)
def test_hostile_yaml_is_refused_quickly_where_it_is(
    tmp_path: Path, place: str, yaml_text: str, message: str
) -> None:
    files, path = PLACES[place](yaml_text)
    course = write_course(tmp_path, files)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    text = problems(course)
    assert time.perf_counter() - start < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB
    assert f"{path}:" in text and message in text, text
    line = next(x for x in text.splitlines() if message in x)
    assert line.startswith(f"{path}:") and ": error: " in line
    assert line.split(":")[1].isdigit()  # a line number
    assert "hint: " in text


def test_yaml_errors_point_at_the_node() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("ok: 1\nlist:\n  - fine\n  - " + DEEP_FLOW + "\n", first_line=10)
    # The mapping and the list are two levels: the bracket one level too deep is the one named.
    assert (caught.value.line, caught.value.column) == (13, 5 + YAML_DEPTH + 1 - 3)
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("a: x\nb: &b [1, *b]\n")
    assert caught.value.line == 2


def test_a_document_of_too_many_values_without_aliases() -> None:
    text = "top:\n  many: [" + "0, " * YAML_NODES + "0]\n"
    with within(30), pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text, first_line=3)
    assert "more than 200000 values" in caught.value.message
    assert (caught.value.line, caught.value.column) == (4, 9)  # the list that goes over


def test_a_few_aliases_are_fine_and_keep_their_lines() -> None:
    data = load_yaml("base: &b {x: 1, y: 2}\none: *b\ntwo: {<<: *b, z: 3}\n", first_line=5)
    assert data["one"] == {"x": 1, "y": 2} and data["two"] == {"x": 1, "y": 2, "z": 3}
    assert data["base"].line == 5 and data["base"].line_of("y") == 5  # shifted once, not twice


@pytest.mark.parametrize(
    ("key", "escape", "code"),
    [
        ("title", "\\v", "U+000B"),
        ("author", "\\x1f", "U+001F"),
        ("description", "\\uFFFE", "U+FFFE"),
        ("organization", "\\0", "U+0000"),
        ("version", "\\ud800", "U+D800"),
        ("title", "\\uDFFF", "U+DFFF"),
    ],
)
def test_characters_xml_forbids(tmp_path: Path, key: str, escape: str, code: str) -> None:
    yml = "".join(
        line for line in COURSE_YML.splitlines(keepends=True) if not line.startswith(f"{key}:")
    )
    course = write_course(tmp_path, {"course.yml": yml + f'{key}: "a{escape}b"\n'})
    text = problems(course)
    line = 6 if key in ("title", "version") else 7  # a key the course had, or a new one
    assert f"course.yml:{line}:{len(key) + 3}: error: the text holds the character {code}" in text
    assert "hint: delete it" in text


def test_characters_xml_forbids_in_a_quiz_and_front_matter(tmp_path: Path) -> None:
    course = write_course(
        tmp_path,
        {
            "modules/02-more.md": '---\ntitle: "M\\x01"\n---\n\nText.\n',
            "modules/01-intro.md": MODULE.format(title="Intro")
            + "\n```quiz\nid: q\ntitle: Q\nquestions:\n  - id: a\n    type: truefalse\n"
            '    prompt: "P\\x7f\\x08"\n    answer: true\n```\n',
        },
    )
    text = problems(course)
    assert "modules/02-more.md:2:8: error: the text holds the character U+0001" in text
    assert "modules/01-intro.md:15:13: error: the text holds the character U+0008" in text


def replace_key(key: str, value: str, extra: str = "") -> str:
    lines = [x for x in COURSE_YML.splitlines() if not x.startswith(f"{key}:")]
    return "\n".join([*lines, f"{key}: {value}", extra]).rstrip() + "\n"


@pytest.mark.parametrize(
    ("yml", "expected"),
    [
        (replace_key("id", "a" * 300), "course.yml:6: error: 'id' is 300 characters long"),
        (
            replace_key("version", "'" + "1" * 300 + "'"),
            "course.yml:6: error: 'version' is 300 characters long, more than the limit of 32",
        ),
        (replace_key("version", '"1/../../x"'), "course.yml:6: error: 'version' must be a version"),
        (replace_key("version", ".inf"), "course.yml:6: error: 'version' must be a version"),
        (replace_key("version", "1 0"), "course.yml:6: error: 'version' must be a version"),
        (
            replace_key("title", "T" * 201),
            "course.yml:6: error: 'title' is 201 characters long, more than the limit of 200",
        ),
        (
            replace_key("title", "{en: T, sv: " + "S" * 201 + "}", "languages: [en, sv]"),
            "course.yml:6: error: 'title' is 201 characters long, more than the limit of 200 "
            "(in 'sv')",
        ),
        (
            replace_key("language", "en", "languages: [en, EN]"),
            "course.yml:7: error: 'languages' must be a list of distinct language codes",
        ),
        (
            replace_key("language", "en-" + "-".join(["abcdefgh"] * 10)),
            "course.yml:6: error: 'language' is 92 characters long, more than the limit of 35",
        ),
        (replace_key("size_budget_mb", ".inf"), "course.yml:7: error: 'size_budget_mb' must be"),
        (replace_key("size_budget_mb", ".nan"), "course.yml:7: error: 'size_budget_mb' must be"),
        (replace_key("mastery_score", "1.0e+400"), "course.yml:6: error: 'mastery_score' must be"),
        (replace_key("keywords", "[" + "k" * 1001 + "]"), "'keywords' holds an item that is 1001"),
    ],
)
def test_course_yml_values_over_their_limits(tmp_path: Path, yml: str, expected: str) -> None:
    course = write_course(tmp_path, {"course.yml": yml})
    text = problems(course)
    assert expected in text, text


QUIZ = "---\ntitle: M\n---\n\n```quiz\nid: q\ntitle: Q\nquestions:\n  - id: a\n    type: numeric\n"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("    prompt: P\n    answer: .inf\n", ":12: error: a numeric question needs 'answer'"),
        ("    prompt: P\n    answer: -.inf\n", ":12: error: a numeric question needs 'answer'"),
        ("    prompt: P\n    answer: .nan\n", ":12: error: a numeric question needs 'answer'"),
        ("    prompt: P\n    answer: 1.0e+300\n", ":12: error: a numeric question needs 'answer'"),
        ("    prompt: P\n    answer: " + "9" * 90 + "\n", ":12: error: a numeric question"),
        ("    prompt: P\n    answer: 1\n    points: .inf\n", ":13: error: 'points' must be"),
        ("    prompt: P\n    answer: 1\n    tolerance: .inf\n", ":13: error: 'tolerance' must be"),
        ("    prompt: P\n    range: [0, .inf]\n", ":12: error: 'range' must be [minimum, maximum]"),
    ],
)
def test_numbers_a_quiz_cannot_use(tmp_path: Path, question: str, expected: str) -> None:
    course = write_course(tmp_path, {"modules/02-more.md": QUIZ + question + "```\n"})
    text = problems(course)
    # Each problem of a question names the question ('a').
    named = expected.replace("error: ", "error: question 'a': ")
    assert f"modules/02-more.md{named}" in text, text


def test_counts_a_quiz_cannot_use(tmp_path: Path) -> None:
    module = QUIZ.replace("title: Q\n", "title: Q\nattempts: " + "9" * 30 + "\n")
    course = write_course(tmp_path, {"modules/02-more.md": module + "    answer: 1\n```\n"})
    assert "modules/02-more.md:8: error: 'attempts' must be a whole number from 0 to 1000" in (
        problems(course)
    )


def test_a_quiz_of_too_many_questions_stops_early(tmp_path: Path) -> None:
    question = "  - {id: q%d, type: truefalse, prompt: P, answer: true}\n"
    questions = "".join(question % i for i in range(QUESTIONS_PER_QUIZ + 1))
    course = write_course(
        tmp_path,
        {
            "modules/02-more.md": MODULE.format(title="M")
            + "\n```quiz\nfile: quizzes/q.yml\n```\n",
            "quizzes/q.yml": "id: q\ntitle: Q\nquestions:\n" + questions,
        },
    )
    assert f"quizzes/q.yml:3: error: {QUESTIONS_PER_QUIZ + 1} questions, more than the limit" in (
        problems(course)
    )


@pytest.mark.parametrize("count", [CHOICES, CHOICES + 1])
def test_a_question_has_at_most_the_choices_letters_name(tmp_path: Path, count: int) -> None:
    choices = "".join(f"      - text: C{i}\n        correct: {i == 0}\n" for i in range(count))
    question = "  - id: q1\n    type: single\n    prompt: P\n    choices:\n" + choices
    course = write_course(
        tmp_path,
        {
            "modules/02-more.md": MODULE.format(title="M")
            + "\n```quiz\nfile: quizzes/q.yml\n```\n",
            "quizzes/q.yml": "id: q\ntitle: Q\nquestions:\n" + question,
        },
    )
    found = problems(course)
    if count == CHOICES:
        assert "quizzes/q.yml" not in found
    else:
        assert (
            f"quizzes/q.yml:8: error: question 'q1': {count} choices, more than the limit of "
            f"{CHOICES} (a to z)\n  hint: split the question in two" in found
        )


def test_a_module_title_over_the_manifest_limit(tmp_path: Path) -> None:
    course = write_course(tmp_path, {"modules/02-more.md": MODULE.format(title="T" * 201)})
    assert "modules/02-more.md:2: error: the title is 201 characters long" in problems(course)


def test_too_many_quizzes_in_a_module(tmp_path: Path) -> None:
    quiz = "```quiz\nid: q{0}\ntitle: Q\nquestions:\n  - id: q{0}a\n    type: truefalse\n"
    quiz += "    prompt: P\n    answer: true\n```\n\n"
    body = "".join(quiz.format(i) for i in range(101))
    course = write_course(tmp_path, {"modules/02-more.md": MODULE.format(title="M") + body})
    assert "error: 101 quizzes, more than the limit of 100 in a module" in problems(course)


def test_the_characters_xml_forbids_are_those_it_does_not_allow() -> None:
    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # XML 1.0
    every = "".join(chr(code) for code in range(0x110000))
    assert XML_ILLEGAL_RE.sub("", every) == "".join(allowed.findall(every))


@pytest.mark.parametrize("word", ["0b_", "-0b__", "+0x_", "0x__"])
def test_a_word_yaml_takes_for_a_number_it_cannot_make_is_a_located_error(word: str) -> None:
    with pytest.raises(YamlSyntaxError, match="looks like a number") as caught:
        load_yaml(f"a: 1\nb: [x, {word}]\n", first_line=5)
    assert (caught.value.line, caught.value.column) == (6, 8)
