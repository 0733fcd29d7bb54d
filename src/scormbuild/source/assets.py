"""The course's assets/ folder: every file that goes into the package, checked.

Only regular files are packaged. Symlinks are followed while they stay inside the course
folder (a symlinked folder once: a loop ends there); one that points out, dangles or loops is
an error, and so is a FIFO or a device. Names must be safe in a zip and a URL, and must not
differ from another's only in case (they would be one file on Windows and macOS).

Each language's package leaves out the files named for another language unless something it
ships names them (:func:`shipped_assets`): its pages, glossary, theme images, the course's own
templates, or an HTML or SVG file of assets/ (:attr:`~scormbuild.model.Asset.names`).
"""

from __future__ import annotations

import os
import posixpath
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence, Set
from pathlib import Path

from scormbuild.errors import Problem, SourceLocation, error
from scormbuild.limits import ASSETS
from scormbuild.model import Asset, Course
from scormbuild.source.inert import check_asset, is_checked
from scormbuild.source.paths import FIX, SAFE_NAME_RE, WHAT, CourseFiles, PathProblem

FOLDER = "assets"
# How a text names a file: a whole run of the characters a path of assets/ is written with
# (SAFE_NAME_RE) that ends in an extension with a letter (so not a number of a drawing), a
# full stop after it aside. The path is from the text's own folder (an HTML or SVG file of
# assets/) or, in a course's template, from its 'assets' on ('{{ root }}assets/guide.sv.pdf',
# '../assets/guide.sv.pdf').
_C = "A-Za-z0-9._/-"
_RUN_RE = re.compile(rf"(?<![{_C}])([{_C}]*\.[0-9]*[A-Za-z][A-Za-z0-9]*)\.?(?![{_C}])")
# A name a course template puts together: a Jinja2 expression marks its place with ANY. No
# brace inside, so that each '{{' is looked at once (a text of them never closed is no hang).
ANY = "\0"
_EXPRESSION_RE = re.compile(r"\{\{[^{}]*\}\}")
_TOGETHER_RE = re.compile(
    rf"(?<![{ANY}{_C}])([{ANY}{_C}]*\.[0-9]*[A-Za-z][A-Za-z0-9]*)\.?(?![{ANY}{_C}])"
)


def scan_assets(files: CourseFiles) -> tuple[tuple[Asset, ...], list[Problem]]:
    """Every file under the course's ``assets/`` in a stable order, and the problems found."""
    try:
        kind = files.kind(FOLDER)
    except PathProblem as exc:
        return (), [error(FOLDER, None, exc.message, hint=exc.hint, code=exc.code)]
    if kind == "missing":
        return (), []
    if kind != "folder":
        message = f"'{FOLDER}' is {WHAT.get(kind, 'a file')}, not a folder"
        hint = "make assets/ a folder: the course's images, media and documents go in it"
        return (), [error(FOLDER, None, message, hint=hint)]
    found: list[tuple[str, str]] = []  # (path, real path) of each file to package
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
                found.append((rel, real))
        if len(found) > ASSETS:
            message = f"more than {ASSETS} files in assets/, the limit"
            hint = "delete the files no module uses, or zip a large set into one download"
            return (), [error(FOLDER, None, message, hint=hint, code="limit")]
    paths = {rel for rel, _real in found}
    assets: list[Asset] = []
    for rel, real in sorted(found):
        document, names = None, frozenset[str]()
        if is_checked(rel):
            document, checked, text = check_asset(files, rel)
            problems += checked
            names = names_in(text, posixpath.dirname(rel), paths)
        assets.append(Asset(rel, Path(real), os.stat(real).st_size, document, names))
    return tuple(assets), problems + _case_collisions(assets)


def names_in(text: str, folder: str, paths: Set[str]) -> frozenset[str]:
    """The files among ``paths`` that ``text`` (of a file in ``folder``) names by their path
    from there: in a link, an image, a style's url(), or written out."""
    return _named(_RUN_RE.findall(text), folder, paths)


def _named(runs: Iterable[str], folder: str, paths: Set[str]) -> frozenset[str]:
    """The files among ``paths`` that ``runs`` (of a text in ``folder``) name."""
    named = {posixpath.normpath(posixpath.join(folder, run)) for run in set(runs)}
    return frozenset(named & paths)


