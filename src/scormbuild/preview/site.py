"""The course as the preview serves it: every package file in memory, rebuilt on demand.

A rebuild gathers and renders the whole course in memory, without zipping or writing
anything. The site owns a :class:`~scormbuild.pipeline.BuildCache`, so a rebuild reads and
renders again only what a save changed, and returns exactly what a fresh build would.
A failed rebuild keeps the last good files and records the problems for the page to show.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scormbuild.errors import CourseError, Problem, ScormBuildError
from scormbuild.model import OutputFile
from scormbuild.pipeline import BuildCache, gather, package_files, problem_dict


@dataclass
class BuildState:
    """The outcome of the latest rebuild."""

    version: int = 0
    ok: bool = False
    message: str = "not built yet"
    problems: tuple[Problem, ...] = ()
    millis: int = 0
    course: dict[str, Any] = field(default_factory=dict)


class PreviewSite:
    """Package files per language, the latest build state, and a condition to wait on."""

    def __init__(self, course_dir: Path) -> None:
        self.course_dir = course_dir
        self.files: dict[str, dict[str, OutputFile]] = {}
        self.state = BuildState()
        self.changed = threading.Condition()
        self._build_lock = threading.Lock()
        self._cache = BuildCache()

    def rebuild(self) -> BuildState:
        """Build every language in memory; never raises for a broken course."""
        with self._build_lock:
            cache = self._cache
            start = time.perf_counter()
            files: dict[str, dict[str, OutputFile]] | None = None
            problems: tuple[Problem, ...] = ()
            course: dict[str, Any] = {}
            try:
                gathered = gather(self.course_dir, cache=cache)
                loaded = gathered.or_raise()
                env = cache.themes.environment(loaded.courses[0].templates)
                files = {
                    c.language: {f.path: f for f in package_files(c, env, cache=cache)}
                    for c in loaded.courses
                }
                problems = gathered.problems
                cfg = loaded.config
                course = {
                    "id": cfg.id,
                    "title": cfg.title,
                    "version": cfg.version,
                    "languages": list(cfg.languages),
                    "mastery_score": cfg.mastery_score,
                }
                message = "built"
            except CourseError as exc:
                problems = exc.problems
                message = exc.format_message()
            except ScormBuildError as exc:
                message = exc.format_message()
            except Exception:  # a bug in a template or the renderer must not stop the server
                message = "the build failed unexpectedly:\n" + traceback.format_exc()
            millis = round((time.perf_counter() - start) * 1000)
            with self.changed:
                if files is not None:
                    self.files = files
                previous = self.state
                self.state = BuildState(
                    version=previous.version + 1,
                    ok=files is not None,
                    message=message,
                    problems=problems,
                    millis=millis,
                    course=course or previous.course,
                )
                self.changed.notify_all()
            return self.state

    def wait_for_change(self, version: int, timeout: float) -> int:
        """Block until the build version differs from ``version`` (or ``timeout`` passes)."""
        with self.changed:
            self.changed.wait_for(lambda: self.state.version != version, timeout)
            return self.state.version

    def lookup(self, language: str, path: str) -> OutputFile | None:
        """The package file at ``path`` in ``language``'s package, if there is one."""
        return self.files.get(language, {}).get(path)

    def status(self) -> dict[str, Any]:
        """What the LMS page polls: version, success, problems and the course's identity."""
        state = self.state
        return {
            "version": state.version,
            "ok": state.ok,
            "message": state.message,
            "millis": state.millis,
            "problems": [problem_dict(p) for p in state.problems],
            "course": state.course,
            "languages": sorted(self.files),
        }
