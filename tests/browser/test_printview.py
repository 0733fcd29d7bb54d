"""The whole course on one page in the test LMS: reached from the launch page's menu (at 320 px
behind the Menu button), every module there with its blocks open and its quizzes named, a
print button that prints the frame, print styles that start each module on a new page, and
axe-core at zero at 1280 and 320 px in Finnish and Swedish (the example course: every kind of
block) and in English (a small course with tabs and a quiz)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Frame
from scorm_lms import LmsSession

from scormbuild.commands.build import build
from tests.browser.a11y import (
    AXE_JS,
    content_frame,
    reflow_problems,
    run_axe,
    structure_problems,
)
from tests.browser.learner import launch
from tests.coursekit import MODULE, QUIZ, write_course

TABS = """
::: tabs
::: tab Start, stop, continue
What do we start doing, what do we stop, what do we continue?
:::
::: tab 4L
Liked, learned, lacked, longed for.
:::
:::
"""


@pytest.fixture(scope="module")
def packages(
    example_packages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The example course in Finnish and Swedish, a small English course with a block."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in tests/lms", pytrace=False)
    root = tmp_path_factory.mktemp("print-en")
    body = MODULE.format(title="Retrospectives") + TABS + "\n" + QUIZ.format(qid="retro")
    course = write_course(root / "c", {"modules/01-intro.md": body})
    return {**example_packages, "en": build(course, root / "dist").packages[0]}


def print_view(lms: LmsSession, package: Path, width: int) -> Frame:
    """Launch ``package``, open the print view from the launch page's module list."""
    launch(lms, package, width, 900)
    content_frame(lms).wait_for_selector(".sb-cover")
    shell = lms.sco_frame
    if shell.is_visible(".sb-menu-button[aria-expanded=false]"):
        shell.click(".sb-menu-button")  # a narrow player: the module list is behind the menu
    shell.click("[data-page=print]")
    frame = content_frame(lms)
    frame.wait_for_selector(".sb-print")
    frame.wait_for_selector(".sb-print-button", state="visible")
    return frame


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("width", [1280, 320])
def test_the_print_view_has_no_axe_violations(
    lms: LmsSession, packages: dict[str, Path], lang: str, width: int
) -> None:
    frame = print_view(lms, packages[lang], width)
    label = f"{lang} {width}px print view"
    found = run_axe(frame, lms.server.origin, label) + reflow_problems(frame, label)
    found += structure_problems(frame, lang, label)
    assert found == [], "\n".join(found)
    assert lms.sco_frame.get_attribute("[data-page=print]", "aria-current") == "page"
    # The page's own words are in the course's language.
    title = {"fi": "Koko kurssi", "sv": "Hela kursen", "en": "The whole course"}[lang]
    assert title in (frame.text_content("h1") or "")
    lms.assert_no_external_requests()
    lms.assert_no_page_errors()


def test_every_module_blocks_open_and_the_button_prints_the_frame(
    lms: LmsSession, packages: dict[str, Path]
) -> None:
    frame = print_view(lms, packages["fi"], 1280)
    titles = frame.eval_on_selector_all(
        ".sb-print-section > h2:first-child", "els => els.map(e => e.textContent)"
    )
    shell_titles = lms.sco_frame.eval_on_selector_all(
        "[data-module]", "els => els.map(e => e.textContent)"
    )
    assert titles == shell_titles and len(titles) > 1
    # No block script runs here: every tab panel, accordion section and step is shown (an
    # empty element, such as a reflection's status line, may stay out of sight).
    blocks = frame.locator(".sb-print-section .sb-block").count()
    assert blocks > 0
    hidden = frame.evaluate(
        "() => [...document.querySelectorAll('.sb-print-section *')]"
        ".filter((e) => e.closest('[hidden]') || getComputedStyle(e).display === 'none')"
        ".filter((e) => !e.closest('.sb-vh, script, template'))"
        ".filter((e) => e.textContent.trim() || e.matches('img, textarea'))"
        ".map((e) => e.className || e.tagName)"
    )
    assert hidden == []
    # Quizzes are named, never asked: no field to answer, no answer shown.
    assert frame.locator(".sb-print-section :is(input, select, .sb-quiz)").count() == 0
    assert frame.locator(".sb-print-quiz").count() > 0
    frame.evaluate("() => { window.printed = 0; window.print = () => { window.printed++; }; }")
    frame.click(".sb-print-button")
    assert frame.evaluate("() => window.printed") == 1
    assert lms.page is not None
    lms.page.emulate_media(media="print")
    shown = frame.evaluate(
        "() => ({how: getComputedStyle(document.querySelector('.sb-print-how')).display,"
        " second: getComputedStyle(document.querySelectorAll('.sb-print-section')[1])"
        ".breakBefore})"
    )
    assert shown == {"how": "none", "second": "page"}
    lms.assert_no_external_requests()
    lms.assert_no_page_errors()


def test_the_cover_and_finish_pages_lead_to_it(lms: LmsSession, packages: dict[str, Path]) -> None:
    launch(lms, packages["sv"], 1280)
    frame = content_frame(lms)
    frame.wait_for_selector(".sb-cover")
    frame.click(".sb-print-link a")
    frame = content_frame(lms)
    frame.wait_for_selector(".sb-print-button", state="visible")  # nav.js has seen the page
    assert lms.sco_frame.get_attribute("[data-page=print]", "aria-current") == "page"
    lms.sco_frame.click("[data-page=finish]")
    frame = content_frame(lms)
    frame.wait_for_selector(".sb-finish")
    assert frame.get_attribute(".sb-print-link a", "href") == "print.html"
    lms.assert_no_page_errors()
