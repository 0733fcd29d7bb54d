"""Quiz YAML -> :class:`~scormbuild.model.Quiz`, with every problem reported with its line."""

from __future__ import annotations

import re
from typing import Any, cast

from scormbuild.limits import QUESTIONS_PER_QUIZ, TITLE_CHARS
from scormbuild.model import (
    QUESTION_TYPES,
    QUIZ_MODES,
    Question,
    Quiz,
    QuizMode,
)
from scormbuild.options import suggest
from scormbuild.source.answers import AnswerReader, is_number
from scormbuild.source.keys import mapping_hint, not_a_mapping
from scormbuild.source.yamlsrc import LineDict, LineList
from scormbuild.source.yamlwords import text_words

ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
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

# The keys a question of each type may have, and those it must have.
_KNOWN = {qtype: frozenset(COMMON_KEYS | keys) for qtype, keys in TYPE_KEYS.items()}
_REQUIRED = {qtype: frozenset(REQUIRED_KEYS | keys) for qtype, keys in TYPE_REQUIRED.items()}
_QUIZ_REQUIRED = frozenset({"id", "questions"})
_FEEDBACK_KEYS = frozenset({"correct", "incorrect"})


class QuizReader(AnswerReader):
    """Reads one quiz mapping; collects problems instead of stopping at the first."""

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
        data = self._keys(data, QUIZ_KEYS, "a quiz", _QUIZ_REQUIRED)
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
            message = "a quiz needs a non-empty 'questions' list"
            hint = "list them under 'questions:', each '- id: ...' with its 'type' and 'prompt'"
            self.fail(data.line_of("questions"), message, hint)
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
                message = f"duplicate question id '{q.id}' (first on line {seen[q.id]})"
                self.fail(q.line, message, "give each question of the quiz an id of its own")
            seen.setdefault(q.id, q.line)
        pool = self._count(data, "pool")
        if pool is not None and isinstance(raw, LineList) and not 1 <= pool <= len(raw):
            message = f"'pool' must be from 1 to {len(raw)}, the questions"
            self.fail(data.line_of("pool"), message, "draw fewer questions, or write more")
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
        data = self._keys(data, _KNOWN[qtype], f"a {qtype} question", _REQUIRED[qtype])
        qid = data.get("id")
        if not isinstance(qid, str) or not ID_RE.match(qid):
            self.fail(
                data.line_of("id"),
                "a question needs an 'id' of letters, digits, '-' or '_' (at most 64)",
                "ids name the answers in LMS reports; keep them stable",
            )
            qid = "q"
        points = data.get("points", 1)
        if not is_number(points) or points < 0:
            message = "'points' must be a number of 0 or more"
            self.fail(data.line_of("points"), message, "write e.g. 'points: 2'")
            points = 1
        feedback = data.get("feedback")
        fb_ok, fb_bad = "", ""
        if feedback is None:
            pass
        elif isinstance(feedback, LineDict):
            feedback = self._keys(feedback, _FEEDBACK_KEYS, "feedback")
            fb_ok = self._text(feedback, "correct", "feedback", required=False)
            fb_bad = self._text(feedback, "incorrect", "feedback", required=False)
        elif isinstance(feedback, str):
            fb_ok = fb_bad = self.render(feedback, data.line_of("feedback"))
        else:
            message = "'feedback' must have 'correct' and 'incorrect'"
            hint = "write one text, or 'correct:' and 'incorrect:' under 'feedback:'"
            self.fail(data.line_of("feedback"), message, hint)
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
