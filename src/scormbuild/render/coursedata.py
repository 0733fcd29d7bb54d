"""What the learner runtime reads about a course: ``window.SCORMBUILD_COURSE`` in
``course-data.js``, with the keys and content hashes that ``scormbuild diff`` reads back
from published packages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from scormbuild.model import Course, Question, Quiz
from scormbuild.package import suspend_data as state
from scormbuild.render.learner import PATH_STRINGS
from scormbuild.strings import Catalog

JS_STRINGS = (
    "answer_needed", "attempt", "commit_failed", "correct", "incorrect", "lms_refused",
    "mode_browse", "mode_no_credit", "mode_review", "moved", "no_attempts", "not_tracked",
    "number_needed", "progress", "quiz_locked_final", "quiz_locked_view", "score",
    "status_completed", "status_failed", "status_passed", "updated_redo",
    # quiz feedback and results (quiz-ui.js), exam mode (exam.js)
    "best_counts", "choices_missing", "chosen_right", "chosen_wrong", "question_n",
    "quiz_not_passed", "quiz_not_yet", "quiz_passed", "right_choice", "unanswered",
)  # fmt: skip


def question_data(q: Question) -> dict[str, Any]:
    """What the runtime needs of a question: sizes for the codec, the key for scoring
    (``QuestionData`` in runtime/types.d.ts)."""
    data: dict[str, Any] = {"id": q.id, "type": q.type, "points": q.points}
    data["h"] = state.question_hash(q)
    if q.type in ("single", "multiple", "truefalse"):
        data["n"], data["ids"] = len(q.choices), [c.id for c in q.choices]
        data["key"] = [i for i, c in enumerate(q.choices) if c.correct]
    elif q.type == "fill":
        data["ml"] = state.fill_max_length(q)
        data["key"] = {"a": list(q.answers), "cs": q.case_sensitive}
    elif q.type == "numeric":
        assert q.numeric is not None
        data["ml"] = state.NUMERIC_MAX_LENGTH
        data["key"] = [q.numeric.minimum, q.numeric.maximum, q.numeric.value]
    elif q.type == "matching":
        data["n"], data["ids"] = len(q.pairs), [p.id for p in q.pairs]
    elif q.type == "ordering":
        data["n"], data["ids"] = len(q.items), [i.id for i in q.items]
    return data


def quiz_max_points(quiz: Quiz) -> float:
    """Points one attempt can give: the questions drawn, the highest-scoring ones."""
    return sum(sorted((q.points for q in quiz.questions), reverse=True)[: quiz.drawn])


class ObjectMemo:
    """Values worked out from model objects, kept from one render to the next for the objects
    that are still there (the preview's loader hands back the very objects it reused)."""

    def __init__(self) -> None:
        self.previous: dict[int, tuple[object, Any]] = {}
        self.current: dict[int, tuple[object, Any]] = {}

    def get(self, obj: object, make: Callable[[], Any]) -> Any:
        """``make()``, or what it gave for ``obj`` last time."""
        hit = self.current.get(id(obj)) or self.previous.get(id(obj))
        value = hit[1] if hit is not None and hit[0] is obj else make()
        self.current[id(obj)] = (obj, value)
        return value

    def rotate(self) -> None:
        """Start a render: what the last one did not ask for again is let go after this one."""
        self.previous, self.current = self.current, {}


def quiz_entry(quiz: Quiz, module_id: str) -> dict[str, Any]:
    """A quiz as the runtime reads it (never changed once made: a memo may share it)."""
    entry: dict[str, Any] = {
        "id": quiz.id,
        "title": quiz.title,
        "k": state.quiz_key(quiz),
        "sk": state.scoring_key(quiz),
        "module": module_id,
        "graded": quiz.graded,
        "attempts": quiz.attempts,
        "drawn": min(quiz.drawn, len(quiz.questions)),
        "so": state.stores_order(quiz),
        "sq": quiz.shuffle_questions,
        "sc": quiz.shuffle_choices,
        "show": quiz.show_answers,
        "max": quiz_max_points(quiz),
        "questions": [question_data(q) for q in quiz.questions],
    }
    if quiz.mode == "exam":
        entry["exam"] = True
    return entry


def course_data(course: Course, t: Catalog, memo: ObjectMemo | None = None) -> dict[str, Any]:
    """``window.SCORMBUILD_COURSE``: everything the runtime reads about the course.

    With ``memo`` (the preview's), the content hashes of unchanged modules and the entries of
    unchanged quizzes are not worked out again on a rebuild.
    """

    def remembered(obj: object, make: Callable[[], Any]) -> Any:
        return make() if memo is None else memo.get(obj, make)

    cfg = course.config
    multi = cfg.sco_mode == "multi"
    modules = [
        {
            "id": m.id, "title": m.title, "href": m.href,
            "k": state.module_key(m), "h": remembered(m, partial(state.module_hash, m)),
        }
        for m in course.modules
    ]  # fmt: skip
    layouts: dict[int, list[str]] = {}  # each quiz's part of the fingerprints, worked out once
    if multi:  # each module's SCO stores its own part, under its own key and fingerprint
        for entry, part in zip(modules, state.scopes(course), strict=True):
            entry["fp"] = state.fingerprint(part, layouts)
            entry["key"] = state.course_key(course, part.modules[0])
    module_of = {q.id: m.id for m in course.modules for q in m.quizzes}
    quizzes = [
        remembered(quiz, partial(quiz_entry, quiz, module_of[quiz.id])) for quiz in course.quizzes
    ]
    data: dict[str, Any] = {
        "id": cfg.id,
        "title": cfg.title,
        "lang": course.language,
        "version": cfg.version,
        "key": state.course_key(course),
        "state": state.VERSION,  # the saved-state format the runtime writes
        "fp": state.fingerprint(course, layouts),
        "mastery": cfg.mastery_score,
        "completion": list(cfg.completion),
        "modules": modules,
        "quizzes": quizzes,
        "strings": {k: t(k) for k in JS_STRINGS + (("other_sco",) if multi else PATH_STRINGS)},
    }
    if multi:
        data["multi"] = True
    return data


def course_data_script(runtime_data: dict[str, Any]) -> bytes:
    """``course-data.js``: the course data as the script that sets it."""
    data = json.dumps(runtime_data, ensure_ascii=False, sort_keys=True, indent=None)
    # "</" never appears in a script file's JSON that a browser parses as a script block,
    # but escaping it keeps the file safe to inline should a theme ever do that.
    data = data.replace("</", "<\\/")
    return f"window.SCORMBUILD_COURSE = {data};\n".encode()
