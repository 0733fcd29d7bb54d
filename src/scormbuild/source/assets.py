"""The course's assets/ folder: every file that goes into the package, checked.

Only regular files are packaged. Symlinks are followed while they stay inside the course
folder (a symlinked folder once: a loop ends there); one that points out, dangles or loops is
an error, and so is a FIFO or a device. Names must be safe in a zip and a URL, and must not
differ from another's only in case (they would be one file on Windows and macOS).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from pathlib import Path

from scormbuild.errors import Problem, SourceLocation, error
from scormbuild.limits import ASSETS
from scormbuild.model import Asset, Course
from scormbuild.source.inert import check_asset, is_checked
from scormbuild.source.paths import FIX, SAFE_NAME_RE, WHAT, CourseFiles, PathProblem

FOLDER = "assets"


def scan_assets(files: CourseFiles) -> tuple[tuple[Asset, ...], list[Problem]]:
    """Every file under the course's ``assets/`` in a stable order, and the problems found."""
    try:
        kind = files.kind(FOLDER)
    except PathProblem as exc:
        return (), [error(FOLDER, None, exc.message, hint=exc.hint, code=exc.code)]
    if kind == "missing":
        return (), []
    if kind != "folder":
        return (), [error(FOLDER, None, f"'{FOLDER}' is {WHAT.get(kind, 'a file')}, not a folder")]
    assets: list[Asset] = []
    problems: list[Problem] = []
    folders, seen = [FOLDER], {files.real_inside(FOLDER)}
    while folders:
        folder = folders.pop()
        for rel in _entries(files, folder):
            try:
                kind = files.kind(rel)
                real = files.real_inside(rel)
            except PathProblem as exc:
                message = "symlink points outside the course folder"
                problems.append(error(rel, None, message, hint=exc.hint, code="path"))
                continue
            if kind == "folder":
                if real not in seen:  # a symlink back up would loop
                    seen.add(real)
                    folders.append(rel)
                continue
            if kind != "file":
                message = f"'{rel}' is {WHAT[kind]}"
                problems.append(error(rel, None, message, hint=FIX[kind], code="not-a-file"))
            elif not SAFE_NAME_RE.match(rel):
                problems.append(
                    error(
                        rel,
                        None,
                        "asset file names may use only letters A-Z, digits, '.', '-' and '_'",
                        hint="rename the file, e.g. 'kuva 1.png' -> 'kuva-1.png'",
                        code="name",
                    )
                )
            else:
                document = None
                if is_checked(rel):
                    document, found = check_asset(files, rel)
                    problems += found
                assets.append(Asset(rel, Path(real), os.stat(real).st_size, document))
        if len(assets) > ASSETS:
            message = f"more than {ASSETS} files in assets/, the limit"
            return (), [error(FOLDER, None, message, code="limit")]
    assets.sort(key=lambda a: a.path)
    return tuple(assets), problems + _case_collisions(assets)


def _entries(files: CourseFiles, folder: str) -> list[str]:
    """The course-relative paths in ``folder``, hidden ones left out."""
    with os.scandir(files.real(folder)) as entries:
        return sorted(f"{folder}/{e.name}" for e in entries if not e.name.startswith("."))


def _case_collisions(assets: list[Asset]) -> list[Problem]:
    """Names that differ only in case: one file on case-insensitive file systems and zips."""
    first: dict[str, str] = {}
    problems = []
    for asset in assets:
        other = first.setdefault(asset.path.casefold(), asset.path)
        if other != asset.path:
            problems.append(
                error(
                    asset.path,
                    None,
                    f"'{asset.path}' and '{other}' differ only in case: on Windows and macOS, "
                    "and when the package is unpacked there, they are one file",
                    hint="rename one of them",
                    code="name",
                )
            )
    return problems


def unpackaged_uses(
    courses: list[Course],
    assets: tuple[Asset, ...],
    more: list[tuple[str, SourceLocation]],
    reported: set[str],
) -> list[Problem]:
    """Files the pages use (and ``more``: the logo) that the package would not hold.

    The path gate lets only files in assets/ through; this makes sure each of them is one the
    scan packages, by the name the page uses (a folder reached again through a symlink is
    packaged once, under its first name). Files the scan has ``reported`` are left out.
    """
    packaged = reported | {a.path for a in assets}
    problems: list[Problem] = []
    for course in courses:
        for module in course.modules:
            more += [(u.path, u.at) for u in module.uses]
            more += [(i.path, i.at) for i in module.images if i.path]
    for path, at in dict.fromkeys(more):
        if path not in packaged:
            problems.append(
                error(
                    at.path,
                    at.line,
                    f"'{path}' is not in the package",
                    key=at.key,
                    hint="name the file by its own path in assets/, not through a symlinked "
                    "folder that leads to it again",
                    code="place",
                )
            )
    return problems


def language_of(path: str, languages: Sequence[str]) -> str | None:
    """The course language a file is named for, by the code before its extension
    (``assets/guide.sv.pdf``: "sv"); None for a file of every language."""
    stem, ext = posixpath.splitext(path)
    code = posixpath.splitext(stem)[1][1:]
    return code if ext and code in languages else None


def files_used(course: Course) -> set[str]:
    """The files of assets/ that ``course`` names: in its pages (raw ``<img>`` tags too), its
    glossary's definitions and its theme's images (the logo, the cover's hero image)."""
    used = {u.path for m in course.modules for u in m.uses}
    used.update(i.path for m in course.modules for i in m.images if i.path)
    used.update(f for term in course.glossary for f in term.files)
    theme = course.config.theme
    used.update(posixpath.normpath(p) for p in (theme.logo, theme.hero) if p)
    return used


def shipped_assets(course: Course, languages: Sequence[str]) -> tuple[Asset, ...]:
    """The files of assets/ that ``course``'s package ships: every one but those named for
    another of the course's ``languages`` (``guide.sv.pdf`` in the Finnish package), unless this
    language uses it: its pages, glossary or theme images, or an HTML file of assets/ it ships."""
    used = files_used(course)
    mine = (None, course.language)
    kept = {a.path for a in course.assets if language_of(a.path, languages) in mine} | used
    documents = [a for a in course.assets if a.document is not None and a.path in kept]
    return tuple(
        a for a in course.assets if a.path in kept or any(_names(d, a.path) for d in documents)
    )


def _names(document: Asset, path: str) -> bool:
    """Whether the HTML file ``document`` of assets/ refers to the file ``path``."""
    assert document.document is not None
    relative = posixpath.relpath(path, posixpath.dirname(document.path))
    return relative in document.document.body_html
