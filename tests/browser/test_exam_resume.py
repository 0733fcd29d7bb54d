"""An exam left before its submission and taken up again: the answers given so far (every
question kind, drag and drop included) come back in the same questions, in the same order,
in the same attempt; nothing is reported before the submission, and the submission scores
and reports as it would have without leaving. In the test LMS (the model of Moodle);
tests/moodle/test_exam_resume_moodle.py plays the same exam in the real Moodle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame
from scorm_lms import LmsSession

from scormbuild.commands.build import build
from scormbuild.strings import Catalog
from tests.browser.learner import interactions
from tests.browser.test_dragdrop import drag
from tests.browser.test_tracking import go, start
from tests.coursekit import MODULE, write_course

EXAM = """
```quiz
id: final
title: Final exam
mode: exam
attempts: 2
shuffle_questions: true
shuffle_choices: true
questions:
  - id: single
    type: single
    prompt: Which one is a SCORM 1.2 status?
    choices:
      - text: passed
        correct: true
      - text: satisfied
      - text: unknown
  - id: multiple
    type: multiple
    prompt: Which elements does SCORM 1.2 have?
    points: 2
    choices:
      - text: lesson_status
        correct: true
      - text: completion_status
      - text: suspend_data
        correct: true
  - id: truefalse
    type: truefalse
    prompt: SCORM 1.2 limits suspend_data to 4096 characters.
    answer: true
  - id: fill
    type: fill
    prompt: Which element holds the bookmark? (lesson____)
    answers: [location]
  - id: numeric
    type: numeric
    prompt: How many characters may an interaction id have?
    answer: 255
  - id: matching
    type: matching
    prompt: Match the element and what it holds.
    pairs:
      - [lesson_status, the status]
      - [score.raw, the score]
      - [session_time, the time of this session]
  - id: ordering
    type: ordering
    prompt: Put the calls in order.
    items: [Initialize, SetValue, Commit, Finish]
```
"""
ORDER = ["Initialize", "SetValue", "Commit", "Finish"]
# Half the exam: two choice questions (one of them half right), the text, one matching row
# dragged and one chosen wrong in its menu, one ordering step moved; the rest left out.
HALF: dict[str, Any] = {
    "single": ["satisfied"],
    "multiple": ["lesson_status"],
    "fill": "location",
    "matching": {"score.raw": "the time of this session"},
    "ordering": ["Finish", "Initialize", "SetValue", "Commit"],
}
# Changed and completed after coming back: every answer right but the number.
CHANGED: dict[str, Any] = {
    "single": ["passed"],
    "multiple": ["lesson_status", "suspend_data"],
    "truefalse": ["True"],
    "matching": {"score.raw": "the score", "session_time": "the time of this session"},
    "ordering": ORDER,
}
LAST = {"numeric": "254"}
# What the LMS must get once the exam is submitted: (id, result, student_response) per question.
REPORTED = {
    ("final.single", "correct", "a"),
    ("final.multiple", "correct", "a,c"),
    ("final.truefalse", "correct", "t"),
    ("final.fill", "correct", "location"),
    ("final.numeric", "wrong", "254"),
    ("final.matching", "correct", "1.a,2.b,3.c"),
    ("final.ordering", "correct", "1,2,3,4"),
}
SCORE = "87.5"  # 7 of 8 points

# The exam as the page shows it: per question (in the order shown) its id, its choices in the
# order shown (chosen ones marked *), its text, each matching row's choice, its items' order.
SHOWN_JS = """() => {
  const data = window.SCORMBUILD_COURSE;
  return [...document.querySelectorAll(".sb-question:not([hidden])")].map((li) => {
    const quiz = data.quizzes[+li.closest(".sb-quiz").dataset.quiz];
    const text = (el) => el.textContent.trim();
    return [quiz.questions[+li.dataset.q].id,
      [...li.querySelectorAll(".sb-choice")].map((c) =>
        (c.querySelector("input").checked ? "*" : "") + text(c.querySelector("label"))),
      [...li.querySelectorAll("input[type=text]")].map((i) => i.value),
      [...li.querySelectorAll(".sb-match")].map((r) => {
        const s = r.querySelector("select"), chosen = s.selectedIndex > 0;
        return text(r.querySelector("label")) + "=" + (chosen ? text(s.selectedOptions[0]) : "");
      }),
      [...li.querySelectorAll(".sb-order .sb-item-text")].map(text)];
  });
}"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exam in module 1 of 2 (mastery 80, completion viewed and passed)."""
    root = tmp_path_factory.mktemp("exam-resume")
    body = MODULE.format(title="Exam") + EXAM
    course = write_course(root / "c", {"modules/01-intro.md": body})
    return build(course, root / "dist").packages[0]


def shown(frame: Frame) -> list[Any]:
    found: list[Any] = frame.evaluate(SHOWN_JS)
    return found


def question(qid: str) -> str:
    return f".sb-question[id$='-{qid}']"


def give(frame: Frame, answers: dict[str, Any]) -> None:
    """Give ``answers`` through the exam's own controls, as a learner does: clicks, typing,
    menus, Move buttons, and a drag for the first matching row of the half exam."""
    for qid, value in answers.items():
        li = frame.locator(question(qid))
        if qid == "ordering":
            for i, text in enumerate(value):
                while (at := shown_items(frame).index(text)) > i:
                    li.locator(".sb-item").nth(at).locator("button[data-dir='-1']").click()
        elif qid == "matching":
            for word, meaning in value.items():
                row = li.locator(f".sb-match:has(label:text-is('{word}')) select")
                row.select_option(label=meaning)
        elif isinstance(value, list):
            for choice in li.locator(".sb-choice").all():
                box = choice.locator("input")
                if box.is_checked() != (choice.locator("label").inner_text().strip() in value):
                    choice.locator("label").click()
        else:
            li.locator("input[type=text]").fill(value)


