"""A Moodle settings sheet per package: the SCORM activity settings that match how it reports.

An LMS admin who imports ``<id>-<version>[-<lang>].zip`` finds ``...-moodle.md`` beside it:
what the package reports, the value to choose for each ``mod_scorm`` setting (named as in
Moodle's English interface) and why, what Moodle then does, and a checklist for the import.
The words are per-language templates of the theme (``templates/moodle-sheet/en.md``; a course's
``templates/moodle-sheet/LANG.md`` replaces one); this module gathers the facts. The text
depends only on the course, so the file is as reproducible as the package.
"""

from __future__ import annotations

from typing import Any

import jinja2

from scormbuild.model import Course
from scormbuild.package.suspend_data import LIMIT, scopes, worst_case_length
from scormbuild.render.theme import course_template_errors
from scormbuild.strings import Catalog


def sheet_name(package: str) -> str:
    """``<package stem>-moodle.md``, beside the package."""
    return f"{package.removesuffix('.zip')}-moodle.md"


def sheet_facts(course: Course, package: str) -> dict[str, Any]:
    """Everything the sheet's template is given (docs/lms-admins.md lists the names)."""
    cfg = course.config
    graded_quizzes = [q for q in course.quizzes if q.graded]
    example = next(
        (f"{q.id}.{q.questions[0].id}" for q in graded_quizzes if q.questions), "quiz.question"
    )
    t = Catalog(course.language, cfg.strings)
    return {
        "package": package,
        "title": cfg.title,
        "version": cfg.version,
        "language": course.language,
        "multi": cfg.sco_mode == "multi",
        "modules": [
            {"title": m.title, "graded": any(q.graded for q in m.quizzes)} for m in course.modules
        ],
        "mastery": cfg.mastery_score,
        "graded": bool(graded_quizzes),
        "viewed_rule": "viewed" in cfg.completion,
        "passed_rule": "passed" in cfg.completion,
        "limited": [{"id": q.id, "attempts": q.attempts} for q in graded_quizzes if q.attempts],
        "unlimited": [q.id for q in graded_quizzes if not q.attempts],
        "example_interaction": example,
        "suspend_data_longest": max(worst_case_length(s) for s in scopes(course)),
        "suspend_data_limit": LIMIT,
        # What the learner reads on the page, in the course language, for the checklist.
        "says": {k: t(k) for k in ("not_tracked", "mode_review", "status_passed")},
    }


def moodle_sheet(env: jinja2.Environment, course: Course, package: str) -> str:
    """The settings sheet of ``course``'s package ``package`` (its file name), as Markdown.

    The template of the course language (its primary subtag) is used, else the English one; a
    mistake in a course's own template is reported at its line.
    """
    lang = course.language.split("-")[0].lower()
    with course_template_errors(env):
        template = env.select_template([f"moodle-sheet/{lang}.md", "moodle-sheet/en.md"])
        return template.render(**sheet_facts(course, package))
