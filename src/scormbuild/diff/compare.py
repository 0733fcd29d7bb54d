"""What changed between two packages of a course, and what each change does to learners.

Every change says, in words, what a learner will see, and what it means for the update:
whether it needs care (a learner redoes something, a grade may change, Moodle deletes
records), who must redo what, and whether Moodle's stored grades may change. The rules for
saved progress are the runtime's (``runtime/resume.js``): a saved answer is kept when the
question it refers to has the same content hash, a visit when the module has the same key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from scormbuild.diff.read import Package

# The saved-state formats a package's runtime can read: its own and, when the layout
# fingerprint is the same, format 1 (written before formats recorded what answers refer to).
READS = {"1": ("1",), "2": ("1", "2")}


@dataclass(frozen=True)
class Change:
    """One difference, said for the admin."""

    code: str  # e.g. "question-changed": what kind of change (stable, for --format json)
    text: str  # what changed, in words
    care: bool = False  # True: the update needs care (redo, grades, lost records)
    redo: str | None = None  # who must redo what, when anyone must
    grades: bool = False  # Moodle's stored grades or statuses may change
    new_activity: bool = False  # replacing in place would lose Moodle's records


def _title(item: dict[str, Any]) -> str:
    return str(item.get("title") or item["id"])


def keyed(*lists: list[dict[str, Any]]) -> bool:
    """Whether every item carries its key ("k"): else both sides are matched by their ids
    (packages built before course data carried keys)."""
    return all("k" in item for items in lists for item in items)


def _module_key(m: dict[str, Any], keys: bool = True) -> str:
    if keys and "k" in m:
        return str(m["k"])
    return re.sub(r"^m[0-9]+-", "", str(m["id"]))  # "m01-intro" -> "intro", as module keys


def _quiz_key(quiz: dict[str, Any], keys: bool = True) -> str:
    return str(quiz["k"]) if keys and "k" in quiz else str(quiz["id"])


def _by(items: list[dict[str, Any]], key: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        out.setdefault(key(item), item)
    return out


def course_changes(old: Package, new: Package) -> list[Change]:
    """Changes of the course as a whole: identity, language, SCO mode, pass mark, rule."""
    a, b = old.data, new.data
    out: list[Change] = []
    if a["id"] != b["id"]:
        out.append(
            Change(
                "course-id",
                f"another course: id '{a['id']}' became '{b['id']}'; "
                "the new package reads none of the learners' saved progress",
                care=True,
                grades=True,
                new_activity=True,
            )
        )
    if old.language != new.language:
        out.append(
            Change(
                "language",
                f"another language: {old.language} became "
                f"{new.language}; each language is an activity of its own",
                care=True,
                new_activity=True,
            )
        )
    if bool(a.get("multi")) != bool(b.get("multi")):
        mode = {False: "one SCO", True: "one SCO per module"}
        out.append(
            Change(
                "sco-mode",
                f"the package changed from {mode[bool(a.get('multi'))]} "
                f"to {mode[bool(b.get('multi'))]}: Moodle deletes the records of "
                "every SCO the new package no longer has",
                care=True,
                grades=True,
                new_activity=True,
            )
        )
    if old.version and new.version and old.version != new.version:
        out.append(Change("version", f"version {old.version} became {new.version}"))
    if old.mastery != new.mastery:
        out.append(
            Change(
                "mastery",
                f"the pass mark changed from {_pct(old.mastery)} to "
                f"{_pct(new.mastery)}: learners are judged against the new one the "
                "next time they open the course",
                care=True,
                grades=True,
            )
        )
    if a.get("completion") != b.get("completion"):
        rule = " and ".join(b.get("completion") or ["viewed"])
        out.append(
            Change("completion", f"the completion rule is now: {rule}", care=True, grades=True)
        )
    return out


def _pct(mastery: int | None) -> str:
    return "none" if mastery is None else f"{mastery} %"


def saved_state(old: Package, new: Package) -> Change | None:
    """Whether the new package can read the progress the old one saved at all."""
    if old.data["id"] != new.data["id"] or old.language != new.language:
        return None  # said already: another course or language
    reads = READS.get(new.state_format, ())
    if old.state_format not in reads:
        return Change(
            "state-unreadable",
            f"the new package cannot read saved-progress format "
            f"{old.state_format}: learners mid-course start over (Moodle keeps the "
            "status and score it stored)",
            care=True,
            redo="every learner who has started: the whole course",
        )
    if old.state_format == "1" and old.data["fp"] != new.data["fp"]:
        return Change(
            "state-layout",
            "the old package saved progress in format 1, which the "
            "new package reads only when the modules, quizzes and questions are laid "
            "out as before, and they are not: learners mid-course start over (Moodle "
            "keeps the status and score it stored)",
            care=True,
            redo="every learner who has started: the whole course",
        )
    keys = partial(_module_key, keys=keyed(old.data["modules"], new.data["modules"]))
    before = [keys(m) for m in old.data["modules"]]
    after = [keys(m) for m in new.data["modules"]]
    if old.state_format == "1" and before != after:
        return Change(
            "state-visits",
            "the old package saved which modules a learner has seen "
            "by their place in the course, and the modules moved: learners' marks of "
            "what they have seen stay with the places, not with the modules",
            care=True,
        )
    return None


def module_changes(old: Package, new: Package) -> list[Change]:
    """Modules added, removed, moved, renamed or edited, and SCOs Moodle would delete."""
    keys = partial(_module_key, keys=keyed(old.data["modules"], new.data["modules"]))
    a = _by(old.data["modules"], keys)
    b = _by(new.data["modules"], keys)
    graded = {q["module"] for q in new.data["quizzes"] if q["graded"]}
    out: list[Change] = []
    for key, m in b.items():
        if key not in a:
            has_exam = m["id"] in graded
            out.append(
                Change(
                    "module-added",
                    f"module added: '{_title(m)}'" + (" (with a graded quiz)" if has_exam else ""),
                    care=has_exam,
                    redo="learners who have not finished the course: the new module"
                    if has_exam
                    else None,
                    grades=has_exam,
                )
            )
    for key, m in a.items():
        if key not in b:
            out.append(
                Change(
                    "module-removed",
                    f"module removed: '{_title(m)}'; learners who "
                    "were on it resume at the first module they have not seen",
                )
            )
    common_a = [k for k in a if k in b]
    common_b = [k for k in b if k in a]
    if common_a != common_b:
        moved = [_title(b[k]) for i, k in enumerate(common_b) if common_a[i] != k]
        out.append(
            Change("module-moved", "modules in a new order: " + ", ".join(f"'{t}'" for t in moved))
        )
    for key in common_b:
        ma, mb = a[key], b[key]
        if _title(ma) != _title(mb):
            out.append(
                Change("module-title", f"module '{_title(ma)}' is now called '{_title(mb)}'")
            )
        if "h" in ma and "h" in mb and ma["h"] != mb["h"]:
            out.append(
                Change(
                    "module-text",
                    f"module '{_title(mb)}': its text changed; learners keep their progress",
                )
            )
    gone = [i for i in old.items if i not in new.items]
    if gone and bool(old.data.get("multi")) and bool(new.data.get("multi")):
        names = ", ".join(gone)
        out.append(
            Change(
                "sco-removed",
                f"SCOs the new package no longer has: {names}. When "
                "the package is replaced, Moodle deletes every learner's record of "
                "them (status, score, answers), also of modules only renamed",
                care=True,
                grades=True,
                new_activity=True,
            )
        )
    return out