def shown_items(frame: Frame) -> list[str]:
    items: list[str] = frame.eval_on_selector_all(
        f"{question('ordering')} .sb-item-text", "els => els.map((e) => e.textContent.trim())"
    )
    return items


def answer_half(frame: Frame) -> None:
    """The half exam: its first matching row dragged onto the row with the mouse."""
    drag(
        frame,
        ".sb-chip:text-is('the status')",
        f"{question('matching')} .sb-match:has(label:text-is('lesson_status'))",
    )
    give(frame, HALF)


def no_feedback(frame: Frame) -> None:
    """Nothing scored or marked on the page, and the attempt still open for submission."""
    assert frame.locator(".sb-question.sb-ok, .sb-question.sb-bad, .sb-mark").count() == 0
    assert (frame.text_content(".sb-result") or "").strip() == ""
    assert frame.is_visible(".sb-submit")


def nothing_reported(stored: dict[str, Any]) -> None:
    """The LMS holds no answer and no score of the exam; the saved progress has its drafts."""
    assert interactions(stored) == []
    assert stored["core"]["score"]["raw"] in ("", None)
    assert "~" in stored["suspend_data"]  # the answers given, kept as drafts


def come_back(lms: LmsSession) -> Frame:
    """Leave as Moodle's player does (the SCO unloaded) and enter again as a returning learner."""
    lms.finish_and_relaunch()
    nothing_reported(lms.snapshots[-1]["persisted"])
    lms.wait_for_initialize()
    assert lms.value("cmi.core.entry") == "resume"
    return go(lms, 0)


def submit_and_finish(lms: LmsSession, frame: Frame) -> dict[str, Any]:
    frame.click(".sb-submit")
    frame.wait_for_selector(".sb-result:not(:empty)")
    go(lms, 1)  # every page seen: the result is final
    snap: dict[str, Any] = lms.unload_sco()
    return snap


@pytest.mark.parametrize("leave", [False, True], ids=["without-leaving", "leaving-twice"])
def test_an_exam_left_unsubmitted_comes_back_as_it_was(
    lms: LmsSession, package: Path, leave: bool
) -> None:
    start(lms, package)
    frame = go(lms, 0)
    layout = [(q[0], [c.lstrip("*") for c in q[1]]) for q in shown(frame)]
    assert sorted(q for q, _ in layout) == sorted(
        ["single", "multiple", "truefalse", "fill", "numeric", "matching", "ordering"]
    )
    answer_half(frame)
    half = shown(frame)
    no_feedback(frame)
    if leave:
        frame = come_back(lms)
        # The same questions in the same order, each choice where it was, the answers given.
        assert shown(frame) == half
        assert [(q[0], [c.lstrip("*") for c in q[1]]) for q in half] == layout
        no_feedback(frame)
    give(frame, CHANGED)
    changed = shown(frame)
    if leave:  # answers changed after coming back are the ones kept
        frame = come_back(lms)
        assert shown(frame) == changed
    give(frame, LAST)
    snap = submit_and_finish(lms, frame)

    # The same report either way: every answer once, the score of the answers submitted.
    got = [(i["id"], i["result"], i["student_response"]) for i in interactions(snap["persisted"])]
    assert len(got) == 7 and set(got) == REPORTED
    core = snap["persisted"]["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("passed", SCORE)
    lms.assert_no_violations()
    lms.assert_no_page_errors()


def test_the_second_attempt_of_an_exam_comes_back_too(lms: LmsSession, package: Path) -> None:
    """An attempt left below the pass mark, Try again, half the second attempt, leave: the
    second attempt (its own draw and order) comes back with its answers, the first one's score
    kept; submitted right, it passes."""
    start(lms, package)
    frame = go(lms, 0)
    give(frame, {"single": ["unknown"], "multiple": ["completion_status"], "truefalse": ["False"]})
    give(frame, {"fill": "bookmark", "numeric": "1", "matching": CHANGED["matching"]})
    give(frame, {"matching": {"lesson_status": "the score", "score.raw": "the status"}})
    frame.click(".sb-submit")
    frame.click(".sb-retry")
    no_feedback(frame)
    answer_half(frame)
    half = shown(frame)
    assert len(interactions(lms.cmi)) == 7  # the first attempt's answers only
    lms.finish_and_relaunch()
    assert "~" in lms.snapshots[-1]["persisted"]["suspend_data"]
    lms.wait_for_initialize()
    frame = go(lms, 0)
    assert shown(frame) == half
    assert frame.text_content(".sb-attempt") == Catalog("en")("attempt", n=2, max=2)
    no_feedback(frame)
    give(frame, CHANGED)
    give(frame, {"numeric": "255"})
    snap = submit_and_finish(lms, frame)
    got = interactions(snap["persisted"])
    assert len(got) == 14 and all(i["result"] == "correct" for i in got[7:])
    core = snap["persisted"]["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("passed", "100")
    lms.assert_no_violations()
    lms.assert_no_page_errors()
