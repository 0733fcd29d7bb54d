"""The package's runtime against SCORM 1.2 as scorm-again implements it.

The browser tests' LMS is a model of Moodle (``src/scormbuild/preview/static/lms-*.js``), and
the runtime is written to the same reading of the standard. Here a package runs under
scorm-again's ``Scorm12API`` (``tests/lms/standard.html``), an implementation that owes nothing
to either: every call the runtime makes must succeed with error code 0, and what it stores must
be the values the standard defines for a learner who leaves, resumes and passes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page
from scorm_lms import LMS_DIR, LmsServer

from scormbuild.render.pages import render_course
from scormbuild.render.theme import make_environment
from tests.browser.learner import answer, interactions
from tests.course_samples import sample_course

SCORM_AGAIN = LMS_DIR / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    if not SCORM_AGAIN.is_file():
        pytest.fail(f"{SCORM_AGAIN} is missing: run `make browser-deps`", pytrace=False)
    made = browser.new_context()
    made.set_default_timeout(10_000)
    yield made
    made.close()


@pytest.fixture
def sco(tmp_path: Path, lms_server: LmsServer) -> str:
    """The sample course's launch page, served by the test LMS's server."""
    root = tmp_path / "pkg"
    for f in render_course(sample_course(), make_environment(None)):
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        assert f.data is not None
        target.write_bytes(f.data)
    return lms_server.mount(root) + "index.html"


def launch(context: BrowserContext, server: LmsServer, sco: str, cmi: dict[str, Any]) -> Page:
    """scorm-again's API around the SCO, with ``cmi`` loaded; returns once LMSInitialize ran."""
    page = context.new_page()
    config = json.dumps({"sco": sco, "cmi": cmi})
    page.add_init_script(f"if (window === window.top) {{ window.__standardConfig = {config}; }}")
    page.goto(server.origin + "/lms/standard.html", wait_until="load")
    page.wait_for_function("() => window.standard.calls.some((c) => c.fn === 'LMSInitialize')")
    return page


def go(page: Page, n: int) -> Frame:
    """Open module ``n`` (0-based) from the launch page's module list."""
    sco = page.frame(name="scorm_object")
    assert sco is not None
    sco.evaluate("() => { window.frames['sb-content'].sbOld = true; }")
    if sco.is_visible(".sb-menu-button[aria-expanded=false]"):
        sco.click(".sb-menu-button")  # a narrow player: the module list is behind the menu
    sco.click(f"[data-module='{n}']")
    page.wait_for_function(
        "(n) => { const f = window.frames['scorm_object'].frames['sb-content'];"
        " return !f.sbOld && f.document.readyState === 'complete' && f.document.body"
        " && +f.document.body.dataset.module === n; }",
        arg=n,
    )
    return sco.child_frames[0]


def leave(page: Page) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """Unload the SCO; every API call it made, and the CMI as it was last stored."""
    page.evaluate("() => window.standard.unload()")
    calls: list[dict[str, str]] = page.evaluate("() => window.standard.calls")
    stored: dict[str, Any] = page.evaluate("() => window.standard.stored()")
    page.close()
    return calls, stored


def errors(calls: list[dict[str, str]]) -> list[dict[str, str]]:
    """The calls scorm-again answered with an error."""
    failed = [c for c in calls if c["fn"] != "LMSGetValue" and c["result"] != "true"]
    return [c for c in calls if c["error"] != "0" and c not in failed] + failed


def test_leave_resume_and_pass_by_the_standard(
    context: BrowserContext, lms_server: LmsServer, sco: str
) -> None:
    page = launch(context, lms_server, sco, {})
    assert answer(go(page, 0), right=True) == 7
    calls, first = leave(page)
    assert errors(calls) == []
    assert [c["fn"] for c in calls].count("LMSFinish") == 1
    core = first["core"]
    assert (core["lesson_status"], core["exit"]) == ("incomplete", "suspend")
    assert core["lesson_location"] == "m01-osio-1"
    assert core["score"]["raw"] == ""  # no result yet, so no score
    assert first["suspend_data"].startswith("2|")
    assert [i["result"] for i in interactions(first)] == ["correct"] * 7

    # Back later: the LMS hands the stored values over with entry "resume".
    resumed = {
        "core": {
            "entry": "resume",
            "lesson_location": core["lesson_location"],
            "lesson_status": core["lesson_status"],
        },
        "suspend_data": first["suspend_data"],
    }
    page = launch(context, lms_server, sco, resumed)
    frame = page.frame(name="scorm_object")
    assert frame is not None
    assert (frame.text_content("#sb-progress") or "").startswith("1/3")
    assert answer(go(page, 1), right=True) == 3  # the practice quiz: no interactions
    assert answer(go(page, 2), right=True) == 3
    calls, final = leave(page)
    assert errors(calls) == []
    core = final["core"]
    assert (core["lesson_status"], core["exit"]) == ("passed", "")
    assert core["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert core["lesson_location"] == "m03-osio-3"
    assert core["session_time"].count(":") == 2
    assert final["suspend_data"].startswith("2|")
    got = interactions(final)
    assert [i["id"].split(".")[0] for i in got] == ["pooli"] * 3
    assert all(i["result"] == "correct" and i["type"] for i in got)
