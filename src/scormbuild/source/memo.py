"""Modules remembered between loads of the same course, for the preview's rebuild on save.

What the reader makes of a module depends on its text, on how the Markdown is configured, and
on what it asked the course's files: where a path resolves, whether a file exists, what a
quiz file says. :class:`Probe` passes those questions on and records each answer. A
remembered module is reused only when its text is unchanged and every recorded question,
asked again, gets the same answer; otherwise it is read afresh. Reuse therefore never
changes what a load returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scormbuild.errors import Problem
from scormbuild.model import Module
from scormbuild.source.paths import Files, Kind, PathProblem


def _ask(files: Files, kind: str, args: tuple[Any, ...]) -> Any:
    """One question to ``files``, its answer (a refusal included) as a comparable value."""
    try:
        if kind == "resolve":
            return ("ok", files.resolve(*args))
        if kind == "kind":
            return ("ok", files.kind(*args))
        if kind == "names":
            return ("ok", files.names(*args))
        return ("ok", files.read_bytes(*args))
    except PathProblem as exc:
        return ("error", exc.key())


@dataclass
class Probe:
    """The course's files as one module's reader sees them, every question and answer recorded."""

    files: Files
    asked: list[tuple[str, tuple[Any, ...], Any]] = field(default_factory=list)

    def _record(self, kind: str, *args: Any) -> Any:
        answer = _ask(self.files, kind, args)
        self.asked.append((kind, args, answer))
        status, value = answer
        if status == "error":
            message, hint, code = value
            raise PathProblem(message, hint=hint, code=code)
        return value

    def resolve(self, target: str, folder: str, under: str = "") -> str:
        """:meth:`CourseFiles.resolve`, recorded."""
        return str(self._record("resolve", target, folder, under))

    def kind(self, path: str) -> Kind:
        """:meth:`CourseFiles.kind`, recorded."""
        kind: Kind = self._record("kind", path)
        return kind

    def read_bytes(self, path: str, limit: int) -> bytes:
        """:meth:`CourseFiles.read_bytes`, recorded."""
        return bytes(self._record("read", path, limit))

    def names(self, folder: str) -> tuple[str, ...]:
        """:meth:`CourseFiles.names`, recorded."""
        return tuple(self._record("names", folder))

    def unchanged(self, files: Files) -> bool:
        """Whether every question gets the same answer from ``files`` now."""
        return all(_ask(files, kind, args) == answer for kind, args, answer in self.asked)


@dataclass
class Remembered:
    """One module as it was last read."""

    text: bytes
    probe: Probe
    module: Module | None  # None when the module had errors
    problems: list[Problem]


class ModuleMemo:
    """Remembered modules of one course folder, by (file, language, Markdown settings).

    Part of the preview's build cache; a load without one remembers nothing.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], Remembered] = {}

    def get(self, key: tuple[Any, ...], text: bytes, files: Files) -> Remembered | None:
        """The remembered module, if nothing it depends on has changed."""
        entry = self.entries.get(key)
        if entry is None or entry.text != text or not entry.probe.unchanged(files):
            return None
        return entry

    def put(self, key: tuple[Any, ...], entry: Remembered) -> None:
        self.entries[key] = entry