def template_names(text: str) -> tuple[set[str], set[str]]:
    """The names of files of ``assets/`` a course template writes, from ``assets`` on: written
    out (``{{ root }}assets/guide.sv.pdf``), and put together (``assets/guide.{{ lang }}.pdf``),
    where each ``{{ ... }}`` stands for any part of one path segment (:data:`ANY`)."""
    written = {name for run in _RUN_RE.findall(text) if (name := _from_assets(run))}
    # The value of an expression, whatever it is, is one piece of a name.
    marked = _EXPRESSION_RE.sub(ANY, text.replace(ANY, " "))
    together = set()
    for run in _TOGETHER_RE.findall(marked):
        found = _from_assets(run) if ANY in run else None
        if found and ANY in found:
            name = posixpath.normpath(found)
            if name.startswith(f"{FOLDER}/"):  # '..' may climb out: no file of assets/ then
                together.add(name)
    return written, together


def _from_assets(run: str) -> str | None:
    """``run`` from its ``assets`` part on (a value may come before it: ``{{ root }}``)."""
    parts = run.split("/")
    for index, part in enumerate(parts):
        if part.rsplit(ANY, 1)[-1] == FOLDER:
            return "/".join([FOLDER, *parts[index + 1 :]])
    return None


def names_written(names: Iterable[str], paths: Set[str]) -> frozenset[str]:
    """The files among ``paths`` that ``names`` (course-relative, as a template writes them)
    name."""
    return _named(names, "", paths)


def matching(patterns: Iterable[str], paths: Set[str]) -> frozenset[str]:
    """The files among ``paths`` that a name in ``patterns`` may be, each :data:`ANY` in it
    standing for any part of one path segment (none of it, too)."""
    ordered = sorted(paths)
    split = [path.split("/") for path in ordered]
    found: set[str] = set()
    for pattern in patterns:
        first, last = pattern.split(ANY, 1)[0], pattern.rsplit(ANY, 1)[-1]
        segments = [segment.split(ANY) for segment in pattern.split("/")]
        # Only the paths that start as the name does: a run of the sorted ones.
        for index in range(bisect_left(ordered, first), len(ordered)):
            path = ordered[index]
            if not path.startswith(first):
                break
            if path.endswith(last) and _fits(segments, split[index]):
                found.add(path)
    return frozenset(found)


def _fits(pattern: list[list[str]], path: list[str]) -> bool:
    """Whether each segment of ``path`` may be the one of ``pattern`` (its pieces between the
    values put in). Each piece is looked for once, leftmost first: no backtracking, so a name
    of many values costs no more than its length."""
    if len(pattern) != len(path):
        return False
    for pieces, segment in zip(pattern, path, strict=True):
        head, tail = pieces[0], pieces[-1]
        if len(pieces) == 1:
            if head != segment:
                return False
            continue
        end = len(segment) - len(tail)
        if end < len(head) or not segment.startswith(head) or not segment.endswith(tail):
            return False
        at = len(head)
        for piece in pieces[1:-1]:
            at = segment.find(piece, at, end)
            if at < 0:
                return False
            at += len(piece)
    return True


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
    glossary's definitions, its theme's images (the logo, the cover's hero image) and its own
    templates."""
    used = {u.path for m in course.modules for u in m.uses} | course.template_uses
    used.update(i.path for m in course.modules for i in m.images if i.path)
    used.update(f for term in course.glossary for f in term.files)
    theme = course.config.theme
    used.update(posixpath.normpath(p) for p in (theme.logo, theme.hero) if p)
    return used


def shipped_assets(course: Course, languages: Sequence[str]) -> tuple[Asset, ...]:
    """The files of assets/ that ``course``'s package ships: every one but those named for
    another of the course's ``languages`` (``guide.sv.pdf`` in the Finnish package), unless this
    language uses it: its pages, glossary, theme images or templates, or an HTML or SVG file
    of assets/ it ships (and so on: a shipped SVG that a shipped handout names)."""
    mine = (None, course.language)
    kept = {a.path for a in course.assets if language_of(a.path, languages) in mine}
    kept |= files_used(course)
    by_path = {a.path: a for a in course.assets}
    naming = [p for p in kept if p in by_path and by_path[p].names]
    while naming:
        for name in by_path[naming.pop()].names - kept:
            kept.add(name)
            naming.append(name)
    return tuple(a for a in course.assets if a.path in kept)
