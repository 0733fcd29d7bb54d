"""Quizzes as a learner meets them, in English, Finnish and Swedish: the order of choices,
what a checked answer shows, the result box, and exam mode.

The course is ``tests/quiz_course/``: one module per state, in three languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from scorm_lms import LmsSession

from scormbuild.commands.build import build
from scormbuild.strings import Catalog
from tests.browser.a11y import run_axe

QUIZ_COURSE = Path(__file__).resolve().parents[1] / "quiz_course"
LANGUAGES = ("en", "fi", "sv")
ORDER_PAGE = "modules/01-order.html"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The quiz course built once: one zip per language."""
    result = build(QUIZ_COURSE, tmp_path_factory.mktemp("dist"))
    by_lang = {p.stem.rsplit("-", 1)[1]: p for p in result.packages}
    assert sorted(by_lang) == sorted(LANGUAGES)
    yield by_lang


def labels(page: Page, question: str) -> list[str]:
    """The choice labels of a question, in the order shown."""
    found: list[str] = page.eval_on_selector_all(
        f"[id$='-{question}'] .sb-choice label", "(els) => els.map((e) => e.textContent.trim())"
    )
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_true_false_is_never_shuffled(
    lms: LmsSession, packages: dict[str, Path], lang: str
) -> None:
    """shuffle_choices reorders the other questions' choices, never true and false."""
    page = lms.open_direct(packages[lang], sco=ORDER_PAGE)
    quiz = page.evaluate("() => window.SCORMBUILD_COURSE.quizzes[0]")
    words = [Catalog(lang)("true"), Catalog(lang)("false")]
    assert quiz["sc"] is True
    letters: set[tuple[str, ...]] = set()
    for _ in range(4):  # a new attempt, with a new seed, each time the page opens
        for q in quiz["questions"]:
            shown = labels(page, q["id"])
            if q["type"] == "truefalse":
                assert shown == words, f"{q['id']}: {shown}"
                first = page.eval_on_selector(f"[id$='-{q['id']}'] .sb-choice input", "(e) => e.id")
                assert first.endswith("-t"), f"{q['id']}: false shown first"
            else:
                letters.add(tuple(shown))
        page.reload()
    # The single-choice question is shuffled: four orders of six letters, not all the same.
    assert len(letters) > 1
    assert not lms.page_errors


FEEDBACK_PAGE = "modules/02-feedback.html"
# The answers of the feedback quiz by question id: right, and wrong in one way each.
RIGHT = {"lesson": [0], "parts": [0, 1], "share": [0], "word": "", "sum": "4"}
WORD = {"en": "Cat", "fi": "kissa ", "sv": "KATT"}  # typed as learners type it
WRONG = {"lesson": [1], "parts": [0, 2], "share": [1], "word": "dog", "sum": "5"}
# Puts answer `v` of question `id` on the page through its controls and presses its check
# button (when it has one: exam mode has none).
PUT_JS = """([id, v]) => {
  const li = document.querySelector(`.sb-question[id$="-${id}"]`);
  if (Array.isArray(v)) li.querySelectorAll(".sb-choices input").forEach((c) => {
    c.checked = v.includes(+c.value);
  });
  else li.querySelector("input[type=text]").value = v;
  const check = li.querySelector(".sb-check");
  if (check) check.click();
}"""


def put(page: Page, answers: dict[str, object], only: tuple[str, ...] = ()) -> None:
    lang = page.evaluate("() => document.documentElement.lang")
    for qid, value in answers.items():
        if not only or qid in only:
            page.evaluate(PUT_JS, [qid, value or WORD[lang]])


def question(page: Page, qid: str) -> str:
    return f".sb-question[id$='-{qid}']"


def marks(page: Page, qid: str) -> list[tuple[str, str, str]]:
    """(choice label text before the mark, the mark's text, its ✓ or ✗) of each marked choice."""
    found: list[list[str]] = page.eval_on_selector_all(
        f"{question(page, qid)} .sb-mark",
        "(ms) => ms.map((m) => [m.parentNode.firstChild.textContent.trim(), m.textContent,"
        " getComputedStyle(m, '::before').content])",
    )
    return [(label, text, sign) for label, text, sign in found]


