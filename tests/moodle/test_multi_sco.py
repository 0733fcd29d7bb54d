"""The multi-SCO fixture in the real Moodle: one SCO per module, Moodle's table of contents
between them, each SCO's status, score and interactions, the grade and completion of the whole.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.browser.learner import answer
from tests.moodle.conftest import Built
from tests.moodle.harness import Activity, Moodle, Tracks, seconds, summary
from tests.moodle.learner import Learner
from tests.moodle.saved import Saved, saved

COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "multisco"
BASICS, READING, EXAM = "Perusteet", "Lukemista", "Loppukoe"
FINAL_NOTE = "Tulos on kirjattu"  # quiz_locked_final, fi
REVIEW = "Tarkastelu:"  # mode_review, fi
REFUSED = "Oppimisalusta ei avannut tätä osiota uudelleen"  # lms_refused, fi


def imported(moodle: Moodle, built: Callable[[Path], dict[str, Built]]) -> Activity:
    package = built(COURSE)["fi"]
    return package.imported(moodle)


TITLES = [BASICS, READING, EXAM]
LOCATIONS = ["m01-perusteet", "m02-lukemista", "m03-koe"]


def sco_values(tracks: Tracks, activity: Activity, title: str) -> dict[str, str]:
    return tracks.values(activity.sco(title).identifier)


def progress(
    built: Callable[[Path], dict[str, Built]], activity: Activity, tracks: Tracks, title: str
) -> Saved:
    """One module's progress as Moodle stored it for its SCO, read with the package's own
    codec; the interactions it counts are the ones Moodle stored for that SCO."""
    sco = activity.sco(title).identifier
    module = TITLES.index(title)
    state = saved(built(COURSE)["fi"].package, tracks.values(sco)["cmi.suspend_data"], module)
    assert state.visited == [True]
    assert state.interactions == len(tracks.interactions(sco))
    return state


def assert_locations(tracks: Tracks, activity: Activity) -> None:
    """Each SCO's bookmark is its own module."""
    assert [sco_values(tracks, activity, t)["cmi.core.lesson_location"] for t in TITLES] == (
        LOCATIONS
    )


def test_sheet_settings_reach_moodle(
    moodle: Moodle, built: Callable[[Path], dict[str, Built]]
) -> None:
    activity = imported(moodle, built)
    assert [s.title for s in activity.launchable] == [BASICS, READING, EXAM]
    record = activity.record
    assert record["grademethod"] == "0"  # Learning objects: the modules passed or completed
    assert record["maxattempt"] == "1" and record["completionstatusallscos"] == "1"
    assert activity.grade_item == {"grademax": 3, "gradepass": 3}


def test_learner_goes_through_the_table_of_contents(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
) -> None:
    activity = imported(moodle, built)
    learner.enter(activity)  # the structure page, then Enter: the first module
    frame = learner.module()
    assert answer(frame, "right") == 3
    assert FINAL_NOTE in (frame.text_content(".sb-attempt") or "")
    learner.toc(READING)  # from here on Moodle saves with beacons
    frame = learner.toc(EXAM)
    assert answer(frame, "right") == 4  # a practice question and three exam questions
    assert FINAL_NOTE in (frame.locator(".sb-attempt").last.text_content() or "")
    # Back to the first module in the same player: Moodle cannot open a SCO again once it has
    # saved interactions (its LMSInitialize throws). The page says nothing is saved and
    # offers no answers.
    frame = learner.toc(BASICS)
    assert (frame.text_content("#sb-page-notice") or "").startswith(REFUSED)
    assert frame.locator(".sb-check:enabled").count() == 0
    learner.leave()

    stored = moodle.tracks(activity)
    report("multi SCO: through the table of contents, all passed", summary(activity, stored))
    basics = sco_values(stored, activity, BASICS)
    reading = sco_values(stored, activity, READING)
    exam = sco_values(stored, activity, EXAM)
    assert (basics["cmi.core.lesson_status"], basics["cmi.core.score.raw"]) == ("passed", "100")
    assert reading["cmi.core.lesson_status"] == "completed"
    assert "cmi.core.score.raw" not in reading
    assert (exam["cmi.core.lesson_status"], exam["cmi.core.score.raw"]) == ("passed", "100")
    assert_locations(stored, activity)
    assert [(q.attempts, q.best) for q in progress(built, activity, stored, BASICS).graded()] == [
        (1, 100)
    ]
    assert progress(built, activity, stored, READING).graded() == []
    exam_quizzes = progress(built, activity, stored, EXAM).graded()
    assert [(q.attempts, q.best) for q in exam_quizzes] == [(1, 100)]
    assert [i["id"] for i in stored.interactions(activity.sco(EXAM).identifier)] == [
        "koe.k-monivalinta",
        "koe.k-aukko",
        "koe.k-jarjestys",
    ]
    # Each module's time is its own session's (here a second or so: the learner is quick).
    assert all(0 <= seconds(v["cmi.core.total_time"]) < 60 for v in (basics, reading, exam))
    assert stored.grade == 3 == stored.gradepass
    assert stored.completion == "complete"
    assert not learner.errors()


