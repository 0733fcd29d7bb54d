"""The language versions of a course must agree in everything but their words."""

from __future__ import annotations

import posixpath
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
    languages = {m.source: c.language for c in courses for m in c.modules}
    for module, ref in counterparts(courses):
        if [q.id for q in ref.quizzes] != [q.id for q in module.quizzes]:
            problems.append(
                error(
                    module.source,
                    None,
                    f"quizzes differ from {ref.source}: "
                    f"{[q.id for q in module.quizzes]} vs {[q.id for q in ref.quizzes]}",
                    code="parity",
                    hint="each language's module has the same quizzes, by id, in the same order",
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
                        hint="only the texts are translated: graded, pool, attempts, shuffle_* "
                        "and show_answers stay the same in every language",
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
                        hint="each language's quiz has the same questions, by id, in the same "
                        "order",
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
                            hint="only the texts are translated: the type, the points and which "
                            "answers are right stay the same in every language",
                        )
                    )
        problems += _media_problems(ref, languages[ref.source], module, languages[module.source])
    return problems


def _media(module: Module, language: str) -> dict[str, tuple[str, int | None]]:
    """The files a module uses (captions aside), each with the name it counts as in every
    language and the line where it is first used. A file named with the module's language
    code before its extension (``guide.sv.pdf`` in Swedish) counts as ``guide.pdf``: each
    language may use its own."""
    found: dict[str, tuple[str, int | None]] = {}
    own = f".{language}"
    for use in module.uses:
        if not use.path.endswith(".vtt"):
            stem, ext = posixpath.splitext(use.path)
            found.setdefault(use.path, (stem.removesuffix(own) + ext, use.at.line))
    return found


MEDIA_HINT = (
    "use the same file in every language, or each language's own, named with its language "
    "code before the extension (guide.pdf, guide.sv.pdf)"
)


def _unmatched(
    media: dict[str, tuple[str, int | None]], other: dict[str, tuple[str, int | None]]
) -> list[tuple[str, int | None]]:
    """The files of ``media`` that ``other`` uses neither as they are nor in its language."""
    names = {name for name, _line in other.values()}
    return [
        (path, line)
        for path, (name, line) in sorted(media.items())
        if path not in other and name not in names
    ]


def _media_problems(ref: Module, ref_language: str, module: Module, language: str) -> list[Problem]:
    """Media used in one language version of a module and not the other."""
    media_a, media_b = _media(ref, ref_language), _media(module, language)
    a, b = ref.source, module.source
    problems = [
        error(a, line, f"media differ in {b}: {m} is missing there", code="parity", hint=MEDIA_HINT)
        for m, line in _unmatched(media_a, media_b)
    ]
    problems += [
        error(
            b, line, f"media differ from {a}: {m} is not used there", code="parity", hint=MEDIA_HINT
        )
        for m, line in _unmatched(media_b, media_a)
    ]
    return problems
