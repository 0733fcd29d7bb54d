"""Exceptions and source locations for user-facing errors.

Low-level code raises plain messages; the code that knows the file attaches a
:class:`SourceLocation`. Every expected failure derives from ``click.ClickException``
so the CLI exits with status 1 and a message, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal

import click

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class SourceLocation:
    """Where a problem is: a path (relative to the course when possible), a line and column."""

    path: str
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        """An ordering key that tolerates missing lines (None sorts first)."""
        return (self.path, self.line or 0, self.column or 0, self.key or "")

    def __str__(self) -> str:
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out


@dataclass(frozen=True)
class Problem:
    """One problem found in a course: where, how bad, what, and how to fix it."""

    location: SourceLocation
    message: str
    level: Level = "error"
    hint: str | None = None
    code: str = "error"

    def format(self) -> str:
        """``path:line:column: level: message (hint)``, the way compilers print it."""
        text = f"{self.location}: {self.level}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ScormBuildError(click.ClickException):
    """Base class of every expected failure; exits with status 1."""

    exit_code = 1


class ProblemsError(ScormBuildError):
    """Failures that carry their locations; printed as they are, exit status 1."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised on forked workers too: rebuilt from the problems, not from the message.
        return (type(self), (self.problems,))

    def format_message(self) -> str:
        n = sum(1 for p in self.problems if p.level == "error")
        return f"{self.message}\n{n} error{'s' if n != 1 else ''}; nothing was written."

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the problems as they are, without click's 'Error:' prefix."""
        click.echo(self.format_message(), file=file or sys.stderr)


class Failure(ProblemsError):
    """A located failure after which some files may exist: no "nothing was written" line."""

    def format_message(self) -> str:
        return self.message


class CourseError(ProblemsError):
    """The course has one or more problems; all of them are listed."""


class OutputError(ProblemsError):
    """The output folder cannot take the build (a file, read-only, full, or in use)."""


class PackageError(ScormBuildError):
    """Writing a package failed."""


def error(
    path: str,
    line: int | None,
    message: str,
    *,
    column: int | None = None,
    key: str | None = None,
    hint: str | None = None,
    code: str = "error",
) -> Problem:
    """Shorthand for an error-level :class:`Problem`."""
    return Problem(SourceLocation(path, line, column, key), message, "error", hint, code)


def warning(
    path: str,
    line: int | None,
    message: str,
    *,
    column: int | None = None,
    key: str | None = None,
    hint: str | None = None,
    code: str = "warning",
) -> Problem:
    """Shorthand for a warning-level :class:`Problem`."""
    return Problem(SourceLocation(path, line, column, key), message, "warning", hint, code)


def raise_if_errors(problems: Iterable[Problem]) -> None:
    """Raise :class:`CourseError` when any problem is an error."""
    items = list(problems)
    if any(p.level == "error" for p in items):
        raise CourseError(sorted(items, key=lambda p: p.location.sort_key()))
