"""Every question type in the real Moodle: each answer arrives as an interaction in SCORM 1.2's
format, as Moodle stores it (``cmi.interactions_N.*``), right and wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.browser.learner import answer, retry
from tests.moodle.conftest import Built
from tests.moodle.harness import Moodle, seconds, summary
from tests.moodle.learner import Learner
from tests.moodle.saved import saved

COURSE = Path(__file__).resolve().parent / "courses" / "every-type"
# question id -> (type, the learner's wrong answer, the right one, the correct pattern), as
# tests/browser/learner.py answers them (typed the way learners type: padded, capitals).
EXPECTED = {
    "single": ("choice", "b", "a", "a"),
    "multiple": ("choice", "b", "a,c", "a,c"),
    "truefalse": ("true-false", "f", "t", "t"),
    "fill": ("fill-in", "väärin", "LOCATION", "location"),
    "numeric": ("numeric", "-1", "255", "255"),
    "matching": ("matching", "1.b,2.c,3.a", "1.a,2.b,3.c", "1.a,2.b,3.c"),
    "ordering": ("sequencing", "4,3,2,1", "1,2,3,4", "1,2,3,4"),
}
WEIGHT = {"multiple": "2"}


def test_every_type_wrong_then_right(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
) -> None:
    package = built(COURSE)["en"]
    activity = package.imported(moodle)
    learner.enter(activity)
    frame = learner.go(0)
    assert answer(frame, "wrong") == len(EXPECTED)
    assert retry(frame) == 1
    assert answer(frame, "right") == len(EXPECTED)
    learner.go(1)
    assert learner.sco_text("#sb-status") == "Passed."
    learner.leave()

    stored = moodle.tracks(activity)
    report("every question type: wrong, then right", summary(activity, stored))
    got = stored.interactions()
    assert [i["id"] for i in got] == [f"all.{q}" for q in EXPECTED] * 2
    for n, item in enumerate(got):
        qid = item["id"].split(".")[1]
        kind, wrong, right, pattern = EXPECTED[qid]
        first = n < len(EXPECTED)
        assert item["type"] == kind, qid
        assert item["student_response"] == (wrong if first else right), qid
        assert item["result"] == ("wrong" if first else "correct"), qid
        assert item["correct_responses.0.pattern"] == pattern, qid
        assert item["weighting"] == WEIGHT.get(qid, "1"), qid
    values = stored.values()
    assert (values["cmi.core.lesson_status"], values["cmi.core.score.raw"]) == ("passed", "100")
    assert values["cmi.core.lesson_location"] == "m02-reading"
    state = saved(package.package, values["cmi.suspend_data"])
    assert state.visited == [True, True] and state.interactions == len(got)
    assert [(q.attempts, q.best) for q in state.graded()] == [(2, 100)]
    stored_time = seconds(values["cmi.core.total_time"])
    assert learner.least - 1 <= stored_time <= learner.most + 1, (stored_time, learner)
    assert stored.grade == 100 and stored.completion == "complete"
    assert not learner.errors()
