"""Quizzes as a learner meets them, in English, Finnish and Swedish: the order of choices,
what a checked answer shows, the result box, and exam mode.

The course is ``tests/quiz_course/``: one module per state, in three languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page
from scorm_lms import LmsSession

from scormbuild.commands.build import build
from scormbuild.strings import Catalog
from tests.browser.a11y import run_axe
from tests.browser.learner import interactions
from tests.browser.test_tracking import go, start

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


def put(page: Page | Frame, answers: dict[str, object], only: tuple[str, ...] = ()) -> None:
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


EXAM_PAGE = "modules/03-exam.html"
EXAM_RIGHT = {"sky": [0], "even": [0, 1], "week": "7"}
EXAM_WRONG = {"sky": [2], "even": [1, 2], "week": "6"}


def feedback_shown(page: Page | Frame) -> list[str]:
    """The texts of the feedback, results and answers the quiz shows now."""
    found: list[str] = page.eval_on_selector_all(
        ".sb-feedback, .sb-result, .sb-answer:not([hidden]), .sb-mark",
        "(els) => els.map((e) => e.textContent.trim()).filter(Boolean)",
    )
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_exam_is_answered_whole_then_submitted_once(
    lms: LmsSession, packages: dict[str, Path], lang: str
) -> None:
    t = Catalog(lang)
    page = lms.open_direct(packages[lang], sco=EXAM_PAGE)
    assert page.locator(".sb-check").count() == 0  # no button per question
    assert page.is_visible(".sb-exam-note") and page.is_visible(".sb-submit")
    a11y(lms, page, f"{lang} exam unanswered")
    # One answer, a numeric one that is no number, and one left out: nothing is scored, the
    # summary names the two questions, with the focus on it.
    put(page, EXAM_RIGHT, only=("sky",))
    put(page, {"week": "seitsemän"})
    assert feedback_shown(page) == []  # no feedback before the submission
    page.focus(".sb-submit")
    page.keyboard.press("Enter")
    summary = page.locator(".sb-unanswered")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.textContent") == t("unanswered", n=2)
    links = summary.locator("a").all_text_contents()
    assert links == [
        t("question_n", n=2) + ": " + t("answer_needed"),
        t("question_n", n=3) + ": " + t("number_needed"),
    ]
    assert feedback_shown(page) == []
    a11y(lms, page, f"{lang} exam summary")
    # Each link takes the keyboard to its question.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('.sb-question').id").endswith(
        "-even"
    )
    put(page, EXAM_RIGHT, only=("even",))
    put(page, EXAM_WRONG, only=("week",))
    page.click(".sb-submit")
    assert summary.is_hidden() and page.locator(".sb-submit").is_hidden()
    assert page.evaluate("() => document.activeElement.className") == "sb-result"
    result = page.text_content(".sb-result") or ""
    assert t("score", score="2", max="3", pct=t_decimal(lang, 66.67)) in result
    assert t("quiz_not_yet", mark="70") in result
    assert page.text_content(".sb-question[id$='-week'] .sb-feedback strong") == t("incorrect")
    assert page.locator(".sb-answer:visible").count() == 0  # an attempt is left
    assert page.locator(".sb-quiz input:enabled").count() == 0
    a11y(lms, page, f"{lang} exam submitted")
    # The second and last attempt starts afresh, and submits the same way.
    page.click(".sb-retry")
    assert page.is_visible(".sb-submit") and feedback_shown(page) == []
    put(page, EXAM_WRONG)
    page.click(".sb-submit")
    result = page.text_content(".sb-result") or ""
    assert t("best_counts", pct=t_decimal(lang, 66.67)) in result
    assert t("quiz_not_passed", mark="70") in result
    assert page.locator(".sb-answer:visible").count() == 3
    assert page.locator(".sb-quiz button:visible").count() == 0
    a11y(lms, page, f"{lang} exam last attempt")
    assert not lms.page_errors


def t_decimal(lang: str, x: float) -> str:
    text = f"{x:g}"
    return text.replace(".", ",") if lang in ("fi", "sv") else text


def test_an_exam_reports_every_answer_once_submitted(
    lms: LmsSession, packages: dict[str, Path]
) -> None:
    """In the test LMS (the model of Moodle): nothing reaches the LMS before the submission;
    then every answer is an interaction, and the score and status follow the best attempt."""
    start(lms, packages["fi"])
    put(go(lms, 1), RIGHT)  # the other graded quiz, 5 of 5 points
    frame = go(lms, 2)
    put(frame, EXAM_WRONG, only=("sky", "even"))
    assert len(interactions(lms.cmi)) == 5  # the exam's answers wait for the submission
    put(frame, EXAM_WRONG, only=("week",))
    frame.click(".sb-submit")
    frame.wait_for_selector(".sb-retry:visible")
    # 5 + 0 of 8 points: 62.5, below 70 with an attempt left: not final.
    assert lms.value("cmi.core.score.raw") in ("", None)
    frame.click(".sb-retry")
    put(frame, EXAM_RIGHT, only=("sky", "even"))
    put(frame, EXAM_WRONG, only=("week",))
    frame.click(".sb-submit")
    snap = lms.unload_sco()
    core = snap["persisted"]["core"]
    assert core["lesson_status"] == "passed"
    assert core["score"]["raw"] == "87.5"  # (5 + 2) of 8 points
    exam = [i for i in interactions(snap["persisted"]) if i["id"].startswith("exam.")]
    assert [(i["id"], i["result"]) for i in exam] == [
        ("exam.sky", "wrong"), ("exam.even", "wrong"), ("exam.week", "wrong"),
        ("exam.sky", "correct"), ("exam.even", "correct"), ("exam.week", "wrong"),
    ]  # fmt: skip
    assert [i["student_response"] for i in exam[3:]] == ["a", "a,b", "6"]
    lms.assert_no_violations()
    lms.assert_finished_once()
    lms.assert_no_page_errors()
