"""Learner scenarios in the test LMS, each asserting the CMI data the LMS ends up with."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame
from scorm_lms import LmsSession, stored

from scormbuild.model import Course
from scormbuild.render.pages import render_course
from scormbuild.render.theme import make_environment
from tests.browser.learner import answer, interactions, retry
from tests.course_samples import module, sample_course


def rendered(course: Course, root: Path) -> Path:
    """``course`` rendered into the package folder ``root`` (the launch page is index.html)."""
    for f in render_course(course, make_environment(None)):
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        assert f.data is not None
        target.write_bytes(f.data)
    return root


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """The sample course rendered into a package folder."""
    return rendered(sample_course(), tmp_path / "pkg")


def content(lms: LmsSession, page: Any = None) -> Frame:
    """The module page frame inside the launch page, once its runtime has started."""
    host = page or lms.page
    frame = host.frame(name="sb-content")
    assert frame is not None
    frame.wait_for_function("() => document.querySelector('.sb-question') !== null || true")
    frame.wait_for_load_state("load")
    return frame


def go(lms: LmsSession, n: int) -> Frame:
    """Open module ``n`` (0-based) from the launch page's module list."""
    # Mark the page shown now: the link reloads it even when it is module n already, and the
    # wait must not end on the old document before that reload replaces it.
    lms.sco_frame.evaluate("() => { window.frames['sb-content'].sbOld = true; }")
    lms.sco_frame.click(f"[data-module='{n}']")
    lms.page.wait_for_function(
        "(n) => { const f = window.frames['scorm_object'].frames['sb-content'];"
        " return !f.sbOld && f.document.readyState === 'complete' && f.document.body"
        " && +f.document.body.dataset.module === n; }",
        arg=n,
    )
    return content(lms)


def start(lms: LmsSession, package: Path, **launch: Any) -> None:
    """Launch the sample package's launch page; ``launch``: see ``LmsSession.launch``."""
    lms.launch(package, sco="index.html", **launch)
    lms.wait_for_initialize()


