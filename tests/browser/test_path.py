"""The learner's path in the test LMS: the cover page first, each module's state and the
progress bar as the learner goes, the finish page's result, the navigation folded behind its
menu button on a phone, by keyboard, and axe-core on the shell, the cover and the finish page
at 1280, 375 and 320 px in Finnish, Swedish and English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Frame
from scorm_lms import LmsSession

from scormbuild.commands.build import build
from tests.browser.a11y import (
    AXE_JS,
    content_frame,
    open_module,
    reflow_problems,
    run_axe,
    structure_problems,
)
from tests.browser.learner import answer, retry
from tests.coursekit import MODULE, QUIZ, write_course

LANGUAGES = ("en", "fi", "sv")
COURSE_YML = """\
id: path
title: {en: The path, fi: Polku, sv: Stigen}
version: 1.0.0
language: en
languages: [en, fi, sv]
description: {en: A short course., fi: Lyhyt kurssi., sv: En kort kurs.}
objectives: {en: [Find your way], fi: [Löydät tiesi], sv: [Du hittar vägen]}
mastery_score: 80
completion: [viewed, passed]
theme:
  hero: assets/hero.svg
"""
HERO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10">'
    b'<rect width="40" height="10" fill="#dde"/></svg>'
)


def files() -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {"course.yml": COURSE_YML, "assets/hero.svg": HERO}
    for lang in LANGUAGES:
        suffix = "" if lang == "en" else f".{lang}"
        quiz = QUIZ.format(qid="check")
        timed = MODULE.replace("---\n\n", "duration: 10 min\n---\n\n")
        out[f"modules/01-intro{suffix}.md"] = timed.format(title=f"Start {lang}")
        out[f"modules/02-more{suffix}.md"] = timed.format(title=f"Check {lang}") + "\n" + quiz
    return out


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A two-module course with a graded quiz, one package per language."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in tests/lms", pytrace=False)
    root = tmp_path_factory.mktemp("path")
    result = build(write_course(root / "course", files()), root / "dist")
    yield {p.stem.rsplit("-", 1)[1]: p for p in result.packages}


def launch(lms: LmsSession, package: Path, width: int = 1280) -> Frame:
    """The course in the LMS with its cover page shown."""
    lms.launch(package)
    assert lms.page is not None
    lms.page.set_viewport_size({"width": width, "height": 900})
    lms.wait_for_initialize()
    frame = content_frame(lms)
    frame.wait_for_selector(".sb-cover")
    return frame


def problems(lms: LmsSession, frame: Frame, lang: str, label: str) -> list[str]:
    found = run_axe(frame, lms.server.origin, label) + reflow_problems(frame, label)
    return found + structure_problems(frame, lang, label)


def finish_page(lms: LmsSession) -> Frame:
    lms.sco_frame.click("[data-page=finish]")
    frame = content_frame(lms)
    frame.wait_for_selector(".sb-finish")
    frame.wait_for_function("() => document.querySelector('[data-when]:not([hidden])')")
    return frame


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [1280, 375, 320])
def test_cover_shell_and_finish_have_no_axe_violations(
    lms: LmsSession, packages: dict[str, Path], lang: str, width: int
) -> None:
    cover = launch(lms, packages[lang], width)
    found = problems(lms, cover, lang, f"{lang} {width}px cover")
    found += problems(lms, lms.sco_frame, lang, f"{lang} {width}px launch page")
    if width < 640:
        lms.sco_frame.click(".sb-menu-button")
        found += problems(lms, lms.sco_frame, lang, f"{lang} {width}px menu open")
    answer(open_module(lms, 1), right=False)
    if width < 640:
        lms.sco_frame.click(".sb-menu-button")
    found += problems(lms, finish_page(lms), lang, f"{lang} {width}px finish")
    assert not found, "\n".join(found)
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()


def states(lms: LmsSession) -> list[tuple[str, str]]:
    """Each module's state in the module list: (data-state, the icon and the word shown)."""
    got: list[tuple[str, str]] = lms.sco_frame.evaluate(
        "() => [...document.querySelectorAll('.sb-state')].map("
        "(s) => [s.dataset.state, s.textContent.trim()])"
    )
    return [tuple(s) for s in got]  # type: ignore[misc]


