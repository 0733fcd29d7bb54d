"""What both export formats share: the result, per-question warnings, names and text helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Literal

from scormbuild.errors import Problem, warning
from scormbuild.model import Course, Question, Quiz

ExportFormat = Literal["moodle-xml", "gift"]
FORMATS: tuple[str, ...] = ("moodle-xml", "gift")

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_MEDIA = re.compile(r"""\ssrc=(["'])(?P<src>[^"']*)\1""")


@dataclass(frozen=True)
class Exported:
    """One question bank file: its text, how many questions it holds, what it could not carry."""

    text: str
    questions: int
    skipped: int
    warnings: tuple[Problem, ...]


@dataclass
class Notes:
    """Collects what a format cannot express, one warning per question (or quiz) and fact."""

    items: list[Problem] = field(default_factory=list)

    def question(self, quiz: Quiz, q: Question, message: str, hint: str | None = None) -> None:
        """Warn at the question's line in its quiz file."""
        path, line = _where(q.source, quiz)
        self.items.append(
            warning(
                path,
                line if q.line is None else q.line,
                f"{name(quiz, q)}: {message}",
                hint=hint,
                code="export",
            )
        )

    def quiz(self, quiz: Quiz, message: str, hint: str | None = None) -> None:
        """Warn at the quiz's own line."""
        self.items.append(warning(quiz.source, quiz.line, message, hint=hint, code="export"))


def _where(source: str, quiz: Quiz) -> tuple[str, int | None]:
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return quiz.source, quiz.line


def name(quiz: Quiz, q: Question) -> str:
    """The question's name in the bank: the interaction id the package reports."""
    return f"{quiz.id}.{q.id}"


def category_name(quiz: Quiz) -> str:
    """A quiz's category: its title, or its id when it has none."""
    return text_of(quiz.title) or quiz.id


def course_category(course: Course) -> str:
    """The parent category of every quiz: the course title in the package's language."""
    localized = {loc.language: loc.title for loc in course.config.localized}
    return localized.get(course.language) or course.config.title or course.config.id


def text_of(html: str) -> str:
    """The plain text of an HTML fragment, whitespace collapsed."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def has_markup(html: str) -> bool:
    """Whether ``html`` holds more than text (which plain-text fields would lose)."""
    return _TAG.search(html) is not None


def media(html: str) -> list[str]:
    """The ``src`` of every image, video or audio in ``html``, in order."""
    return [m.group("src") for m in _MEDIA.finditer(html)]


def number(value: float) -> str:
    """A number as both formats write it: no trailing ``.0``, no exponent for usual values."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text.removesuffix(".0")


# Moodle accepts only these answer weights (question_bank::fraction_options_full), as percent.
FRACTIONS = (
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0,
    25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0,
)  # fmt: skip


def share(correct: int) -> tuple[float, bool]:
    """The weight of each of ``correct`` right choices, and whether it is exactly 100/correct."""
    exact = 100.0 / max(correct, 1)
    best = min(FRACTIONS, key=lambda f: abs(f - exact))
    return best, abs(best - exact) < 1e-4


# The package's quiz modes as the Moodle quiz's "How questions behave". Moodle's default,
# Deferred feedback (nothing shown before the attempt is submitted), is the exam mode: an
# instant quiz needs its setting changed, so both are named.
BEHAVIOURS = {"instant": "Immediate feedback", "exam": "Deferred feedback"}


def quiz_settings_notes(notes: Notes, quiz: Quiz) -> None:
    """Quiz settings live in the Moodle quiz, not in the question bank: say which to set."""
    settings = [f"mode: {quiz.mode} (How questions behave: {BEHAVIOURS[quiz.mode]})"]
    if quiz.pool is not None:
        settings.append(f"pool: {quiz.pool} (add {quiz.pool} random questions from the category)")
    if quiz.attempts:
        settings.append(f"attempts: {quiz.attempts} (Attempts allowed)")
    if quiz.shuffle_questions:
        settings.append("shuffle_questions (Shuffle within pages)")
    if not quiz.graded:
        settings.append("graded: false (a practice quiz: Grade to pass 0, not in the gradebook)")
    notes.quiz(
        quiz,
        f"quiz '{quiz.id}': a question bank holds no quiz settings; set them in the "
        "Moodle quiz: " + "; ".join(settings),
    )


def partial_credit_notes(notes: Notes, quiz: Quiz, q: Question) -> None:
    """Moodle grades these types part by part; the package gives all or nothing."""
    if q.type == "multiple" and sum(c.correct for c in q.choices) > 1:
        notes.question(
            quiz,
            q,
            "Moodle gives part of the points for some of the right choices and no wrong one; "
            "the package gives points only for exactly the right choices",
        )
    elif q.type == "matching":
        notes.question(
            quiz,
            q,
            "Moodle gives part of the points for each pair matched right; the package gives "
            "points only when every pair is right",
        )
