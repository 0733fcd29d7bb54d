"""Quiz YAML -> :class:`~scormbuild.model.Quiz`, with every problem reported with its line."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, cast

from scormbuild.errors import Problem, error
from scormbuild.limits import CHOICES, NUMBER_DIGITS, QUESTIONS_PER_QUIZ, TITLE_CHARS
from scormbuild.model import (
    QUESTION_TYPES,
    QUIZ_MODES,
    Choice,
    NumericAnswer,
    OrderItem,
    Pair,
    Question,
    QuestionType,
    Quiz,
    QuizMode,
)
from scormbuild.options import suggest
from scormbuild.source.keys import check_keys, mapping_hint, not_a_mapping
from scormbuild.source.yamlsrc import LineDict, LineList
from scormbuild.source.yamlwords import text_words

ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_COUNT = 1000  # attempts, pool: whole numbers that count something
QUIZ_KEYS = {
    "id", "title", "graded", "shuffle_questions", "shuffle_choices", "pool", "attempts",
    "show_answers", "mode", "questions",
}  # fmt: skip
COMMON_KEYS = {"id", "type", "prompt", "points", "feedback", "hint"}
TYPE_KEYS: dict[str, set[str]] = {
    "single": {"choices"},
    "multiple": {"choices"},
    "truefalse": {"answer"},
    "fill": {"answers", "case_sensitive"},
    "numeric": {"answer", "tolerance", "range"},
    "matching": {"pairs"},
    "ordering": {"items"},
}
CHOICE_KEYS = {"text", "correct", "feedback"}
# Where true or false is meant: anywhere else, yes/no/on/off are texts.
QUIZ_BOOLS = {"graded", "shuffle_questions", "shuffle_choices", "show_answers"}
QUESTION_BOOLS = {"answer", "case_sensitive", "correct"}
# Keys without which a question cannot be read: a typo of one is reported once, as a typo.
REQUIRED_KEYS = {"id", "type", "prompt"}
TYPE_REQUIRED: dict[str, set[str]] = {
    "single": {"choices"},
    "multiple": {"choices"},
    "truefalse": {"answer"},
    "fill": {"answers"},
    "numeric": set(),  # 'answer' or 'range'
    "matching": {"pairs"},
    "ordering": {"items"},
}

# A short text of the quiz and the line it starts at -> its HTML, checked and sanitized.
RenderInline = Callable[[str, int | None], str]


def _is_num(v: Any) -> bool:
    """A number a quiz can use: finite, and small enough to hold exactly as a float."""
    if not isinstance(v, int | float) or isinstance(v, bool):
        return False
    try:
        return math.isfinite(v) and abs(v) < 10**NUMBER_DIGITS
    except OverflowError:  # an int too large for a float
        return False


class QuizReader:
    """Reads one quiz mapping; collects problems instead of stopping at the first."""

    def __init__(self, path: str, render: RenderInline) -> None:
        self.path = path
        self.render = render
        self.problems: list[Problem] = []
        self.question: str | None = None  # the question being read, as messages name it

    def fail(self, line: int | None, message: str, hint: str | None = None) -> None:
        if self.question is not None:
            message = f"question {self.question}: {message}"
        self.problems.append(error(self.path, line, message, hint=hint))

    def _keys(
        self, data: LineDict, known: set[str], what: str, required: set[str] | None = None
    ) -> LineDict:
        """``data`` with a typo of a required key read as that key; unknown keys reported."""
        data, unknown = check_keys(data, known, required or set())
        for bad in unknown:
            self.fail(bad.line, f"unknown key '{bad.key}' in {what}", bad.hint)
        return data

    def _text(self, data: LineDict, key: str, what: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(data.line, f"{what} needs '{key}'")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(data.line_of(key), f"'{key}' of {what} must be text")
            return ""
        return self.render(str(value), data.line_of(key))

    def _bool(self, data: LineDict, key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(data.line_of(key), f"'{key}' must be true or false, not {value!r}")
            return default
        return value

    def _count(self, data: LineDict, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
            self.fail(data.line_of(key), f"'{key}' must be a whole number from 0 to {MAX_COUNT}")
            return None
        return value

    def _mode(self, data: LineDict) -> QuizMode:
        value = data.get("mode", "instant")
        if value in QUIZ_MODES:
            return cast(QuizMode, value)
        modes = ", ".join(QUIZ_MODES)
        close = suggest(value, QUIZ_MODES) if isinstance(value, str) else None
        message = f"'mode' must be one of {modes}, not {value!r}"
        self.fail(data.line_of("mode"), message, close or f"modes: {modes}")
        return "instant"

    def read_quiz(self, data: Any, line: int) -> Quiz | None:
        """Build a quiz from its YAML mapping, or None when it has errors."""
        if not isinstance(data, LineDict):
            message = "a quiz must be a mapping with 'id', 'title' and 'questions'"
            self.fail(line, message + not_a_mapping(data), mapping_hint(data))
            return None
        before = len(self.problems)
        for word in text_words(data, QUIZ_BOOLS, skip={"questions"}):
            self.fail(word.line, word.message, word.hint)
        data = self._keys(data, QUIZ_KEYS, "a quiz", {"id", "questions"})
        quiz_id = data.get("id")
        if not isinstance(quiz_id, str) or not ID_RE.match(quiz_id):
            self.fail(
                data.line_of("id"),
                "a quiz needs an 'id' of letters, digits, '-' or '_' (at most 64)",
                "ids name the answers in LMS reports; keep them stable",
            )
            quiz_id = "quiz"
        title = data.get("title", "")
        if not isinstance(title, str) or len(title) > TITLE_CHARS:
            self.fail(
                data.line_of("title"),
                f"'title' must be text of at most {TITLE_CHARS} characters",
                "a quiz title shows above its questions; shorten it",
            )
            title = ""
        raw = data.get("questions")
        questions: list[Question] = []
        if not isinstance(raw, LineList) or not raw:
            self.fail(data.line_of("questions"), "a quiz needs a non-empty 'questions' list")
        elif len(raw) > QUESTIONS_PER_QUIZ:
            self.fail(
                data.line_of("questions"),
                f"{len(raw)} questions, more than the limit of {QUESTIONS_PER_QUIZ} in a quiz",
                "split the quiz, or draw some of the questions with 'pool'",
            )
        else:
            for i, item in enumerate(raw):
                q = self.read_question(item, raw.line_of(i), i + 1)
                if q:
                    questions.append(q)
        seen: dict[str, int | None] = {}
        for q in questions:
            if q.id in seen:
                self.fail(q.line, f"duplicate question id '{q.id}' (first on line {seen[q.id]})")
            seen.setdefault(q.id, q.line)
        pool = self._count(data, "pool")
        if pool is not None and isinstance(raw, LineList) and not 1 <= pool <= len(raw):
            self.fail(data.line_of("pool"), f"'pool' must be from 1 to {len(raw)}, the questions")
        quiz = Quiz(
            id=quiz_id,
            title=title,
            questions=tuple(questions),
            graded=self._bool(data, "graded", True),
            shuffle_questions=self._bool(data, "shuffle_questions", False),
            shuffle_choices=self._bool(data, "shuffle_choices", False),
            pool=pool,
            attempts=self._count(data, "attempts") or 0,
            show_answers=self._bool(data, "show_answers", True),
            mode=self._mode(data),
            source=self.path,
            line=data.line,
        )
        return quiz if len(self.problems) == before else None

    def read_question(self, data: Any, line: int, number: int = 1) -> Question | None:
        """Build one question (the ``number``-th of its quiz), or None when it has errors.

        Every problem found in it names it: by its id, or by its place when the id is bad.
        """
        self.question = f"{number}"
        try:
            return self._question(data, line)
        finally:
            self.question = None

    def _question(self, data: Any, line: int) -> Question | None:
        if not isinstance(data, LineDict):
            message = "a question must be a mapping with 'id', 'type' and 'prompt'"
            self.fail(line, message + not_a_mapping(data), mapping_hint(data))
            return None
        before = len(self.problems)
        words = text_words(data, QUESTION_BOOLS, text_under={"feedback"})
        qid = data.get("id")
        if isinstance(qid, str) and ID_RE.match(qid):
            self.question = f"'{qid}'"
        for word in words:
            self.fail(word.line, word.message, word.hint)
        qtype = data.get("type")
        if "type" not in data:  # a typo of 'type' tells which type it is
            guess = [k for k in data if k not in COMMON_KEYS and suggest(k, ["type"])]
            qtype = data[guess[0]] if guess else None
        if qtype not in QUESTION_TYPES:
            hint = suggest(str(qtype), list(QUESTION_TYPES)) or "types: " + ", ".join(
                QUESTION_TYPES
            )
            self.fail(data.line_of("type"), f"unknown question type {qtype!r}", hint)
            return None
        known, required = COMMON_KEYS | TYPE_KEYS[qtype], REQUIRED_KEYS | TYPE_REQUIRED[qtype]
        data = self._keys(data, known, f"a {qtype} question", required)
        qid = data.get("id")
        if not isinstance(qid, str) or not ID_RE.match(qid):
            self.fail(
                data.line_of("id"),
                "a question needs an 'id' of letters, digits, '-' or '_' (at most 64)",
            )
            qid = "q"
        points = data.get("points", 1)
        if not _is_num(points) or points < 0:
            self.fail(data.line_of("points"), "'points' must be a number of 0 or more")
            points = 1
        feedback = data.get("feedback")
        fb_ok, fb_bad = "", ""
        if feedback is None:
            pass
        elif isinstance(feedback, LineDict):
            feedback = self._keys(feedback, {"correct", "incorrect"}, "feedback")
            fb_ok = self._text(feedback, "correct", "feedback", required=False)
            fb_bad = self._text(feedback, "incorrect", "feedback", required=False)
        elif isinstance(feedback, str):
            fb_ok = fb_bad = self.render(feedback, data.line_of("feedback"))
        else:
            self.fail(data.line_of("feedback"), "'feedback' must have 'correct' and 'incorrect'")
        fields: dict[str, Any] = getattr(self, f"_{qtype}")(data)
        question = Question(
            id=qid,
            type=qtype,
            prompt_html=self._text(data, "prompt", "a question"),
            points=float(points),
            feedback_correct_html=fb_ok,
            feedback_incorrect_html=fb_bad,
            hint_html=self._text(data, "hint", "a question", required=False),
            source=f"{self.path}:{data.line}",
            line=data.line,
            **fields,
        )
        return question if len(self.problems) == before else None

    def _choices(self, data: LineDict, qtype: QuestionType) -> tuple[Choice, ...]:
        raw = data.get("choices")
        if not isinstance(raw, LineList) or len(raw) < 2:
            self.fail(data.line_of("choices"), "'choices' must list at least two choices")
            return ()
        if len(raw) > CHOICES:
            message = f"{len(raw)} choices, more than the limit of {CHOICES} (a to z)"
            self.fail(raw.line, message, "split the question in two")
            return ()
        choices = []
        for i, item in enumerate(raw):
            cid = chr(ord("a") + i)
            if isinstance(item, str):
                choices.append(Choice(cid, self.render(item, raw.line_of(i)), False))
                continue
            if not isinstance(item, LineDict):
                self.fail(raw.line_of(i), "a choice is text or a mapping with 'text'")
                continue
            item = self._keys(item, CHOICE_KEYS, "a choice", {"text"})
            choices.append(
                Choice(
                    cid,
                    self._text(item, "text", "a choice"),
                    self._bool(item, "correct", False),
                    self._text(item, "feedback", "a choice", required=False),
                )
            )
        correct = sum(c.correct for c in choices)
        if correct == 0:
            self.fail(raw.line, "no choice is marked 'correct: true'")
        elif qtype == "single" and correct > 1:
            self.fail(
                raw.line,
                f"a single-choice question has {correct} correct choices",
                "use type: multiple, or mark exactly one choice correct",
            )
        return tuple(choices)

    def _single(self, data: LineDict) -> dict[str, Any]:
        return {"choices": self._choices(data, "single")}

    def _multiple(self, data: LineDict) -> dict[str, Any]:
        return {"choices": self._choices(data, "multiple")}

    def _truefalse(self, data: LineDict) -> dict[str, Any]:
        answer = data.get("answer")
        if not isinstance(answer, bool):
            self.fail(data.line_of("answer"), "a truefalse question needs 'answer: true|false'")
            answer = True
        return {"choices": (Choice("t", "", answer), Choice("f", "", not answer))}

    def _fill(self, data: LineDict) -> dict[str, Any]:
        raw = data.get("answers")
        if isinstance(raw, str | int | float) and not isinstance(raw, bool):
            raw = [raw]
        if not isinstance(raw, list) or not raw:
            self.fail(data.line_of("answers"), "a fill question needs 'answers': a list of texts")
            return {}
        answers = tuple(str(a).strip() for a in raw)
        if any(not a or len(a) > 250 for a in answers):
            self.fail(data.line_of("answers"), "accepted answers must be 1 to 250 characters")
        return {"answers": answers, "case_sensitive": self._bool(data, "case_sensitive", False)}

    def _numeric(self, data: LineDict) -> dict[str, Any]:
        if "range" in data:
            rng = data["range"]
            if "answer" in data or "tolerance" in data:
                self.fail(
                    data.line_of("range"), "give 'range' or 'answer' (+ 'tolerance'), not both"
                )
            if not (isinstance(rng, list) and len(rng) == 2 and all(_is_num(x) for x in rng)):
                self.fail(data.line_of("range"), "'range' must be [minimum, maximum]")
                return {}
            if rng[0] > rng[1]:
                self.fail(data.line_of("range"), "'range' minimum is larger than its maximum")
            return {"numeric": NumericAnswer(float(rng[0]), float(rng[1]))}
        value, tol = data.get("answer"), data.get("tolerance", 0)
        if not _is_num(value):
            self.fail(
                data.line_of("answer"), "a numeric question needs 'answer' (a number) or 'range'"
            )
            return {}
        if not _is_num(tol) or tol < 0:
            self.fail(data.line_of("tolerance"), "'tolerance' must be a number of 0 or more")
            return {}
        v, t = float(value), float(tol)  # type: ignore[arg-type]
        return {"numeric": NumericAnswer(v - t, v + t, v, t)}

    def _matching(self, data: LineDict) -> dict[str, Any]:
        raw = data.get("pairs")
        if not isinstance(raw, LineList) or len(raw) < 2:
            self.fail(data.line_of("pairs"), "a matching question needs at least two 'pairs'")
            return {}
        pairs = []
        for i, item in enumerate(raw):
            if isinstance(item, dict) and set(item) == {"left", "right"}:
                item = [item["left"], item["right"]]
            if not (
                isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
            ):
                self.fail(raw.line_of(i), "a pair is [left, right] or {left: ..., right: ...}")
                continue
            line = raw.line_of(i)
            left, right = self.render(item[0], line), self.render(item[1], line)
            pairs.append(Pair(str(i + 1), left, right))
        if len({p.right_html for p in pairs}) != len(pairs):
            self.fail(
                raw.line, "two pairs have the same right-hand side; answers would be ambiguous"
            )
        return {"pairs": tuple(pairs)}

    def _ordering(self, data: LineDict) -> dict[str, Any]:
        raw = data.get("items")
        if not isinstance(raw, LineList) or len(raw) < 2:
            self.fail(data.line_of("items"), "an ordering question needs at least two 'items'")
            return {}
        if not all(isinstance(x, str) for x in raw):
            self.fail(raw.line, "'items' must be texts, in the correct order")
            return {}
        if len(set(raw)) != len(raw):
            self.fail(raw.line, "two items are the same; the order would be ambiguous")
        items = (OrderItem(str(i + 1), self.render(x, raw.line_of(i))) for i, x in enumerate(raw))
        return {"items": tuple(items)}
