"""The Python side of the suspend_data codec: its worst-case length, proven from the model,
and the keys and content hashes that saved progress refers to.

SCORM 1.2 (and Moodle in standards mode) caps ``cmi.suspend_data`` at 4096 characters. The
learner runtime (``runtime/state.js``) writes format 2, for example::

    2|ret7|tj9zitb6|4|kbq8x1c9,1,2f1s,7ps,pudz1.3r1y5:hello.fbyl

that is ``2|course key|visited|interactions|quiz;quiz;...``: ``visited`` holds the key of each
module seen, and each quiz that has been started is ``<quiz key><scoring key>,attempts,seed,
best,entries``, an entry per question of the attempt, in the order shown, joined by ``.``:
the question's content hash and then the answer ("" when unanswered). In exam mode an answer
given but not yet submitted is kept too, as a draft: ``~`` and then the answer
(``3r1y~5:hel``); drafts score nothing, and a package whose quiz is no longer an exam drops
them. So saved progress says what it refers to, and a newer package keeps what is unchanged
(``runtime/resume.js``): an answer (or draft) whose question has the same content hash, a
visit to a module with the same key.
Format 1 (``1|fingerprint|...``, positions instead of keys) is still read when the course's
layout is unchanged. Every field below mirrors an encoder in state.js; change both together
(tests/test_state.py runs the JS encoder on a worst-case state and compares its length with
:func:`worst_case_length`).
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from dataclasses import replace

from scormbuild.errors import Problem, error
from scormbuild.model import Course, Module, Question, Quiz
from scormbuild.runtime import CONSTANTS

# The numbers the runtime shares live in runtime/constants.json, their one home.
VERSION: str = CONSTANTS["SUSPEND_DATA_VERSION"]
LIMIT: int = CONSTANTS["SUSPEND_DATA_LIMIT"]  # SCORM 1.2's cmi.suspend_data
FINGERPRINT_WIDTH: int = CONSTANTS["FINGERPRINT_WIDTH"]  # format 1's layout fingerprint
KEY_WIDTH: int = CONSTANTS["KEY_WIDTH"]  # every key and content hash below
SEED_LIMIT: int = CONSTANTS["SEED_LIMIT"]  # seeds are drawn from [0, 36**4): 4 base-36 digits
BEST_SCALE: int = CONSTANTS["BEST_SCALE"]  # a best attempt is round(BEST_SCALE * earned / max)
ATTEMPT_CAP: int = CONSTANTS["ATTEMPT_CAP"]  # unlimited attempts: the counter stops at "zz"
INTERACTION_CAP: int = CONSTANTS["INTERACTION_CAP"]  # no interaction index is written past it
NUMERIC_MAX_LENGTH: int = CONSTANTS["NUMERIC_MAX_LENGTH"]
FILL_MIN_LENGTH: int = CONSTANTS["FILL_MIN_LENGTH"]
# cmi.interactions.n.student_response holds 255 characters
FILL_MAX_LENGTH: int = CONSTANTS["FILL_MAX_LENGTH"]


def b36len(n: int) -> int:
    """How many base-36 digits ``n >= 0`` takes."""
    digits = 1
    while n >= 36:
        n //= 36
        digits += 1
    return digits


def bits_len(n: int) -> int:
    """A set of ``n`` flags is written five to a base-32 digit."""
    return math.ceil(n / 5)


def fill_max_length(question: Question) -> int:
    """The ``maxlength`` of a fill-in field: room for every accepted answer and then some."""
    longest = max((len(a) for a in question.answers), default=0)
    return min(FILL_MAX_LENGTH, max(FILL_MIN_LENGTH, 2 * longest))


def answer_max_length(question: Question) -> int:
    """The longest answer token ``state.js`` can write for ``question``."""
    t = question.type
    if t in ("single", "truefalse"):
        return b36len(max(len(question.choices) - 1, 0))
    if t == "multiple":
        return bits_len(len(question.choices))
    if t in ("fill", "numeric"):
        n = fill_max_length(question) if t == "fill" else NUMERIC_MAX_LENGTH
        return b36len(n) + 1 + n  # "<length>:<text>"
    if t == "matching":
        n = len(question.pairs)
        return n * b36len(n)  # one chosen pair per row, 1-based, 0 = none
    if t == "ordering":
        n = len(question.items)
        return n * b36len(max(n - 1, 0))
    raise ValueError(f"unknown question type {t!r}")


def stores_order(quiz: Quiz) -> bool:
    """Whether the drawn question order is written (a pool, or shuffled questions)."""
    return quiz.pool is not None or quiz.shuffle_questions


def quiz_max_length(quiz: Quiz) -> int:
    """The longest token ``state.js`` can write for ``quiz``."""
    attempts = quiz.attempts if quiz.attempts > 0 else ATTEMPT_CAP
    drawn = min(quiz.drawn, len(quiz.questions))
    answers = sorted((answer_max_length(q) for q in quiz.questions), reverse=True)[:drawn]
    return (
        2 * KEY_WIDTH  # the quiz key and the scoring key
        + 1
        + b36len(attempts)
        + 1
        + b36len(SEED_LIMIT - 1)
        + 1
        + b36len(BEST_SCALE)
        + 1
        + drawn * KEY_WIDTH  # each entry's question hash
        + sum(answers)
        # an exam's entry holds its submitted answer or its draft ("~" first), never both
        + (drawn if quiz.mode == "exam" else 0)
        + max(drawn - 1, 0)  # the "." between entries
    )


def worst_case_length(course: Course) -> int:
    """The most characters ``state.js`` can ever write into ``cmi.suspend_data``."""
    quizzes = course.quizzes
    header = (
        len(VERSION)
        + 1
        + KEY_WIDTH
        + 1
        + KEY_WIDTH * len(course.modules)
        + 1
        + b36len(INTERACTION_CAP)
        + 1
    )
    return header + sum(quiz_max_length(q) for q in quizzes) + max(len(quizzes) - 1, 0)


def fingerprint(course: Course, layouts: dict[int, list[str]] | None = None) -> str:
    """Four base-36 characters that change when the layout of format 1 would.

    Format 1 saved positions, not keys: the runtime reads it only when the course's
    fingerprint is the one it was saved with. ``layouts``: each quiz's part of it, by the
    quiz's id(), kept by a caller that asks for several fingerprints of one course's parts.
    """
    parts = [str(len(course.modules))]
    for quiz in course.quizzes:
        layout = layouts.get(id(quiz)) if layouts is not None else None
        if layout is None:
            layout = _layout(quiz)
            if layouts is not None:
                layouts[id(quiz)] = layout
        parts += layout
    digest = hashlib.sha256("\n".join(parts).encode()).digest()
    value = int.from_bytes(digest[:8], "big") % 36**FINGERPRINT_WIDTH
    return to_b36(value).rjust(FINGERPRINT_WIDTH, "0")


def _layout(quiz: Quiz) -> list[str]:
    lines = [f"{quiz.id}:{quiz.drawn}:{int(stores_order(quiz))}"]
    for q in quiz.questions:
        size = len(q.choices) + len(q.pairs) + len(q.items)
        lines.append(f"{q.id}:{q.type}:{size}:{answer_max_length(q)}")
    return lines


_TAG_RE = re.compile(r"<[^>]*>")
_ORDER_RE = re.compile(r"^[0-9]+-")


def short_hash(*parts: object) -> str:
    """:data:`KEY_WIDTH` base-36 characters from ``parts``: keys and content hashes."""
    text = "\x1f".join(map(str, parts))
    value = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    return to_b36(value % 36**KEY_WIDTH).rjust(KEY_WIDTH, "0")


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment: tags dropped, entities read, whitespace collapsed.

    Content hashes use the words, not the markup, so that a rebuild with another version of
    the renderer does not look like a changed question.
    """
    if "<" in fragment:
        fragment = _TAG_RE.sub(" ", fragment)
    # str.split() splits at the characters regular expressions call whitespace (\s): runs
    # of them become one space and none is left at either end, several times faster than
    # replacing each run (a module page has thousands).
    return " ".join(html.unescape(fragment).split())


