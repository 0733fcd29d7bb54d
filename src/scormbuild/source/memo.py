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
from scormbuild.source.markdown.env import Files
from scormbuild.source.paths import PathProblem


def _ask(files: Files, kind: str, args: tuple[Any, ...]) -> Any:
    """One question to ``files``, its answer (a problem or an error) as a comparable value."""
    try:
        if kind == "resolve":
            return ("ok", files.resolve(*args))
        if kind == "is_file":
            return files.is_file(*args)
        return ("ok", files.read_bytes(*args))
    except PathProblem as exc:
        return ("error", str(exc))
    except OSError as exc:
        return ("error", exc)


@dataclass
class Probe:
    """The course's files as one module's reader sees them, every question and answer recorded."""

    files: Files
    asked: list[tuple[str, tuple[Any, ...], Any]] = field(default_factory=list)

    def _record(self, kind: str, *args: Any) -> Any:
        answer = _ask(self.files, kind, args)
        self.asked.append((kind, args, answer))
        return answer

    def resolve(self, target: str, folder: str) -> str:
        """:meth:`CourseFiles.resolve`, recorded."""
        status, value = self._record("resolve", target, folder)
        if status == "error":
            raise PathProblem(value)
        return str(value)

    def is_file(self, path: str) -> bool:
        """:meth:`CourseFiles.is_file`, recorded."""
        return bool(self._record("is_file", path))

    def read_bytes(self, path: str) -> bytes:
        """:meth:`CourseFiles.read_bytes`, recorded; raises the same :class:`OSError`."""
        status, value = self._record("read", path)
        if status == "error":
            raise value
        return bytes(value)

    def unchanged(self, files: Files) -> bool:
        """Whether every question gets the same answer from ``files`` now."""
        for kind, args, answer in self.asked:
            now = _ask(files, kind, args)
            if kind == "read" and answer[0] == "error":
                if now[0] != "error":  # OSErrors do not compare equal: any error will do
                    return False
            elif now != answer:
                return False
        return True


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
