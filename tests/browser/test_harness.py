"""The test LMS in the browser: a hand-written SCO against the model of Moodle (refusals, what is
stored, relaunch by Moodle's rules, failure modes, network guard, the server). The model's rules
one by one are in tests/test_lms_model.py."""

from __future__ import annotations

import urllib.request
import zipfile
from pathlib import Path

import pytest
from scorm_lms import FAKE_SCO_DIR, LmsServer, LmsSession, launch_href, manifest_scos, stored

MIXED = "index.html?scenario=mixed"
SUSPEND = "index.html?scenario=suspend"
MANUAL = "index.html?scenario=manual"


def sco_call(lms: LmsSession, expression: str) -> str:
    """Evaluate `sco.<expression>` in the fake SCO and return its string result."""
    return str(lms.sco_frame.evaluate(f"() => window.sco.{expression}"))


def test_mixed_session_records_refusals_and_keeps_valid_values(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco=MIXED)
    lms.wait_for_finish()
    snap = lms.snapshot()

    refused = {v["element"]: v for v in snap["violations"]}
    assert set(refused) == {
        "cmi.core.session_time",
        "cmi.core.lesson_status",
        "cmi.interactions.1.id",
        "cmi.suspend_data",
        "cmi.interactions.3.id",
        "cmi.core.score.raw",
    }
    assert refused["cmi.suspend_data"]["length"] == 5000
    assert refused["cmi.interactions.3.id"]["code"] == "201"  # an index that skips ahead
    assert {v["code"] for v in refused.values()} == {"201", "405"}
    assert snap["initializeCount"] == snap["finishCount"] == 1
    assert [c["result"] for c in snap["calls"] if c["fn"] == "LMSCommit"] == ["true"]
    with pytest.raises(AssertionError, match=r"cmi\.core\.session_time"):
        lms.assert_no_violations()

    core = snap["persisted"]["core"]
    assert core["lesson_status"] == "completed"
    assert "session_time" not in core  # Moodle keeps none: it adds it to total_time
    assert core["total_time"] == "00:01:30.00"
    assert core["lesson_location"] == "page-2"
    assert core["score"] == {"raw": "80", "min": "0", "max": "100"}
    assert snap["persisted"]["suspend_data"] == "ok"
    assert snap["persisted"]["interactions"] == {
        "0": {"id": "q1", "type": "choice", "student_response": "a", "result": "correct"}
    }
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()


def test_valid_values_at_moodles_limits(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco=MANUAL)
    lms.wait_for_initialize()
    assert sco_call(lms, 'set("cmi.core.session_time", "0001:02:03.4")') == "true"
    assert sco_call(lms, 'set("cmi.core.score.raw", "99.5")') == "true"
    assert sco_call(lms, 'set("cmi.core.lesson_location", "x".repeat(255))') == "true"
    assert sco_call(lms, 'set("cmi.suspend_data", "y".repeat(4096))') == "true"
    assert sco_call(lms, 'set("cmi.interactions.0.id", "quiz-1_q~2")') == "true"
    assert sco_call(lms, 'set("cmi.interactions.1.id", "q2")') == "true"
    assert sco_call(lms, 'set("cmi.interactions.1.student_response", "z".repeat(255))') == "true"
    assert sco_call(lms, 'set("cmi.core.lesson_location", "x".repeat(256))') == "false"
    assert sco_call(lms, "lastError()") == "405"
    assert sco_call(lms, 'set("cmi.interactions.1.student_response", "z".repeat(256))') == "false"
    assert sco_call(lms, 'get("cmi.interactions.1.id")') == ""  # write-only
    assert sco_call(lms, "lastError()") == "404"
    assert sco_call(lms, 'set("cmi.core.total_time", "00:00:01")') == "false"
    assert sco_call(lms, "lastError()") == "403"
    assert len(lms.violations) == 3
    assert lms.value("cmi.core.score.raw") == "99.5"
    assert lms.value("cmi.interactions.1.id") == "q2"


