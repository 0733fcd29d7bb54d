"""WCAG 2.1 AA on the example course, in Finnish and Swedish, as a learner meets it in the LMS.

Every page (the launch page and each module page) at 1280 and 320 CSS px wide, and every quiz
in each state it goes through (unanswered, right and wrong feedback, results, a new attempt,
the correct answers after the last attempt): zero axe-core violations, no horizontal
scrolling, the page structure (lang, title, landmarks, skip link, headings) and control
borders with 3:1. Focus visibility and reduced motion are checked on every page in Finnish.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Frame
from scorm_lms import LmsSession

from tests.browser.a11y import (
    AXE_JS,
    CONTROL_BORDERS,
    FOCUS_INDICATOR,
    content_frame,
    course_data,
    open_module,
    reflow_problems,
    run_axe,
    structure_problems,
)
from tests.browser.learner import ANSWER_JS, retry
from tests.browser.learner import launch as launch_at

LANGUAGES = ("fi", "sv")
WIDTHS = (1280, 320)


@pytest.fixture(scope="module")
def packages(example_packages: dict[str, Path]) -> Iterator[dict[str, Path]]:
    """The example course's packages: one zip per language."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in tests/lms", pytrace=False)
    assert sorted(example_packages) == sorted(LANGUAGES)
    yield example_packages


def launch(lms: LmsSession, package: Path, width: int) -> None:
    launch_at(lms, package, width, height=900)  # the quiz pages' states need the taller window


def page_problems(lms: LmsSession, frame: Frame, lang: str, label: str) -> list[str]:
    """axe, reflow and control borders of the page as it is now."""
    problems = run_axe(frame, lms.server.origin, label) + reflow_problems(frame, label)
    borders: list[str] = frame.evaluate(CONTROL_BORDERS)
    return problems + [f"{label}: control border below 3:1: {b}" for b in borders]


def quiz_states(lms: LmsSession, frame: Frame, lang: str, label: str) -> list[str]:
    """Take the page's quizzes through every state, checking the page in each."""
    problems: list[str] = []
    assert frame.evaluate(ANSWER_JS, "mixed") > 0
    problems += page_problems(lms, frame, lang, f"{label} right+wrong feedback")
    fb = frame.evaluate(
        "() => [...document.querySelectorAll('.sb-question:not([hidden]) .sb-feedback')]"
        ".map((f) => [f.getAttribute('role'), f.querySelector('strong')?.textContent,"
        " f.textContent.trim()])"
    )
    words = {course_data(frame)["strings"][k] for k in ("correct", "incorrect")}
    for role, head, text in fb:
        assert role == "status", "feedback must be announced through a live region"
        # The verdict in words: ours, or the author's own when their feedback starts with it.
        said = head or next((w for w in words if text.startswith(w.rstrip("."))), None)
        assert said in words, f"feedback must say in words whether it was right: {text!r}"
        assert text.count(said.rstrip(".")) == 1, f"the verdict said twice: {text!r}"
    if retry(frame):
        problems += page_problems(lms, frame, lang, f"{label} new attempt")
        for _ in range(10):
            frame.evaluate(ANSWER_JS, "wrong")
            if not retry(frame):
                break
        quizzes = course_data(frame)["quizzes"]
        limited = [
            quizzes[int(i)]
            for i in frame.eval_on_selector_all(
                ".sb-quiz", "(els) => els.map((e) => e.dataset.quiz)"
            )
        ]
        if all(q["attempts"] and q["show"] for q in limited):
            shown = frame.locator(".sb-answer:not([hidden])").count()
            assert shown > 0, f"{label}: no correct answers shown after the last attempt"
        problems += page_problems(lms, frame, lang, f"{label} last attempt")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_and_quiz_state(
    lms: LmsSession, packages: dict[str, Path], lang: str, width: int
) -> None:
    launch(lms, packages[lang], width)
    shell = lms.sco_frame
    problems = page_problems(lms, shell, lang, "index.html")
    problems += structure_problems(shell, lang, "index.html")
    for n in range(shell.locator("[data-module]").count()):
        frame = open_module(lms, n)
        label = f"{lang} {width}px module {n + 1}"
        problems += page_problems(lms, frame, lang, label)
        problems += structure_problems(frame, lang, label)
        if frame.locator(".sb-quiz").count():
            problems += quiz_states(lms, frame, lang, label)
    # The results: the course status on the launch page after every quiz was answered.
    assert shell.text_content("#sb-status"), "no course status shown"
    problems += page_problems(lms, shell, lang, "index.html with results")
    assert not problems, "\n".join(problems)
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()


def focus_walk(lms: LmsSession, steps: int) -> list[dict[str, object]]:
    """Press Tab ``steps`` times; the focus indicator of each element reached, in order."""
    assert lms.page is not None
    seen: list[dict[str, object]] = []
    for _ in range(steps):
        lms.page.keyboard.press("Tab")
        for frame in (content_frame(lms), lms.sco_frame):
            found = frame.evaluate(FOCUS_INDICATOR)
            if found and not str(found["element"]).startswith("iframe"):
                seen.append(found)
                break
    return seen


def test_focus_is_visible_everywhere(lms: LmsSession, packages: dict[str, Path]) -> None:
    launch(lms, packages["fi"], 1280)
    problems: list[str] = []
    for n in range(lms.sco_frame.locator("[data-module]").count()):
        open_module(lms, n)
        frame = content_frame(lms)
        frame.evaluate("() => document.activeElement && document.activeElement.blur()")
        frame.focus("a.sb-skip")
        stops = frame.evaluate(
            "() => document.querySelectorAll('a[href], button, input, select, [tabindex]').length"
        )
        seen = focus_walk(lms, stops + 5)
        assert len(seen) > 5, f"module {n + 1}: Tab reached only {len(seen)} elements"
        kinds = {str(s["element"]).split(".")[0].split("#")[0] for s in seen}
        if n == 0:
            assert {"a", "input", "button"} <= kinds, kinds
        for stop in seen:
            if not stop["visible"] or float(str(stop["contrast"])) < 3:
                problems.append(f"module {n + 1}: weak focus indicator: {stop}")
    assert not problems, "\n".join(problems)


def test_reduced_motion_is_honoured(lms: LmsSession, packages: dict[str, Path]) -> None:
    launch(lms, packages["fi"], 1280)
    assert lms.page is not None
    lms.page.emulate_media(reduced_motion="reduce")
    frame = open_module(lms, 0)
    moving = frame.evaluate(
        "() => [...document.querySelectorAll('*')].filter((el) => {"
        " const s = getComputedStyle(el);"
        " return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0.01"
        " || s.scrollBehavior === 'smooth'; }).map((el) => el.tagName)"
    )
    assert moving == []
