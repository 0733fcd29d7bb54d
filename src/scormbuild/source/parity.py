"""The language versions of a course must agree in everything but their words."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any

from scormbuild.errors import Problem, error
from scormbuild.model import Question, Quiz
from scormbuild.source.modules import ModuleSource


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


def check_parity(sources: dict[str, list[ModuleSource]], languages: Sequence[str]) -> list[Problem]:
    """Problems where a language version differs from the primary one in structure."""
    primary = languages[0]
    base = {s.module.slug: s for s in sources.get(primary, [])}
    problems: list[Problem] = []
    for lang in languages[1:]:
        for src in sources.get(lang, []):
            ref = base.get(src.module.slug)
            if ref is None:
                continue
            where = src.module.source
            if [q.id for q in ref.module.quizzes] != [q.id for q in src.module.quizzes]:
                problems.append(
                    error(
                        where,
                        None,
                        f"quizzes differ from {ref.module.source}: "
                        f"{[q.id for q in src.module.quizzes]} vs "
                        f"{[q.id for q in ref.module.quizzes]}",
                        code="parity",
                    )
                )
                continue
            for qa, qb in zip(ref.module.quizzes, src.module.quizzes, strict=True):
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
            problems += _media_problems(ref, src)
    return problems


def _media_lines(src: ModuleSource) -> dict[str, int | None]:
    """The line where each image of a module appears, by course-relative path."""
    base = posixpath.dirname(src.module.source)
    lines: dict[str, int | None] = {}
    for line, url, _alt in src.images:
        path = posixpath.normpath(posixpath.join(base, url.split("#")[0]))
        lines.setdefault(path, line)
    return lines


def _media_problems(ref: ModuleSource, src: ModuleSource) -> list[Problem]:
    """Media (captions aside) used in one language version of a module and not the other."""
    media_a = {m for m in ref.media if not m.endswith(".vtt")}
    media_b = {m for m in src.media if not m.endswith(".vtt")}
    lines_a, lines_b = _media_lines(ref), _media_lines(src)
    a, b = ref.module.source, src.module.source
    problems = [
        error(a, lines_a.get(m), f"media differ in {b}: {m} is missing there", code="parity")
        for m in sorted(media_a - media_b)
    ]
    problems += [
        error(b, lines_b.get(m), f"media differ from {a}: {m} is not used there", code="parity")
        for m in sorted(media_b - media_a)
    ]
    return problems
