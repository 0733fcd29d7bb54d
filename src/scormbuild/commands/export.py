"""``scormbuild export``: the course's quizzes as a question bank file for Moodle.

The course is loaded and checked as ``build`` does (nothing is written when it has errors),
then one language's quizzes are written as Moodle XML or GIFT, atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scormbuild.errors import CourseError, Problem, error
from scormbuild.export.base import Exported, ExportFormat
from scormbuild.export.gift import gift
from scormbuild.export.moodle_xml import moodle_xml
from scormbuild.model import Course
from scormbuild.package.write import save_text
from scormbuild.pipeline import gather, package_name

SUFFIX = {"moodle-xml": "-questions.xml", "gift": "-questions.gift.txt"}


@dataclass(frozen=True)
class ExportResult:
    """The written file (None: standard output) and what the export could not carry."""

    path: Path | None
    exported: Exported
    course: Course

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.exported.warnings


def default_name(course: Course, multilingual: bool, fmt: ExportFormat) -> str:
    """``<package name>-questions.xml`` or ``-questions.gift.txt`` (Moodle takes .txt for GIFT)."""
    return package_name(course, multilingual).removesuffix(".zip") + SUFFIX[fmt]


def export(
    course_dir: Path,
    fmt: ExportFormat,
    out: Path | None = None,
    *,
    language: str | None = None,
    out_dir: Path = Path("dist"),
) -> tuple[ExportResult, str]:
    """Export one language of the course (default: its primary language).

    ``out`` is the file to write (``-`` for standard output: the text is returned and nothing
    is written); by default ``<out_dir>/<package name>-questions.<ext>``.
    """
    loaded = gather(course_dir).or_raise()
    by_language = {c.language: c for c in loaded.courses}
    lang = language or loaded.config.language
    course = by_language.get(lang)
    if course is None:
        known = ", ".join(by_language)
        raise CourseError(
            [
                error(
                    "course.yml",
                    None,
                    f"the course has no language '{lang}'",
                    hint=f"languages: {known}",
                )
            ]
        )
    exported = moodle_xml(course) if fmt == "moodle-xml" else gift(course)
    if out is not None and str(out) == "-":
        return ExportResult(None, exported, course), exported.text
    path = out or out_dir / default_name(course, len(loaded.courses) > 1, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_text(exported.text, path)
    return ExportResult(path, exported, course), exported.text
