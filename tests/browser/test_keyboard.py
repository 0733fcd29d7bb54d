"""A learner who uses only the keyboard answers one question of every type and passes.

The course in ``tests/keyboard_course`` holds one question of each of the seven types. It is
built with the real build and launched in the test LMS; from then on the test only presses
keys (Tab, Shift+Tab, arrows, Space, Enter, typed text). It reads the page to decide which key
to press next, never to change it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page
from scorm_lms import LmsSession

from scormbuild.commands.build import build
from tests.browser.a11y import content_frame, wait_for_module

COURSE = Path(__file__).resolve().parents[1] / "keyboard_course"

# What has the keyboard focus in ``document`` (null when the focus is in another document).
FOCUSED = """() => {
  if (!document.hasFocus()) return null;
  const el = document.activeElement;
  if (!el || el === document.body || el.tagName === "IFRAME") return null;
  const li = el.closest(".sb-question"), item = el.closest(".sb-item");
  return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, type: el.type || "",
    value: el.value === undefined ? "" : String(el.value), href: el.getAttribute("href") || "",
    q: li ? li.id.split("-").pop() : "", dir: el.dataset.dir || "",
    item: item ? item.dataset.item : "", text: el.textContent.trim().slice(0, 60)};
}"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The keyboard course built once: a single Finnish package."""
    result = build(COURSE, tmp_path_factory.mktemp("dist"))
    (zip_path,) = result.packages
    return zip_path


