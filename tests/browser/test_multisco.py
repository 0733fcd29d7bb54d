"""Multi-SCO mode: every module page is a SCO of its own, launched and tracked on its own.

The course in ``tests/fixtures/multisco`` is built into a zip, validated like any package an
LMS admin would upload, and each SCO is launched separately in the test LMS, as Moodle does
when the learner picks it from the table of contents.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from scorm_lms import LmsSession, extract_package, launch_href

from scormbuild.commands.build import build
from scormbuild.commands.validate import validate_package
from scormbuild.package.manifest import ADLCP_NS, IMSCP_NS
from scormbuild.package.suspend_data import LIMIT, course_key, scopes, worst_case_length
from scormbuild.source.load import load_course
from tests.browser.learner import answer, interactions
from tests.needs import xsd_dir

COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "multisco"
SCOS = ("modules/01-perusteet.html", "modules/02-lukemista.html", "modules/03-koe.html")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The multi-SCO course built into a zip (schemas included, as an admin might upload it)."""
    out = tmp_path_factory.mktemp("multisco")
    result = build(COURSE, out, schemas=xsd_dir())
    (zip_path,) = result.packages
    return zip_path


def manifest_of(package: Path) -> etree._Element:
    with zipfile.ZipFile(package) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def test_package_is_valid(package: Path) -> None:
    report = validate_package(package, xsd_dir())
    assert report.schema_checked
    assert report.valid, [p.message for p in report.findings]
    assert not report.warnings, [p.message for p in report.warnings]
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
    # No launch page and no shell runtime: the LMS's table of contents replaces them.
    assert "index.html" not in names
    assert "scormbuild/launch.js" not in names
    assert {"scormbuild/core.js", "scormbuild/page.js"} <= names


def test_manifest_is_a_table_of_contents(package: Path, tmp_path: Path) -> None:
    """Moodle shows the items of the default organisation, in order, by title."""
    root = manifest_of(package)
    ns = {"cp": IMSCP_NS, "adlcp": ADLCP_NS}
    (org,) = root.findall("cp:organizations/cp:organization", ns)
    assert root.find("cp:organizations", ns).get("default") == org.get("identifier")
    assert org.findtext("cp:title", namespaces=ns) == "Monta SCOa"
    items = org.findall("cp:item", ns)
    assert [i.findtext("cp:title", namespaces=ns) for i in items] == [
        "Perusteet",
        "Lukemista",
        "Loppukoe",
    ]
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", ns)}
    launched = [resources[i.get("identifierref")] for i in items]
    assert [r.get("href") for r in launched] == list(SCOS)
    assert {r.get(f"{{{ADLCP_NS}}}scormtype") for r in launched} == {"sco"}
    assert [i.findtext("adlcp:masteryscore", namespaces=ns) for i in items] == ["80"] * 3
    # The test LMS, like Moodle, launches the first item when no SCO is picked.
    assert launch_href(extract_package(package, tmp_path)) == SCOS[0]


def test_suspend_data_is_bounded_per_module() -> None:
    (course,) = load_course(COURSE).courses
    parts = scopes(course)
    assert [p.modules for p in parts] == [(m,) for m in course.modules]
    assert all(worst_case_length(p) <= LIMIT for p in parts)
    assert len({course_key(course, m) for m in course.modules}) == 3  # each SCO its own


def launch(lms: LmsSession, package: Path, sco: str) -> None:
    lms.launch(package, sco=sco)
    lms.wait_for_initialize()
    lms.sco_frame.wait_for_load_state("load")


def module_data(lms: LmsSession) -> dict[str, Any]:
    data: dict[str, Any] = lms.sco_frame.evaluate(
        "() => { const c = window.SCORMBUILD_COURSE,"
        " m = c.modules[+document.body.dataset.module];"
        " return {id: m.id, key: m.key, k: m.k}; }"
    )
    return data


def assert_clean(lms: LmsSession) -> None:
    lms.assert_no_violations()
    lms.assert_finished_once()
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()


