"""Drag and drop ships only with a matching or ordering question in a quiz: its script and its
stylesheet are in the package and on the module pages then, and nowhere else. In the browser:
tests/browser/test_dragdrop.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.render.pages import render_course
from scormbuild.render.theme import make_environment
from scormbuild.source.load import load_course
from tests.coursekit import MODULE, write_course

MATCHING = """
```quiz
id: pairs
questions:
  - id: match
    type: {kind}
    prompt: Pair or order them.
    {body}
```
"""
BODIES = {
    "matching": "pairs: [[Retro, Looking back], [Demo, Showing]]",
    "ordering": "items: [Collect, Share]",
}


def files_of(root: Path, body: str) -> dict[str, bytes]:
    course_dir = write_course(root, {"modules/02-more.md": MODULE.format(title="More") + body})
    course = load_course(course_dir).courses[0]
    return {f.path: f.data or b"" for f in render_course(course, make_environment(None))}


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_shipped_with_a_matching_or_ordering_question(tmp_path: Path, kind: str) -> None:
    out = files_of(tmp_path, MATCHING.format(kind=kind, body=BODIES[kind]))
    assert {"scormbuild/dragdrop.js", "scormbuild/dragdrop.css"} <= set(out)
    for page in ("modules/01-intro.html", "modules/02-more.html"):
        assert b'src="../scormbuild/dragdrop.js"' in out[page]
        assert b'href="../scormbuild/dragdrop.css"' in out[page]


def test_not_shipped_without_one(tmp_path: Path) -> None:
    out = files_of(tmp_path, "")  # the course's one quiz is a single choice question
    assert not [p for p in out if "dragdrop" in p]
    assert not [p for p, data in out.items() if b"dragdrop" in data]
