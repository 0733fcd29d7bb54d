"""The example course (one SCO) in the real Moodle: each path a learner takes, what Moodle keeps.

Every test imports the package with the settings of its own Moodle sheet, plays it as
``student1`` through Moodle's entry page and player, leaves with *Exit activity*, and then holds
what Moodle stored, graded and completed against what the learner saw on the page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame

from tests.browser.learner import answer, retry
from tests.moodle.conftest import Built
from tests.moodle.harness import Activity, Moodle, Tracks, seconds, summary
from tests.moodle.learner import Learner
from tests.moodle.saved import Saved, saved

COURSE = Path(__file__).resolve().parents[2] / "course"
MODULES = 6  # the example course: graded quizzes in modules 1-5, a practice quiz in 6
GRADED = 21  # graded questions a learner is shown (one quiz draws 3 of its 5)
STATUS = {
    "fi": {"passed": "Hyväksytty.", "failed": "Ei hyväksytty."},
    "sv": {"passed": "Godkänd.", "failed": "Inte godkänd."},
}
REVIEW = {"fi": "Tarkastelu:", "sv": "Granskning:"}
FINAL_NOTE = "Tulos on kirjattu"  # quiz_locked_final, fi


def imported(moodle: Moodle, built: Callable[[Path], dict[str, Built]], lang: str) -> Activity:
    """The example course's package in ``lang``, imported with its sheet's settings."""
    package = built(COURSE)[lang]
    return package.imported(moodle)


def progress(built: Callable[[Path], dict[str, Built]], lang: str, tracks: Tracks) -> Saved:
    """The learner's progress as Moodle stored it, read with the package's own codec; the
    interactions it counts are the ones Moodle stored."""
    state = saved(built(COURSE)[lang].package, tracks.values()["cmi.suspend_data"])
    assert state.interactions == len(tracks.interactions())
    return state


def results(frame: Frame) -> list[str]:
    """The result line of every quiz on a module page, as the learner reads it."""
    return [str(t).strip() for t in frame.locator(".sb-result").all_text_contents()]


def open_retries(frame: Frame) -> int:
    """How many *Try again* buttons the page offers."""
    return int(frame.locator(".sb-retry:not([hidden])").count())


def enabled_checks(frame: Frame) -> int:
    """How many *Check* buttons of graded quizzes the learner can press."""
    shown = ".sb-quiz:not(:has(.sb-practice)) .sb-question:not([hidden]) .sb-check:enabled"
    return int(frame.locator(shown).count())


def play_all(learner: Learner, mode: str) -> tuple[list[str], list[str]]:
    """Open every module in order and answer every open question.

    Returns the quiz results shown and the ids of the graded questions answered, in order.
    """
    shown: list[str] = []
    answered: list[str] = []
    for n in range(MODULES):
        frame = learner.go(n)
        before = learner.answered(frame)
        answer(frame, mode)
        shown += results(frame)
        answered += [q for q in learner.answered(frame) if q not in before]
    return shown, answered


def assert_time(tracks: Tracks, learner: Learner) -> None:
    """total_time is the time the learner's visits so far kept the package open (each session's
    time is rounded to a second)."""
    stored = seconds(tracks.values()["cmi.core.total_time"])
    low, high = learner.least - learner.visits, learner.most + learner.visits
    assert low <= stored <= high, (stored, learner.least, learner.most)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_passing_learner(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
    lang: str,
) -> None:
    activity = imported(moodle, built, lang)
    learner.enter(activity)
    shown, answered = play_all(learner, "right")
    status_shown = learner.sco_text("#sb-status")
    learner.leave()

    stored = moodle.tracks(activity)
    report(f"single SCO ({lang}): a passing learner", summary(activity, stored))
    values = stored.values()
    assert status_shown == STATUS[lang]["passed"]
    assert all("100 %" in line for line in shown if line)
    assert values["cmi.core.lesson_status"] == "passed"
    assert (values["cmi.core.score.raw"], values["cmi.core.score.max"]) == ("100", "100")
    assert values.get("cmi.core.exit", "") == ""  # never "suspend": Moodle keeps no "" it had
    assert values["cmi.core.lesson_location"].startswith("m06-")
    state = progress(built, lang, stored)
    assert state.visited == [True] * MODULES
    assert [(q.attempts, q.best) for q in state.graded()] == [(1, 100)] * 5
    got = stored.interactions()
    assert len(answered) == GRADED
    assert [i["id"].split(".", 1)[1] for i in got] == answered  # every answer, in order
    assert all(i["result"] == "correct" for i in got)
    assert_time(stored, learner)
    assert stored.grade == 100 and stored.grade >= stored.gradepass == 70
    assert stored.completion == "complete"
    assert not learner.errors()


def test_failing_learner_comes_back_and_uses_the_attempts_left(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
) -> None:
    activity = imported(moodle, built, "fi")
    # First visit: every graded quiz answered wrong once. Attempts are left: nothing is final.
    learner.enter(activity)
    play_all(learner, "wrong")
    assert learner.sco_text("#sb-status") == ""
    learner.leave()
    first = moodle.tracks(activity)
    report("single SCO: a failing learner, first visit", summary(activity, first))
    values = first.values()
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert "cmi.core.score.raw" not in values
    assert values["cmi.core.exit"] == "suspend"
    assert values["cmi.core.lesson_location"].startswith("m06-")
    state = progress(built, "fi", first)
    assert state.visited == [True] * MODULES
    assert [(q.attempts, q.best) for q in state.graded()] == [(1, 0)] * 5
    assert [i["result"] for i in first.interactions()] == ["wrong"] * GRADED
    assert_time(first, learner)
    assert first.grade is None and first.completion == "incomplete"

    # Later: the attempt is still open in Moodle, the package offers its retries, and the
    # learner passes with them. Once the result is passed it is final: the quizzes not yet
    # retried lock.
    learner.enter(activity)
    assert learner.mode == "normal"
    assert learner.sco_text("#sb-notice") == ""
    retried, quizzes = 0, 0
    for n in range(MODULES - 1):
        frame = learner.go(n)
        if retry(frame):
            quizzes += 1
            retried += answer(frame, "right")
        else:
            assert learner.sco_text("#sb-status") == STATUS["fi"]["passed"]
            assert FINAL_NOTE in (frame.text_content(".sb-attempt") or "")
    assert retried and learner.sco_text("#sb-status") == STATUS["fi"]["passed"]
    learner.leave()
    second = moodle.tracks(activity)
    report("single SCO: the failing learner back, using attempts left", summary(activity, second))
    values = second.values()
    assert second.attempts == [1]
    assert values["cmi.core.lesson_status"] == "passed"
    assert float(values["cmi.core.score.raw"]) >= 70
    assert values.get("cmi.core.exit") == ""
    assert values["cmi.core.lesson_location"].startswith("m05-")  # where the learner stopped
    got = second.interactions()
    assert [i["result"] for i in got] == ["wrong"] * GRADED + ["correct"] * retried
    state = progress(built, "fi", second)
    assert [q.attempts for q in state.graded()] == [2] * quizzes + [1] * (5 - quizzes)
    assert [q.best for q in state.graded()] == [100] * quizzes + [0] * (5 - quizzes)
    assert_time(second, learner)
    assert second.grade == float(values["cmi.core.score.raw"]) >= second.gradepass
    assert second.completion == "complete"
    assert not learner.errors()


def test_failing_learner_who_uses_every_attempt_then_reviews(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
) -> None:
    activity = imported(moodle, built, "fi")
    learner.enter(activity)
    tries = []
    for n in range(MODULES):
        frame = learner.go(n)
        answered = answer(frame, "wrong")
        attempts = 1
        for _ in range(3 if n < 5 else 0):  # the graded quizzes have 2 or 3 attempts
            if retry(frame):
                answered += answer(frame, "wrong")
                attempts += 1
        if n < 5:
            tries.append(attempts)
    assert learner.sco_text("#sb-status") == STATUS["fi"]["failed"]
    learner.leave()
    stored = moodle.tracks(activity)
    report("single SCO: a learner who uses every attempt and fails", summary(activity, stored))
    values = stored.values()
    assert values["cmi.core.lesson_status"] == "failed"
    assert values["cmi.core.score.raw"] == "0"
    assert values.get("cmi.core.exit", "") == ""  # final within the first visit: no resume
    assert values["cmi.core.lesson_location"].startswith("m06-")
    state = progress(built, "fi", stored)
    assert [(q.attempts, q.best) for q in state.graded()] == [(n, 0) for n in tries]
    assert sorted(set(tries)) == [2, 3]  # every attempt the quizzes offer, and no more
    assert [i["result"] for i in stored.interactions()] == ["wrong"] * len(stored.interactions())
    assert_time(stored, learner)
    assert stored.grade == 0 and stored.grade < stored.gradepass
    assert stored.completion == "incomplete"

    # The result is final: Moodle opens the next visit in review mode, and the page says that
    # nothing is saved and offers no answer that would look as if it counted.
    learner.enter(activity)
    assert learner.mode == "review"
    assert learner.sco_text("#sb-notice").startswith(REVIEW["fi"])
    for n in range(MODULES - 1):
        frame = learner.go(n)
        assert open_retries(frame) == 0 and enabled_checks(frame) == 0
    learner.leave()
    reviewed = moodle.tracks(activity)
    report("single SCO: the failed learner's review visit", summary(activity, reviewed))
    assert reviewed.raw["attempts"] == stored.raw["attempts"]


def test_leave_and_resume_in_the_middle_of_a_quiz(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
) -> None:
    activity = imported(moodle, built, "sv")
    learner.enter(activity)
    learner.go(1)
    frame = learner.go(0)
    answered = learner.answer_some(frame, 2)
    learner.leave()
    left = moodle.tracks(activity)
    report("single SCO (sv): left in the middle of a quiz", summary(activity, left))
    first = left.values()
    assert first["cmi.core.lesson_location"].startswith("m01-")
    assert first["cmi.core.exit"] == "suspend"
    assert first["cmi.core.lesson_status"] == "incomplete" and "cmi.core.score.raw" not in first
    assert [i["result"] for i in left.interactions()] == ["correct"] * 2
    state = progress(built, "sv", left)
    assert state.visited == [True, True] + [False] * (MODULES - 2)
    quiz = state.graded()[0]  # in the middle of its first attempt: two answers so far
    assert quiz.attempts == 1 and quiz.best is None
    assert sum(a is not None for a in quiz.answers) == 2 < len(quiz.answers)
    assert_time(left, learner)
    assert left.grade is None and left.completion == "incomplete"

    learner.enter(activity)
    frame = learner.resume(0)  # the cover's Continue: the module the learner left
    assert learner.answered(frame) == answered
    assert learner.sco_text("#sb-progress").startswith("2/6")
    answer(frame, "right")
    learner.leave()
    stored = moodle.tracks(activity)
    report("single SCO (sv): resumed and the quiz finished", summary(activity, stored))
    assert [i["id"] for i in stored.interactions()][:2] == [f"miksi-jakaa.{q}" for q in answered]
    assert [i["result"] for i in stored.interactions()] == ["correct"] * 4
    values = stored.values()
    assert values["cmi.core.lesson_status"] == "incomplete" and "cmi.core.score.raw" not in values
    assert values["cmi.core.lesson_location"] == first["cmi.core.lesson_location"]
    assert values["cmi.core.exit"] == "suspend"
    quiz = progress(built, "sv", stored).graded()[0]
    assert (quiz.attempts, quiz.best) == (1, 100) and None not in quiz.answers
    assert_time(stored, learner)
    assert stored.grade is None and stored.completion == "incomplete"
    assert not learner.errors()


def test_review_visit_after_completion_changes_nothing(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
) -> None:
    activity = imported(moodle, built, "fi")
    learner.enter(activity)
    play_all(learner, "right")
    learner.leave()
    before = moodle.tracks(activity)
    assert before.values()["cmi.core.lesson_status"] == "passed"

    learner.enter(activity)
    assert learner.mode == "review"
    assert learner.sco_text("#sb-notice").startswith(REVIEW["fi"])
    assert learner.sco_text("#sb-status") == STATUS["fi"]["passed"]
    for n in range(MODULES):
        frame = learner.go(n)
        if n < 5:
            assert all("100 %" in line for line in results(frame))
            assert open_retries(frame) == 0 and enabled_checks(frame) == 0
    time.sleep(2)  # a review visit of some length: its time must not count
    learner.leave()
    after = moodle.tracks(activity)
    report("single SCO: a review visit after passing", summary(activity, after))
    assert after.raw["attempts"] == before.raw["attempts"]
    assert after.grade == before.grade and after.completion == before.completion == "complete"
    assert not learner.errors()
