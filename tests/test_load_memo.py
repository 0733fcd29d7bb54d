"""Loading a course again reuses unchanged modules, and always returns what a fresh load does."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.errors import CourseError
from scormbuild.source.load import LoadedCourse, load_course
from scormbuild.source.memo import ModuleMemo
from tests.coursekit import write_course

IMAGE_MODULE = """\
---
title: Pictures
---

# Pictures

![A chart](../assets/chart.png)

See [the intro](01-intro.md).

```quiz
file: quizzes/pics.yml
```
"""

QUIZ = """\
id: pics
title: Check
questions:
  - id: pics-q1
    type: single
    prompt: Pick *one*
    choices:
      - text: Right
        correct: true
      - text: Wrong
"""


def fresh(root: Path) -> LoadedCourse | str:
    """A load with nothing remembered."""
    return again(root, ModuleMemo())


def again(root: Path, memo: ModuleMemo) -> LoadedCourse | str:
    try:
        return load_course(root, memo)
    except CourseError as exc:
        return exc.format_message()


def same(a: LoadedCourse | str, b: LoadedCourse | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return a.courses == b.courses


@pytest.fixture
def memo() -> ModuleMemo:
    return ModuleMemo()


@pytest.fixture
def course(tmp_path: Path, memo: ModuleMemo) -> Path:
    root = write_course(
        tmp_path,
        {
            "modules/03-pics.md": IMAGE_MODULE,
            "quizzes/pics.yml": QUIZ,
            "assets/chart.png": b"\x89PNG\r\n\x1a\n",
        },
    )
    assert not isinstance(again(root, memo), str)
    return root


EDITS = {
    "module text": lambda r: (r / "modules/03-pics.md").write_text(IMAGE_MODULE + "\nMore.\n"),
    "quiz file": lambda r: (r / "quizzes/pics.yml").write_text(QUIZ.replace("*one*", "two")),
    "broken quiz": lambda r: (r / "quizzes/pics.yml").write_text("id: [\n"),
    "missing quiz": lambda r: (r / "quizzes/pics.yml").unlink(),
    "missing image": lambda r: (r / "assets/chart.png").unlink(),
    "linked module gone": lambda r: (r / "modules/01-intro.md").unlink(),
    "image becomes a folder": lambda r: (
        (r / "assets/chart.png").unlink(),
        (r / "assets/chart.png").mkdir(),
    ),
    "nothing": lambda r: None,
}


@pytest.mark.parametrize("edit", EDITS)
def test_reload_after_an_edit_equals_a_fresh_load(
    course: Path, memo: ModuleMemo, edit: str
) -> None:
    EDITS[edit](course)
    assert same(again(course, memo), fresh(course))
    assert same(again(course, memo), fresh(course))  # and once more, from what was remembered


def test_unchanged_modules_are_not_parsed_again(course: Path, memo: ModuleMemo) -> None:
    """A remembered module comes back as the very object it was; a changed one is new."""
    before = load_course(course, memo).courses[0].modules
    (course / "modules/02-more.md").write_text((course / "modules/02-more.md").read_text() + "x\n")
    after = load_course(course, memo).courses[0].modules
    kept = [a.slug for a, b in zip(after, before, strict=True) if a is b]
    assert kept == ["01-intro", "03-pics"]


def test_example_course_reloads_identically(memo: ModuleMemo) -> None:
    root = Path(__file__).resolve().parents[1] / "course"
    first = fresh(root)
    load_course(root, memo)
    assert memo.entries
    assert same(again(root, memo), first)
