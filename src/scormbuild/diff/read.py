"""What ``diff`` reads of each side: the package's own manifest and course data.

A side is a package (a zip, or an unpacked folder) or a course folder, which is built in
memory exactly as ``build`` would, one package per language. Packages come from anywhere:
they are read with ``validate``'s safe reader (nothing extracted, zip bombs refused) and
every value taken from their course data is checked for its type before it is used.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scormbuild.errors import Failure, SourceLocation, error
from scormbuild.package.manifest import ADLCP_NS, MANIFEST_NAME
from scormbuild.validate.archive import Limits, UnusableInput, read_package
from scormbuild.validate.rules import parse_manifest

COURSE_DATA = "scormbuild/course-data.js"
_PREFIX = b"window.SCORMBUILD_COURSE = "


@dataclass(frozen=True)
class Package:
    """One package as ``diff`` sees it: its course data and its manifest's SCOs."""

    source: str  # what the user named, for messages
    data: dict[str, Any]  # window.SCORMBUILD_COURSE, checked by :func:`check_data`
    items: tuple[str, ...]  # the identifiers of the manifest's SCO items, in order
    mastery: int | None  # adlcp:masteryscore of the first SCO: what Moodle stores

    @property
    def language(self) -> str:
        return str(self.data["lang"])

    @property
    def version(self) -> str:
        return str(self.data.get("version") or "")

    @property
    def state_format(self) -> str:
        """The saved-state format its runtime writes ("1" before formats were named)."""
        return str(self.data.get("state") or "1")


class DiffInputError(Failure):
    """A side that cannot be compared: not a scormbuild package, unsafe or malformed."""


def _fail(path: str, message: str, hint: str | None = None) -> DiffInputError:
    return DiffInputError([error(path, None, message, hint=hint, code="diff-input")])


# The course data diff relies on: key -> type(s), per level (required, then optional).
_STR, _NUM = (str,), (int, float)
_COURSE = {"id": _STR, "lang": _STR, "fp": _STR, "modules": (list,), "quizzes": (list,)}
_COURSE_OPT = {
    "mastery": (int, type(None)),
    "completion": (list,),
    "version": _STR,
    "key": _STR,
    "state": _STR,
    "multi": (bool,),
}
_MODULE = {"id": _STR, "title": _STR}
_MODULE_OPT = {"k": _STR, "h": _STR}
_QUIZ = {
    "id": _STR,
    "module": _STR,
    "graded": (bool,),
    "attempts": (int,),
    "drawn": (int,),
    "questions": (list,),
}
_QUIZ_OPT = {"title": _STR, "k": _STR, "sk": _STR, "max": _NUM}
_QUESTION = {"id": _STR, "type": _STR}
_QUESTION_OPT = {"h": _STR, "points": _NUM}


def _check(
    obj: object,
    required: Mapping[str, tuple[type, ...]],
    optional: Mapping[str, tuple[type, ...]],
    where: str,
    path: str,
) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise _fail(path, f"{where} is not an object")
    for key, kinds in (*required.items(), *optional.items()):
        if key not in obj:
            if key in required:
                raise _fail(path, f"{where} lacks '{key}'")
            continue
        value = obj[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise _fail(path, f"{where}: '{key}' has the wrong type")
    return obj


def check_data(data: object, path: str) -> dict[str, Any]:
    """The course data, every part diff uses checked for its type."""
    course = _check(data, _COURSE, _COURSE_OPT, "the course data", path)
    for i, m in enumerate(course["modules"]):
        _check(m, _MODULE, _MODULE_OPT, f"module {i + 1}", path)
    for i, quiz in enumerate(course["quizzes"]):
        _check(quiz, _QUIZ, _QUIZ_OPT, f"quiz {i + 1}", path)
        for j, q in enumerate(quiz["questions"]):
            _check(q, _QUESTION, _QUESTION_OPT, f"question {j + 1} of quiz {quiz['id']}", path)
    return course


def parse_course_data(raw: bytes, path: str) -> dict[str, Any]:
    """``window.SCORMBUILD_COURSE = {...};`` as written by ``build``."""
    text = raw.strip()
    if not text.startswith(_PREFIX) or not text.endswith(b";"):
        raise _fail(path, "not the course data of a scormbuild package")
    try:
        data = json.loads(text[len(_PREFIX) : -1].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _fail(path, f"the course data is not readable JSON: {exc}") from None
    return check_data(data, path)


def manifest_facts(raw: bytes, path: str) -> tuple[tuple[str, ...], int | None]:
    """The SCO items' identifiers and the mastery score Moodle reads from the manifest."""
    root, problems = parse_manifest(raw)
    if root is None:
        raise DiffInputError(
            [replace(p, location=SourceLocation(path, p.location.line)) for p in problems]
        )
    items: list[str] = []
    mastery: int | None = None
    for item in root.iter("{*}item"):
        if not item.get("identifierref"):
            continue
        items.append(item.get("identifier") or "")
        found = item.find(f"{{{ADLCP_NS}}}masteryscore")
        if mastery is None and found is not None and (found.text or "").strip().isdigit():
            mastery = int((found.text or "").strip())
    return tuple(items), mastery


def read_zip_or_folder(path: Path, limits: Limits | None = None) -> Package:
    """A package (zip or unpacked folder) that ``build`` made."""
    keep = frozenset({COURSE_DATA})
    try:
        contents = read_package(path, limits or Limits(), keep)
    except UnusableInput as exc:
        raise _fail(str(path), str(exc)) from None
    refused = [p for p in contents.problems if p.level == "error"]
    if refused:
        where = f"{path}: {refused[0].location.path}"
        raise _fail(where, refused[0].message, hint="check it with: scormbuild validate PACKAGE")
    if contents.manifest is None:
        raise _fail(str(path), f"no {MANIFEST_NAME}: not a SCORM package")
    if COURSE_DATA not in contents.kept:
        raise _fail(
            f"{path}: {COURSE_DATA}",
            "missing: not a package built by scormbuild",
            hint="diff compares packages that scormbuild built (or their course folders)",
        )
    data = parse_course_data(contents.kept[COURSE_DATA], f"{path}: {COURSE_DATA}")
    items, mastery = manifest_facts(contents.manifest, f"{path}: {MANIFEST_NAME}")
    return Package(str(path), data, items, mastery)


def from_files(source: str, manifest: bytes, course_data: bytes) -> Package:
    """A package from its files in memory (a course folder built without writing)."""
    data = parse_course_data(course_data, f"{source}: {COURSE_DATA}")
    items, mastery = manifest_facts(manifest, f"{source}: {MANIFEST_NAME}")
    return Package(source, data, items, mastery)