class Keyboard:
    """Presses keys on the LMS page and tells which element of which frame has the focus."""

    def __init__(self, lms: LmsSession) -> None:
        assert lms.page is not None
        self.lms = lms
        self.page: Page = lms.page
        self.presses: list[str] = []

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
            self.presses.append(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.presses.append(f"type {text!r}")

    def focused(self) -> tuple[str, dict[str, Any]] | None:
        """("shell" or "module", description of the focused element), or None."""
        frames: list[tuple[str, Frame | None]] = [
            ("module", self.page.frame(name="sb-content")),
            ("shell", self.lms.sco_frame),
        ]
        for name, frame in frames:
            if frame is not None:
                found = frame.evaluate(FOCUSED)
                if found:
                    return name, found
        return None

    def tab_to(self, want: dict[str, str], where: str = "module", back: bool = False) -> None:
        """Press Tab (Shift+Tab with ``back``) until an element matching ``want`` has focus."""
        for _ in range(80):
            self.press("Shift+Tab" if back else "Tab")
            now = self.focused()
            if now and now[0] == where and all(now[1].get(k) == v for k, v in want.items()):
                return
        raise AssertionError(f"Tab never reached {want} in {where}; last: {self.focused()}")


def quiz_data(frame: Frame, qid: str) -> dict[str, Any]:
    """The runtime's data of question ``qid`` (its answer key)."""
    data: dict[str, Any] = frame.evaluate(
        "(id) => window.SCORMBUILD_COURSE.quizzes[0].questions.find((q) => q.id === id)", qid
    )
    return data


def check(kb: Keyboard, qid: str, key: str = "Enter") -> None:
    """Tab to the question's check button and press it."""
    kb.tab_to({"q": qid, "cls": "sb-check sb-button"})
    kb.press(key)


def answer_choice(kb: Keyboard, frame: Frame, qid: str) -> None:
    """single / truefalse: Tab into the radio group, arrows to the right choice."""
    key = quiz_data(frame, qid)["key"][0]
    kb.tab_to({"q": qid, "type": "radio"})
    kb.press("Space")  # the first radio, now checked
    kb.press("ArrowDown", key)  # arrows move the checked radio
    assert kb.focused() is not None
    check(kb, qid)


def answer_multiple(kb: Keyboard, frame: Frame, qid: str) -> None:
    """multiple: Tab through the checkboxes, Space on the right ones."""
    key = quiz_data(frame, qid)["key"]
    n = quiz_data(frame, qid)["n"]
    kb.tab_to({"q": qid, "type": "checkbox"})
    for i in range(n):
        now = kb.focused()
        assert now and now[1]["value"] == str(i)
        if i in key:
            kb.press("Space")
        if i < n - 1:
            kb.press("Tab")
    check(kb, qid, "Space")


def answer_text(kb: Keyboard, qid: str, text: str) -> None:
    """fill / numeric: Tab to the field and type."""
    kb.tab_to({"q": qid, "type": "text"})
    kb.type(text)
    check(kb, qid)


def answer_matching(kb: Keyboard, frame: Frame, qid: str) -> None:
    """matching: each select in turn, arrows down to the option whose value is its row."""
    rows = frame.eval_on_selector_all(
        f"[id$='-{qid}'] .sb-match",
        "(rows) => rows.map((r) => [+r.dataset.row,"
        " [...r.querySelector('select').options].map((o) => o.value)])",
    )
    for row, values in rows:
        kb.tab_to({"q": qid, "tag": "select"})
        kb.press("ArrowDown", values.index(str(row)))
    check(kb, qid)


def answer_ordering(kb: Keyboard, frame: Frame, qid: str) -> None:
    """ordering: for each place from the top, move the item that belongs there up to it."""

    def order() -> list[str]:
        found: list[str] = frame.eval_on_selector_all(
            f"[id$='-{qid}'] .sb-item", "(items) => items.map((i) => i.dataset.item)"
        )
        return found

    n = len(order())
    for place in range(n):
        at = order().index(str(place))
        if at == place:
            continue
        kb.tab_to({"q": qid, "item": str(place), "dir": "-1"})
        kb.press("Space" if place % 2 else "Enter", at - place)
        assert order().index(str(place)) == place
        status = frame.text_content(f"[id$='-{qid}'] .sb-feedback") or ""
        assert f"{place + 1}/{n}" in status  # the move is announced
    assert order() == [str(i) for i in range(n)]
    check(kb, qid)


def test_keyboard_only_learner_passes(lms: LmsSession, package: Path) -> None:
    lms.launch(package)
    lms.wait_for_initialize()
    content_frame(lms).wait_for_selector(".sb-cover")
    kb = Keyboard(lms)

    # The first stop of the launch page is its skip link; then into the cover page, whose
    # Start opens the first module; there the first stop is the page's own skip link, which
    # moves the focus to the content.
    kb.press("Tab")
    first = kb.focused()
    assert first is not None and first[0] == "shell" and first[1]["href"] == "#main", first
    kb.tab_to({"cls": "sb-button sb-start"})
    kb.press("Enter")
    wait_for_module(lms.page, 0)
    frame = content_frame(lms)
    kb.tab_to({"href": "#main"})
    kb.press("Enter")
    now = kb.focused()
    assert now is not None and now[1]["id"] == "main"

    answer_choice(kb, frame, "yksi")
    answer_choice(kb, frame, "tosi")
    answer_multiple(kb, frame, "monta")
    answer_text(kb, "aukko", "kissa")
    answer_text(kb, "luku", "1,5")
    answer_matching(kb, frame, "parit")
    answer_ordering(kb, frame, "jarjestys")

    feedback = frame.eval_on_selector_all(
        ".sb-question .sb-feedback strong", "(els) => els.map((e) => e.textContent)"
    )
    assert feedback == ["Oikein."] * 7, feedback
    assert "Pisteet: 7/7 (100 %)" in (frame.text_content(".sb-result") or "")
    assert lms.sco_frame.text_content("#sb-status") == "Hyväksytty."
    assert not [k for k in kb.presses if "Click" in k]

    snap = lms.unload_sco()
    core = snap["persisted"]["core"]
    assert core["lesson_status"] == "passed"
    assert core["score"]["raw"] == "100"
    items = snap["persisted"]["interactions"]
    results = {items[k]["id"]: items[k]["result"] for k in items if k.isdigit()}
    assert results == {
        f"kaikki.{q}": "correct"
        for q in ("yksi", "tosi", "monta", "aukko", "luku", "parit", "jarjestys")
    }
    lms.assert_no_violations()
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()
