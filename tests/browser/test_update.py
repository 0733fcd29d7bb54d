"""A learner mid-course in 1.0.0 comes back to 1.1.0, for each kind of change an update makes
(tests/updatekit.py), in the test LMS: what 1.0.0 stored is what 1.1.0 gets, as Moodle does
when an admin replaces an activity's package. Every 1.1.0 resumes without an error, keeps what
is unchanged, says once what must be redone, and the course can be finished and is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame
from scorm_lms import LmsServer, LmsSession

from tests.browser.learner import answer
from tests.updatekit import CHANGES, build_version

NOTICE = (
    "Kurssia on päivitetty. Vastaa uudelleen näiden osien muuttuneisiin tai uusiin "
    "kysymyksiin: Loppukoe."
)

QUESTIONS_JS = """() => {
  const d = window.SCORMBUILD_COURSE, out = {};
  for (const el of document.querySelectorAll('.sb-quiz')) {
    const quiz = d.quizzes[+el.dataset.quiz];
    for (const li of el.querySelectorAll('.sb-question:not([hidden])')) {
      const q = quiz.questions[+li.dataset.q];
      const check = li.querySelector('.sb-check');  // none in exam mode: answered = marked
      out[quiz.id + '.' + q.id] = check ? check.disabled : li.matches('.sb-ok, .sb-bad');
    }
  }
  return out;
}"""

# change -> (the module the learner is back at, the exam's questions shown: answered?, notice,
#            the modules to open to finish the course)
EXPECTED: dict[str, tuple[int, dict[str, bool], str, list[int]]] = {
    "text": (1, {"k1": True, "k2": True, "k3": True}, "", [2]),
    "question-changed": (1, {"k1": True, "k2": False, "k3": True}, NOTICE, [2]),
    "question-added": (1, {"k1": True, "k2": True, "k3": True, "k4": False}, NOTICE, [2]),
    "question-removed": (1, {"k1": True, "k2": True}, "", [2]),
    "module-added": (1, {"k1": True, "k2": True, "k3": True}, "", [2, 3]),
    "module-removed": (1, {"k1": True, "k2": True, "k3": True}, "", []),
    "module-reordered": (2, {"k1": True, "k2": True, "k3": True}, "", [0]),
    "pool": (1, {"k1": True, "k2": True}, "", [2]),
    "attempts": (1, {"k1": True, "k2": True, "k3": True}, "", [2]),
    "mastery": (1, {"k1": True, "k2": True, "k3": True}, "", [2]),
    "language-added": (1, {"k1": True, "k2": True, "k3": True}, "", [2]),
    "mode": (1, {"k1": True, "k2": True, "k3": True}, "", [2]),  # answers checked one by one
}
EXAM_AT = {"module-reordered": 2}  # the exam's module in 1.1.0


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, dict[str, Path]]:
    root = tmp_path_factory.mktemp("versions")
    return {c: build_version(root / (c or "old"), c) for c in (None, *CHANGES)}


def frame_of(lms: LmsSession, n: int | None = None) -> Frame:
    """The module page in the launch page's frame once it has started (module ``n``)."""
    lms.page.wait_for_function(  # type: ignore[union-attr]
        "(n) => { const f = window.frames['scorm_object'].frames['sb-content'];"
        " return f && f.document.readyState === 'complete' && f.document.body"
        " && f.document.body.dataset.module !== undefined"
        " && (n === null || +f.document.body.dataset.module === n); }",
        arg=n,
    )
    frame = lms.sco_frame.child_frames[0]
    return frame


def resume(lms: LmsSession, at: int) -> Frame:
    """A learner who comes back: the cover page, whose Continue leads to the bookmark (module
    ``at``, found again in the new version)."""
    cover = frame_of(lms, -1)
    cover.wait_for_function("() => document.querySelector('.sb-start').textContent[0] === 'J'")
    cover.click(".sb-start")
    return frame_of(lms, at)


def start(lms: LmsSession) -> None:
    """From the cover page, where a first launch opens, into the first module."""
    cover = lms.sco_frame.child_frames[0]
    cover.wait_for_selector(".sb-start")
    cover.click(".sb-start")


