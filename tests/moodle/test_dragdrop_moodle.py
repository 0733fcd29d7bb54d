"""Drag and drop in the real Moodle's player: a learner answers a matching and an ordering
question with the mouse only, inside the player's frames, wrong and then right, and Moodle
stores each answer as it was dragged (``cmi.interactions_N.*``), the score and the status."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame

from tests.browser.test_dragdrop import QUIZ, drag, order
from tests.coursekit import MODULE, write_course
from tests.moodle.conftest import Built
from tests.moodle.harness import Moodle, summary
from tests.moodle.learner import Learner

MEANINGS = {  # test_dragdrop's QUIZ: the matching pairs, in their source order
    "Retro": "Looking back together",
    "Demo": "Showing what was made",
    "Plan": "Deciding what comes next",
}
STEPS = ["Collect", "Refine", "Share", "Apply"]  # the ordering items, in their right order
# The wrong answers dragged first: the first two meanings swapped, the steps mixed.
WRONG_MEANINGS = {"Retro": MEANINGS["Demo"], "Demo": MEANINGS["Retro"], "Plan": MEANINGS["Plan"]}
WRONG_STEPS = ["Refine", "Apply", "Collect", "Share"]
# What Moodle must store for each try, in SCORM 1.2's formats: a matching row's number and its
# answer's letter (both in source order), the items' source numbers in the learner's order.
PATTERN = {"dnd.match": "1.a,2.b,3.c", "dnd.order": "1,2,3,4"}
STORED = [
    ("dnd.match", "matching", "1.b,2.a,3.c", "wrong"),
    ("dnd.order", "sequencing", "2,4,1,3", "wrong"),
    ("dnd.match", "matching", "1.a,2.b,3.c", "correct"),
    ("dnd.order", "sequencing", "1,2,3,4", "correct"),
]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser test's quiz, graded, in the first of two modules (mastery 80)."""
    body = MODULE.format(title="Pairs") + QUIZ.replace("id: pairs", "id: dnd")
    return write_course(tmp_path_factory.mktemp("dnd-moodle"), {"modules/01-intro.md": body})


def chosen(frame: Frame) -> dict[str, str]:
    """Each matching row's word and the answer its menu shows."""
    rows: dict[str, str] = frame.eval_on_selector_all(
        ".sb-match",
        "rows => Object.fromEntries(rows.map((r) => { const s = r.querySelector('select');"
        " return [r.querySelector('label').textContent.trim(),"
        " s.selectedIndex > 0 ? s.options[s.selectedIndex].text : '']; }))",
    )
    return rows


def answer_by_dragging(frame: Frame, meanings: dict[str, str], steps: list[str]) -> None:
    """Drag each meaning onto its word's row and each step to its place, then press Check."""
    frame.wait_for_selector(".sb-bank .sb-chip")
    assert chosen(frame) == dict.fromkeys(MEANINGS, "")  # nothing chosen before the drags
    for word, meaning in meanings.items():
        drag(frame, f".sb-chip:text-is('{meaning}')", f".sb-match:has(label:text-is('{word}'))")
    assert chosen(frame) == meanings
    for i, text in enumerate(steps):
        if order(frame).index(text) != i:
            drag(frame, f".sb-item:has-text('{text}') .sb-grip", f".sb-item >> nth={i}")
        assert order(frame)[i] == text, order(frame)
    assert order(frame) == steps
    for check in frame.locator(".sb-check").all():
        check.click()
    frame.wait_for_function(
        "() => [...document.querySelectorAll('.sb-question')]"
        ".every((q) => q.matches('.sb-ok, .sb-bad'))"
    )


def test_dragging_answers_both_kinds_in_moodle(
    moodle: Moodle,
    learner: Learner,
    built: Callable[[Path], dict[str, Built]],
    report: Callable[[str, Any], None],
    course: Path,
) -> None:
    package = built(course)["en"]
    activity = package.imported(moodle)
    learner.enter(activity)
    frame = learner.go(0)
    answer_by_dragging(frame, WRONG_MEANINGS, WRONG_STEPS)
    assert frame.locator(".sb-question.sb-bad").count() == 2
    frame.locator(".sb-retry:not([hidden])").click()
    answer_by_dragging(frame, MEANINGS, STEPS)
    assert frame.locator(".sb-question.sb-ok").count() == 2
    # Answered: the handles and the answers are gone.
    assert frame.locator(".sb-bank").is_hidden() and frame.locator(".sb-grip >> nth=0").is_hidden()
    learner.go(1)
    assert learner.sco_text("#sb-status") == "Passed."
    learner.leave()

    stored = moodle.tracks(activity)
    report("drag and drop: matching and ordering, wrong, then right", summary(activity, stored))
    got = [(i["id"], i["type"], i["student_response"], i["result"]) for i in stored.interactions()]
    assert got == STORED
    for item in stored.interactions():
        assert item["correct_responses.0.pattern"] == PATTERN[item["id"]], item
    values = stored.values()
    assert (values["cmi.core.lesson_status"], values["cmi.core.score.raw"]) == ("passed", "100")
    assert stored.grade == 100 and stored.completion == "complete"
    assert not learner.errors()
