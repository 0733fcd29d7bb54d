"""The language versions of a course must agree in everything but their words."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from scormbuild.errors import Problem, error
from scormbuild.model import Course, Module, Question, Quiz


def _answer_key(q: Question) -> tuple[Any, ...]:
    return (
        q.type,
        q.points,
        tuple((c.id, c.correct) for c in q.choices),
        q.numeric,
        len(q.pairs),
        len(q.items),
        bool(q.answers),
    )


def _quiz_key(quiz: Quiz) -> tuple[Any, ...]:
    return (
        quiz.graded,
        quiz.pool,
        quiz.attempts,
        quiz.shuffle_questions,
        quiz.shuffle_choices,
        quiz.show_answers,
    )


def counterparts(courses: Sequence[Course]) -> Iterator[tuple[Module, Module]]:
    """Each module of a language version with the primary's module of the same slug."""
    base = {m.slug: m for m in courses[0].modules}
    for course in courses[1:]:
        for module in course.modules:
            ref = base.get(module.slug)
            if ref is not None:
                yield module, ref


def check_parity(courses: Sequence[Course]) -> list[Problem]:
    """Problems where a language version differs from the first (the primary) in structure."""
    problems: list[Problem] = []
    for module, ref in counterparts(courses):
        if [q.id for q in ref.quizzes] != [q.id for q in module.quizzes]:
            problems.append(
                error(
                    module.source,
                    None,
                    f"quizzes differ from {ref.source}: "
                    f"{[q.id for q in module.quizzes]} vs {[q.id for q in ref.quizzes]}",
                    code="parity",
                )
            )
            continue
        for qa, qb in zip(ref.quizzes, module.quizzes, strict=True):
            if _quiz_key(qa) != _quiz_key(qb):
                problems.append(
                    error(
                        qb.source,
                        qb.line,
                        f"quiz '{qb.id}' settings differ from {qa.source}",
                        code="parity",
                    )
                )
            ids_a = [q.id for q in qa.questions]
            ids_b = [q.id for q in qb.questions]
            if ids_a != ids_b:
                problems.append(
                    error(
                        qb.source,
                        qb.line,
                        f"question ids differ from {qa.source}: {ids_b} vs {ids_a}",
                        code="parity",
                    )
                )
                continue
            for a, b in zip(qa.questions, qb.questions, strict=True):
                if _answer_key(a) != _answer_key(b):
                    problems.append(
                        error(
                            qb.source,
                            b.line,
                            f"question '{b.id}' differs from {a.source} "
                            "in type, points or answer key",
                            code="parity",
                        )
                    )
        problems += _media_problems(ref, module)
    return problems


def _media(module: Module) -> dict[str, int | None]:
    """The files a module uses (captions aside), each with the line where it is first used."""
    lines: dict[str, int | None] = {}
    for use in module.uses:
        if not use.path.endswith(".vtt"):
            lines.setdefault(use.path, use.at.line)
    return lines


def _media_problems(ref: Module, module: Module) -> list[Problem]:
    """Media used in one language version of a module and not the other."""
    media_a, media_b = _media(ref), _media(module)
    a, b = ref.source, module.source
    problems = [
        error(a, line, f"media differ in {b}: {m} is missing there", code="parity")
        for m, line in sorted(media_a.items())
        if m not in media_b
    ]
    problems += [
        error(b, line, f"media differ from {a}: {m} is not used there", code="parity")
        for m, line in sorted(media_b.items())
        if m not in media_a
    ]
    return problems
