"""Loading courses: the model the loader builds, and the problems it reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scormbuild.errors import CourseError
from scormbuild.source.load import load_course
from scormbuild.source.memo import ModuleMemo
from tests.coursekit import write_course

REPO = Path(__file__).resolve().parents[1]


def messages(course: Path) -> str:
    with pytest.raises(CourseError) as info:
        load_course(course)
    return "\n".join(p.format() for p in info.value.problems)


def test_example_course_loads_in_every_language() -> None:
    loaded = load_course(REPO / "course")
    assert [c.language for c in loaded.courses] == ["fi", "sv"]
    fi, sv = loaded.courses
    assert len(fi.modules) >= 5
    assert all(m.quizzes for m in fi.modules)
    assert [m.slug for m in fi.modules] == [m.slug for m in sv.modules]
    assert fi.config.title != sv.config.title or fi.config.language != sv.config.language
    types = {q.type for quiz in fi.quizzes for q in quiz.questions}
    assert types == {"single", "multiple", "truefalse", "fill", "numeric", "matching", "ordering"}


def test_minimal_course_model(tmp_path: Path) -> None:
    loaded = load_course(write_course(tmp_path))
    (course,) = loaded.courses
    intro, more = course.modules
    assert (intro.id, intro.slug, intro.title, intro.href) == (
        "m01-intro",
        "01-intro",
        "Intro",
        "modules/01-intro.html",
    )
    assert "<!--scormbuild:quiz:intro-->" in intro.html
    (quiz,) = intro.quizzes
    q = quiz.questions[0]
    assert [(c.id, c.correct) for c in q.choices] == [("a", True), ("b", False)]
    assert q.line == 13
    assert more.headings == ()  # its "# More" is the page title, shown by the template
    assert "<h1" not in more.html
    assert more.anchor == "more"  # the template gives the page h1 this id
    assert course.config.mastery_score == 80


def test_module_order_from_course_yml(tmp_path: Path) -> None:
    course = write_course(tmp_path)
    with (course / "course.yml").open("a") as fp:
        fp.write("modules: [02-more.md, 01-intro.md]\n")
    (loaded,) = load_course(course).courses
    assert [m.slug for m in loaded.modules] == ["02-more", "01-intro"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"course.yml": "id: demo\ntitle: [unclosed\n"},
            "course.yml:2:8: error: the '[' opened here is never closed",
        ),
        (
            {"course.yml": "id: Demo Course\ntitle: T\nversion: 1\nlanguage: en\n"},
            "course.yml:1: error: 'id' must be a slug",
        ),
        (
            {"course.yml": "id: d\ntitle: T\nversion: 1\nlanguage: en\nmastery_scor: 80\n"},
            "did you mean 'mastery_score'?",
        ),
        (
            {"course.yml": "id: d\ntitle: T\nversion: 1\nlanguage: en\nmastery_score: high\n"},
            "course.yml:5: error: 'mastery_score' must be a whole number",
        ),
        ({"course.yml": "id: d\ntitle: T\nversion: 1\n"}, "missing required key 'language'"),
        (
            {"modules/02-more.md": "---\ntitle: More\n---\n\n![A map](../assets/map.png)\n"},
            "modules/02-more.md:5: error: missing file '../assets/map.png'",
        ),
        (
            {"modules/02-more.md": "---\ntitle: More\n---\n\n![A map](../../etc/passwd)\n"},
            "leaves the course folder",
        ),
        (
            {"modules/02-more.md": "---\ntitle: More\n---\n\n![A map](/etc/passwd)\n"},
            "absolute path",
        ),
        (
            {"modules/02-more.md": "---\ntitle: More\n---\n\n![x](https://example.org/a.png)\n"},
            "remote resource 'https://example.org/a.png' is refused",
        ),
        (
            {"modules/02-more.md": "---\ntitel: More\n---\n\nText\n"},
            "modules/02-more.md:2: error: unknown front matter key 'titel'",
        ),
        (
            {"modules/02-more.md": b"---\ntitle: More\n---\n\nBad \xff byte\n"},
            "modules/02-more.md:5: error: not valid UTF-8",
        ),
        (
            {"modules/02-more.md": "---\ntitle: More\n---\n\n[see](03-missing.md)\n"},
            "not a module of this course",
        ),
        (
            {"modules/02-more.md": "---\ntitle: More\n---\n\n[see](01-intro.md#nowhere)\n"},
            "missing anchor '#nowhere'",
        ),
    ],
)
def test_bad_input_names_file_and_line(
    tmp_path: Path, files: dict[str, str | bytes], expected: str
) -> None:
    assert expected in messages(write_course(tmp_path, files))


def test_missing_course_yml(tmp_path: Path) -> None:
    assert "no course.yml" in messages(tmp_path)


def test_symlink_out_of_the_course_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG")
    course = write_course(
        tmp_path / "c",
        {"modules/02-more.md": "---\ntitle: More\n---\n\n![A](../assets/link.png)\n"},
    )
    (course / "assets").mkdir()
    (course / "assets/link.png").symlink_to(outside)
    text = messages(course)
    assert "symlink" in text


def picture_course(tmp_path: Path) -> tuple[Path, Path]:
    """A course whose module shows assets/pics/a.png, and a folder outside it with an a.png."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "a.png").write_bytes(b"\x89PNG")
    course = write_course(
        tmp_path / "c",
        {"modules/02-more.md": "---\ntitle: More\n---\n\n![A](../assets/pics/a.png)\n"},
    )
    (course / "assets").mkdir()
    return course, outside


