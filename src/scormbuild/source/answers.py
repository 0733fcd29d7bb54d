"""The part of reading a quiz that every question type shares, and each type's answers.

:class:`AnswerReader` holds the problems found and how each is reported (the question it is
in named, with a hint); :class:`~scormbuild.source.quizzes.QuizReader` builds on it to read
a quiz and its questions.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

from scormbuild.errors import Problem, error
from scormbuild.limits import CHOICES, NUMBER_DIGITS
from scormbuild.model import Choice, NumericAnswer, OrderItem, Pair, QuestionType
from scormbuild.source.keys import check_keys
from scormbuild.source.yamlsrc import LineDict, LineList

MAX_COUNT = 1000  # attempts, pool: whole numbers that count something
CHOICE_KEYS = {"text", "correct", "feedback"}
_CHOICE_REQUIRED = frozenset({"text"})

# A short text of the quiz and the line it starts at -> its HTML, checked and sanitized.
RenderInline = Callable[[str, int | None], str]


def is_number(v: Any) -> bool:
    """A number a quiz can use: finite, and small enough to hold exactly as a float."""
    if not isinstance(v, int | float) or isinstance(v, bool):
        return False
    try:
        return math.isfinite(v) and abs(v) < 10**NUMBER_DIGITS
    except OverflowError:  # an int too large for a float
        return False


class AnswerReader:
    """Collects the problems of one quiz file instead of stopping at the first."""

    def __init__(self, path: str, render: RenderInline) -> None:
        self.path = path
        self.render = render
        self.problems: list[Problem] = []
        self.question: str | None = None  # the question being read, as messages name it

    def fail(self, line: int | None, message: str, hint: str | None) -> None:
        """Report ``message`` at ``line``, naming the question it is in; ``hint`` says how to
        mend it (None only where a caller's hint may be missing: a typo's suggestion)."""
        if self.question is not None:
            message = f"question {self.question}: {message}"
        self.problems.append(error(self.path, line, message, hint=hint))

    def _keys(
        self,
        data: LineDict,
        known: AbstractSet[str],
        what: str,
        required: AbstractSet[str] = frozenset(),
    ) -> LineDict:
        """``data`` with a typo of a required key read as that key; unknown keys reported."""
        data, unknown = check_keys(data, known, required)
        for bad in unknown:
            self.fail(bad.line, f"unknown key '{bad.key}' in {what}", bad.hint)
        return data

    def _text(self, data: LineDict, key: str, what: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(data.line, f"{what} needs '{key}'", f"add '{key}:' with its text")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            hint = "write the text after the colon; quote it if it looks like a list or a number"
            self.fail(data.line_of(key), f"'{key}' of {what} must be text", hint)
            return ""
        return self.render(str(value), data.line_of(key))

    def _bool(self, data: LineDict, key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            message = f"'{key}' must be true or false, not {value!r}"
            self.fail(data.line_of(key), message, f"write '{key}: true' or '{key}: false'")
            return default
        return value

    def _count(self, data: LineDict, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
            message = f"'{key}' must be a whole number from 0 to {MAX_COUNT}"
            self.fail(data.line_of(key), message, f"write e.g. '{key}: 3'")
            return None
        return value

    def _choices(self, data: LineDict, qtype: QuestionType) -> tuple[Choice, ...]:
        raw = data.get("choices")
        if not isinstance(raw, LineList) or len(raw) < 2:
            message = "'choices' must list at least two choices"
            self.fail(data.line_of("choices"), message, "list them under 'choices:', one '- ' each")
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
                message = "a choice is text or a mapping with 'text'"
                self.fail(raw.line_of(i), message, "write '- text: ...' (and 'correct: true')")
                continue
            item = self._keys(item, CHOICE_KEYS, "a choice", _CHOICE_REQUIRED)
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
            hint = "mark the right answer: '- text: ...' with 'correct: true' under it"
            self.fail(raw.line, "no choice is marked 'correct: true'", hint)
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
            message = "a truefalse question needs 'answer: true|false'"
            self.fail(data.line_of("answer"), message, "add 'answer: true' or 'answer: false'")
            answer = True
        return {"choices": (Choice("t", "", answer), Choice("f", "", not answer))}

    def _fill(self, data: LineDict) -> dict[str, Any]:
        raw = data.get("answers")
        if isinstance(raw, str | int | float) and not isinstance(raw, bool):
            raw = [raw]
        if not isinstance(raw, list) or not raw:
            message = "a fill question needs 'answers': a list of texts"
            self.fail(data.line_of("answers"), message, "write e.g. 'answers: [Helsinki, Hki]'")
            return {}
        answers = tuple(str(a).strip() for a in raw)
        if any(not a or len(a) > 250 for a in answers):
            message = "accepted answers must be 1 to 250 characters"
            self.fail(data.line_of("answers"), message, "drop empty answers, shorten long ones")
        return {"answers": answers, "case_sensitive": self._bool(data, "case_sensitive", False)}

    def _numeric(self, data: LineDict) -> dict[str, Any]:
        if "range" in data:
            rng = data["range"]
            if "answer" in data or "tolerance" in data:
                message = "give 'range' or 'answer' (+ 'tolerance'), not both"
                self.fail(data.line_of("range"), message, "keep one way of giving the answer")
            if not (isinstance(rng, list) and len(rng) == 2 and all(is_number(x) for x in rng)):
                message = "'range' must be [minimum, maximum]"
                self.fail(data.line_of("range"), message, "write e.g. 'range: [1990, 1995]'")
                return {}
            if rng[0] > rng[1]:
                message = "'range' minimum is larger than its maximum"
                self.fail(data.line_of("range"), message, "write the smaller number first")
            return {"numeric": NumericAnswer(float(rng[0]), float(rng[1]))}
        value, tol = data.get("answer"), data.get("tolerance", 0)
        if not is_number(value):
            message = "a numeric question needs 'answer' (a number) or 'range'"
            self.fail(
                data.line_of("answer"), message, "write e.g. 'answer: 42' or 'range: [40, 45]'"
            )
            return {}
        if not is_number(tol) or tol < 0:
            message = "'tolerance' must be a number of 0 or more"
            self.fail(data.line_of("tolerance"), message, "write e.g. 'tolerance: 0.5'")
            return {}
        v, t = float(value), float(tol)  # type: ignore[arg-type]
        return {"numeric": NumericAnswer(v - t, v + t, v, t)}

    def _matching(self, data: LineDict) -> dict[str, Any]:
        raw = data.get("pairs")
        if not isinstance(raw, LineList) or len(raw) < 2:
            message = "a matching question needs at least two 'pairs'"
            self.fail(data.line_of("pairs"), message, "list them under 'pairs:': '- [left, right]'")
            return {}
        pairs = []
        for i, item in enumerate(raw):
            if isinstance(item, dict) and set(item) == {"left", "right"}:
                item = [item["left"], item["right"]]
            if not (
                isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
            ):
                message = "a pair is [left, right] or {left: ..., right: ...}"
                self.fail(raw.line_of(i), message, "write e.g. '- [Retro, Looking back]'")
                continue
            line = raw.line_of(i)
            left, right = self.render(item[0], line), self.render(item[1], line)
            pairs.append(Pair(str(i + 1), left, right))
        if len({p.right_html for p in pairs}) != len(pairs):
            message = "two pairs have the same right-hand side; answers would be ambiguous"
            self.fail(raw.line, message, "make each right-hand side different")
        return {"pairs": tuple(pairs)}

    def _ordering(self, data: LineDict) -> dict[str, Any]:
        raw = data.get("items")
        if not isinstance(raw, LineList) or len(raw) < 2:
            message = "an ordering question needs at least two 'items'"
            self.fail(data.line_of("items"), message, "list them under 'items:' in the right order")
            return {}
        if not all(isinstance(x, str) for x in raw):
            message = "'items' must be texts, in the correct order"
            self.fail(raw.line, message, "write each item as '- text'; quote one that is a number")
            return {}
        if len(set(raw)) != len(raw):
            message = "two items are the same; the order would be ambiguous"
            self.fail(raw.line, message, "make each item different")
        items = (OrderItem(str(i + 1), self.render(x, raw.line_of(i))) for i, x in enumerate(raw))
        return {"items": tuple(items)}
