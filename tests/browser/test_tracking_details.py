"""Tracking details Moodle relies on: mastery from the LMS, interaction fields, commit timing."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Frame
from scorm_lms import LmsSession

from tests.browser.learner import answer, interactions
from tests.browser.test_tracking import go, package, start

__all__ = ["package"]  # the fixture, shared with the main scenarios

TIME_RE = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")


def test_mastery_score_from_the_lms_wins(lms: LmsSession, package: Path) -> None:
    start(lms, package, mastery=50)
    assert answer(go(lms, 0), right=True) == 7
    assert answer(go(lms, 1), right=True) == 3
    assert answer(go(lms, 2), right=False) == 3
    core = lms.unload_sco()["persisted"]["core"]
    raw = float(core["score"]["raw"])
    assert 50 <= raw < 80  # below course.yml's 80, above the LMS's 50
    assert core["lesson_status"] == "passed"
    lms.assert_no_violations()


def test_interactions_carry_every_field_in_scorm_formats(lms: LmsSession, package: Path) -> None:
    start(lms, package)
    answer(go(lms, 0), right=True)
    got = {i["id"]: i for i in interactions(lms.unload_sco()["persisted"])}
    assert len(got) == 7
    types = {k.split(".")[1]: v["type"] for k, v in got.items()}
    assert types == {
        "single": "choice",
        "multiple": "choice",
        "tf": "true-false",
        "fill": "fill-in",
        "numeric": "numeric",
        "matching": "matching",
        "ordering": "sequencing",
    }
    for item in got.values():
        assert " " not in item["id"] and len(item["id"]) <= 255
        assert item["result"] == "correct"
        assert float(item["weighting"]) > 0
        assert TIME_RE.match(item["latency"]), item["latency"]
        assert TIME_RE.match(item["time"]), item["time"]
        patterns = item["correct_responses"]
        first = patterns["0"]["pattern"] if isinstance(patterns, dict) else patterns[0]["pattern"]
        assert first
    assert got["tarkistus.tf"]["correct_responses"]["0"]["pattern"] == "f"
    assert got["tarkistus.ordering"]["correct_responses"]["0"]["pattern"] == "1,2,3"


def hide(lms: LmsSession) -> None:
    """The learner switches tabs: the launch page becomes hidden."""
    lms.sco_frame.evaluate(
        "() => { Object.defineProperty(document, 'visibilityState',"
        " {value: 'hidden', configurable: true});"
        " document.dispatchEvent(new Event('visibilitychange')); }"
    )


def test_when_it_saves(lms: LmsSession, package: Path) -> None:
    """A first session saves once the result is final, the page is hidden or it is left (its
    first save carries the status); later sessions save after each answer, a second apart."""
    start(lms, package)
    frame = go(lms, 0)
    answer_first(frame)
    frame.wait_for_timeout(1500)
    assert lms.counts()["commitCount"] == 0  # nothing final yet: held back
    hide(lms)
    lms.wait_for("commitCount", 1)
    assert lms.persisted["core"]["lesson_status"] == "incomplete"
    assert lms.counts()["finishCount"] == 0  # hiding the tab does not end the session
    snap = lms.unload_sco()
    assert snap["finishCount"] == 1
    assert snap["persisted"]["core"]["exit"] == "suspend"

    lms.finish_and_relaunch()
    lms.wait_for_initialize()
    frame = go(lms, 1)
    before = lms.counts()["commitCount"]
    answer_first(frame)
    lms.wait_for("commitCount", before + 1)
    lms.unload_sco()


def answer_first(frame: Frame) -> None:
    frame.evaluate(
        "() => { const li = document.querySelector('.sb-question:not([hidden])');"
        " const box = li.querySelector('.sb-choices input');"
        " if (box) box.checked = true; else li.querySelector('input').value = '1';"
        " li.querySelector('.sb-check').click(); }"
    )
