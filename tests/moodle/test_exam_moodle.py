"""A quiz in exam mode in the real Moodle: answers left unsubmitted are never sent, and a
submission sends every answer of the attempt in one save, as Moodle stores and grades it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scormbuild.strings import Catalog
from tests.browser.test_quiz import EXAM_RIGHT, EXAM_WRONG, QUIZ_COURSE, RIGHT, put
from tests.moodle.conftest import Built
from tests.moodle.harness import Moodle, summary
from tests.moodle.learner import Learner
from tests.moodle.saved import saved


def test_an_exam_submitted_on_a_second_visit(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
) -> None:
    package = built(QUIZ_COURSE)["fi"]
    activity = package.imported(moodle)
    # First visit: the other graded quiz right (5 of 5 points), two exam answers not submitted.
    learner.enter(activity)
    put(learner.go(1), RIGHT)
    frame = learner.go(2)
    put(frame, EXAM_RIGHT, only=("sky", "even"))
    learner.leave()
    first = moodle.tracks(activity).values()
    assert first["cmi.core.lesson_status"] == "incomplete"
    ids = [i["id"] for i in moodle.tracks(activity).interactions()]
    assert ids == ["check.lesson", "check.parts", "check.share", "check.word", "check.sum"]
    exam = saved(package.package, first["cmi.suspend_data"]).graded()[1]
    assert (exam.id, exam.attempts, exam.best) == ("exam", 1, None)
    assert exam.answers == [None, None, None]  # nothing submitted
    # Second visit: the same attempt, empty (put() sets the controls without the events a
    # learner's input fires, so no draft was kept: test_exam_resume_moodle.py has drafts);
    # answered whole and submitted: 2 of 3 points.
    learner.enter(activity)
    frame = learner.go(2)
    assert frame.eval_on_selector_all(".sb-choices input:checked", "(els) => els.length") == 0
    put(frame, EXAM_RIGHT, only=("sky", "even"))
    put(frame, EXAM_WRONG, only=("week",))
    frame.click(".sb-submit")
    # (5 + 2) of 8 points passes: the result is final, and the quizzes lock.
    assert frame.is_hidden(".sb-submit") and frame.is_hidden(".sb-retry")
    assert Catalog("fi")("quiz_locked_final") in (frame.text_content(".sb-attempt") or "")
    learner.leave()

    stored = moodle.tracks(activity)
    report("exam mode: left unsubmitted, then submitted", summary(activity, stored))
    values = stored.values()
    assert (values["cmi.core.lesson_status"], values["cmi.core.score.raw"]) == ("passed", "87.5")
    got = stored.interactions()[5:]
    assert [(i["id"], i["result"], i["student_response"]) for i in got] == [
        ("exam.sky", "correct", "a"),
        ("exam.even", "correct", "a,b"),
        ("exam.week", "wrong", "6"),
    ]
    assert [i["weighting"] for i in got] == ["1", "1", "1"]
    exam = saved(package.package, values["cmi.suspend_data"]).graded()[1]
    assert (exam.attempts, round(exam.best or 0, 2)) == (1, 66.67)
    assert stored.grade == 87.5 and stored.completion in ("complete", "complete_pass")
    assert not learner.errors()
