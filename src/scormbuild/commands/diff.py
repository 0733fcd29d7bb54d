"""``scormbuild diff OLD NEW``: compare two versions of a course before an update.

Each side is a package (a zip, or an unpacked folder) or a course folder, built in memory
as ``build`` would (nothing is written). Packages are paired by language.
"""

from __future__ import annotations

from pathlib import Path

from scormbuild.diff.read import (
    COURSE_DATA,
    DiffInputError,
    Package,
    from_files,
    read_zip_or_folder,
)
from scormbuild.diff.report import Comparison, DiffReport, compare
from scormbuild.errors import error
from scormbuild.package.manifest import MANIFEST_NAME
from scormbuild.pipeline import gather, package_files, package_name
from scormbuild.render.theme import make_environment


def is_course_folder(path: Path) -> bool:
    """A course's source folder (course.yml), not an unpacked package (imsmanifest.xml)."""
    return path.is_dir() and (path / "course.yml").is_file() and not (path / MANIFEST_NAME).exists()


def read_course_folder(path: Path) -> list[Package]:
    """One package per language, built in memory; a course with errors fails as ``build``."""
    loaded = gather(path).or_raise()
    env = make_environment(loaded.courses[0].templates)
    out = []
    for course in loaded.courses:
        files = {f.path: f.data for f in package_files(course, env)}
        manifest, data = files.get(MANIFEST_NAME), files.get(COURSE_DATA)
        assert manifest is not None and data is not None  # every build makes both
        name = package_name(course, len(loaded.courses) > 1)
        out.append(from_files(f"{path}/{name}", manifest, data))
    return out


def read_side(path: Path) -> list[Package]:
    """Every package of one side."""
    if is_course_folder(path):
        return read_course_folder(path)
    return [read_zip_or_folder(path)]


def pair(old: list[Package], new: list[Package], by_language: bool) -> list[Comparison]:
    """Packages of the same language compared (two course folders: every language, added
    and dropped ones said). A package is compared with the other side's package of its
    language, or with its first one (another language is then said)."""
    if not by_language:
        one, many = (old[0], new) if len(old) == 1 else (new[0], old)
        other = next((p for p in many if p.language == one.language), many[0])
        return [compare(one, other) if len(old) == 1 else compare(other, one)]
    by_old = {p.language: p for p in old}
    by_new = {p.language: p for p in new}
    langs = [p.language for p in new] + [p.language for p in old if p.language not in by_new]
    return [compare(by_old.get(lang), by_new.get(lang)) for lang in langs]


def diff(old: Path, new: Path) -> DiffReport:
    """Compare ``old`` with ``new``; raises :class:`DiffInputError` for an unusable side."""
    sides = []
    for path in (old, new):
        if not path.exists():
            hint = "name a package (.zip), an unpacked package or a course folder"
            raise DiffInputError([error(str(path), None, "no such file or folder", hint=hint)])
        sides.append(read_side(path))
    folders = is_course_folder(old) and is_course_folder(new)
    return DiffReport(str(old), str(new), tuple(pair(sides[0], sides[1], by_language=folders)))
