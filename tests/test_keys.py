"""One typo, one error: a misspelt required key is reported once, at the typo, everywhere keys
are checked (course.yml, front matter, quizzes, questions, choices)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.commands.check import check
from scormbuild.source.keys import check_keys
from scormbuild.source.yamlsrc import load_yaml
from tests.coursekit import COURSE_YML, MODULE, write_course

QUIZ_HEAD = "```quiz\nid: q\ntitle: Check\nquestions:\n"
QUESTION = (
    "  - id: pick\n    type: single\n    prompt: Pick one\n"
    "    choices:\n      - text: Right\n        correct: true\n      - text: Wrong\n"
)
MODULE_WITH = MODULE.format(title="More") + "\n"  # the quiz starts on line 9

# name -> (files, the one error: "path:line: error: message", its hint)
CASES = {
    "course-yml": (
        {"course.yml": COURSE_YML.replace("title:", "titel:")},
        "course.yml:2: error: unknown key 'titel'",
        "did you mean 'title'? It is required, and missing",
    ),
    "front-matter": (
        {"modules/02-more.md": "---\ntitel: More\n---\n\nText.\n"},
        "modules/02-more.md:2: error: unknown front matter key 'titel'",
        "did you mean 'title'? It is required, and missing",
    ),
    "quiz": (
        {"modules/02-more.md": MODULE_WITH + QUIZ_HEAD.replace("questions", "question")
         + QUESTION + "```\n"},
        "modules/02-more.md:12: error: unknown key 'question' in a quiz",
        "did you mean 'questions'? It is required, and missing",
    ),
    "question-prompt": (
        {"modules/02-more.md": MODULE_WITH + QUIZ_HEAD + QUESTION.replace("prompt", "promt")
         + "```\n"},
        "modules/02-more.md:15: error: question 'pick': unknown key 'promt' in a single question",
        "did you mean 'prompt'? It is required, and missing",
    ),
    "question-type": (
        {"modules/02-more.md": MODULE_WITH + QUIZ_HEAD + QUESTION.replace("type", "tpye")
         + "```\n"},
        "modules/02-more.md:14: error: question 'pick': unknown key 'tpye' in a single question",
        "did you mean 'type'? It is required, and missing",
    ),
    "question-choices": (
        {"modules/02-more.md": MODULE_WITH + QUIZ_HEAD + QUESTION.replace("choices", "choises")
         + "```\n"},
        "modules/02-more.md:16: error: question 'pick': unknown key 'choises' in a single "
        "question",
        "did you mean 'choices'? It is required, and missing",
    ),
    "choice": (
        {"modules/02-more.md": MODULE_WITH + QUIZ_HEAD + QUESTION.replace("- text: Wrong",
         "- txt: Wrong") + "```\n"},
        "modules/02-more.md:19: error: question 'pick': unknown key 'txt' in a choice",
        "did you mean 'text'? It is required, and missing",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_typo_of_a_required_key_is_one_error(tmp_path: Path, name: str) -> None:
    files, expected, hint = CASES[name]
    report = check(write_course(tmp_path, files))
    assert [p.format() for p in report.errors] == [f"{expected}\n  hint: {hint}"]


def test_an_unknown_key_beside_the_right_one_is_only_unknown(tmp_path: Path) -> None:
    """With 'title' given, 'titel' is a stray key: its hint names 'title', nothing is missing."""
    course = write_course(tmp_path, {"course.yml": COURSE_YML + "titel: Again\n"})
    (problem,) = check(course).errors
    assert problem.format() == (
        "course.yml:7: error: unknown key 'titel'\n  hint: did you mean 'title'?"
    )


def test_a_missing_key_without_a_typo_is_missing(tmp_path: Path) -> None:
    course = write_course(tmp_path, {"course.yml": COURSE_YML.replace("title: Demo course\n", "")})
    (problem,) = check(course).errors
    assert problem.message == "missing required key 'title'"
    assert problem.hint == "add a line 'title: ...'"


def test_the_typo_is_read_as_the_key_it_spells() -> None:
    data = load_yaml("id: a\ntitel: T\nfoo: 1\n")
    read, unknown = check_keys(data, {"id", "title"}, {"id", "title"})
    assert read == {"id": "a", "title": "T", "foo": 1}
    assert read.line_of("title") == 2
    assert [(u.key, u.line, u.meant) for u in unknown] == [("titel", 2, "title"), ("foo", 3, None)]


def test_one_typo_per_missing_key() -> None:
    """Two spellings of one missing key: the first is the typo, the second only unknown."""
    data = load_yaml("titel: T\ntitl: U\n")
    read, unknown = check_keys(data, {"title"}, {"title"})
    assert read["title"] == "T"
    assert [(u.key, u.meant) for u in unknown] == [("titel", "title"), ("titl", None)]


LIST_HINT = "write its keys as 'key: value' lines without '- ' in front of them"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"course.yml": "- id: demo\n- title: Demo\n"},
            "course.yml:1: error: course.yml must be a mapping of keys to values, not a list",
        ),
        (
            {"course.yml": COURSE_YML + "theme:\n  - brand_color: '#112233'\n"},
            "course.yml:7: error: 'theme' must be a mapping of keys to values, not a list",
        ),
        (
            {"modules/02-more.md": "---\n- title: More\n---\n\nText.\n"},
            "modules/02-more.md:2: error: front matter must be a mapping with 'title', not a list",
        ),
        (
            {"modules/02-more.md": MODULE_WITH + "```quiz\n- id: q\n- title: Check\n```\n"},
            "modules/02-more.md:10: error: a quiz must be a mapping with 'id', 'title' and "
            "'questions', not a list",
        ),
        (
            {
                "modules/02-more.md": MODULE_WITH
                + QUIZ_HEAD
                + "  - - id: pick\n    - type: x\n```\n"
            },
            "modules/02-more.md:13: error: question 1: a question must be a mapping with 'id', "
            "'type' and 'prompt', not a list",
        ),
    ],
)
def test_a_list_where_keys_belong(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    (problem,) = check(write_course(tmp_path, files)).errors
    assert problem.format() == f"{expected}\n  hint: {LIST_HINT}"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "colour: red\n",
            "course.yml:7: error: unknown key 'colour'\n  hint: known keys: author, completion, "
            "description, id, keywords, language, languages, mastery_score, modules, "
            "objectives, organization, reviewed_links, schemas, sco_mode, size_budget_mb, "
            "strings, theme, title, version",
        ),
        (
            "logo: assets/logo.svg\n",
            "course.yml:7: error: unknown key 'logo'\n  hint: it belongs under 'theme:', "
            "indented: 'theme:' then '  logo: ...'",
        ),
        (
            "theme:\n  mastery_score: 50\n",
            "course.yml:8: error: unknown key 'theme.mastery_score'\n  hint: 'mastery_score' "
            "belongs at the top level: remove its indentation",
        ),
    ],
)
def test_an_unknown_key_that_is_no_typo_is_named(tmp_path: Path, extra: str, expected: str) -> None:
    """Only the key is wrong: one error names it, and where it belongs if it belongs elsewhere."""
    course = write_course(tmp_path, {"course.yml": COURSE_YML + extra})
    assert [p.format() for p in check(course).errors] == [expected]