def test_the_path_from_cover_to_finish(lms: LmsSession, packages: dict[str, Path]) -> None:
    cover = launch(lms, packages["en"])
    assert cover.text_content("h1") == "The path"
    assert "about 20 min" in (cover.text_content(".sb-cover-time") or "")
    assert cover.text_content(".sb-objectives") == "Find your way"
    assert states(lms) == [("not-started", "○ Not started")] * 2
    assert lms.sco_frame.evaluate("() => document.getElementById('sb-progress-bar').value") == 0
    cover.click(".sb-start")
    content_frame(lms).wait_for_function("() => document.body.dataset.module === '0'")
    lms.sco_frame.wait_for_function("() => document.getElementById('sb-progress-bar').value === 1")
    assert states(lms)[0] == ("done", "✓ Done")
    # A wrong answer: below the pass mark with attempts left, the module is still in progress.
    answer(open_module(lms, 1), right=False)
    lms.sco_frame.wait_for_function("() => document.querySelectorAll('[data-state=done]').length")
    assert states(lms) == [("done", "✓ Done"), ("in-progress", "◐ In progress")]
    finish = finish_page(lms)
    assert finish.text_content("#sb-result-status") == "Not finished yet."
    assert finish.text_content("tr[data-quiz] td") != "Not answered yet"
    # The module whose quiz can still be tried again is the one left to do.
    assert finish.locator("#sb-todo a").all_text_contents() == ["Check en"]
    # Back on the cover, Start has become Continue at the module the learner was on.
    lms.sco_frame.click("[data-page=cover]")
    cover = content_frame(lms)
    cover.wait_for_function("() => document.querySelector('.sb-start')?.textContent[0] === 'C'")
    assert cover.text_content(".sb-start") == "Continue: Check en"
    # Passing it: the module, the course and the finish page say so.
    frame = open_module(lms, 1)
    assert retry(frame) == 1
    answer(frame, right=True)
    lms.sco_frame.wait_for_function("() => document.querySelector('[data-state=passed]')")
    assert states(lms)[1] == ("passed", "✓ Passed")
    finish = finish_page(lms)
    assert finish.text_content("#sb-result-status") == "Passed."
    assert finish.text_content("#sb-result-score") == "100 %"
    assert finish.locator("[data-when=passed]").is_visible()
    assert finish.locator("#sb-todo").is_hidden()
    lms.assert_no_page_errors()


def test_a_learner_who_comes_back_sees_the_cover_with_continue(
    lms: LmsSession, packages: dict[str, Path]
) -> None:
    """The issue's cover page: "Start, or Continue at the place the learner left off". A
    resumed visit opens on the cover, not inside a module; Continue leads to the bookmark."""
    cover = launch(lms, packages["fi"])
    cover.click(".sb-start")
    content_frame(lms).wait_for_function("() => document.body.dataset.module === '0'")
    lms.sco_frame.wait_for_function("() => document.getElementById('sb-progress-bar').value === 1")
    open_module(lms, 1)
    lms.unload_sco()
    assert lms.value("cmi.core.lesson_location", persisted=True) == "m02-more"
    lms.finish_and_relaunch()
    lms.wait_for_initialize()
    assert lms.value("cmi.core.entry") == "resume"
    cover = content_frame(lms)
    cover.wait_for_selector(".sb-cover")
    cover.wait_for_function("() => document.querySelector('.sb-start').textContent[0] === 'J'")
    assert cover.text_content(".sb-start") == "Jatka: Check fi"
    assert lms.sco_frame.get_attribute("[data-page=cover]", "aria-current") == "page"
    assert states(lms)[0][0] == "done"  # the progress came back with the bookmark
    cover.click(".sb-start")
    content_frame(lms).wait_for_function("() => document.body.dataset.module === '1'")
    lms.assert_no_violations()
    lms.assert_no_page_errors()


def test_one_notice_area(lms: LmsSession, packages: dict[str, Path]) -> None:
    """Outside an LMS the notice that progress is not saved is shown once, by the launch page."""
    page = lms.open_direct(packages["en"])
    frame = page.frame(name="sb-content")
    assert frame is not None
    frame.wait_for_selector(".sb-cover")
    page.wait_for_function("() => document.getElementById('sb-notice').textContent")
    frame.click(".sb-start")
    # While the frame navigates its document may have no body yet.
    page.wait_for_function(
        "() => { const b = window.frames['sb-content'].document.body;"
        " return b !== null && b.dataset.module === '0'; }"
    )
    module = page.frame(name="sb-content")
    assert module is not None
    assert module.locator("#sb-page-notice").is_hidden()


def test_the_menu_folds_the_navigation_on_a_phone(
    lms: LmsSession, packages: dict[str, Path]
) -> None:
    launch(lms, packages["fi"], 375)
    shell, page = lms.sco_frame, lms.page
    assert page is not None
    button, nav = shell.locator(".sb-menu-button"), shell.locator("#sb-nav")
    assert button.is_visible() and nav.is_hidden()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "sb-nav"
    shell.focus(".sb-menu-button")
    page.keyboard.press("Enter")
    assert nav.is_visible() and button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert shell.evaluate("() => document.activeElement.closest('#sb-nav') !== null")
    page.keyboard.press("Escape")
    assert nav.is_hidden()
    assert shell.evaluate("() => document.activeElement.classList.contains('sb-menu-button')")
    # Choosing a module closes the menu.
    page.keyboard.press("Space")
    shell.click("[data-module='1']")
    assert nav.is_hidden()
    # At a desktop width there is no menu button and the list is always there.
    page.set_viewport_size({"width": 1280, "height": 900})
    shell.wait_for_function("() => document.querySelector('.sb-menu-button').hidden")
    assert nav.is_visible()