def test_failing_learner_comes_back_then_reviews(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
) -> None:
    activity = imported(moodle, built)
    learner.enter(activity)
    answer(learner.module(), "wrong")  # one of two attempts used: the module stays open
    learner.toc(READING)
    answer(learner.toc(EXAM), "wrong")  # the exam's only attempt: failed
    learner.leave()
    stored = moodle.tracks(activity)
    report("multi SCO: a failing learner, first visit", summary(activity, stored))
    basics = sco_values(stored, activity, BASICS)
    assert basics["cmi.core.lesson_status"] == "incomplete"
    assert basics["cmi.core.exit"] == "suspend" and "cmi.core.score.raw" not in basics
    assert sco_values(stored, activity, READING)["cmi.core.lesson_status"] == "completed"
    exam = sco_values(stored, activity, EXAM)
    assert (exam["cmi.core.lesson_status"], exam["cmi.core.score.raw"]) == ("failed", "0")
    assert_locations(stored, activity)
    assert [(q.attempts, q.best) for q in progress(built, activity, stored, BASICS).graded()] == [
        (1, 0)
    ]
    assert [(q.attempts, q.best) for q in progress(built, activity, stored, EXAM).graded()] == [
        (1, 0)
    ]
    assert [i["result"] for i in stored.interactions(activity.sco(BASICS).identifier)] == (
        ["wrong"] * 3
    )
    assert all(seconds(v["cmi.core.total_time"]) < 60 for v in (basics, exam))
    assert stored.grade == 1 < stored.gradepass  # only the reading module is done
    assert stored.completion == "incomplete"

    # Back later: Moodle opens the first module without a final result, in normal mode, and
    # its quiz offers the attempt that is left.
    learner.enter(activity)
    assert learner.mode == "normal"
    frame = learner.module()
    assert frame.evaluate("() => +document.body.dataset.module") == 0
    assert frame.locator(".sb-retry:not([hidden])").count() == 1
    frame.click(".sb-retry")
    answer(frame, "right")
    learner.leave()
    stored = moodle.tracks(activity)
    report("multi SCO: the failing learner back, using the attempt left", summary(activity, stored))
    basics = sco_values(stored, activity, BASICS)
    assert (basics["cmi.core.lesson_status"], basics["cmi.core.score.raw"]) == ("passed", "100")
    assert basics.get("cmi.core.exit", "") == ""
    assert [i["result"] for i in stored.interactions(activity.sco(BASICS).identifier)] == (
        ["wrong"] * 3 + ["correct"] * 3
    )
    assert [(q.attempts, q.best) for q in progress(built, activity, stored, BASICS).graded()] == [
        (2, 100)
    ]
    assert_locations(stored, activity)
    assert stored.grade == 2 < stored.gradepass  # the exam is failed: no pass, not complete
    assert stored.completion == "incomplete"

    # Every module has its final result: the attempt is over and the next visit is a review.
    learner.enter(activity)
    assert learner.mode == "review"
    frame = learner.module()
    assert (frame.text_content("#sb-page-notice") or "").startswith(REVIEW)
    assert frame.locator(".sb-check:enabled, .sb-retry:not([hidden])").count() == 0
    learner.leave()
    reviewed = moodle.tracks(activity)
    report("multi SCO: the review visit once every module is final", summary(activity, reviewed))
    assert reviewed.raw["attempts"] == stored.raw["attempts"]
    assert not learner.errors()
