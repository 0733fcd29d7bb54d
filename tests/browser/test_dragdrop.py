"""Drag and drop for matching and ordering questions, beside their controls: a mouse and a
finger (touch events, which reach the page as pointer events) drag an ordering item by its
handle and a matching answer onto its row; the keyboard way (Move buttons, the rows' menus)
still answers alone; the handles and answers are hidden from assistive technology and gone
once answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Frame
from scorm_lms import LmsSession

from scormbuild.commands.build import build
from tests.browser.a11y import AXE_JS, content_frame, run_axe, wait_for_module
from tests.browser.learner import interactions
from tests.coursekit import MODULE, write_course

QUIZ = """
```quiz
id: pairs
title: Pairs and order
questions:
  - id: match
    type: matching
    prompt: Match each word with its meaning.
    pairs:
      - [Retro, Looking back together]
      - [Demo, Showing what was made]
      - [Plan, Deciding what comes next]
  - id: order
    type: ordering
    prompt: Put the steps in order.
    items: [Collect, Refine, Share, Apply]
```
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in tests/lms", pytrace=False)
    root = tmp_path_factory.mktemp("dnd")
    body = MODULE.format(title="Pairs") + QUIZ
    course = write_course(root / "c", {"modules/01-intro.md": body})
    return build(course, root / "dist").packages[0]


def quiz_page(lms: LmsSession, package: Path) -> Frame:
    lms.launch(package)
    lms.wait_for_initialize()
    frame = content_frame(lms)
    frame.wait_for_selector(".sb-cover")
    frame.click(".sb-start")
    # Not the answers as the signal: dragdrop.js adds them before page.js has mounted the quiz,
    # whose set-up clears every menu and reorders the items, so on a slow machine an answer
    # given in between was lost. Once the module page has loaded, every script of it has run.
    wait_for_module(lms.page, 0)
    frame = content_frame(lms)
    assert frame.locator(".sb-bank .sb-chip").count() == 3
    return frame


def drag(frame: Frame, source: str, target: str, below: bool = False) -> None:
    """A mouse drag from the middle of ``source`` to ``target`` (its lower part if ``below``)."""
    page = frame.page
    # The player's frame is smaller than the page: what is dragged must be in sight.
    frame.locator(source).scroll_into_view_if_needed()
    a, b = frame.locator(source).bounding_box(), frame.locator(target).bounding_box()
    assert a is not None and b is not None
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    y = b["y"] + b["height"] * (0.8 if below else 0.2)
    page.mouse.move(b["x"] + b["width"] / 2, y, steps=8)
    page.mouse.up()


def order(frame: Frame) -> list[str]:
    return frame.eval_on_selector_all(
        ".sb-order .sb-item-text", "els => els.map((e) => e.textContent.trim())"
    )


def test_dragging_answers_both_kinds(lms: LmsSession, package: Path) -> None:
    frame = quiz_page(lms, package)
    rows = frame.eval_on_selector_all(
        ".sb-match", "els => els.map((e) => e.querySelector('label').textContent.trim())"
    )
    meanings = {"Retro": "Looking back together", "Demo": "Showing what was made",
                "Plan": "Deciding what comes next"}  # fmt: skip
    # The answers are in the alphabet's order, never the rows' or the menus'.
    chips = frame.eval_on_selector_all(".sb-chip", "els => els.map((e) => e.textContent)")
    assert chips == sorted(meanings.values())
    for n, word in enumerate(rows):
        drag(frame, f".sb-chip:text-is('{meanings[word]}')", f".sb-match >> nth={n}")
        chosen = frame.eval_on_selector(
            f".sb-match >> nth={n}",
            "r => { const s = r.querySelector('select'); return s.options[s.selectedIndex].text; }",
        )
        assert chosen == meanings[word]
    goal = ["Collect", "Refine", "Share", "Apply"]
    for i, text in enumerate(goal):
        at = order(frame).index(text)
        if at != i:
            drag(frame, f".sb-item:has-text('{text}') .sb-grip", f".sb-item >> nth={i}")
        assert order(frame)[i] == text, order(frame)
    status = frame.text_content(".sb-question:has(.sb-order) .sb-feedback") or ""
    assert "position" in status
    for check in frame.locator(".sb-check").all():
        check.click()
    frame.wait_for_function("() => document.querySelectorAll('.sb-question.sb-ok').length === 2")
    # What was dragged is what the LMS gets: both answers right, the order as dragged.
    lms.wait_until(lambda: len(interactions(lms.cmi)) == 2)
    sent = {i["type"]: i for i in interactions(lms.cmi)}
    assert [sent[t]["result"] for t in ("matching", "sequencing")] == ["correct", "correct"]
    assert sent["sequencing"]["student_response"] == "1,2,3,4"
    # Answered: the handles and the answers are gone.
    assert frame.locator(".sb-bank").is_hidden() and frame.locator(".sb-grip >> nth=0").is_hidden()
    lms.assert_no_page_errors()


