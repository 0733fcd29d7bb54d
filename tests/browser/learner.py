"""Driving the quiz pages as a learner would, through their own controls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Frame
from scorm_lms import LmsSession

# Answers every visible, unanswered question of the page through its controls (the DOM, not
# the keyboard: test_keyboard.py does that) and presses its check button (in exam mode, once
# all are answered, the quiz's submit button). ``mode`` is "right",
# "wrong" or "mixed" (right and wrong in turn, so both kinds of feedback show). Right answers
# are typed the way learners type them: padded, in capitals, with a decimal comma.
ANSWER_JS = """
(mode) => {
  const data = window.SCORMBUILD_COURSE;
  let answered = 0;
  for (const quizEl of document.querySelectorAll(".sb-quiz")) {
    const quiz = data.quizzes[+quizEl.dataset.quiz];
    const before = answered;
    for (const li of quizEl.querySelectorAll(".sb-question:not([hidden])")) {
      const check = li.querySelector(".sb-check");  // none in exam mode: an answer is marked
      if (check ? check.disabled : li.matches(".sb-ok, .sb-bad")) continue;
      const right = mode === "right" || (mode === "mixed" && answered % 2 === 0);
      const q = quiz.questions[+li.dataset.q];
      const inputs = [...li.querySelectorAll(".sb-choices input")];
      if (["single", "truefalse", "multiple"].includes(q.type)) {
        const want = right ? q.key : [inputs.findIndex((_, i) => !q.key.includes(i))];
        inputs.forEach((c) => { c.checked = want.includes(+c.value); });
      } else if (q.type === "fill") {
        li.querySelector("input").value = right ? "  " + q.key.a[0].toUpperCase() + " " : "väärin";
      } else if (q.type === "numeric") {
        li.querySelector("input").value = right ? String(q.key[0]).replace(".", ",") : "-1";
      } else if (q.type === "matching") {
        li.querySelectorAll(".sb-match").forEach((row) => {
          const r = +row.dataset.row;
          row.querySelector("select").value = String(right ? r : (r + 1) % q.n);
        });
      } else if (q.type === "ordering") {
        const ol = li.querySelector(".sb-order");
        const items = [...ol.children].sort((a, b) => a.dataset.item - b.dataset.item);
        if (!right) items.reverse();
        items.forEach((it) => ol.appendChild(it));
      }
      if (check) check.click();
      answered++;
    }
    const submit = quizEl.querySelector(".sb-submit:not([hidden])");
    if (submit && answered > before) submit.click();
  }
  return answered;
}
"""


def answer(frame: Frame, right: bool | str) -> int:
    """Answer every open question of the page: right, wrong, or "mixed"; how many."""
    mode = right if isinstance(right, str) else ("right" if right else "wrong")
    count: int = frame.evaluate(ANSWER_JS, mode)
    return count


def retry(frame: Frame) -> int:
    """Press every visible "Try again" button of the page; how many there were."""
    count: int = frame.evaluate(
        "() => { const b = [...document.querySelectorAll('.sb-retry:not([hidden])')];"
        " b.forEach((x) => x.click()); return b.length; }"
    )
    return count


def interactions(cmi: dict[str, Any]) -> list[dict[str, Any]]:
    items = cmi.get("interactions") or {}
    return [items[k] for k in sorted(items, key=int) if k.isdigit()]


def launch(lms: LmsSession, package: Path, width: int, height: int = 800) -> None:
    """Launch ``package`` in the test LMS in a window ``width`` CSS px wide."""
    lms.launch(package)
    assert lms.page is not None
    lms.page.set_viewport_size({"width": width, "height": height})
    lms.wait_for_initialize()
