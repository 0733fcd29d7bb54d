"""The course's own ``templates/``: checked and read once, the only time they are read.

The loader makes sure that each is a regular file inside the course, under the size limit,
and that there are not too many; it keeps their texts in the model
(:class:`~scormbuild.model.CourseTemplates`), which the renderer serves before the built-in
theme (:mod:`scormbuild.render.theme`), and it records the files of ``assets/`` they name,
written out or put together (:func:`scormbuild.source.assets.template_names`), so that what
a package ships and ``check``'s 'asset is not used' count them.
"""

from __future__ import annotations

import os
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from scormbuild.errors import Problem, error, warning
from scormbuild.limits import MB, TEMPLATE_BYTES, TEMPLATE_NAMES, TEMPLATES
from scormbuild.model import CourseTemplates
from scormbuild.source.assets import matching, names_written, template_names
from scormbuild.source.paths import FIX, WHAT, CourseFiles, PathProblem

FOLDER = "templates"


@dataclass(frozen=True)
class TemplateUses:
    """The files of ``assets/`` a course's own templates name."""

    named: frozenset[str] = frozenset()  # written out: used by every language's pages
    matched: frozenset[str] = frozenset()  # what a name they put together may be


Scanned = tuple[TemplateUses, CourseTemplates | None, list[Problem]]


def scan_templates(files: CourseFiles, paths: Set[str]) -> Scanned:
    """The files among ``paths`` (those of ``assets/``) the course's templates name, the
    templates' texts (None without a ``templates/`` folder), and what is wrong with them: a
    symlink out of the course, a FIFO or a device, a file over the size limit, too many files.
    Each file is read once, here."""
    try:
        if files.kind(FOLDER) != "folder":
            return TemplateUses(), None, []
    except PathProblem as exc:
        return TemplateUses(), None, [error(FOLDER, None, exc.message, hint=exc.hint,
                                            code=exc.code)]  # fmt: skip
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    undecodable: dict[str, tuple[int, int]] = {}
    links: dict[str, str | None] = {}
    written: set[str] = set()
    together: set[str] = set()
    count = 0
    top = files.real(FOLDER)
    real_top = os.path.realpath(top)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        base = os.path.relpath(dirpath, files.root_real).replace(os.sep, "/")
        under = os.path.relpath(dirpath, top).replace(os.sep, "/")  # the templates' names
        for name in sorted(filenames) + [d for d in dirnames if os.path.islink(Path(dirpath, d))]:
            rel = f"{base}/{name}"
            key = name if under == "." else f"{under}/{name}"
            count += 1
            if count > TEMPLATES:
                message = f"more than {TEMPLATES} files in templates/, the limit"
                hint = "keep only the templates the course overrides; media go in assets/"
                return TemplateUses(), None, [error(FOLDER, None, message, hint=hint, code="limit")]
            data, problem = _read(files, rel)
            if problem is not None:
                problems.append(problem)
            elif os.path.islink(path := os.path.join(dirpath, name)):
                # The renderer follows it only inside templates/, as a folder's loader would.
                real = os.path.relpath(os.path.realpath(path), real_top).replace(os.sep, "/")
                links[key] = None if real == ".." or real.startswith("../") else real
            if data is None:
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                # The renderer reports it at the template; its names are read all the same.
                undecodable[key] = (data.count(b"\n", 0, exc.start) + 1, data[exc.start])
                text = data.decode("utf-8", "replace")
            texts[key] = text
            names, patterns = template_names(text)
            written |= names
            fresh = patterns - together
            if len(together) + len(fresh) > TEMPLATE_NAMES:
                problems.append(_too_many_names(rel))
                fresh = set(sorted(fresh)[: max(TEMPLATE_NAMES - len(together), 0)])
            together |= fresh
    uses = TemplateUses(names_written(written, paths), matching(together, paths))
    folder = Path(files.root, FOLDER)
    return uses, CourseTemplates(folder, texts, undecodable, links), problems


def _read(files: CourseFiles, rel: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of the template ``rel`` (None for a folder or one that cannot be read), and
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
        return files.read_bytes(rel, TEMPLATE_BYTES), None
    except PathProblem as exc:
        return None, error(rel, None, exc.message, hint=exc.hint, code=exc.code)


def _too_many_names(rel: str) -> Problem:
    message = (
        f"more than {TEMPLATE_NAMES} file names put together in templates/ "
        "('assets/{{ ... }}.pdf'): the rest do not count as uses of assets/"
    )
    hint = "name the files in the course's data (a module, the glossary) or write them out"
    return warning(rel, None, message, hint=hint, code="limit")


__all__ = ["FOLDER", "Scanned", "TemplateUses", "scan_templates"]
