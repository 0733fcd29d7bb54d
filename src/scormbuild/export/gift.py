"""Quizzes as GIFT (``question/format/gift``), with a warning for all that GIFT cannot hold.

GIFT has no ordering questions, hints, points, per-question shuffling, case-sensitive short
answers, overall feedback of choice and matching questions, or files: each loss is reported
at the question's line, and an ordering question is left out.
"""

from __future__ import annotations

from scormbuild.export.base import (
    Exported,
    Notes,
    category_name,
    course_category,
    media,
    name,
    number,
    partial_credit_notes,
    quiz_settings_notes,
    share,
    text_of,
)
from scormbuild.model import Course, Question, Quiz

_SPECIAL = str.maketrans({c: "\\" + c for c in "~=#{}:"} | {"\n": "\\n", "\r": ""})


def escape(text: str) -> str:
    """Text made literal for GIFT: its control characters escaped, newlines kept as ``\\n``."""
    text = text.replace("\\", "\\\\").translate(_SPECIAL)
    # An answer that starts with '%' would be read as a weight, '[' as a text format.
    if text.startswith("%"):
        text = "&#37;".replace("#", "\\#") + text[1:]
    return text


def _html(html: str) -> str:
    # '->' separates a matching pair; in HTML '>' may be written as an entity.
    return escape(html.replace("->", "-&gt;"))


def _fb(html: str) -> str:
    return f"#{_html(html)}" if html else ""


def _choices(quiz: Quiz, q: Question, notes: Notes) -> str:
    n_right = sum(c.correct for c in q.choices)
    parts = []
    if q.type == "single":
        for c in q.choices:
            fb = c.feedback_html or (
                q.feedback_correct_html if c.correct else q.feedback_incorrect_html
            )
            parts.append(f"{'=' if c.correct else '~'}{_html(c.html)}{_fb(fb)}")
    else:
        right, exact = share(n_right)
        if not exact:
            notes.question(
                quiz,
                q,
                f"Moodle cannot split the points in {n_right} equal parts; "
                f"each right choice is worth {number(right)} %",
            )
        for c in q.choices:
            weight = number(right) if c.correct else "-100"
            parts.append(f"~%{weight}%{_html(c.html)}{_fb(c.feedback_html)}")
        if q.feedback_correct_html or q.feedback_incorrect_html:
            notes.question(
                quiz,
                q,
                "GIFT has no overall feedback for a multiple-choice "
                "question; the correct and incorrect feedback is dropped",
            )
    overall = q.feedback_correct_html or q.feedback_incorrect_html
    if q.type == "single" and overall and any(c.feedback_html for c in q.choices):
        notes.question(
            quiz,
            q,
            "GIFT has only per-choice feedback; choices with their own "
            "feedback do not show the correct or incorrect feedback",
        )
    return " ".join(parts)


def _truefalse(q: Question) -> str:
    true_right = next(c.correct for c in q.choices if c.id == "t")
    wrong, right = _fb(q.feedback_incorrect_html), _fb(q.feedback_correct_html)
    # {TRUE#feedback when wrong#feedback when right}
    return ("TRUE" if true_right else "FALSE") + (wrong or ("#" if right else "")) + right


def _fill(quiz: Quiz, q: Question, notes: Notes) -> str:
    if q.case_sensitive:
        notes.question(
            quiz,
            q,
            "GIFT cannot make a short answer case-sensitive; Moodle will accept any capitalisation",
            hint="export --format moodle-xml keeps it",
        )
    parts = [
        f"={escape(a.replace('*', chr(92) + '*'))}{_fb(q.feedback_correct_html)}" for a in q.answers
    ]
    if q.feedback_incorrect_html:
        parts.append(f"=%0%*{_fb(q.feedback_incorrect_html)}")
    return " ".join(parts)


def _numeric(q: Question) -> str:
    n = q.numeric
    assert n is not None
    if n.value is not None:
        answer = f"{number(n.value)}:{number(n.tolerance)}"
    else:
        answer = f"{number(n.minimum)}..{number(n.maximum)}"
    out = f"#={answer}{_fb(q.feedback_correct_html)}"
    if q.feedback_incorrect_html:
        out += f" ~{_fb(q.feedback_incorrect_html)}"
    return out


def _matching(quiz: Quiz, q: Question, notes: Notes) -> str:
    if q.feedback_correct_html or q.feedback_incorrect_html:
        notes.question(quiz, q, "GIFT has no feedback for a matching question; it is dropped")
    return " ".join(f"={_html(p.left_html)} -> {escape(text_of(p.right_html))}" for p in q.pairs)


def _losses(quiz: Quiz, q: Question, notes: Notes) -> None:
    if q.points != 1:
        notes.question(
            quiz,
            q,
            f"GIFT has no points; Moodle gives the question 1 point, not {number(q.points)}",
            hint="set the mark in the Moodle quiz, or use --format moodle-xml",
        )
    if q.hint_html:
        notes.question(quiz, q, "GIFT has no hints; the hint is dropped")
    if q.type in ("single", "multiple") and not quiz.shuffle_choices:
        notes.question(
            quiz,
            q,
            "GIFT has no shuffle setting; Moodle shuffles the choices if its default says so",
        )
    for src in media(q.prompt_html + "".join(c.html + c.feedback_html for c in q.choices)):
        notes.question(
            quiz,
            q,
            f"GIFT cannot carry the file '{src}'; Moodle will not find it",
            hint="use --format moodle-xml, which embeds course assets",
        )


def _body(quiz: Quiz, q: Question, notes: Notes) -> str:
    if q.type in ("single", "multiple"):
        return _choices(quiz, q, notes)
    if q.type == "truefalse":
        return _truefalse(q)
    if q.type == "fill":
        return _fill(quiz, q, notes)
    if q.type == "numeric":
        return _numeric(q)
    return _matching(quiz, q, notes)


def gift(course: Course) -> Exported:
    """Every quiz of ``course`` as GIFT, one ``$CATEGORY`` per quiz; ordering questions left out."""
    notes = Notes()
    blocks = [
        f"// {course.config.id} {course.config.version} ({course.language}): scormbuild export"
    ]
    count = skipped = 0
    for quiz in course.quizzes:
        quiz_settings_notes(notes, quiz)
        path = "/".join(
            p.replace("/", "//") for p in (course_category(course), category_name(quiz))
        )
        # Moodle takes the $CATEGORY line as it stands, GIFT's escapes included ('\{' would stay
        # '&&123;'); only a doubled backslash is read back as one.
        literal = path.replace("\\", "\\\\")
        blocks.append(f"$CATEGORY: $course$/top/{literal}")
        for q in quiz.questions:
            if q.type == "ordering":
                notes.question(
                    quiz,
                    q,
                    "GIFT cannot express an ordering question; it is left out",
                    hint="use --format moodle-xml, which has ordering",
                )
                skipped += 1
                continue
            _losses(quiz, q, notes)
            partial_credit_notes(notes, quiz, q)
            qname = name(quiz, q)
            blocks.append(
                f"// [id:{qname}]\n::{escape(qname)}::[html]{_html(q.prompt_html)}"
                f"{{{_body(quiz, q, notes)}}}"
            )
            count += 1
    return Exported("\n\n".join(blocks) + "\n", count, skipped, tuple(notes.items))
