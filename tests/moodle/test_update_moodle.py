"""A course updated in the real Moodle: a learner is mid-course in 1.0.0, the admin replaces the
package with 1.1.0 through the activity's own update path (mc_update.php: the settings form's
package check, then update_module(), i.e. scorm_update_instance and scorm_parse), the learner
resumes. Each test also holds Moodle to what ``scormbuild diff`` said about the same pair.
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
    answer(learner.module(0), right=True)
    assert answer(learner.go(1), right=True) == 3
    learner.leave()
    values = moodle.tracks(activity).values()
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert values["cmi.core.lesson_location"] == "m02-exam"
    return activity


@pytest.mark.parametrize(
    ("change", "score"),
    [
        ("text", 100.0),  # nothing to redo: every answer kept
        # Saved-state format 1 cannot tell a changed question (k2's right answer changed): as
        # diff says, the earlier answer stays and so does the best score saved with it.
        ("question-changed", 100.0),
    ],
)
def test_learner_resumes_after_the_package_is_replaced(
    moodle: Moodle,
    learner: Learner,
    versions: Callable[[str | None], Path],
    change: str,
    score: float,
) -> None:
    old, new = versions(None), versions(change)
    (said,) = diff(old, new).comparisons
    assert said.steps == "replace" and said.resume == "clean"
    if change == "question-changed":
        (text,) = [c.text for c in said.changes if c.code == "question-changed"]
        assert "saved best scores stay as they were" in text
    activity = mid_course(moodle, learner, old, f"paivitys ({change})")
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

    learner.enter(activity)
    frame = learner.module(1)  # back at the exam, the bookmark
    assert exam_questions(frame) == {"k1": True, "k2": True, "k3": True}
    learner.go(2)
    learner.leave()

    stored = moodle.tracks(activity)
    values = stored.values()
    assert stored.attempts == [1]
    assert values["cmi.core.lesson_status"] == "passed"  # the pass mark is 60
    assert float(values["cmi.core.score.raw"]) == pytest.approx(score, abs=0.01)
    assert len(stored.interactions()) == 3  # nothing was answered again
    assert stored.grade is not None
    assert not learner.errors()