def test_symlinked_folder_out_of_the_course_is_refused(tmp_path: Path) -> None:
    course, outside = picture_course(tmp_path)
    (course / "assets/pics").symlink_to(outside, target_is_directory=True)
    assert "symlink that points outside" in messages(course)


def test_a_folder_replaced_by_a_symlink_is_seen_by_the_next_load(tmp_path: Path) -> None:
    course, outside = picture_course(tmp_path)
    (course / "assets/pics").mkdir()
    (course / "assets/pics/a.png").write_bytes(b"\x89PNG")
    memo = ModuleMemo()
    load_course(course, memo)  # folders resolved and modules remembered
    shutil.rmtree(course / "assets/pics")
    (course / "assets/pics").symlink_to(outside, target_is_directory=True)
    with pytest.raises(CourseError) as info:
        load_course(course, memo)
    assert "symlink that points outside" in info.value.format_message()


def test_all_problems_in_one_run(tmp_path: Path) -> None:
    bad_quiz = """\
---
title: Q
---

# Q

```quiz
id: q
questions:
  - id: a
    type: single
    prompt: P
    choices: [{text: x}, {text: y}]
  - id: a
    type: sorting
    prompt: P
```
"""
    text = messages(write_course(tmp_path, {"modules/02-more.md": bad_quiz}))
    assert "modules/02-more.md:13: error: question 'a': no choice is marked 'correct: true'" in text
    assert "modules/02-more.md:15: error: question 'a': unknown question type 'sorting'" in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "type: single\n    prompt: P\n"
            "    choices: [{text: x, correct: true}, {text: y, correct: true}]",
            "has 2 correct choices",
        ),
        ("type: matching\n    prompt: P\n    pairs: [[a, b]]", "at least two 'pairs'"),
        ("type: ordering\n    prompt: P\n    items: [a]", "at least two 'items'"),
        (
            "type: numeric\n    prompt: P\n    answer: 3\n    tolerance: -1",
            "'tolerance' must be a number of 0 or more",
        ),
        ("type: numeric\n    prompt: P\n    range: [5, 1]", "minimum is larger"),
        ("type: fill\n    prompt: P", "needs 'answers'"),
        ("type: truefalse\n    prompt: P\n    answer: maybe", "answer: true|false"),
        (
            "type: single\n    prompt: P\n"
            "    choices: [{text: x, correct: true, feedbak: y}, {text: z}]",
            "did you mean 'feedback'?",
        ),
    ],
)
def test_quiz_validation(tmp_path: Path, question: str, expected: str) -> None:
    module = (
        f"---\ntitle: Q\n---\n\n# Q\n\n```quiz\nid: q\nquestions:\n  - id: x\n    {question}\n```\n"
    )
    assert expected in messages(write_course(tmp_path, {"modules/02-more.md": module}))