def test_learner_passes(lms: LmsSession, package: Path) -> None:
    start(lms, package)
    assert lms.value("cmi.core.lesson_status") == "not attempted"  # no result yet
    assert answer(go(lms, 0), right=True) == 7
    assert answer(go(lms, 1), right=True) == 3
    assert lms.value("cmi.core.lesson_status") == "not attempted"  # the pooled quiz is left
    assert lms.value("cmi.core.score.raw") in ("", None)
    assert answer(go(lms, 2), right=True) == 3
    snap = lms.unload_sco()
    core = snap["persisted"]["core"]
    assert core["lesson_status"] == "passed"
    assert core["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert core["exit"] == ""
    assert core["lesson_location"] == "m03-osio-3"
    assert core["total_time"].count(":") == 2  # Moodle keeps no session_time: it adds it up
    assert snap["persisted"]["suspend_data"].startswith("2|")
    got = interactions(snap["persisted"])
    assert len(got) == 10  # graded answers only: 7 + 3 pooled, not the practice quiz
    by_id = {i["id"]: i for i in got}
    assert by_id["tarkistus.single"]["student_response"] == "a"
    assert by_id["tarkistus.tf"]["student_response"] == "f"
    assert by_id["tarkistus.fill"]["student_response"] == "TULOSKORTTI"
    assert by_id["tarkistus.numeric"]["student_response"] == "2029.5"
    assert by_id["tarkistus.matching"]["student_response"] == "1.a,2.b,3.c"
    assert by_id["tarkistus.ordering"]["student_response"] == "1,2,3"
    assert by_id["tarkistus.multiple"]["type"] == "choice"
    assert by_id["tarkistus.multiple"]["student_response"] == "a,b"
    assert all(i["result"] == "correct" for i in got)
    lms.assert_no_violations()
    lms.assert_finished_once()
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()


def test_learner_fails(lms: LmsSession, package: Path) -> None:
    start(lms, package)
    frame = go(lms, 0)
    answer(frame, right=False)
    assert retry(frame)
    answer(frame, right=False)
    assert not retry(frame)  # two attempts allowed
    answer(go(lms, 1), right=False)
    frame = go(lms, 2)
    for _ in range(3):
        answer(frame, right=False)
        retry(frame)
    snap = lms.unload_sco()
    core = snap["persisted"]["core"]
    assert core["lesson_status"] == "failed"
    assert core["score"]["raw"] == "0"
    assert core["exit"] == ""  # nothing left to try
    assert all(i["result"] == "wrong" for i in interactions(snap["persisted"]))
    lms.assert_no_violations()
    lms.assert_finished_once()
    lms.assert_no_page_errors()


def test_closes_mid_course_and_resumes(lms: LmsSession, package: Path) -> None:
    start(lms, package)
    frame = go(lms, 0)
    frame.evaluate(
        "() => { const li = document.querySelector('.sb-question:not([hidden])');"
        " li.querySelector('.sb-choices input[value=\"0\"]').checked = true;"
        " li.querySelector('.sb-check').click(); }"
    )
    go(lms, 1)
    snap = lms.unload_sco()
    assert snap["persisted"]["core"]["exit"] == "suspend"
    assert snap["persisted"]["core"]["lesson_location"] == "m02-osio-2"
    saved = snap["persisted"]["suspend_data"]

    page = lms.finish_and_relaunch()
    lms.wait_for_initialize()
    assert lms.value("cmi.core.entry") == "resume"
    # Back on the cover page, whose Start is now Continue at the module left.
    page.wait_for_function(
        "() => { const f = window.frames['scorm_object'].frames['sb-content'];"
        " const b = f && f.document.querySelector('.sb-start');"
        " return b && b.textContent === 'Jatka: Osio 2'; }"
    )
    assert lms.sco_frame.text_content("#sb-progress") == "2/3 osiota"
    frame = go(lms, 0)
    state = frame.evaluate(
        "() => [...document.querySelectorAll('.sb-question:not([hidden])')].map("
        "(li) => li.querySelector('.sb-check').disabled)"
    )
    assert state == [True] + [False] * 6  # the answered question is still answered
    assert "Oikein" in (frame.text_content(".sb-question .sb-feedback") or "")
    assert lms.value("cmi.suspend_data").split("|")[:2] == saved.split("|")[:2]
    lms.assert_no_violations()
    lms.assert_no_page_errors()


# The questions of a page as shown: each one's id, then its choices, menu options and
# ordering items in the order shown.
SHOWN = (
    "() => [...document.querySelectorAll('.sb-question:not([hidden])')]"
    ".map((li) => li.id + ':' + [...li.querySelectorAll('input, .sb-match, option, .sb-item')]"
    ".map((c) => c.value || c.dataset.row || c.dataset.item).join())"
)


def test_pool_draws_the_same_questions_after_resume(lms: LmsSession, package: Path) -> None:
    visible = SHOWN.replace(".sb-question", "#q-pooli .sb-question")
    start(lms, package)
    first = go(lms, 2).evaluate(visible)
    assert len(first) == 3
    lms.finish_and_relaunch()
    lms.wait_for_initialize()
    assert go(lms, 2).evaluate(visible) == first
    lms.assert_no_page_errors()


def test_a_second_attempt_shows_its_choices_as_before_after_resume(
    lms: LmsSession, tmp_path: Path
) -> None:
    """Choices, matching rows and their menus are shuffled from the order they were written
    in, not from the order the attempt before left on the page: a second attempt looks the
    same to a learner who leaves and comes back."""
    course = sample_course()
    quiz = replace(course.modules[0].quizzes[0], shuffle_choices=True)
    course = replace(course, modules=(module(1, quiz), *course.modules[1:]))
    start(lms, rendered(course, tmp_path / "pkg"))
    frame = go(lms, 0)
    assert answer(frame, False) == 7 and retry(frame) == 1
    second = frame.evaluate(SHOWN)
    lms.finish_and_relaunch()
    lms.wait_for_initialize()
    assert go(lms, 0).evaluate(SHOWN) == second
    lms.assert_no_page_errors()


FINISHED = {
    "cmi.core.lesson_status": "failed",
    "cmi.core.score.raw": "40",
    "cmi.core.total_time": "00:01:00.00",
}


@pytest.mark.parametrize(
    ("launch", "says"),
    [
        ({"data": "finished"}, "Tarkastelu: "),  # Moodle: the attempt is over
        ({"mode": "browse"}, "Esikatselu: "),
        ({"options": {"credit": "no-credit"}}, "Tämä käynti ei kerrytä suoritusta"),
    ],
)
def test_visits_that_record_nothing_write_nothing_and_say_so(
    lms: LmsSession, package: Path, launch: dict[str, Any], says: str
) -> None:
    """Review, browse and no-credit sessions: not one value written, not even session_time
    (Moodle adds it to total_time); the page says so and graded quizzes take no answers."""
    review = launch.get("data") == "finished"
    if review:
        launch = {"data": stored(package, FINISHED)}
    start(lms, package, **launch)
    assert (lms.sco_frame.text_content("#sb-notice") or "").startswith(says)
    frame = go(lms, 0)
    assert frame.locator("#sb-page-notice").is_hidden()  # the launch page's notice is the one
    assert answer(frame, right=True) == 0  # every check button of the graded quiz is disabled
    assert frame.locator(".sb-retry:not([hidden])").count() == 0
    assert "tällä käynnillä mitään ei tallenneta" in (frame.text_content(".sb-attempt") or "")
    lms.unload_sco()
    assert not list(lms.iter_calls("LMSSetValue"))
    assert not list(lms.iter_calls("LMSCommit"))
    (tracks,) = lms.snapshot()["data"]["attempts"]["1"].values()
    tracks.pop("x.start.time")
    if review:
        assert tracks == FINISHED  # the time of a review visit does not count
    else:
        # Moodle's own LMSFinish stores "completed" for a SCO not yet attempted, in any mode:
        # a preview completes it (hence the sheet's "Disable preview mode: Yes").
        assert tracks == {
            "cmi.core.lesson_status": "completed",
            "cmi.core.total_time": "00:00:00.00",
        }
    lms.assert_finished_once()
    lms.assert_no_page_errors()


def test_no_lms_at_all(lms: LmsSession, package: Path) -> None:
    page = lms.open_direct(package, sco="index.html")
    frame = page.frame(name="sb-content")
    assert frame is not None
    frame.wait_for_load_state("load")
    assert "Edistymistä ei tallenneta" in (page.text_content("#sb-notice") or "")
    frame.click(".sb-start")  # from the cover page into the first module
    page.wait_for_function(
        "() => window.frames['sb-content'].document.body?.dataset.module === '0'"
    )
    frame = page.frame(name="sb-content")
    assert frame is not None
    frame.wait_for_load_state("load")
    assert frame.locator("#sb-page-notice").is_hidden()  # the launch page's notice is the one
    assert answer(frame, right=True) == 7
    assert "Pisteet: 8/8" in (frame.text_content("#q-tarkistus .sb-result") or "")
    assert not lms.page_errors
    lms.assert_no_external_requests()


def test_module_page_alone_still_works(lms: LmsSession, package: Path) -> None:
    page = lms.open_direct(package, sco="modules/01-osio-1.html")
    assert "Edistymistä ei tallenneta" in (page.text_content("#sb-page-notice") or "")
    assert answer(page.main_frame, right=False) == 7
    assert not lms.page_errors


def test_lms_whose_commits_fail(lms: LmsSession, package: Path) -> None:
    # A later session: it saves after each answer (a first one holds its saves back).
    earlier = stored(package, {"cmi.core.lesson_status": "incomplete"})
    start(lms, package, data=earlier, options={"commitFails": True})
    frame = go(lms, 0)
    assert answer(frame, right=True) == 7  # the course keeps working
    lms.sco_frame.wait_for_function(
        "() => document.querySelector('#sb-notice').textContent.includes('epäonnistui')"
    )
    assert "tallennus epäonnistui" in (lms.sco_frame.text_content("#sb-notice") or "")
    assert not lms.page_errors
    lms.set_options(commitFails=False)
    answer(go(lms, 1), right=True)
    snap = lms.unload_sco()
    assert snap["persisted"]["suspend_data"].startswith("2|")
    assert snap["persisted"]["core"]["lesson_status"] == "incomplete"  # written at LMSFinish
    lms.assert_finished_once()


def test_corrupt_suspend_data_starts_afresh(lms: LmsSession, package: Path) -> None:
    garbage = {
        "cmi.core.lesson_status": "incomplete",
        "cmi.core.exit": "suspend",
        "cmi.suspend_data": '\u00ff{"v":9,"broken":[1,2,%%%not json',
    }
    start(lms, package, data=stored(package, garbage))
    assert answer(go(lms, 0), right=True) == 7
    assert lms.value("cmi.suspend_data").startswith("2|")
    assert not lms.page_errors


def test_example_course_end_to_end(lms: LmsSession, tmp_path: Path) -> None:
    """The real example course, built as a zip, passed by a learner in the test LMS."""
    from scormbuild.commands.build import build

    result = build(Path(__file__).resolve().parents[2] / "course", tmp_path / "dist")
    zips = sorted((tmp_path / "dist").glob("*-fi.zip"))
    assert zips, result
    lms.launch(zips[0])
    lms.wait_for_initialize()
    count = lms.sco_frame.locator("[data-module]").count()
    for n in range(count):
        answer(go(lms, n), right=True)
    snap = lms.unload_sco()
    core = snap["persisted"]["core"]
    assert core["lesson_status"] == "passed"
    assert core["score"]["raw"] == "100"
    assert core["exit"] == ""
    assert len(snap["persisted"]["suspend_data"]) <= 4096
    assert interactions(snap["persisted"])
    lms.assert_no_violations()
    lms.assert_finished_once()
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()