def test_a_suspended_sco_resumes_with_what_moodle_stored(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco=SUSPEND)
    lms.wait_for_finish()
    lms.finish_and_relaunch(sco=MANUAL)
    lms.wait_for_initialize()
    assert sco_call(lms, 'get("cmi.core.entry")') == "resume"
    assert sco_call(lms, 'get("cmi.core.lesson_location")') == "module-3"
    assert sco_call(lms, 'get("cmi.suspend_data")') == '{"v":1,"page":3}'
    assert sco_call(lms, 'get("cmi.core.lesson_status")') == "incomplete"
    assert sco_call(lms, 'get("cmi.core.total_time")') == "00:00:42.00"
    assert sco_call(lms, 'get("cmi.core.credit")') == "credit"
    assert lms.snapshots[0]["finishedOnce"] is True


def test_a_finished_attempt_reopens_in_review_and_a_new_one_starts_afresh(
    lms: LmsSession,
) -> None:
    lms.launch(FAKE_SCO_DIR, sco=MIXED)
    lms.wait_for_finish()
    lms.finish_and_relaunch(sco=MANUAL)  # every SCO has "completed": the attempt is over
    lms.wait_for_initialize()
    assert lms.snapshot()["mode"] == "review"
    assert sco_call(lms, 'get("cmi.core.lesson_mode")') == "review"
    assert sco_call(lms, 'get("cmi.core.credit")') == "no-credit"
    assert sco_call(lms, 'get("cmi.core.entry")') == ""  # no "suspend" was stored
    assert sco_call(lms, 'get("cmi.core.score.raw")') == "80"
    assert sco_call(lms, 'get("cmi.interactions._count")') == "1"  # Moodle gives them back

    lms.finish_and_relaunch(new_attempt=True, sco=MANUAL)
    lms.wait_for_initialize()
    assert (lms.snapshot()["mode"], lms.snapshot()["attempt"]) == ("normal", 2)
    assert sco_call(lms, 'get("cmi.core.entry")') == "ab-initio"
    assert sco_call(lms, 'get("cmi.suspend_data")') == ""


def test_unload_fires_pagehide_in_the_sco(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco="index.html?scenario=manual&pagehide=1")
    lms.wait_for_initialize()
    assert lms.counts()["finishCount"] == 0
    snap = lms.unload_sco()
    assert snap["finishCount"] == 1
    assert snap["scoUnloaded"] is True
    assert snap["persisted"]["core"]["exit"] == "suspend"


def test_commit_fails_mode(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco=MANUAL, options={"commitFails": True})
    lms.wait_for_initialize()
    assert sco_call(lms, 'set("cmi.core.lesson_location", "p1")') == "true"
    assert sco_call(lms, "commit()") == "false"
    assert sco_call(lms, "lastError()") != "0"
    assert lms.value("cmi.core.lesson_location", persisted=True) == ""
    lms.set_options(commitFails=False)
    assert sco_call(lms, 'set("cmi.core.lesson_location", "p2")') == "true"
    assert sco_call(lms, "commit()") == "true"
    assert sco_call(lms, "lastError()") == "0"
    assert lms.value("cmi.core.lesson_location", persisted=True) == "p2"


def test_commit_fails_a_number_of_times(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco=MANUAL, options={"commitFails": 2})
    lms.wait_for_initialize()
    results = [sco_call(lms, "commit()") for _ in range(3)]
    assert results == ["false", "false", "true"]
    assert sco_call(lms, "finish()") == "true"


def test_set_fails_mode(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco=MANUAL, options={"setFails": ["cmi.suspend_data"]})
    lms.wait_for_initialize()
    assert sco_call(lms, 'set("cmi.suspend_data", "a")') == "false"
    assert sco_call(lms, "lastError()") == "101"
    assert sco_call(lms, 'set("cmi.core.lesson_location", "a")') == "true"
    lms.set_options(setFails=True)
    assert sco_call(lms, 'set("cmi.core.lesson_location", "b")') == "false"
    assert lms.violations == []  # failures the test asked for are not refusals


def test_no_api_mode_and_direct_open(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco=MANUAL, options={"noApi": True})
    assert lms.sco_frame.evaluate("() => window.sco.hasApi") is False
    assert lms.counts()["initializeCount"] == 0
    page = lms.open_direct(FAKE_SCO_DIR, sco=MANUAL)
    assert page.evaluate("() => window.sco.hasApi") is False
    assert page.text_content("#sco-status") == "no API"


