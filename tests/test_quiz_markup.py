"""Quiz markup details that the learner sees before any script runs."""

from __future__ import annotations

from pathlib import Path

from scormbuild.render.pages import render_course
from scormbuild.render.theme import make_environment
from scormbuild.source.load import load_course
from tests.coursekit import write_course

TRUEFALSE = """\
---
title: TF
---

```quiz
id: tf
questions:
  - id: tf1
    type: truefalse
    prompt: The sky is green.
    answer: false
    hint: Look up.
```
"""


def page(tmp_path: Path, lang: str) -> str:
    course_yml = f"id: d\ntitle: T\nversion: '1'\nlanguage: {lang}\n"
    root = write_course(tmp_path, {"course.yml": course_yml, "modules/02-more.md": TRUEFALSE})
    (course,) = load_course(root).courses
    files = {f.path: f.data for f in render_course(course, make_environment(course.templates))}
    data = files["modules/02-more.html"]
    assert data is not None
    return data.decode()


def test_true_false_choices_are_labelled_in_the_course_language(tmp_path: Path) -> None:
    html = page(tmp_path / "fi", "fi")
    assert ">Tosi</label>" in html and ">Epätosi</label>" in html
    assert "<summary>Vihje</summary>" in html
    html = page(tmp_path / "sv", "sv")
    assert ">Sant</label>" in html and ">Falskt</label>" in html
    assert "<summary>Ledtråd</summary>" in html