def test_the_keyboard_way_answers_alone_and_axe_finds_nothing(
    lms: LmsSession, package: Path
) -> None:
    frame = quiz_page(lms, package)
    # Handles and answers are hidden from assistive technology and take no focus.
    hidden = frame.eval_on_selector_all(
        ".sb-grip, .sb-bank", "els => els.every((e) => e.getAttribute('aria-hidden') === 'true')"
    )
    assert hidden
    assert run_axe(frame, lms.server.origin, "drag and drop") == []
    for n in range(3):
        row = frame.locator(".sb-match select").nth(n)
        label = frame.locator(".sb-match label").nth(n).text_content() or ""
        wanted = {"Retro": "Looking back together", "Demo": "Showing what was made",
                  "Plan": "Deciding what comes next"}[label.strip()]  # fmt: skip
        row.focus()
        row.select_option(label=wanted)
    goal = ["Collect", "Refine", "Share", "Apply"]
    for i, text in enumerate(goal):
        while order(frame).index(text) > i:
            frame.locator(f".sb-item:has-text('{text}') button[data-dir='-1']").focus()
            frame.page.keyboard.press("Enter")
    assert order(frame) == goal
    for check in frame.locator(".sb-check").all():
        check.focus()
        frame.page.keyboard.press("Enter")
    frame.wait_for_function("() => document.querySelectorAll('.sb-question.sb-ok').length === 2")
    lms.assert_no_page_errors()


def touch_drag(lms: LmsSession, frame: Frame, source: str, target: str) -> None:
    """A finger's drag from the middle of ``source`` to the upper part of ``target``, as touch
    events the browser turns into pointer events of type "touch"."""
    assert lms.page is not None
    cdp = lms.page.context.new_cdp_session(lms.page)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    frame.locator(source).scroll_into_view_if_needed()
    a, b = frame.locator(source).bounding_box(), frame.locator(target).bounding_box()
    assert a is not None and b is not None
    x0, y0 = a["x"] + a["width"] / 2, a["y"] + a["height"] / 2
    x1, y1 = b["x"] + b["width"] / 2, b["y"] + b["height"] * 0.2
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]}
    )
    for i in range(1, 9):
        point = {"x": x0 + (x1 - x0) * i / 8, "y": y0 + (y1 - y0) * i / 8}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_a_finger_drags_as_a_mouse_does(lms: LmsSession, package: Path) -> None:
    frame = quiz_page(lms, package)
    frame.evaluate(
        "() => { window.kinds = new Set();"
        " document.addEventListener('pointerdown', (e) => window.kinds.add(e.pointerType)); }"
    )
    label = (frame.locator(".sb-match label").first.text_content() or "").strip()
    meaning = {"Retro": "Looking back together", "Demo": "Showing what was made",
               "Plan": "Deciding what comes next"}[label]  # fmt: skip
    touch_drag(lms, frame, f".sb-chip:text-is('{meaning}')", ".sb-match >> nth=0")
    chosen = frame.eval_on_selector(".sb-match select", "s => s.options[s.selectedIndex].text")
    assert chosen == meaning
    last = order(frame)[-1]
    touch_drag(lms, frame, f".sb-item:has-text('{last}') .sb-grip", ".sb-item >> nth=0")
    assert order(frame)[0] == last
    assert frame.evaluate("() => [...window.kinds]") == ["touch"]
    lms.assert_no_page_errors()
