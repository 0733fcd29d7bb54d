"""yes, no, on and off where a text is meant: an error at the line, the text kept as written;
where true or false is meant, they are fine."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.commands.check import check
from scormbuild.source.yamlsrc import load_yaml
from scormbuild.source.yamlwords import text_words
from tests.coursekit import COURSE_YML, MODULE, write_course

HINT = "(YAML reads yes, no, on and off without quotes as true or false)"
QUIZ = "```quiz\nid: q\ntitle: Check\n{quiz}questions:\n  - id: q1\n{question}```\n"
MODULE_WITH = MODULE.format(title="More") + "\n"  # the quiz starts on line 9


def quiz(question: str, quiz: str = "") -> dict[str, str | bytes]:
    return {"modules/02-more.md": MODULE_WITH + QUIZ.format(quiz=quiz, question=question)}


# name -> (files, the errors check reports)
CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "course-text": (
        {"course.yml": COURSE_YML + "author: No\n"},
        [f"course.yml:7: error: 'No' is read as false, not as the text 'No'\n"
         f"  hint: put it in quotes: author: \"No\" {HINT}"],
    ),
    "course-list": (
        {"course.yml": COURSE_YML + "keywords: [tietosuoja, on]\n"},
        [f"course.yml:7: error: 'on' is read as true, not as the text 'on'\n"
         f"  hint: put it in quotes: \"on\" {HINT}"],
    ),
    "front-matter": (
        {"modules/02-more.md": "---\ntitle: Yes\n---\n\nText.\n"},
        [f"modules/02-more.md:2: error: 'Yes' is read as true, not as the text 'Yes'\n"
         f"  hint: put it in quotes: title: \"Yes\" {HINT}"],
    ),
    "choice-text": (
        quiz("    type: single\n    prompt: P\n    choices:\n      - text: OFF\n"
             "        correct: true\n      - Other\n"),
        [f"modules/02-more.md:17: error: question 'q1': 'OFF' is read as false, not as the "
         f"text 'OFF'\n  hint: put it in quotes: text: \"OFF\" {HINT}"],
    ),
    "fill-answers": (
        quiz("    type: fill\n    prompt: P\n    answers: [kyllä, yes]\n"),
        [f"modules/02-more.md:16: error: question 'q1': 'yes' is read as true, not as the "
         f"text 'yes'\n  hint: put it in quotes: \"yes\" {HINT}"],
    ),
    "feedback": (
        quiz("    type: truefalse\n    prompt: P\n    answer: true\n"
             "    feedback:\n      correct: Yes\n"),
        [f"modules/02-more.md:18: error: question 'q1': 'Yes' is read as true, not as the "
         f"text 'Yes'\n  hint: put it in quotes: correct: \"Yes\" {HINT}"],
    ),
    "quiz-title": (
        {"modules/02-more.md": MODULE_WITH + "```quiz\nid: q\ntitle: on\nquestions:\n"
         "  - id: q1\n    type: truefalse\n    prompt: P\n    answer: true\n```\n"},
        [f"modules/02-more.md:11: error: 'on' is read as true, not as the text 'on'\n"
         f"  hint: put it in quotes: title: \"on\" {HINT}"],
    ),
    "glossary": (
        {"glossary.yml": "kanta:\n  term: rekisteri\n  definition: Tiedot.\n  forms: [On]\n",
         "modules/02-more.md": MODULE_WITH + "Tämä [rekisteri]{.term} on.\n"},
        [f"glossary.yml:4: error: 'On' is read as true, not as the text 'On'\n"
         f"  hint: put it in quotes: \"On\" {HINT}"],
    ),
    "where-true-or-false-is-meant": (
        quiz("    type: single\n    prompt: P\n    choices:\n      - text: A\n"
             "        correct: yes\n      - text: B\n        correct: no\n"
             "  - id: q2\n    type: truefalse\n    prompt: P\n    answer: no\n"
             "  - id: q3\n    type: fill\n    prompt: P\n    answers: [a]\n"
             "    case_sensitive: on\n",
             quiz="graded: yes\nshuffle_questions: off\nshow_answers: no\n"),
        [],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_word_where_a_text_is_meant(tmp_path: Path, name: str) -> None:
    files, expected = CASES[name]
    assert [p.format() for p in check(write_course(tmp_path, files)).errors] == expected


def test_the_text_is_put_back_as_written() -> None:
    data = load_yaml("a: No\nb: [x, on]\nc: {d: YES, e: true}\nf: *g\n".replace("*g", "yes"))
    words = text_words(data, bool_keys={"e"})
    assert [(w.line, w.key, w.word) for w in words] == [
        (1, "a", "No"),
        (2, None, "on"),
        (3, "d", "YES"),
        (4, "f", "yes"),
    ]
    assert data == {"a": "No", "b": ["x", "on"], "c": {"d": "YES", "e": True}, "f": "yes"}


def test_true_and_false_are_no_words() -> None:
    data = load_yaml("a: true\nb: False\nc: [TRUE]\n")
    assert text_words(data) == []
    assert data == {"a": True, "b": False, "c": [True]}


def test_skip_and_text_under() -> None:
    data = load_yaml("correct: yes\nfeedback:\n  correct: yes\nquestions:\n  - no\n")
    words = text_words(data, {"correct"}, text_under={"feedback"}, skip={"questions"})
    assert [(w.line, w.key) for w in words] == [(3, "correct")]
    assert data["questions"] == [False]
