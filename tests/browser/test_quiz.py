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
