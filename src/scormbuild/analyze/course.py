"""What analyze needs of the course: each interaction id's question, answer key and place.

The package names every interaction ``<quiz id>.<question id>``, the same in every language,
and writes responses in SCORM 1.2 formats (``runtime/quiz.js``): choices ``a,c``, true/false
``t``/``f``, fill-in the text, numeric the number, matching ``1.a,2.b``, sequencing ``2,1,3``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from scormbuild.export.base import number, text_of
from scormbuild.model import Course, Question
from scormbuild.package.suspend_data import to_b36


@dataclass(frozen=True)
class KeyOption:
    """A choice, a matching pair or an ordering item, as the report names it."""

    id: str
    text: str
    correct: bool


@dataclass(frozen=True)
class Key:
    """One question's answer key and where it is in the source."""

    qid: str
    question: Question
    position: int  # order in the course
    source: str  # course-relative path of the quiz file
    line: int | None
    module: int  # index of the module holding the quiz
    pattern: str  # the correct response as the package reports it
    options: tuple[KeyOption, ...]  # choices (single, multiple, truefalse); empty otherwise
    parts: tuple[KeyOption, ...] = ()  # matching pairs and ordering items; empty otherwise

    def accepts(self, response: str) -> bool:
        """Whether the package scores ``response`` (as reported) right."""
        q = self.question
        if q.type == "multiple":
            return set(_split(response)) == set(_split(self.pattern))
        if q.type == "fill":
            return any(
                _norm(response, q.case_sensitive) == _norm(a, q.case_sensitive) for a in q.answers
            )
        if q.type == "numeric" and q.numeric is not None:
            try:
                x = float(response.replace(",", "."))
            except ValueError:
                return False
            eps = 1e-9 * max(1.0, abs(x))
            return q.numeric.minimum - eps <= x <= q.numeric.maximum + eps
        return response.replace(" ", "") == self.pattern

    def form(self, response: str) -> str:
        """``response`` as the package compares it (fill-in: spaces and case evened out)."""
        if self.question.type == "fill":
            return _norm(response, self.question.case_sensitive)
        return response.strip()

    def picked(self, response: str) -> set[str]:
        """The options a response picked: choice ids (choice questions)."""
        return set(_split(response))

    def hits(self, response: str) -> set[str]:
        """The pairs matched right (``1.a``) or items put in their place (``2,1,3``)."""
        q = self.question
        tokens = _split(response)
        if q.type == "matching":
            want = {f"{p.id}.{_letter(j)}": p.id for j, p in enumerate(q.pairs)}
            return {want[t] for t in tokens if t in want}
        if q.type == "ordering":
            return {t for k, t in enumerate(tokens) if k < len(q.items) and q.items[k].id == t}
        return set()


def _split(response: str) -> list[str]:
    return [p for p in (x.strip() for x in response.split(",")) if p]


def _norm(text: str, case_sensitive: bool) -> str:
    s = " ".join(text.split())
    s = unicodedata.normalize("NFC", s)
    return s if case_sensitive else s.lower()


def _letter(j: int) -> str:
    return chr(97 + j) if j < 26 else f"{to_b36(j)}_"


def pattern(q: Question) -> str:
    """The correct response, as ``quiz.js`` ``pattern()`` writes it."""
    if q.type in ("single", "multiple", "truefalse"):
        return ",".join(c.id for c in q.choices if c.correct)
    if q.type == "fill":
        return q.answers[0] if q.answers else ""
    if q.type == "numeric" and q.numeric is not None:
        n = q.numeric
        return number(n.value if n.value is not None else n.minimum)
    if q.type == "matching":
        return ",".join(f"{p.id}.{_letter(j)}" for j, p in enumerate(q.pairs))
    return ",".join(i.id for i in q.items)


def keys(course: Course, true_false: tuple[str, str] = ("true", "false")) -> dict[str, Key]:
    """Every graded question of the course by interaction id (practice quizzes report none)."""
    out: dict[str, Key] = {}
    for m, module in enumerate(course.modules):
        for quiz in module.quizzes:
            if not quiz.graded:
                continue
            for q in quiz.questions:
                options: tuple[KeyOption, ...] = ()
                if q.type in ("single", "multiple"):
                    options = tuple(KeyOption(c.id, text_of(c.html), c.correct) for c in q.choices)
                elif q.type == "truefalse":
                    options = tuple(
                        KeyOption(c.id, true_false[0] if c.id == "t" else true_false[1], c.correct)
                        for c in q.choices
                    )
                parts: tuple[KeyOption, ...] = ()
                if q.type == "matching":
                    parts = tuple(
                        KeyOption(p.id, f"{text_of(p.left_html)} → {text_of(p.right_html)}", True)
                        for p in q.pairs
                    )
                elif q.type == "ordering":
                    parts = tuple(KeyOption(i.id, text_of(i.html), True) for i in q.items)
                qid = f"{quiz.id}.{q.id}"
                path = q.source.rpartition(":")[0]
                out[qid] = Key(
                    qid, q, len(out), path or quiz.source, q.line, m, pattern(q), options, parts
                )
    return out
