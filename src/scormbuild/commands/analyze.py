"""``scormbuild analyze``: item analysis from the reports of a Moodle SCORM activity.

Reads the report (and any Track details), loads the course when given (as ``check`` does:
with errors, nothing is analysed), and writes the analysis as a table, JSON or CSV, and an
HTML page when asked. Names and ids of learners never reach any output.
"""

from __future__ import annotations

from pathlib import Path

from scormbuild.analyze.analysis import Analysis, analyze
from scormbuild.analyze.html import to_html
from scormbuild.analyze.output import to_csv, to_json, to_text
from scormbuild.errors import CourseError, error
from scormbuild.model import Course
from scormbuild.package.write import save_text
from scormbuild.pipeline import gather

FORMATS = {"text": to_text, "json": to_json, "csv": to_csv}


def course_for(course_dir: Path, language: str | None) -> Course:
    """The course in ``language`` (default: its primary language), loaded and checked."""
    loaded = gather(course_dir).or_raise()
    by_language = {c.language: c for c in loaded.courses}
    lang = language or loaded.config.language
    if lang not in by_language:
        raise CourseError(
            [
                error(
                    "course.yml",
                    None,
                    f"the course has no language '{lang}'",
                    hint="languages: " + ", ".join(by_language),
                )
            ]
        )
    return by_language[lang]


def run(
    reports: list[Path],
    course_dir: Path | None,
    *,
    output: str = "text",
    html: Path | None = None,
    language: str | None = None,
) -> tuple[Analysis, str]:
    """Analyze ``reports``; the analysis and its text in ``output`` format (HTML written)."""
    course = course_for(course_dir, language) if course_dir is not None else None
    analysis = analyze(reports, course)
    if html is not None:
        html.parent.mkdir(parents=True, exist_ok=True)
        save_text(to_html(analysis), html)
    return analysis, FORMATS[output](analysis)