def test_earlier_data_is_what_the_sco_gets(lms: LmsSession) -> None:
    data = stored(
        FAKE_SCO_DIR,
        {
            "cmi.suspend_data": "%%%not json",
            "cmi.core.exit": "suspend",
            "cmi.core.lesson_status": "incomplete",
        },
    )
    lms.launch(FAKE_SCO_DIR, sco=MANUAL, data=data)
    lms.wait_for_initialize()
    assert sco_call(lms, 'get("cmi.suspend_data")') == "%%%not json"
    assert sco_call(lms, 'get("cmi.core.entry")') == "resume"


@pytest.mark.parametrize(("override", "status"), [(1, "failed"), (0, "completed")])
def test_mastery_override_at_finish(lms: LmsSession, override: int, status: str) -> None:
    lms.launch(FAKE_SCO_DIR, sco=MANUAL, settings={"masteryoverride": override}, mastery=80)
    lms.wait_for_initialize()
    assert sco_call(lms, 'get("cmi.student_data.mastery_score")') == "80"
    sco_call(lms, 'set("cmi.core.lesson_status", "completed")')
    sco_call(lms, 'set("cmi.core.score.raw", "50")')
    assert sco_call(lms, "finish()") == "true"
    assert lms.value("cmi.core.lesson_status", persisted=True) == status


def test_external_requests_are_blocked_and_recorded(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco="index.html?scenario=manual&external=1")
    lms.sco_frame.wait_for_function(
        "() => { const i = document.querySelector('img'); return i && i.complete; }"
    )
    assert lms.external_requests == ["http://example.invalid/pixel.png"]
    with pytest.raises(AssertionError, match=r"example\.invalid"):
        lms.assert_no_external_requests()


def test_uncaught_errors_in_the_sco_frame_are_captured(lms: LmsSession) -> None:
    lms.launch(FAKE_SCO_DIR, sco="index.html?scenario=manual&throw=1")
    lms.wait_until(lambda: bool(lms.page_errors))
    assert any("fake SCO failure" in e for e in lms.page_errors)
    with pytest.raises(AssertionError, match="fake SCO failure"):
        lms.assert_no_page_errors()


def test_zip_package_launches_moodles_pick(lms: LmsSession, tmp_path: Path) -> None:
    manifest = """<?xml version="1.0"?>
<manifest identifier="m" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <organizations default="org1"><organization identifier="org1"><title>T</title>
    <item identifier="i1" identifierref="r1"><title>S</title>
      <adlcp:masteryscore>75</adlcp:masteryscore></item></organization>
  </organizations>
  <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco"
    href="sco/index.html?scenario=suspend"/></resources>
</manifest>"""
    package = tmp_path / "course.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for name in ("index.html", "sco.js"):
            archive.write(FAKE_SCO_DIR / name, f"sco/{name}")
    lms.launch(package)
    lms.wait_for_finish()
    assert lms.value("cmi.core.exit", persisted=True) == "suspend"
    assert lms.value("cmi.student_data.mastery_score") == "75"
    assert lms.package_dir is not None
    assert launch_href(lms.package_dir) == "sco/index.html?scenario=suspend"
    assert manifest_scos(lms.package_dir)[0]["identifier"] == "i1"


def test_server_mime_types_and_ranges(lms_server: LmsServer, tmp_path: Path) -> None:
    (tmp_path / "a.vtt").write_text("WEBVTT\n", encoding="utf-8")
    (tmp_path / "b.mp4").write_bytes(bytes(range(100)))
    (tmp_path / "c.svg").write_text("<svg/>", encoding="utf-8")
    base = lms_server.mount(tmp_path)
    expected = {"a.vtt": "text/vtt", "b.mp4": "video/mp4", "c.svg": "image/svg+xml"}
    for name, mime in expected.items():
        with urllib.request.urlopen(base + name) as response:
            assert response.headers["Content-Type"].startswith(mime)
    for script in ("/lms/lms.js", "/static/lms-api.js", "/static/lms-site.js"):
        with urllib.request.urlopen(lms_server.origin + script) as response:
            assert response.headers["Content-Type"].startswith("text/javascript")
    request = urllib.request.Request(base + "b.mp4", headers={"Range": "bytes=10-19"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 206
        assert response.headers["Content-Range"] == "bytes 10-19/100"
        assert response.read() == bytes(range(10, 20))
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(base + "../conftest.py")
