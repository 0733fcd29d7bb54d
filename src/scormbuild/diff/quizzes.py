"""What changed in the quizzes: quizzes added or removed, their rules, their questions.

The rules are the runtime's when it resumes progress saved by an earlier version
(``runtime/resume.js``): an answer is kept when its question's content hash is the same,
dropped otherwise; an attempt whose drawn questions are no longer all there is completed
with other questions of the quiz; a best score is computed again when the quiz's questions
or scoring changed.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from scormbuild.diff.compare import Change, _by, _quiz_key, _title, keyed
from scormbuild.diff.read import Package

_SHAPE = ("type", "n", "ids", "key", "ml")


def _name(quiz: dict[str, Any]) -> str:
    return f"quiz '{_title(quiz)}'" if quiz.get("title") else f"quiz {quiz['id']}"


def _kind(quiz: dict[str, Any]) -> str:
    return "graded" if quiz["graded"] else "practice"


def quiz_changes(old: Package, new: Package, hashes_kept: bool) -> list[Change]:
    """Every quiz change. ``hashes_kept``: the saved progress records question content, so
    answers to changed questions are dropped (format 2); else they are kept as they are."""
    keys = partial(_quiz_key, keys=keyed(old.data["quizzes"], new.data["quizzes"]))
    a = _by(old.data["quizzes"], keys)
    b = _by(new.data["quizzes"], keys)
    out: list[Change] = []
    for key, quiz in b.items():
        if key not in a:
            g = quiz["graded"]
            out.append(
                Change(
                    "quiz-added",
                    f"{_name(quiz)} added ({_kind(quiz)})",
                    care=g,
                    redo="every learner: the new graded quiz" if g else None,
                    grades=g,
                )
            )
    for key, quiz in a.items():
        if key not in b:
            g = quiz["graded"]
            out.append(
                Change(
                    "quiz-removed",
                    f"{_name(quiz)} removed ({_kind(quiz)})"
                    + ("; scores are computed without it" if g else ""),
                    care=g,
                    grades=g,
                )
            )
    for key, qb in b.items():
        if key in a:
            out += _rules(a[key], qb)
            out += _questions(a[key], qb, hashes_kept)
    return out


def _rules(qa: dict[str, Any], qb: dict[str, Any]) -> list[Change]:
    out: list[Change] = []
    name, graded = _name(qb), qa["graded"] or qb["graded"]
    if qa["graded"] != qb["graded"]:
        out.append(Change("quiz-graded", f"{name} is now {_kind(qb)}", care=True, grades=True))
    if qa["attempts"] != qb["attempts"]:

        def n(x: int) -> str:
            return "unlimited" if x == 0 else str(x)

        fewer = qb["attempts"] != 0 and (qa["attempts"] == 0 or qb["attempts"] < qa["attempts"])
        out.append(
            Change(
                "quiz-attempts",
                f"{name}: attempts {n(qa['attempts'])} became "
                f"{n(qb['attempts'])}"
                + (
                    "; learners who used more have none left"
                    if fewer
                    else "; learners get the extra attempts"
                ),
                care=graded,
                grades=graded,
            )
        )
    if bool(qa.get("exam")) != bool(qb.get("exam")):
        out.append(Change("quiz-mode", _mode(name, bool(qb.get("exam")))))
    if _pool(qa) != _pool(qb):
        out.append(
            Change(
                "quiz-pool",
                f"{name}: an attempt now shows {qb['drawn']} questions, "
                f"not {qa['drawn']}; attempts under way are completed or cut to "
                "that many, and their score is computed again",
                care=True,
                redo=f"learners who have started {name}: the questions added to their attempt"
                if qb["drawn"] > qa["drawn"]
                else None,
                grades=graded,
            )
        )
    same = qa["drawn"] == qb["drawn"] and qa["graded"] == qb["graded"]
    if same and qa.get("sk") and qb.get("sk") and qa["sk"] != qb["sk"]:
        out.append(
            Change(
                "quiz-scoring",
                f"{name}: the points of its questions changed; saved scores are computed again",
                care=graded,
                grades=graded,
            )
        )
    return out


def _mode(name: str, exam: bool) -> str:
    """The words for a quiz's change of mode: scores stay as they are (an exam's answers not
    yet submitted score nothing), only the way learners answer changes."""
    if exam:
        return (
            f"{name} is now an exam: learners answer every question, then submit once and see "
            "the feedback after that; in an attempt under way the answers already checked stay"
        )
    return (
        f"{name} is no longer an exam: each answer is checked, with its feedback, as it is "
        "given; answers given in an exam under way but not yet submitted are dropped"
    )


def _pool(quiz: dict[str, Any]) -> int | None:
    """How many questions an attempt draws, when it draws fewer than the quiz has."""
    return quiz["drawn"] if quiz["drawn"] < len(quiz["questions"]) else None


def _questions(qa: dict[str, Any], qb: dict[str, Any], hashes_kept: bool) -> list[Change]:
    a = _by(qa["questions"], lambda q: str(q["id"]))
    b = _by(qb["questions"], lambda q: str(q["id"]))
    name, graded = _name(qb), qb["graded"]
    pooled = _pool(qb) is not None
    out: list[Change] = []
    for qid in b:
        if qid not in a:
            out.append(
                Change(
                    "question-added",
                    f"{name}: question {qid} added",
                    care=True,
                    redo=None if pooled else f"learners who have started {name}: question {qid}",
                    grades=graded,
                )
            )
    for qid in a:
        if qid not in b:
            out.append(
                Change(
                    "question-removed",
                    f"{name}: question {qid} removed; answers to "
                    "it are dropped"
                    + (" and another question of the pool takes its place" if pooled else ""),
                    care=True,
                    redo=f"learners whose attempt showed it: another question of {name}"
                    if pooled
                    else None,
                    grades=graded,
                )
            )
    for qid, q in b.items():
        if qid not in a:
            continue
        before = a[qid]
        shape = [k for k in _SHAPE if before.get(k) != q.get(k)]
        worded = "h" in before and "h" in q and before["h"] != q["h"]
        if shape or worded:
            what = "its answer key" if shape and shape != ["ml"] else "its wording"
            if hashes_kept:
                out.append(
                    Change(
                        "question-changed",
                        f"{name}: question {qid} changed ({what}); answers to it are dropped",
                        care=True,
                        redo=f"learners who answered question {qid} of {name}: that question",
                        grades=graded,
                    )
                )
            else:
                out.append(
                    Change(
                        "question-changed",
                        f"{name}: question {qid} changed "
                        f"({what}), but the old package's saved progress does not "
                        "record what its answers refer to: learners' earlier answers "
                        "stay (marked by the new key on screen) and their saved best "
                        "scores stay as they were",
                        care=True,
                        grades=graded,
                    )
                )
        elif before.get("points") != q.get("points"):
            out.append(
                Change(
                    "question-points",
                    f"{name}: question {qid} is worth "
                    f"{q.get('points')} points, not {before.get('points')}",
                    care=graded,
                    grades=graded,
                )
            )
    if "h" not in next(iter(a.values()), {"h": ""}):
        out.append(
            Change(
                "no-hashes",
                f"{name}: the old package records no question content, "
                "so reworded questions cannot be told apart",
            )
        )
    return out