def go(lms: LmsSession, n: int) -> Frame:
    """Open module ``n`` from the launch page's module list."""
    lms.sco_frame.evaluate("() => { window.frames['sb-content'].sbOld = true; }")
    lms.sco_frame.click(f"[data-module='{n}']")
    lms.page.wait_for_function(  # type: ignore[union-attr]
        "(n) => { const f = window.frames['scorm_object'].frames['sb-content'];"
        " return !f.sbOld && f.document.readyState === 'complete' && f.document.body"
        " && +f.document.body.dataset.module === n; }",
        arg=n,
    )
    return frame_of(lms, n)


@pytest.fixture(scope="module")
def saved(
    browser: Browser,
    lms_server: LmsServer,
    versions: dict[str | None, dict[str, Path]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Any]]:
    """What the LMS stored of a learner mid-course in 1.0.0: the warm-up answered (one right,
    one wrong), the whole exam answered rightly, the last module not seen yet."""
    lms = LmsSession(browser=browser, server=lms_server, workdir=tmp_path_factory.mktemp("v10"))
    lms.launch(versions[None]["fi"], sco="index.html")
    lms.wait_for_initialize()
    start(lms)
    assert answer(frame_of(lms, 0), "mixed") == 2
    assert answer(go(lms, 1), right=True) == 3
    snap = lms.unload_sco()
    lms.assert_no_page_errors()
    lms.close()
    core = snap["persisted"]["core"]
    assert (core["lesson_status"], core["lesson_location"]) == ("incomplete", "m02-exam")
    assert snap["persisted"]["suspend_data"].startswith("2|")
    yield snap["data"]


@pytest.mark.parametrize("change", sorted(EXPECTED))
def test_a_learner_mid_course_resumes_under_the_new_version(
    lms: LmsSession,
    versions: dict[str | None, dict[str, Path]],
    saved: dict[str, Any],
    change: str,
) -> None:
    at, exam, notice, rest = EXPECTED[change]
    lms.launch(versions[change]["fi"], sco="index.html", data=saved)
    lms.wait_for_initialize()
    frame = resume(lms, at)  # the bookmark, found again (or skipped, if it is gone)
    assert (lms.sco_frame.text_content("#sb-notice") or "").strip() == notice
    exam_frame = frame if at == EXAM_AT.get(change, 1) else go(lms, EXAM_AT.get(change, 1))
    shown = exam_frame.evaluate(QUESTIONS_JS)
    assert {k.split(".")[1]: v for k, v in shown.items() if k.startswith("koe.")} == exam
    warmup = {k: v for k, v in shown.items() if k.startswith("lammittely.")}
    assert warmup == {} or all(warmup.values())
    answer(exam_frame, right=True)  # whatever is open again
    for n in rest:
        go(lms, n)
    snap = lms.unload_sco()
    persisted = snap["persisted"]
    core = persisted["core"]
    assert core["lesson_status"] == "passed", (change, core)
    assert core["score"]["raw"] == "100"
    assert persisted["suspend_data"].startswith("2|")
    lms.assert_no_violations()
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()


def test_the_notice_is_said_once(
    lms: LmsSession, versions: dict[str | None, dict[str, Path]], saved: dict[str, Any]
) -> None:
    lms.launch(versions["question-changed"]["fi"], sco="index.html", data=saved)
    lms.wait_for_initialize()
    resume(lms, 1)
    assert (lms.sco_frame.text_content("#sb-notice") or "").strip() == NOTICE
    lms.finish_and_relaunch()
    lms.wait_for_initialize()
    frame = resume(lms, 1)
    assert (lms.sco_frame.text_content("#sb-notice") or "").strip() == ""
    assert frame.evaluate(QUESTIONS_JS)["koe.k2"] is False  # still to be answered
    lms.assert_no_page_errors()


def test_the_new_language_starts_afresh(
    lms: LmsSession, versions: dict[str | None, dict[str, Path]], saved: dict[str, Any]
) -> None:
    """Progress saved by the Finnish package is not read by the Swedish one."""
    lms.launch(versions["language-added"]["sv"], sco="index.html", data=saved)
    lms.wait_for_initialize()
    frame = frame_of(lms)
    shown = go(lms, 1).evaluate(QUESTIONS_JS) if frame else {}
    assert not any(shown.values())
    lms.assert_no_page_errors()