def course_key(course: Course, module: Module | None = None) -> str:
    """Which course and language (in multi-SCO mode: which module's SCO) saved the state:
    another one's state is never read."""
    if module is None:
        return short_hash("course", course.config.id, course.language)
    return short_hash("course", course.config.id, course.language, module_name(module))


def module_name(module: Module) -> str:
    """A module's name without its order prefix: ``01-intro`` and ``02-intro`` are one module
    moved, so that reordering modules by renaming their files keeps what learners saw."""
    return _ORDER_RE.sub("", module.slug)


def module_key(module: Module) -> str:
    """Which module a saved visit refers to."""
    return short_hash("module", module_name(module))


def module_hash(module: Module) -> str:
    """The content of a module page: its title and words (``scormbuild diff`` reads it)."""
    return short_hash(module.title, plain_text(module.html))


def quiz_key(quiz: Quiz) -> str:
    """Which quiz a saved attempt belongs to."""
    return short_hash("quiz", quiz.id)


def scoring_key(quiz: Quiz) -> str:
    """What a quiz's score is made of besides its questions: a saved best score computed
    under another key is computed again."""
    points = ",".join(f"{q.id}={q.points:g}" for q in quiz.questions)
    return short_hash("scoring", quiz.graded, quiz.drawn, points)