def a11y(lms: LmsSession, page: Page, label: str) -> None:
    assert run_axe(page.main_frame, lms.server.origin, label) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_checked_answer_says_what_happened(
    lms: LmsSession, packages: dict[str, Path], lang: str
) -> None:
    t = Catalog(lang)
    page = lms.open_direct(packages[lang], sco=FEEDBACK_PAGE)
    a11y(lms, page, f"{lang} unanswered")
    # A wrong single choice: marked ✗ with words, the author's feedback on the same line,
    # the button gone and the focus on what it said; the answer not given away.
    put(page, WRONG, only=("lesson",))
    lesson = question(page, "lesson")
    assert page.locator(f"{lesson} .sb-check").is_hidden()
    assert page.evaluate("() => document.activeElement.className") == "sb-feedback"
    chosen = page.text_content(f"{lesson} .sb-choice:nth-child(2) label") or ""
    assert marks(page, "lesson") == [
        (chosen.split(t("chosen_wrong"))[0].strip(), t("chosen_wrong"), '"✗ "')
    ]
    feedback = page.text_content(f"{lesson} .sb-feedback") or ""
    assert page.text_content(f"{lesson} .sb-feedback strong") == t("incorrect")
    assert feedback.count(t("incorrect")) == 1 and "\n" not in feedback.strip()
    assert page.locator(f"{lesson} .sb-answer").is_hidden()
    # A wrong multiple choice: which chosen choice is wrong and how many are missing.
    put(page, WRONG, only=("parts",))
    parts = [m[1:] for m in marks(page, "parts")]
    assert parts == [(t("chosen_right"), '"✓ "'), (t("chosen_wrong"), '"✗ "')]
    assert t("choices_missing", n=1) in (
        page.text_content(f"{question(page, 'parts')} .sb-feedback") or ""
    )
    a11y(lms, page, f"{lang} wrong feedback")
    # 2 of 5 right: 40 %, below the pass mark, an attempt left.
    put(page, RIGHT, only=("share", "word"))
    put(page, WRONG, only=("sum",))
    result = page.text_content(".sb-result") or ""
    assert t("score", score="2", max="5", pct="40") in result
    assert t("quiz_not_yet", mark="70") in result
    assert t("best_counts", pct="40") not in result
    assert page.locator(".sb-answer:visible").count() == 0  # an attempt is left
    assert page.locator(".sb-quiz button:visible:disabled").count() == 0
    a11y(lms, page, f"{lang} first attempt")
    # The last attempt, all wrong: 0 % now, but the best, 40 %, counts; the answers show.
    page.click(".sb-retry")
    put(page, WRONG)
    result = page.text_content(".sb-result") or ""
    assert t("score", score="0", max="5", pct="0") in result
    assert t("best_counts", pct="40") in result
    assert t("quiz_not_passed", mark="70") in result and t("no_attempts") in result
    assert page.locator(".sb-answer:visible").count() == 5
    right = [m[1:] for m in marks(page, "lesson")]
    assert (t("right_choice"), '"✓ "') in right and (t("chosen_wrong"), '"✗ "') in right
    assert page.locator(".sb-quiz button:visible").count() == 0  # nothing left to press
    a11y(lms, page, f"{lang} last attempt")
    assert not lms.page_errors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_right_answer_says_so_once(lms: LmsSession, packages: dict[str, Path], lang: str) -> None:
    t = Catalog(lang)
    page = lms.open_direct(packages[lang], sco=FEEDBACK_PAGE)
    put(page, RIGHT)
    lesson = question(page, "lesson")
    # The author's feedback starts with the verdict: it is said once, the ✓ kept.
    feedback = page.text_content(f"{lesson} .sb-feedback") or ""
    assert feedback.strip().startswith(t("correct")) and feedback.count(t("correct")) == 1
    assert (
        page.eval_on_selector(
            f"{lesson} .sb-feedback strong", "(s) => getComputedStyle(s, '::before').content"
        )
        == '"✓ "'
    )
    # Without the author's words the verdict is ours.
    assert page.text_content(f"{question(page, 'share')} .sb-feedback strong") == t("correct")
    assert [m[1] for m in marks(page, "parts")] == [t("chosen_right")] * 2
    result = page.text_content(".sb-result") or ""
    assert (
        t("score", score="5", max="5", pct="100") in result
        and t("quiz_passed", mark="70") in result
    )
    assert page.locator(".sb-quiz button:visible").count() == 0
    a11y(lms, page, f"{lang} all right")
