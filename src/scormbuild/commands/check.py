"""``scormbuild check``: every problem of a course in one run, printed as text or JSON.

The problems are the ones ``build`` reports, from the same :func:`~scormbuild.pipeline.gather`;
here they are the report, not an exception. A course with templates of its own has them
rendered as ``build`` renders them (nothing is written), so that a template error, or one that
goes over its budget, shows here too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scormbuild.documents.statement import gather_facts, statement
from scormbuild.errors import CourseError, Problem
from scormbuild.pipeline import Gathered, gather, package_files, package_name, problem_dict
from scormbuild.render.theme import make_environment


@dataclass(frozen=True)
class CheckReport:
    """The problems found in one course, sorted by location."""

    course: Path
    problems: tuple[Problem, ...]
    strict: bool = False

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == "warning")

    @property
    def exit_status(self) -> int:
        """1 when any problem is an error (every problem, with ``--strict``), else 0."""
        return 1 if self.errors else 0

    def summary(self) -> str:
        """One line: how many errors and warnings, or that the course is clean."""
        if not self.problems:
            return f"{self.course}: no problems found"
        n_err, n_warn = len(self.errors), len(self.warnings)
        return (
            f"{self.course}: {n_err} error{'s' if n_err != 1 else ''}, "
            f"{n_warn} warning{'s' if n_warn != 1 else ''}"
        )

    def to_text(self) -> str:
        """``path:line:column: level: message`` lines with hints, then the summary."""
        lines = [p.format() for p in self.problems]
        lines.append(self.summary())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary; the shape ``to_json`` prints."""
        return {
            "course": str(self.course),
            "strict": self.strict,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [problem_dict(p) for p in self.problems],
        }

    def to_json(self) -> str:
        """The report as indented JSON, for CI annotations."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def check(course_dir: Path, *, strict: bool = False) -> CheckReport:
    """Load and check ``course_dir``; never raises for problems in the course."""
    gathered = gather(course_dir, strict=strict)
    problems = gathered.problems + _template_problems(gathered)
    return CheckReport(course_dir, problems, strict)


def _template_problems(gathered: Gathered) -> tuple[Problem, ...]:
    """What the course's own templates refuse when every page and document is rendered
    (only a course's own templates can fail: the theme's are tested)."""
    loaded = gathered.loaded
    if loaded is None or any(p.level == "error" for p in gathered.problems):
        return ()
    templates = loaded.courses[0].templates
    if templates is None:
        return ()
    env = make_environment(templates)
    found: list[Problem] = []
    for course in loaded.courses:
        try:
            package_files(course, env)
            name = package_name(course, len(loaded.courses) > 1)
            statement(env, course, gather_facts(course, list(gathered.problems)), name)
        except CourseError as exc:
            found += exc.problems
    return tuple(dict.fromkeys(found))  # each language renders the same templates