def question_hash(q: Question) -> str:
    """What a saved answer refers to: the question as asked and as scored.

    Feedback, hints and points are left out: changing them does not change what an answer
    means (a change of points is a change of :func:`scoring_key`).
    """
    parts: list[object] = [q.id, q.type, plain_text(q.prompt_html)]
    parts += [(c.id, plain_text(c.html), c.correct) for c in q.choices]
    parts += [tuple(q.answers), q.case_sensitive]
    if q.numeric is not None:
        parts.append((q.numeric.minimum, q.numeric.maximum))
    parts += [(p.id, plain_text(p.left_html), plain_text(p.right_html)) for p in q.pairs]
    parts += [(i.id, plain_text(i.html)) for i in q.items]
    return short_hash(*parts)


def to_b36(n: int) -> str:
    """``n >= 0`` in base 36 with lowercase digits, as JavaScript's ``n.toString(36)``."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def scopes(course: Course) -> tuple[Course, ...]:
    """What each SCO of the package keeps in its own ``cmi.suspend_data``.

    Single-SCO mode: the whole course. Multi-SCO mode: every module on its own (the
    runtime's ``SBState.part``), each under the key of that module.
    """
    if course.config.sco_mode == "multi":
        return tuple(replace(course, modules=(m,)) for m in course.modules)
    return (course,)


def suspend_data_problems(course: Course) -> list[Problem]:
    """An error per SCO whose worst case cannot fit in 4096 characters, naming big quizzes."""
    problems: list[Problem] = []
    multi = course.config.sco_mode == "multi"
    for scope in scopes(course):
        total = worst_case_length(scope)
        if total <= LIMIT:
            continue
        biggest = sorted(scope.quizzes, key=quiz_max_length, reverse=True)[:3]
        detail = ", ".join(f"{q.id} ({quiz_max_length(q)})" for q in biggest)
        first = biggest[0] if biggest else None
        what = f"module {scope.modules[0].slug} (a SCO of its own)" if multi else "this course"
        problems.append(
            error(
                first.source.split(":")[0] if first and first.source else "course.yml",
                first.line if first else None,
                f"the saved progress of {what} can take {total} characters, more than the "
                f"{LIMIT} SCORM 1.2 allows in cmi.suspend_data; the largest quizzes: {detail}",
                hint="use fewer or shorter questions (fill-in answers take the most room), "
                "a smaller pool, or split the "
                + ("module into several modules" if multi else "course into several packages")
                + ("" if multi else ", or use sco_mode: multi (one SCO per module)"),
                code="suspend-data-too-long",
            )
        )
    return problems
