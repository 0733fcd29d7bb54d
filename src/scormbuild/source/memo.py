"""Modules remembered between loads of the same course, for the preview's rebuild on save.

What the reader makes of a module depends on its text, on how the Markdown is configured, and
on what it asked the file system: where a path resolves, whether a file exists, what a quiz
file says. :class:`Probe` asks those questions and records each answer. A remembered module is
reused only when its text is unchanged and every recorded question, asked again, gets the same
answer; otherwise it is read afresh. Reuse therefore never changes what a load returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scormbuild.errors import Problem
from scormbuild.source.paths import PathProblem, resolve_inside


def _resolve(root: Path, base: Path, target: str) -> tuple[str, object]:
    try:
        return "ok", resolve_inside(root, base, target)
    except PathProblem as exc:
        return "error", str(exc)


def _is_file(path: Path) -> bool:
    return path.is_file()


def _read_bytes(path: Path) -> tuple[str, object]:
    try:
        return "ok", path.read_bytes()
    except OSError as exc:
        return "error", exc


ASK: dict[str, Callable[..., Any]] = {
    "resolve": _resolve,
    "is_file": _is_file,
    "read": _read_bytes,
}


@dataclass
class Probe:
    """The file system as one module's reader sees it, every question and answer recorded
    (unless ``record`` is off: a load that remembers nothing has no use for them)."""

    asked: list[tuple[str, tuple[Any, ...], Any]] = field(default_factory=list)
    record: bool = True

    def _ask(self, kind: str, *args: Any) -> Any:
        answer = ASK[kind](*args)
        if self.record:
            self.asked.append((kind, args, answer))
        return answer

    def resolve(self, root: Path, base: Path, target: str) -> tuple[Path, str]:
        """:func:`resolve_inside`, recorded (the real path as a Path)."""
        status, value = self._ask("resolve", root, base, target)
        if status == "error":
            raise PathProblem(value)
        real, rel = value
        return Path(real), rel

    def is_file(self, path: Path) -> bool:
        """``path.is_file()``, recorded."""
        return bool(self._ask("is_file", path))

    def read_bytes(self, path: Path) -> bytes:
        """``path.read_bytes()``, recorded; raises the same :class:`OSError`."""
        status, value = self._ask("read", path)
        if status == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def unchanged(self) -> bool:
        """Whether every question gets the same answer now."""
        for kind, args, answer in self.asked:
            now = ASK[kind](*args)
            if kind == "read" and answer[0] == "error":
                if now[0] != "error":
                    return False
            elif now != answer:
                return False
        return True


@dataclass
class Remembered:
    """One module as it was last read."""

    text: bytes
    probe: Probe
    result: Any  # a ModuleSource, or None when the module had errors
    problems: list[Problem]


class ModuleMemo:
    """Remembered modules of one course folder, by (file, language, Markdown settings).

    Part of the preview's build cache; a load without one remembers nothing.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], Remembered] = {}

    def get(self, key: tuple[Any, ...], text: bytes) -> Remembered | None:
        """The remembered module, if nothing it depends on has changed."""
        entry = self.entries.get(key)
        if entry is None or entry.text != text or not entry.probe.unchanged():
            return None
        return entry

    def put(self, key: tuple[Any, ...], entry: Remembered) -> None:
        self.entries[key] = entry
