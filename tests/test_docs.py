"""The documentation's examples do what it says they do.

- docs/authoring.md: each ``<!-- example: PATH [EXTRA...] -->`` block is a file of a course
  and the block after it what ``check`` prints about it, exactly (EXTRA files are created).
- docs/format.md and the README: every quiz they show, inline or as a file, reads without a
  problem.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scormbuild.commands.check import check
from scormbuild.source.quizzes import QuizReader
from scormbuild.source.yamlsrc import load_yaml
from tests.coursekit import write_course

REPO = Path(__file__).resolve().parents[1]
AUTHORING = (REPO / "docs/authoring.md").read_text(encoding="utf-8")
FORMAT = (REPO / "docs/format.md").read_text(encoding="utf-8")
EXAMPLE_RE = re.compile(
    r"<!-- example: (?P<files>[^>]+?) -->\n(?P<fence>`{3,})[a-z]*\n(?P<text>.*?)\n(?P=fence)\n"
    r"```\n(?P<says>.*?)\n```",
    re.S,
)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><title>x</title></svg>\n'
EXAMPLES = {f"{m['files'].split()[0]}-{i}": m for i, m in enumerate(EXAMPLE_RE.finditer(AUTHORING))}


def test_the_examples_are_found() -> None:
    assert len(EXAMPLES) >= 9
    assert AUTHORING.count("<!-- example:") == len(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_check_says_what_the_docs_say(tmp_path: Path, name: str) -> None:
    found = EXAMPLES[name]
    path, *extra = found["files"].split()
    files: dict[str, str | bytes] = {path: found["text"] + "\n"}
    files.update({e: SVG if e.endswith(".svg") else b"" for e in extra})
    report = check(write_course(tmp_path, files))
    assert "\n".join(p.format() for p in report.errors) == found["says"]


def quiz_blocks(text: str) -> list[str]:
    """Every quiz in ``text``: YAML blocks with questions, and the bodies of quiz fences."""
    yaml_blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    fences = re.findall(r"^```quiz\n(.*?)^```", text, re.S | re.M)
    return [b for b in yaml_blocks if "questions:" in b] + [f for f in fences if "questions:" in f]


def test_every_quiz_the_docs_show_reads_cleanly() -> None:
    """The format reference's full quiz and its inline example, and the README's quiz."""
    quizzes = quiz_blocks(FORMAT) + quiz_blocks((REPO / "README.md").read_text(encoding="utf-8"))
    assert len(quizzes) >= 3
    for text in quizzes:
        reader = QuizReader("docs/format.md", lambda text, line: text)
        quiz = reader.read_quiz(load_yaml(text), 1)
        assert quiz is not None, [p.format() for p in reader.problems]
