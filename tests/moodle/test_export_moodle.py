"""``scormbuild export`` proven in the real Moodle.

The example course (every question type) and a course of hostile texts are exported as Moodle
XML and GIFT, imported with Moodle's own importer, put into a Moodle quiz, and answered by a
student through Moodle's question engine: right, wrong, and partly right. Moodle's marks are
held against the package's own scoring of the same answers (quiz.js under node). Where they
differ by design (Moodle's partial credit for matching and multiple-answer questions) the
export must have warned, and Moodle's mark must be the partial credit the export set up.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from scormbuild.export.base import Exported, category_name, course_category, share
from scormbuild.export.gift import gift
from scormbuild.export.moodle_xml import moodle_xml
from scormbuild.model import Course, Question, Quiz
from scormbuild.render.coursedata import question_data
from scormbuild.source.load import load_course
from tests.course_samples import module, questions, sample_course
from tests.moodle.export_kit import HERE, SHARED, Moodle, ensure, locate, package_points

EXAMPLE = Path(__file__).resolve().parents[2] / "course"


@pytest.fixture(scope="module")
def moodle() -> Iterator[Moodle]:
    yield ensure(locate())


def right(q: Question) -> Any:
    if q.type in ("single", "truefalse"):
        return next(i for i, c in enumerate(q.choices) if c.correct)
    if q.type == "multiple":
        return [i for i, c in enumerate(q.choices) if c.correct]
    if q.type == "fill":
        return q.answers[0]
    if q.type == "numeric":
        assert q.numeric is not None
        return str(q.numeric.value if q.numeric.value is not None else q.numeric.minimum)
    return list(range(len(q.pairs) if q.type == "matching" else len(q.items)))


def wrong(q: Question) -> Any:
    if q.type in ("single", "truefalse"):
        return next(i for i, c in enumerate(q.choices) if not c.correct)
    if q.type == "multiple":
        return [next(i for i, c in enumerate(q.choices) if not c.correct)]
    if q.type == "fill":
        return "ei tämä"
    if q.type == "numeric":
        assert q.numeric is not None
        return str(q.numeric.maximum + 1)
    n = len(q.pairs) if q.type == "matching" else len(q.items)
    return [(i + 1) % n for i in range(n)]


def partly(q: Question) -> Any:
    """Half right: the case where Moodle's partial credit and the package's rule part ways."""
    if q.type == "multiple":
        return right(q)[:1]
    if q.type == "fill" and not q.case_sensitive:
        return f"  {q.answers[0].upper()} "
    if q.type == "numeric":
        assert q.numeric is not None
        return str(q.numeric.maximum)  # the edge of the tolerance still counts
    if q.type in ("matching", "ordering"):
        order = right(q)
        order[0], order[1] = order[1], order[0]
        return order
    return right(q)


def expected_moodle(q: Question, answer: Any, package: float) -> float:
    """Moodle's mark: the package's, except where the export set up partial credit."""
    if (
        q.type == "multiple"
        and package == 0
        and answer
        and all(q.choices[i].correct for i in answer)
    ):
        weight, _ = share(sum(c.correct for c in q.choices))
        return q.points * weight / 100 * len(answer)
    if q.type == "matching":
        return q.points * sum(1 for i, j in enumerate(answer) if i == j) / len(q.pairs)
    return package


def play(moodle: Moodle, tmp: Path, course: Course, exported: Exported, fmt: str) -> None:
    bank = tmp / ("bank.xml" if fmt == "xml" else "bank.gift.txt")
    bank.write_text(exported.text, encoding="utf-8")
    imported = moodle.php(SHARED / "mc_importbank.php", str(bank), fmt)
    assert imported["ok"], imported
    ids = {q["name"]: (q["id"], q["qtype"]) for q in imported["questions"]}
    asked = [
        (quiz, q) for quiz in course.quizzes for q in quiz.questions if f"{quiz.id}.{q.id}" in ids
    ]
    assert len(asked) == exported.questions == len(imported["questions"])
    attempts = [[pick(q) for _, q in asked] for pick in (right, wrong, partly)]
    spec = {
        "name": f"export check {fmt} {course.config.id}",
        "questions": [
            {"id": ids[f"{quiz.id}.{q.id}"][0], "type": q.type, "mark": q.points}
            for quiz, q in asked
        ],
        "attempts": attempts,
    }
    (tmp / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    graded = moodle.php(HERE / "mc_quizplay.php", str(tmp / "spec.json"))
    if graded["quiz"]:  # the quiz goes; the question bank keeps what was imported
        moodle.php(HERE / "mc_delete.php", str(graded["quiz"]["cmid"]))
    assert graded["exception"] is None, graded["exception"]
    # Each quiz became a category of its own, under one category named after the course.
    for (quiz, q), names in zip(asked, graded["categories"], strict=True):
        assert names[-2:] == [course_category(course), category_name(quiz)], (q.id, names)
    data = [question_data(q) for _, q in asked]
    warned = {
        p.message.split(":")[0] for p in exported.warnings if "part of the points" in p.message
    }
    for answers, attempt in zip(attempts, graded["attempts"], strict=True):
        assert attempt["state"] == "finished"
        package = package_points(data, answers, course.language)
        for (quiz, q), answer, pts, got in zip(
            asked, answers, package, attempt["questions"], strict=True
        ):
            want = expected_moodle(q, answer, pts)
            label = f"{quiz.id}.{q.id} ({q.type}) answered {answer!r}"
            assert got["mark"] == pytest.approx(want, abs=1e-5 * max(q.points, 1)), label
            if want != pts:  # Moodle and the package part ways: the export said so
                assert f"{quiz.id}.{q.id}" in warned, label
        assert attempt["sumgrades"] == pytest.approx(
            sum(
                expected_moodle(q, a, p)
                for (_, q), a, p in zip(asked, answers, package, strict=True)
            ),
            abs=1e-4,
        )
    right_total = sum(package_points(data, attempts[0], course.language))
    assert right_total == pytest.approx(sum(q.points for _, q in asked))
    assert graded["attempts"][0]["grade"] == pytest.approx(100, abs=1e-3)
    assert graded["attempts"][1]["sumgrades"] == pytest.approx(0)


def example() -> Course:
    return load_course(EXAMPLE).courses[0]


def test_moodle_xml_of_the_example_course(moodle: Moodle, tmp_path: Path) -> None:
    course = example()
    exported = moodle_xml(course)
    assert {q.type for q in course.quizzes[0].questions} | {"ordering", "matching", "fill"} <= {
        q.type for quiz in course.quizzes for q in quiz.questions
    }
    play(moodle, tmp_path, course, exported, "xml")


def test_gift_of_the_example_course(moodle: Moodle, tmp_path: Path) -> None:
    course = example()
    exported = gift(course)
    assert exported.skipped == sum(
        q.type == "ordering" for quiz in course.quizzes for q in quiz.questions
    )
    play(moodle, tmp_path, course, exported, "gift")


HOSTILE = "a{b}=c#d~e:f\\g%h->i*j [html] <&>"


def hostile_course() -> Course:
    base = questions()
    qs = []
    for q in base:
        if q.type in ("single", "multiple"):
            q = replace(q, choices=tuple(replace(c, html=f"{c.html} {HOSTILE}") for c in q.choices))
        elif q.type == "fill":
            q = replace(q, answers=("x*{y}=#~:z", "a\\b"), case_sensitive=True)
        elif q.type == "matching":
            q = replace(
                q,
                pairs=tuple(
                    replace(
                        p, left_html=f"{p.left_html} {HOSTILE}", right_html=f"{p.right_html} =#{{}}"
                    )
                    for p in q.pairs
                ),
            )
        elif q.type == "numeric":
            q = replace(q, numeric=replace(q.numeric, minimum=-2.5, maximum=-1.5, value=None))  # type: ignore[arg-type]
        qs.append(replace(q, prompt_html=f"<p>{HOSTILE}</p>\n<p>toinen\n\nkappale</p>"))
    quiz = Quiz(
        id="vihamielinen",
        title="Vino/viiva {ja} #merkit ~=: \\{ \\n \\",
        questions=tuple(qs),
        source="quizzes/v.yml",
        line=1,
    )
    return replace(sample_course(), modules=(module(1, quiz),))


@pytest.mark.parametrize("fmt", ["xml", "gift"])
def test_hostile_texts_survive_moodles_importers(moodle: Moodle, tmp_path: Path, fmt: str) -> None:
    course = hostile_course()
    play(moodle, tmp_path, course, moodle_xml(course) if fmt == "xml" else gift(course), fmt)


def test_every_language_of_a_course_goes_into_one_question_bank(
    moodle: Moodle, tmp_path: Path
) -> None:
    # An admin imports the Finnish and the Swedish questions of a bilingual course into the
    # same Moodle course: the quizzes share their ids, their titles differ. (A category ID
    # number taken from the quiz id made Moodle's importer fail on the second language.)
    courses = load_course(EXAMPLE).courses
    assert len({c.language for c in courses}) > 1
    for course in courses:
        for fmt, exported in (("xml", moodle_xml(course)), ("gift", gift(course))):
            bank = tmp_path / f"{course.language}.{fmt}.txt"
            bank.write_text(exported.text, encoding="utf-8")
            imported = moodle.php(SHARED / "mc_importbank.php", str(bank), fmt)
            assert imported["ok"] and imported["exception"] is None, (course.language, fmt)
            assert len(imported["questions"]) == exported.questions