def test_each_module_is_tracked_on_its_own(lms: LmsSession, package: Path) -> None:
    # Module 1: three graded questions, all right.
    launch(lms, package, SCOS[0])
    assert lms.value("cmi.core.lesson_status") == "not attempted"  # no result yet
    assert lms.value("cmi.core.lesson_location") == "m01-perusteet"
    frame = lms.sco_frame
    assert frame.locator(".sb-pager a").count() == 0  # no links to other SCOs' pages
    assert "sisällysluettelosta" in (frame.text_content(".sb-sco-note") or "")
    assert frame.locator("#sb-page-notice").is_hidden()
    # A link in the text to another module would end this SCO's session: it is held back.
    frame.click("a[href^='02-lukemista.html']")
    assert frame.url.endswith(SCOS[0])
    assert "sisällysluettelosta" in (frame.text_content("#sb-page-notice") or "")
    assert answer(frame, right=True) == 3
    assert lms.value("cmi.core.lesson_status") == "passed"
    mod = module_data(lms)
    snap = lms.unload_sco()
    stored = snap["persisted"]
    core = stored["core"]
    assert core["lesson_status"] == "passed"
    assert core["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert core["exit"] == ""
    assert core["lesson_location"] == "m01-perusteet"
    assert core["total_time"].count(":") == 2
    assert stored["suspend_data"].startswith(f"2|{mod['key']}|{mod['k']}|")
    assert stored["suspend_data"].count(";") == 0  # one quiz: this module's own
    got = interactions(stored)
    assert [i["id"] for i in got] == ["perusteet.p-valinta", "perusteet.p-tosi", "perusteet.p-luku"]
    assert [i["result"] for i in got] == ["correct"] * 3
    assert got[2]["student_response"] == "4096"
    assert_clean(lms)

    # Module 2: reading only; opening it completes it, with no score.
    launch(lms, package, SCOS[1])
    assert lms.sco_frame.locator(".sb-quiz").count() == 0
    core = lms.unload_sco()["persisted"]["core"]
    assert core["lesson_status"] == "completed"
    assert core["score"]["raw"] in ("", None)
    assert core["exit"] == ""
    assert core["lesson_location"] == "m02-lukemista"
    assert not interactions(lms.snapshots[-1]["persisted"])
    assert_clean(lms)

    # Module 3: a practice quiz (never reported) and a one-attempt exam, both answered wrong.
    launch(lms, package, SCOS[2])
    frame = lms.sco_frame
    assert answer(frame, right=False) == 4  # 1 practice + 3 exam questions
    stored = lms.unload_sco()["persisted"]
    core = stored["core"]
    assert core["lesson_status"] == "failed"
    assert core["score"]["raw"] == "0"
    assert core["exit"] == ""  # no attempts left: nothing to resume
    got = interactions(stored)
    assert [i["id"] for i in got] == ["koe.k-monivalinta", "koe.k-aukko", "koe.k-jarjestys"]
    assert [i["result"] for i in got] == ["wrong"] * 3
    assert_clean(lms)


def test_one_sco_resumes_where_it_was_left(lms: LmsSession, package: Path) -> None:
    launch(lms, package, SCOS[0])
    frame = lms.sco_frame
    frame.evaluate(
        "() => { const li = document.querySelector('.sb-question:not([hidden])');"
        " li.querySelector('.sb-choices input[value=\"0\"]').checked = true;"
        " li.querySelector('.sb-check').click(); }"
    )
    stored = lms.unload_sco()["persisted"]
    assert stored["core"]["lesson_status"] == "incomplete"
    assert stored["core"]["exit"] == "suspend"
    assert stored["core"]["score"]["raw"] in ("", None)  # graded work not finished
    assert len(interactions(stored)) == 1
    lms.assert_finished_once()

    lms.finish_and_relaunch()
    lms.wait_for_initialize()
    lms.sco_frame.wait_for_load_state("load")
    assert lms.value("cmi.core.entry") == "resume"
    locked = lms.sco_frame.evaluate(
        "() => [...document.querySelectorAll('.sb-question')].map("
        "(li) => li.querySelector('.sb-check').disabled)"
    )
    assert locked == [True, False, False]  # the answer from the first session is kept
    assert answer(lms.sco_frame, right=True) == 2
    stored = lms.unload_sco()["persisted"]
    assert stored["core"]["lesson_status"] == "passed"
    assert stored["core"]["score"]["raw"] == "100"
    assert stored["core"]["exit"] == ""
    # Moodle gives the stored interactions back (their count): the new ones follow them.
    assert [i["id"] for i in interactions(stored)] == [
        "perusteet.p-valinta",
        "perusteet.p-tosi",
        "perusteet.p-luku",
    ]
    assert_clean(lms)


def test_without_an_lms_the_page_says_so(lms: LmsSession, package: Path) -> None:
    page = lms.open_direct(package, sco=SCOS[0])
    assert "Edistymistä ei tallenneta" in (page.text_content("#sb-page-notice") or "")
    assert answer(page.main_frame, right=True) == 3
    assert not lms.page_errors
    lms.assert_no_external_requests()
