"""Course Markdown -> HTML, one fixture case at a time (tests/fixtures/markdown/*.md).

Each case is: a title line, then input and expected output, each closed by a line '.'.
Run with SCORMBUILD_REGEN=1 to rewrite the expected outputs after an intended change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scormbuild.source.load import load_course
from tests.coursekit import write_course

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def read_cases(path: Path) -> list[tuple[str, str, str]]:
    cases, lines = [], path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, parts, i = lines[i], [], i + 2
        for _ in range(2):
            end = lines.index(".", i)
            parts.append("\n".join(lines[i:end]))
            i = end + 1
        cases.append((title, parts[0], parts[1]))
    return cases


def write_cases(path: Path, cases: list[tuple[str, str, str]]) -> None:
    text = "\n".join(f"{t}\n.\n{src}\n.\n{out}\n.\n" for t, src, out in cases)
    path.write_text(text, encoding="utf-8")


CASES = [(f, c) for f in sorted(FIXTURES.glob("*.md")) for c in read_cases(f)]


def render(tmp_path: Path, body: str) -> str:
    module = f"---\ntitle: Intro\n---\n\n{body}\n"
    course = write_course(
        tmp_path,
        {
            "modules/01-intro.md": "---\ntitle: Intro\n---\n\n## Intro\n\nText.\n",
            "modules/02-more.md": module,
            "assets/pic.png": b"\x89PNG\r\n\x1a\n",
            "assets/talk.mp4": b"\x00\x00\x00\x18ftypmp42",
            "assets/talk.vtt": "WEBVTT\n",
        },
    )
    (loaded,) = load_course(course).courses
    return loaded.modules[1].html.strip()


@pytest.mark.parametrize(("path", "case"), CASES, ids=[c[1][0] for c in CASES])
def test_fixture(tmp_path: Path, path: Path, case: tuple[str, str, str]) -> None:
    title, source, expected = case
    actual = render(tmp_path, source)
    if os.environ.get("SCORMBUILD_REGEN"):
        cases = [(t, s, actual if t == title else e) for t, s, e in read_cases(path)]
        write_cases(path, cases)
        return
    assert actual == expected
