"""``scormbuild check``: every problem of a course in one run, printed as text or JSON.

The checks are the ones ``build`` runs first (loading, then :func:`check_course`); here a
failure to load is not an exception but part of the report, so authors see everything at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scormbuild.errors import CourseError, Problem
from scormbuild.source.checks import check_course
from scormbuild.source.load import load_course


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


def problem_dict(problem: Problem) -> dict[str, Any]:
    """One problem as a flat JSON object."""
    loc = problem.location
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "key": loc.key,
        "level": problem.level,
        "code": problem.code,
        "message": problem.message,
        "hint": problem.hint,
    }


def collect_problems(course_dir: Path) -> list[Problem]:
    """Every problem of the course: loading errors, or else the checks' findings."""
    try:
        loaded = load_course(course_dir)
    except CourseError as exc:
        # The loader raises with warnings included; checks need a loaded course, so they
        # run on the next try, once the errors are fixed.
        return list(exc.problems)
    return list(loaded.warnings) + check_course(loaded)


def promote(problems: list[Problem]) -> list[Problem]:
    """``--strict``: every warning becomes an error."""
    return [Problem(p.location, p.message, "error", p.hint, p.code) for p in problems]


def unique_sorted(problems: list[Problem]) -> tuple[Problem, ...]:
    """Problems in location order, exact repeats (e.g. one per language) collapsed."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in sorted(problems, key=lambda p: (p.location.sort_key(), p.level, p.message)):
        key = (p.location, p.level, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return tuple(out)


def check(course_dir: Path, *, strict: bool = False) -> CheckReport:
    """Load and check ``course_dir``; never raises for problems in the course."""
    problems = collect_problems(course_dir)
    if strict:
        problems = promote(problems)
    return CheckReport(course_dir, unique_sorted(problems), strict)
