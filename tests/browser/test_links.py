"""Links in the example course, clicked in the test LMS: a link out of the course opens a new
page and the course stays where it was; a link to a file downloads it, the module stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Route
from scorm_lms import LmsSession

from tests.browser.a11y import EXAMPLE_COURSE, open_module
from tests.browser.learner import launch

FINLEX = "https://www.finlex.fi/fi/laki/ajantasa/2019/20190306"
WEBINARS, SCORECARD = 3, 4  # the modules (0-based) with the link out and the download


@pytest.fixture
def package(example_packages: dict[str, Path]) -> Path:
    """The example course's Finnish package."""
    return example_packages["fi"]


@pytest.mark.parametrize("width", [1280, 375])
def test_a_link_out_opens_a_new_page_and_the_course_stays(
    lms: LmsSession, package: Path, width: int
) -> None:
    launch(lms, package, width)
    assert lms.page is not None and lms.context is not None
    served: list[str] = []

    def finlex(route: Route) -> None:  # no network: the page out there, as a stand-in
        served.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Finlex</title><p>Laki")

    lms.context.route("https://www.finlex.fi/**", finlex)
    frame = open_module(lms, WEBINARS)
    module_url = frame.url
    link = frame.locator(f"a[href='{FINLEX}']")
    assert link.get_attribute("target") == "_blank"
    assert "(avautuu uuteen ikkunaan)" in link.inner_text()
    with lms.page.expect_popup() as opened:
        link.click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.url == FINLEX and served == [FINLEX]
    assert popup.title() == "Finlex"
    assert popup.evaluate("() => window.opener") is None  # rel=noopener
    # The course is where the learner left it: same page in its frame, its runtime running.
    assert frame.url == module_url and not frame.is_detached()
    assert frame.evaluate("() => document.body.dataset.module") == str(WEBINARS)
    assert lms.page.url == lms.server.lms_url
    assert not lms.page_errors


def test_a_link_to_a_file_downloads_it_and_the_module_stays(lms: LmsSession, package: Path) -> None:
    launch(lms, package, 1280)
    assert lms.page is not None
    frame = open_module(lms, SCORECARD)
    module_url = frame.url
    link = frame.locator("a.sb-download")
    text = link.inner_text()
    assert text.startswith("tuloskortin pohjasta (TXT, ") and text.endswith("\u00a0kt)")
    with lms.page.expect_download() as started:
        link.click()
    download = started.value
    assert download.suggested_filename == "tuloskortin-pohja.txt"
    saved = Path(download.path())
    assert saved.read_bytes() == (EXAMPLE_COURSE / "assets/tuloskortin-pohja.txt").read_bytes()
    assert frame.url == module_url and not frame.is_detached()
    assert frame.evaluate("() => document.body.dataset.module") == str(SCORECARD)
    assert not lms.page_errors
