"""What the real Moodle taught, held in the fast test LMS: when the package saves and what.

Moodle stores saves it receives as beacons in any order (after a switch between SCOs, and while
a page unloads), closes the attempt once every SCO reports passed, completed or failed, and adds
a review visit's session_time to total_time. So the package writes its result once per
session, saves a launch once, keeps saves apart, and keeps a result open while attempts are left.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from scorm_lms import LmsSession

from scormbuild.documents.moodle_sheet import sheet_name
from tests.browser.learner import answer, retry
from tests.browser.test_multisco import SCOS, launch
from tests.browser.test_multisco import package as multisco_package
from tests.browser.test_tracking import go, package, start
from tests.moodle.harness import sheet_settings

__all__ = ["multisco_package", "package"]  # the fixtures, shared with the main scenarios

SESSION_JS = Path(__file__).resolve().parents[2] / "src/scormbuild/runtime/session.js"
# The runtime's own constant: saves within a session are at least this far apart.
SAVE_GAP_MS = int(re.findall(r"SAVE_GAP_MS = (\d+)", SESSION_JS.read_text(encoding="utf-8"))[0])


def sets(lms: LmsSession, element: str) -> list[str]:
    """The values the package set for ``element``, in order."""
    return [str(c["args"][1]) for c in lms.iter_calls("LMSSetValue") if c["args"][0] == element]


def test_a_launch_saves_once_and_a_read_module_is_final_at_once(
    lms: LmsSession, multisco_package: Path
) -> None:
    launch(lms, multisco_package, SCOS[1])  # the reading module
    lms.sco_frame.wait_for_timeout(SAVE_GAP_MS + 200)
    assert lms.counts()["commitCount"] == 1
    assert sets(lms, "cmi.core.lesson_status") == ["completed"]  # never "incomplete" first
    assert lms.persisted["core"]["lesson_status"] == "completed"
    lms.unload_sco()
    assert sets(lms, "cmi.core.lesson_status") == ["completed"]
    lms.assert_finished_once()


def test_the_result_is_written_once_and_saves_keep_apart(lms: LmsSession, package: Path) -> None:
    start(lms, package)
    for n in range(3):
        answer(go(lms, n), right=True)
    lms.unload_sco()
    assert sets(lms, "cmi.core.lesson_status") == ["passed"]
    assert sets(lms, "cmi.core.score.raw") == ["100"]
    assert sets(lms, "cmi.core.exit") == [""]
    stores = [c["t"] for c in lms.calls if c["fn"] == "LMSCommit"]
    assert all(b - a >= SAVE_GAP_MS - 20 for a, b in itertools.pairwise(stores))
    lms.assert_no_violations()


def test_a_fail_with_attempts_left_stays_open_until_they_are_used(
    lms: LmsSession, multisco_package: Path
) -> None:
    launch(lms, multisco_package, SCOS[0])  # a quiz with two attempts
    answer(lms.sco_frame, right=False)
    core = lms.unload_sco()["persisted"]["core"]
    assert (core["lesson_status"], core["exit"]) == ("incomplete", "suspend")
    assert core["score"]["raw"] in ("", None)  # no score before the result is final

    lms.finish_and_relaunch()
    lms.wait_for_initialize()
    lms.sco_frame.wait_for_load_state("load")
    assert retry(lms.sco_frame) == 1
    answer(lms.sco_frame, right=True)
    assert "Tulos on kirjattu" in (lms.sco_frame.text_content(".sb-attempt") or "")
    core = lms.unload_sco()["persisted"]["core"]
    assert (core["lesson_status"], core["score"]["raw"], core["exit"]) == ("passed", "100", "")
    lms.assert_no_violations()


def test_a_final_result_locks_the_graded_quizzes(lms: LmsSession, package: Path) -> None:
    start(lms, package)
    frame = go(lms, 0)
    answer(frame, right="mixed")  # below the pass mark with attempts left: retry offered
    assert retry(frame) == 1
    answer(frame, right=True)
    answer(go(lms, 1), right=True)
    frame = go(lms, 2)
    answer(frame, right=True)  # now passed: final
    lms.wait_until(lambda: lms.value("cmi.core.lesson_status") == "passed")
    frame = go(lms, 0)
    assert frame.locator(".sb-question:not([hidden]) .sb-check:enabled").count() == 0
    assert frame.locator(".sb-retry:not([hidden])").count() == 0
    lms.unload_sco()
    lms.assert_no_violations()


def test_moodle_cannot_reopen_a_sco_that_saved_interactions(
    lms: LmsSession, multisco_package: Path
) -> None:
    """In one player visit Moodle's LMSInitialize throws for a SCO opened again after it saved
    interactions: the page says nothing is saved, and its graded quiz takes no answers."""
    launch(lms, multisco_package, SCOS[0])
    answer(lms.sco_frame, right=False)
    lms.switch_sco(SCOS[1])
    frame = lms.switch_sco(SCOS[0])
    frame.wait_for_function("() => !document.querySelector('#sb-page-notice').hidden")
    assert "ei avannut tätä osiota uudelleen" in (frame.text_content("#sb-page-notice") or "")
    assert frame.locator(".sb-check:enabled, .sb-retry:not([hidden])").count() == 0
    before = lms.snapshot()["data"]
    lms.unload_sco()
    assert lms.snapshot()["data"] == before
    assert lms.page_errors == []


def test_saves_that_arrive_out_of_order_leave_the_right_result(
    lms: LmsSession, multisco_package: Path
) -> None:
    """After a switch between SCOs Moodle's saves are beacons, stored in any order: here in
    the worst one, reversed. Each result is still right, because it is written once."""
    sheet = multisco_package.with_name(sheet_name(multisco_package.name))
    lms.launch(multisco_package, sco=SCOS[0], settings=sheet_settings(sheet))
    lms.wait_for_initialize()
    lms.set_options(reorder="reverse")
    answer(lms.sco_frame, right=True)
    for sco in (SCOS[1], SCOS[2]):
        frame = lms.switch_sco(sco)
    answer(frame, right="mixed")
    lms.unload_sco()
    data = lms.snapshot()["data"]["attempts"]["1"]
    statuses = [data[i]["cmi.core.lesson_status"] for i in sorted(data)]
    assert statuses == ["passed", "completed", "failed"]
    assert lms.snapshot()["grade"] == 2  # the sheet's Learning objects: two modules done
    assert lms.snapshot()["completion"] == "incomplete"
