"""A module opened from another (Next, Previous, the module list) starts at its top with focus
on its title, on a desktop and on a phone, in the test LMS; Previous and Next are buttons
placed before the footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Frame
from scorm_lms import LmsSession

from tests.browser.a11y import content_frame, open_module, wait_for_module
from tests.browser.learner import launch

WIDTHS = (1280, 375)
NOTES = 3  # the module (0-based) with footnotes


@pytest.fixture
def package(example_packages: dict[str, Path]) -> Path:
    """The example course's Finnish package."""
    return example_packages["fi"]


def read_far(lms: LmsSession) -> None:
    """The learner scrolls the launch page down to the end of the module, past its quiz."""
    launch_page = lms.sco_frame
    launch_page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    assert launch_page.evaluate("() => window.scrollY") > 1000


def follow(lms: LmsSession, frame: Frame, selector: str, n: int) -> Frame:
    """Click the link ``selector`` of the module page and wait for module ``n``."""
    frame.evaluate("() => { window.__sbLeft = true; }")
    frame.click(selector)
    wait_for_module(lms.page, n)
    return content_frame(lms)


def assert_at_title(lms: LmsSession, frame: Frame) -> None:
    """The launch page is at its top, the module page's title has the focus."""
    assert lms.sco_frame.evaluate("() => window.scrollY") == 0
    assert lms.sco_frame.evaluate("() => document.activeElement.id") == "sb-frame"
    focused = frame.evaluate(
        "() => document.activeElement === document.querySelector('main h1') && document.hasFocus()"
    )
    assert focused, frame.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")


@pytest.mark.parametrize("width", WIDTHS)
def test_next_previous_and_the_module_list_open_a_module_at_its_title(
    lms: LmsSession, package: Path, width: int
) -> None:
    launch(lms, package, width)
    frame = open_module(lms, 0)
    read_far(lms)
    frame = follow(lms, frame, "a.sb-next", 1)
    assert_at_title(lms, frame)
    read_far(lms)
    frame = follow(lms, frame, "a.sb-prev", 0)
    assert_at_title(lms, frame)
    read_far(lms)
    frame = open_module(lms, NOTES)
    assert_at_title(lms, frame)
    assert not lms.page_errors


@pytest.mark.parametrize("width", WIDTHS)
def test_previous_and_next_are_buttons_before_the_footnotes(
    lms: LmsSession, package: Path, width: int
) -> None:
    launch(lms, package, width)
    frame = open_module(lms, NOTES)
    before = frame.evaluate(
        "() => !!(document.querySelector('.sb-pager').compareDocumentPosition("
        "document.querySelector('section.footnotes')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    assert before, "the footnotes come before Previous and Next"
    boxes = frame.evaluate(
        "() => [...document.querySelectorAll('.sb-pager a')].map(a => ({"
        " height: a.getBoundingClientRect().height,"
        " wordLines: a.querySelector('.sb-pager-way').getClientRects().length,"
        " name: a.textContent.replace(/\\s+/g, ' ').trim() }))"
    )
    assert [b["name"] for b in boxes] == [
        "← Edellinen: Osallistavat työpajat",
        "Seuraava: → Tuloskortti",
    ]
    for box in boxes:
        assert box["height"] >= 44, box  # a target a thumb finds (WCAG 2.5.5's 44 px)
        assert box["wordLines"] == 1, box  # "Seuraava" does not wrap
