"""The course's own ``templates/``: checked and read once, for what the loader needs of them.

The renderer finds them through the theme's search path (:mod:`scormbuild.render.theme`).
Before that, the loader makes sure that each is a regular file inside the course, under the
size limit, and that there are not too many; and it records the files of ``assets/`` they
name, written out or put together (:func:`scormbuild.source.assets.template_names`), so that
what a package ships and ``check``'s 'asset is not used' count them.
"""

from __future__ import annotations

import os
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from scormbuild.errors import Problem, error, warning
from scormbuild.limits import MB, TEMPLATE_BYTES, TEMPLATE_NAMES, TEMPLATES
from scormbuild.source.assets import matching, names_written, template_names
from scormbuild.source.paths import FIX, WHAT, CourseFiles, PathProblem

FOLDER = "templates"


@dataclass(frozen=True)
class TemplateUses:
    """The files of ``assets/`` a course's own templates name."""

    named: frozenset[str] = frozenset()  # written out: used by every language's pages
    matched: frozenset[str] = frozenset()  # what a name they put together may be


def scan_templates(files: CourseFiles, paths: Set[str]) -> tuple[TemplateUses, list[Problem]]:
    """The files among ``paths`` (those of ``assets/``) the course's templates name, and what
    is wrong with the templates: a symlink out of the course, a FIFO or a device, a file over
    the size limit, too many files. Each file is read once, here."""
    try:
        if files.kind(FOLDER) != "folder":
            return TemplateUses(), []
    except PathProblem as exc:
        return TemplateUses(), [error(FOLDER, None, exc.message, hint=exc.hint, code=exc.code)]
    problems: list[Problem] = []
    written: set[str] = set()
    together: set[str] = set()
    count = 0
    for dirpath, dirnames, filenames in os.walk(files.real(FOLDER)):
        dirnames.sort()
        base = os.path.relpath(dirpath, files.root_real).replace(os.sep, "/")
        for name in sorted(filenames) + [d for d in dirnames if os.path.islink(Path(dirpath, d))]:
            rel = f"{base}/{name}"
            count += 1
            if count > TEMPLATES:
                message = f"more than {TEMPLATES} files in templates/, the limit"
                hint = "keep only the templates the course overrides; media go in assets/"
                return TemplateUses(), [error(FOLDER, None, message, hint=hint, code="limit")]
            text, problem = _read(files, rel)
            if problem is not None:
                problems.append(problem)
            if text is None:
                continue
            names, patterns = template_names(text)
            written |= names
            fresh = patterns - together
            if len(together) + len(fresh) > TEMPLATE_NAMES:
                problems.append(_too_many_names(rel))
                fresh = set(sorted(fresh)[: max(TEMPLATE_NAMES - len(together), 0)])
            together |= fresh
    uses = TemplateUses(names_written(written, paths), matching(together, paths))
    return uses, problems


def _read(files: CourseFiles, rel: str) -> tuple[str | None, Problem | None]:
    """The text of the template ``rel`` (None for a folder or one that cannot be read), and
    why it cannot be used, if it cannot."""
    try:
        kind = files.kind(rel)
        if kind == "folder":
            return None, None
        if kind != "file":
            message = f"'{rel}' is {WHAT[kind]}"
            return None, error(rel, None, message, hint=FIX[kind], code="not-a-file")
        if os.stat(files.real(rel)).st_size > TEMPLATE_BYTES:
            message = f"'{rel}' is larger than {TEMPLATE_BYTES // MB} MB, the limit for it"
            hint = "a template is a page's markup: keep large files in assets/"
            return None, error(rel, None, message, hint=hint, code="too-large")
        # Not UTF-8: the renderer reports it at the template; its names are read all the same.
        return files.read_bytes(rel, TEMPLATE_BYTES).decode("utf-8", "replace"), None
    except PathProblem as exc:
        return None, error(rel, None, exc.message, hint=exc.hint, code=exc.code)


def _too_many_names(rel: str) -> Problem:
    message = (
        f"more than {TEMPLATE_NAMES} file names put together in templates/ "
        "('assets/{{ ... }}.pdf'): the rest do not count as uses of assets/"
    )
    hint = "name the files in the course's data (a module, the glossary) or write them out"
    return warning(rel, None, message, hint=hint, code="limit")


__all__ = ["FOLDER", "TemplateUses", "scan_templates"]
