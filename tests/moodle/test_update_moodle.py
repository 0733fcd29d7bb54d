"""A course updated in the real Moodle: a learner is mid-course in 1.0.0, the admin replaces the
package with 1.1.0 through the activity's own update path (mc_update.php: the settings form's
package check, then update_module(), i.e. scorm_update_instance and scorm_parse), the learner
resumes. Each test also holds Moodle to what ``scormbuild diff`` said about the same pair.
Packages save progress in format 2, which records what each answer refers to
(runtime/resume.js); format 1 is read by node tests only (tests/js, tests/test_state.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scormbuild.commands.diff import diff
from tests.browser.learner import answer
from tests.moodle.harness import Activity, Moodle, MoodleError, sheet_settings
from tests.moodle.learner import Learner
from tests.updatekit import build_version

NOTICE = "Kurssia on päivitetty"  # strings/fi.json updated_redo


def replace_package(moodle: Moodle, activity: Activity, package: Path) -> dict[str, Any]:
    """The admin uploads ``package`` as the activity's package file and saves."""
    out: dict[str, Any] = moodle.env.php("mc_update.php", str(activity.cmid), package.resolve())
    if not out.get("accepted"):
        raise MoodleError(f"Moodle refused {package.name}: {out.get('form_errors') or out}")
    return out


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str | None], Path]:
    root = tmp_path_factory.mktemp("update")
    cache: dict[str | None, Path] = {}

    def get(change: str | None) -> Path:
        if change not in cache:
            cache[change] = build_version(root / (change or "old"), change)["fi"]
        return cache[change]

    return get


def exam_questions(frame: Any) -> dict[str, bool]:
    """The exam's questions on the page: id -> answered."""
    shown: dict[str, bool] = frame.evaluate(
        "() => { const d = window.SCORMBUILD_COURSE, out = {};"
        " for (const el of document.querySelectorAll('.sb-quiz')) {"
        "  const quiz = d.quizzes[+el.dataset.quiz]; if (!quiz.graded) continue;"
        "  for (const li of el.querySelectorAll('.sb-question:not([hidden])'))"
        "   out[quiz.questions[+li.dataset.q].id] = li.querySelector('.sb-check').disabled; }"
        " return out; }"
    )
    return shown


def mid_course(moodle: Moodle, learner: Learner, old: Path, name: str) -> Activity:
    """1.0.0 imported with its sheet; the learner answers the warm-up and the whole exam
    rightly, does not open the last module, and leaves."""
    sheet = old.with_name(old.stem + "-moodle.md")
    activity = moodle.import_package(old, sheet_settings(sheet), name=name)
    learner.enter(activity)
    answer(learner.go(0), right=True)  # from the cover page, as a learner does
    assert answer(learner.go(1), right=True) == 3
    learner.leave()
    values = moodle.tracks(activity).values()
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert values["cmi.core.lesson_location"] == "m02-exam"
    return activity


def replaced(moodle: Moodle, activity: Activity, new: Path) -> None:
    """The admin replaces the package; Moodle keeps the SCO rows, the attempt and its values."""
    before = moodle.tracks(activity)
    out = replace_package(moodle, activity, new)
    # Moodle matched the SCOs by identifier: the same rows, so the learner's records stay.
    assert [(s["id"], s["identifier"]) for s in out["after"]] == [
        (s["id"], s["identifier"]) for s in out["before"]
    ]
    assert out["scorm"]["reference"] == new.name and out["scorm"]["revision"] >= 2
    kept = moodle.tracks(activity)
    assert kept.attempts == before.attempts == [1]
    assert kept.values() == before.values() and kept.interactions() == before.interactions()


def test_learner_resumes_after_a_text_edit(
    moodle: Moodle, learner: Learner, versions: Callable[[str | None], Path]
) -> None:
    """Nothing to redo: every answer kept, the bookmark kept, the course finished."""
    old, new = versions(None), versions("text")
    (said,) = diff(old, new).comparisons
    assert said.steps == "replace" and said.resume == "clean"
    activity = mid_course(moodle, learner, old, "paivitys (text)")
    replaced(moodle, activity, new)

    learner.enter(activity)
    frame = learner.resume(1)  # back at the exam, the bookmark, from the cover's Continue
    assert exam_questions(frame) == {"k1": True, "k2": True, "k3": True}
    assert NOTICE not in learner.sco_text("#sb-notice")
    learner.go(2)
    learner.leave()

    stored = moodle.tracks(activity)
    values = stored.values()
    assert stored.attempts == [1]
    assert values["cmi.core.lesson_status"] == "passed"  # the pass mark is 60
    assert float(values["cmi.core.score.raw"]) == pytest.approx(100.0, abs=0.01)
    assert values["cmi.suspend_data"].startswith("2|")
    assert len(stored.interactions()) == 3  # nothing was answered again
    assert stored.grade is not None
    assert not learner.errors()


def test_a_changed_question_is_answered_again(
    moodle: Moodle, learner: Learner, versions: Callable[[str | None], Path]
) -> None:
    """Saved-state format 2 records what each answer refers to: 1.1.0 changed the right answer
    of exam question k2, so that answer is dropped, the learner is told once, in the course
    language, and answers k2 again; the rest of the attempt stays."""
    old, new = versions(None), versions("question-changed")
    (said,) = diff(old, new).comparisons
    assert said.steps == "replace" and said.resume == "redo"
    (change,) = [c for c in said.changes if c.code == "question-changed"]
    assert "answers to it are dropped" in change.text and change.redo is not None
    activity = mid_course(moodle, learner, old, "paivitys (question-changed)")
    replaced(moodle, activity, new)

    learner.enter(activity)
    frame = learner.resume(1)
    notice = learner.sco_text("#sb-notice")
    assert NOTICE in notice and "Loppukoe" in notice
    assert exam_questions(frame) == {"k1": True, "k2": False, "k3": True}
    assert answer(frame, right=True) == 1
    learner.go(2)
    learner.leave()

    stored = moodle.tracks(activity)
    values = stored.values()
    assert stored.attempts == [1]
    assert values["cmi.core.lesson_status"] == "passed"
    assert float(values["cmi.core.score.raw"]) == pytest.approx(100.0, abs=0.01)
    assert values["cmi.suspend_data"].startswith("2|")
    got = stored.interactions()
    assert len(got) == 4 and got[-1]["id"] == "koe.k2" and got[-1]["result"] == "correct"
    assert stored.grade is not None and stored.grade > 0
    assert not learner.errors()

    # Once more: the notice was for the first visit under 1.1.0.
    learner.enter(activity)
    learner.module()
    assert NOTICE not in learner.sco_text("#sb-notice")
    learner.leave()
