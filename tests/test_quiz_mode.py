"""A quiz's ``mode``: read once from the quiz, refused at its line when unknown, and what a
package of a course in exam mode ships."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.errors import CourseError
from scormbuild.render.coursedata import quiz_entry
from scormbuild.render.pagefiles import ships
from scormbuild.source.load import load_course
from tests.coursekit import write_course

MODULE = """\
---
title: Q
---

# Q

```quiz
id: final
{mode}
questions:
  - id: x
    type: truefalse
    prompt: P
    answer: true
```
"""


def loaded(tmp_path: Path, mode: str) -> list[str]:
    """The modes of the course's quizzes, and whether it ships exam.js."""
    course = load_course(write_course(tmp_path, {"modules/02-more.md": MODULE.format(mode=mode)}))
    (one,) = course.courses
    modes = [q.mode for q in one.quizzes]
    return [*modes, "exam.js" if ships(one, "exam.js") else "-"]


def test_instant_by_default_and_exam_when_asked(tmp_path: Path) -> None:
    assert loaded(tmp_path / "a", "") == ["instant", "instant", "-"]
    assert loaded(tmp_path / "b", "mode: instant") == ["instant", "instant", "-"]
    assert loaded(tmp_path / "c", "mode: exam") == ["instant", "exam", "exam.js"]


def test_the_runtime_reads_exam_mode_from_the_course_data(tmp_path: Path) -> None:
    path = write_course(tmp_path, {"modules/02-more.md": MODULE.format(mode="mode: exam")})
    (course,) = load_course(path).courses
    entries = [quiz_entry(q, "m") for q in course.quizzes]
    assert [e.get("exam") for e in entries] == [None, True]


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (
            "mode: exma",
            "modules/02-more.md:9: error: 'mode' must be one of instant, exam, not 'exma'\n"
            "  hint: did you mean 'exam'?",
        ),
        (
            "mode: [exam]",
            "modules/02-more.md:9: error: 'mode' must be one of instant, exam, not ['exam']\n"
            "  hint: modes: instant, exam",
        ),
        ("mdoe: exam", "modules/02-more.md:9: error: unknown key 'mdoe' in a quiz"),
    ],
)
def test_an_unknown_mode_is_named_at_its_line(tmp_path: Path, mode: str, expected: str) -> None:
    with pytest.raises(CourseError) as info:
        load_course(write_course(tmp_path, {"modules/02-more.md": MODULE.format(mode=mode)}))
    text = "\n".join(p.format() for p in info.value.problems)
    assert expected in text
