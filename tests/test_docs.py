"""The documentation's examples do what it says they do.

- docs/authoring.md: each ``<!-- example: PATH [EXTRA...] -->`` block is a file of a course
  and the block after it what ``check`` prints about it, exactly (EXTRA files are created).
- docs/format.md and the README: every quiz they show, inline or as a file, reads without a
  problem.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scormbuild.commands.check import check
from scormbuild.render.coursedata import course_data
from scormbuild.source.load import load_course
from scormbuild.source.quizzes import QuizReader
from scormbuild.source.yamlsrc import load_yaml
from scormbuild.strings import Catalog
from tests.coursekit import COURSE_YML, MODULE, write_course
from tests.needs import need

REPO = Path(__file__).resolve().parents[1]
RUNTIME = REPO / "src/scormbuild/runtime"
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


SCORING = FORMAT.split("### Scoring", 1)[1].split("\n## ", 1)[0]


def scoring_quiz(qid: str, points: list[int], extra: str = "") -> str:
    """A quiz of true/false questions worth ``points``, as the scoring example describes it."""
    body = "".join(
        f"  - id: {qid}-{i}\n    type: truefalse\n    prompt: Q{i}\n    answer: true\n"
        f"    points: {p}\n"
        for i, p in enumerate(points)
    )
    return f"id: {qid}\ntitle: {qid}\n{extra}questions:\n{body}"


def scoring_course(tmp_path: Path) -> dict[str, Any]:
    """The scoring example's course, built to the data the runtime reads."""
    setup = re.search(r"```yaml\n(.*?)```", SCORING, re.S)
    assert setup
    mastery = re.search(r"^mastery_score: (\d+)", setup[1], re.M)
    completion = re.search(r"^completion: .*$", setup[1], re.M)
    assert mastery and completion
    quiz = "```quiz\nfile: ../quizzes/{0}.yml\n```\n"
    course = write_course(
        tmp_path,
        {
            "course.yml": COURSE_YML.replace("mastery_score: 80", mastery[0]).replace(
                "completion: [viewed, passed]", completion[0]
            ),
            "quizzes/basics.yml": scoring_quiz("basics", [1, 1, 1, 1], "attempts: 2\n"),
            "quizzes/final.yml": scoring_quiz("final", [1, 1, 2]),
            "modules/01-intro.md": MODULE.format(title="Intro") + "\n" + quiz.format("basics"),
            "modules/02-more.md": MODULE.format(title="More")
            + "\n```quiz\n"
            + scoring_quiz("warm-up", [1], "graded: false\n")
            + "```\n",
            "modules/03-end.md": MODULE.format(title="End") + "\n" + quiz.format("final"),
        },
    )
    assert "four questions of 1 point" in setup[1] and "1, 1 and 2 points" in setup[1]
    (built,) = load_course(course).courses
    return course_data(built, Catalog("en"))


def test_the_scoring_example_is_what_the_runtime_computes(tmp_path: Path) -> None:
    """docs/format.md's scoring table, row by row, against the runtime's own rules."""
    need(shutil.which("node") is not None, "node is not installed; run make browser-deps")
    data = scoring_course(tmp_path)
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in SCORING.splitlines()
        if line.startswith("| ") and not line.startswith("| The learner")
    ]
    assert len(rows) == 5
    weights = [(q["id"], q["max"]) for q in data["quizzes"]]
    assert weights == [("basics", 4), ("warm-up", 1), ("final", 4)]  # as the header says
    states = []
    answered = [0] * 4  # every question of the attempt answered: the attempt is finished
    for _, pages, basics, final, _, _ in rows:
        best = [None if c == "–" else round(float(c.rstrip(" %")) * 100) for c in (basics, final)]
        states.append(
            {
                "visited": [True, True, pages == "all"],
                # the practice quiz done perfectly: it must change nothing
                "quizzes": [
                    {"attempts": 1, "best": best[0], "answers": answered},
                    {"attempts": 1, "best": 10000, "answers": answered},
                    {"attempts": 1, "best": best[1], "answers": answered},
                ],
            }
        )
    script = (
        f"const Sh = require({json.dumps(str(RUNTIME / 'session.js'))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(input.states.map((st) => {"
        " const e = Sh.evaluate(input.course, st, input.course.mastery);"
        " return [e.score === null ? '–' : String(e.score), e.status]; })));"
    )
    out = subprocess.run(
        ["node", "-e", script],
        input=json.dumps({"course": data, "states": states}),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == [row[4:] for row in rows]


def build(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scormbuild", "build", str(course), *args],
        cwd=course.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "1"},
        timeout=300,
    )


def test_build_prints_what_the_authoring_guide_says(tmp_path: Path) -> None:
    """docs/authoring.md 'What it prints': the files and the time; --quiet nothing; errors
    with or without --quiet; dist/ in the current folder."""
    said = AUTHORING.split("What it prints:", 1)[1].strip().split("\n\n", 1)[0]
    assert "with `--quiet`, nothing at all when the build succeeds" in said
    course = write_course(tmp_path / "course")
    loud = build(course)
    assert loud.returncode == 0, loud.stderr
    assert loud.stdout.splitlines()[:3] == [
        "wrote dist/demo-1.0.0.zip",
        "wrote dist/demo-1.0.0-accessibility-statement.md",
        "wrote dist/demo-1.0.0-moodle.md",
    ]
    assert re.fullmatch(
        r"built 1 package in [0-9.]+ s \(load .*\)\n", loud.stdout.split("\n", 3)[3]
    )
    assert (tmp_path / "dist" / "demo-1.0.0.zip").is_file()  # beside the course, where it ran
    quiet = build(course, "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    (course / "modules/02-more.md").write_text("---\ntitel: More\n---\n\nText.\n")
    for args in ((), ("--quiet",)):
        failed = build(course, *args)
        assert failed.returncode == 1
        assert failed.stdout + failed.stderr == (
            "modules/02-more.md:2: error: unknown front matter key 'titel'\n"
            "  hint: did you mean 'title'? It is required, and missing\n"
            "1 error; nothing was written.\n"
        )
