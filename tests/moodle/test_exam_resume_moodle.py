"""An exam left before its submission in the real Moodle: a learner answers half of it in
Moodle's player (every question kind, a matching row by dragging), leaves with *Exit
activity*, enters again and finds the same questions, in the same order, with their answers;
changes them, leaves and comes back once more, then submits. Moodle stores no answer and no
score before the submission, then every answer once and the score of the answers submitted
(the same as tests/browser/test_exam_resume.py gets without leaving)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame

from tests.browser.test_exam_resume import (
    CHANGED,
    EXAM,
    LAST,
    REPORTED,
    SCORE,
    answer_half,
    give,
    no_feedback,
    shown,
)
from tests.coursekit import MODULE, write_course
from tests.moodle.conftest import Built
from tests.moodle.harness import Activity, Moodle, summary
from tests.moodle.learner import Learner
from tests.moodle.saved import saved


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser test's exam in module 1 of 2 (mastery 80, completion viewed and passed)."""
    body = MODULE.format(title="Exam") + EXAM
    return write_course(tmp_path_factory.mktemp("exam-resume"), {"modules/01-intro.md": body})


def left_unsubmitted(moodle: Moodle, activity: Activity, package: Path) -> list[Any]:
    """What Moodle holds after a visit that left the exam unsubmitted: no answer, no score,
    the status incomplete; the exam's attempt 1 with its drafts in suspend_data."""
    values = moodle.tracks(activity).values()
    assert moodle.tracks(activity).interactions() == []
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert values.get("cmi.core.score.raw", "") == ""
    (exam,) = saved(package, values["cmi.suspend_data"]).graded()
    assert (exam.id, exam.attempts, exam.best, exam.answers) == ("final", 1, None, [None] * 7)
    assert exam.draft is not None
    return exam.draft


def back_in(learner: Learner, activity: Activity) -> Frame:
    """Enter again, as a returning learner: the cover's Continue opens the exam's module."""
    learner.enter(activity)
    return learner.resume(0)


def test_an_exam_left_half_answered_in_moodle_comes_back_and_is_submitted_once(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
    course: Path,
) -> None:
    package = built(course)["en"]
    activity = package.imported(moodle)
    learner.enter(activity)
    frame = learner.go(0)
    answer_half(frame)
    half = shown(frame)
    learner.leave()
    drafts = left_unsubmitted(moodle, activity, package.package)
    assert sum(d is not None for d in drafts) == 5  # all but the true/false and the number

    frame = back_in(learner, activity)
    assert shown(frame) == half  # same questions, order, choices and answers
    no_feedback(frame)
    give(frame, CHANGED)
    changed = shown(frame)
    learner.leave()
    assert left_unsubmitted(moodle, activity, package.package) != drafts

    frame = back_in(learner, activity)
    assert shown(frame) == changed
    give(frame, LAST)
    frame.click(".sb-submit")
    frame.wait_for_selector(".sb-result:not(:empty)")
    learner.go(1)  # every page seen: the result is final
    assert learner.sco_text("#sb-status") == "Passed."
    learner.leave()

    stored = moodle.tracks(activity)
    report("exam mode: left half answered twice, then submitted", summary(activity, stored))
    got = [(i["id"], i["result"], i["student_response"]) for i in stored.interactions()]
    assert len(got) == 7 and set(got) == REPORTED  # every answer, once
    values = stored.values()
    assert (values["cmi.core.lesson_status"], values["cmi.core.score.raw"]) == ("passed", SCORE)
    (exam,) = saved(package.package, values["cmi.suspend_data"]).graded()
    assert (exam.attempts, exam.best) == (1, float(SCORE))
    assert None not in exam.answers and exam.draft is not None and set(exam.draft) == {None}
    assert stored.grade == float(SCORE) and stored.completion in ("complete", "complete_pass")
    assert not learner.errors()
