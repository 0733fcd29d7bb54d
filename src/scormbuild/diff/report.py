"""The verdict of ``diff``: one comparison per language, said in text or JSON.

Exit status 0: every language is safe to replace in place (learners mid-course resume with
everything kept, no stored grade can change). 1: the update needs care.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from scormbuild.diff.compare import Change, course_changes, module_changes, saved_state
from scormbuild.diff.quizzes import quiz_changes
from scormbuild.diff.read import Package

Resume = Literal["clean", "redo", "start-over", "new"]
Steps = Literal["replace", "new-activity", "none"]

REPLACE = (
    "Open the SCORM activity, then Settings > Package > Package file: delete the old file, "
    "upload {name} and choose Save and display.",
    "Moodle keeps the activity, its settings and every learner's attempts, status and score "
    "(it matches the SCOs by their identifiers); learners get the new version the next time "
    "they launch it.",
)
NEW_ACTIVITY = (
    "Add a new SCORM activity with {name}, with the settings its Moodle sheet lists.",
    "Hide the old activity (or set Availability > Available to) once learners have moved "
    "on, and tell them which to use; replacing the old package in place would lose Moodle's "
    "records as said above.",
)
NEW_LANGUAGE = ("Add a new SCORM activity with {name}, with the settings its Moodle sheet lists.",)
RESUME_WORDS = {
    "clean": "learners mid-course resume where they were, with everything kept",
    "redo": "learners mid-course resume where they were; what changed is dropped and is "
    "theirs to redo (the course tells them once, in its language)",
    "start-over": "learners mid-course start the course over",
    "new": "a new package: nobody has progress in it yet",
}


@dataclass(frozen=True)
class Comparison:
    """One language: the old package (None when the language is new) and the new one."""

    old: Package | None
    new: Package | None  # None: the language is gone
    changes: tuple[Change, ...] = ()

    @property
    def language(self) -> str:
        return (self.new or self.old).language  # type: ignore[union-attr]

    @property
    def resume(self) -> Resume:
        if self.old is None or self.new is None:
            return "new"
        codes = {c.code for c in self.changes}
        if codes & {"course-id", "language", "sco-mode", "state-unreadable", "state-layout"}:
            return "start-over"
        return "redo" if any(c.redo for c in self.changes) or self._dropped() else "clean"

    def _dropped(self) -> bool:
        return any(
            c.code in ("question-changed", "question-removed") and c.redo is not None
            for c in self.changes
        )

    @property
    def care(self) -> bool:
        return self.new is None or any(c.care for c in self.changes)

    @property
    def grades(self) -> bool:
        return any(c.grades for c in self.changes)

    @property
    def steps(self) -> Steps:
        if self.new is None:
            return "none"
        if self.old is None or any(c.new_activity for c in self.changes):
            return "new-activity"
        return "replace"

    def step_lines(self) -> tuple[str, ...]:
        if self.new is None:
            return ("No package of this language any more: keep or hide its activity.",)
        name = self.new.source.rsplit("/", 1)[-1]
        lines = (
            NEW_LANGUAGE
            if self.old is None
            else (NEW_ACTIVITY if self.steps == "new-activity" else REPLACE)
        )
        return tuple(line.format(name=name) for line in lines)

    def redo(self) -> list[str]:
        return sorted({c.redo for c in self.changes if c.redo})


def compare(old: Package | None, new: Package | None) -> Comparison:
    """Every change from ``old`` to ``new`` (one of them None: a language added or gone)."""
    if old is None or new is None:
        return Comparison(old, new)
    changes = course_changes(old, new)
    state = saved_state(old, new)
    if state is not None:
        changes.append(state)
    if old.data["id"] == new.data["id"]:
        changes += module_changes(old, new)
        changes += quiz_changes(old, new, hashes_kept=old.state_format != "1")
    return Comparison(old, new, tuple(changes))


@dataclass(frozen=True)
class DiffReport:
    """All languages: the exit status says whether every one can be replaced safely."""

    old: str
    new: str
    comparisons: tuple[Comparison, ...] = field(default_factory=tuple)

    @property
    def safe(self) -> bool:
        return not any(c.care for c in self.comparisons if c.old is not None)

    @property
    def exit_status(self) -> int:
        return 0 if self.safe else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "verdict": "safe in place" if self.safe else "needs care",
            "packages": [_comparison_dict(c) for c in self.comparisons],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        out: list[str] = []
        for c in self.comparisons:
            out += _comparison_text(c)
            out.append("")
        verdict = "safe to replace in place" if self.safe else "needs care"
        out.append(f"{self.old} -> {self.new}: {verdict}")
        return "\n".join(out)


def _side(p: Package | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "source": p.source,
        "version": p.version,
        "language": p.language,
        "state_format": p.state_format,
    }


def _comparison_dict(c: Comparison) -> dict[str, Any]:
    return {
        "language": c.language,
        "old": _side(c.old),
        "new": _side(c.new),
        "safe": not c.care,
        "resume": c.resume,
        "grades_may_change": c.grades,
        "redo": c.redo(),
        "moodle": c.steps,
        "steps": list(c.step_lines()),
        "changes": [
            {
                "code": ch.code,
                "text": ch.text,
                "care": ch.care,
                "redo": ch.redo,
                "grades": ch.grades,
            }
            for ch in c.changes
        ],
    }


def _comparison_text(c: Comparison) -> list[str]:
    old = f"{c.old.version or '?'}" if c.old else "(none)"
    new = f"{c.new.version or '?'}" if c.new else "(none)"
    out = [f"[{c.language}] {old} -> {new}"]
    if c.old is None:
        out.append("  a new language: a package of its own")
    elif c.new is None:
        out.append("  this language is no longer built")
    else:
        shown = [ch for ch in c.changes if ch.code != "version"]
        out.append("  What changed for learners:")
        out += [f"    - {ch.text}" for ch in shown] or ["    - nothing learners can see"]
        out.append(f"  Resuming: {RESUME_WORDS[c.resume]}.")
        redo = c.redo()
        out.append("  Who must redo what:" + ("" if redo else " nobody"))
        out += [f"    - {r}" for r in redo]
        out.append("  Moodle's stored grades: " + ("may change" if c.grades else "unchanged") + ".")
    out.append(
        "  Moodle: "
        + {
            "replace": "replace the package in place",
            "new-activity": "create a new activity",
            "none": "nothing to upload",
        }[c.steps]
    )
    out += [f"    {i}. {line}" for i, line in enumerate(c.step_lines(), 1)]
    return out
