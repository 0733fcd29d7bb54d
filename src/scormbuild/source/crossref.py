"""What only the whole course can tell: duplicate ids, and links between modules."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from scormbuild.errors import Problem, error
from scormbuild.model import Module
from scormbuild.options import did_you_mean


def check_references(modules: Sequence[Module], slugs: set[str]) -> list[Problem]:
    """Duplicate quiz and question ids, and links to missing modules or anchors.

    ``modules`` are one language's modules, those read with errors included; ``slugs``
    names every module of the course, read or not: a link to a module that could not be
    read is not reported again (that module's own errors say what is wrong).
    """
    return _duplicate_ids(modules) + _broken_links(modules, slugs)


_UNIQUE = "rename one of them: each quiz id and question id is used once in the whole course"


def _duplicate_ids(modules: Sequence[Module]) -> list[Problem]:
    problems: list[Problem] = []
    quiz_ids: dict[str, str] = {}
    question_ids: dict[str, str] = {}
    for quiz in (q for m in modules for q in m.quizzes):
        if quiz.id in quiz_ids:
            message = f"duplicate quiz id '{quiz.id}' (also in {quiz_ids[quiz.id]})"
            problems.append(error(quiz.source, quiz.line, message, hint=_UNIQUE, code="duplicate"))
        quiz_ids.setdefault(quiz.id, f"{quiz.source}:{quiz.line}")
        for q in quiz.questions:
            if q.id in question_ids:
                message = f"duplicate question id '{q.id}' (also in {question_ids[q.id]})"
                problems.append(error(quiz.source, q.line, message, hint=_UNIQUE, code="duplicate"))
            question_ids.setdefault(q.id, q.source)
    return problems


def _broken_links(modules: Sequence[Module], slugs: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    anchors = {m.slug: m.anchors for m in modules}
    headings = {
        m.slug: [f"#{a}" for a in (m.anchor, *(h.anchor for h in m.headings)) if a] for m in modules
    }
    for module in modules:
        folder = posixpath.dirname(module.source)
        for link in module.links:
            slug = posixpath.basename(link.target).removesuffix(".md")
            own = link.target == module.source
            target = module.anchors if own else anchors.get(slug)
            where, line = link.at.path, link.at.line
            if target is None and slug not in slugs:
                message = f"link to '{link.target}', which is not a module of this course"
                names = [posixpath.relpath(f"modules/{s}.md", folder) for s in sorted(slugs)]
                wrote = posixpath.relpath(link.target, folder)
                hint = did_you_mean(wrote, names, "modules")
                problems.append(error(where, line, message, hint=hint, code="link"))
            elif target is not None and link.anchor and link.anchor not in target:
                message = f"link to missing anchor '#{link.anchor}' in {link.target}"
                hint = did_you_mean(
                    f"#{link.anchor}",
                    [f"#{a}" for a in target],
                    "its headings",
                    headings.get(module.slug if own else slug, []),
                )
                problems.append(error(where, line, message, hint=hint, code="anchor"))
    return problems
