"""Course-level figures: how many started, completed and passed, scores, where learners stop."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from scormbuild.analyze.course import Key
from scormbuild.analyze.layout import Attempt
from scormbuild.analyze.tracks import Track

FINISHED = {"completed", "passed", "failed"}
BINS = 10  # score histogram: 0-9, 10-19, ... 90-100


@dataclass(frozen=True)
class Summary:
    """The course as a whole; counts only."""

    learners: int  # rows' learners, with or without an attempt
    started: int
    completed: int  # finished the graded work: a score, or completed/passed/failed
    passed: int | None  # None: not known (scores but no mastery score, no status)
    histogram: tuple[int, ...]  # best score per learner, BINS bins
    scores: int  # learners with a score
    mean_score: float | None
    stops: tuple[tuple[int | None, int], ...]  # (module index or None: before any quiz, learners)


def summarise(
    attempts: tuple[Attempt, ...],
    keys: dict[str, Key],
    mastery: int | None,
    tracks: tuple[Track, ...] = (),
    module_ids: tuple[str, ...] = (),
    answers: bool = True,
) -> Summary:
    """The course-level figures of a report (and any Track details)."""
    by_learner: dict[int, list[Attempt]] = {}
    for a in attempts:
        by_learner.setdefault(a.learner, []).append(a)
    started = completed = 0
    passed: int | None = 0
    best: list[float] = []
    stops: Counter[int | None] = Counter()
    for rows in by_learner.values():
        real = [a for a in rows if a.number is not None]
        if not real:
            continue
        started += 1
        scores = [a.score for a in real if a.score is not None]
        statuses = {a.status for a in real if a.status}
        if scores:
            best.append(max(scores))
        if scores or statuses & FINISHED:
            completed += 1
        elif answers:
            stops[_last_module(real, keys)] += 1
        if passed is not None:
            if "passed" in statuses or (scores and mastery is not None and max(scores) >= mastery):
                passed += 1
            elif scores and mastery is None and "failed" not in statuses:
                passed = None
    if tracks and module_ids:
        # Track details know the module last shown: better than the last quiz answered.
        stops = Counter()
        for t in tracks:
            if (t.status or "") not in FINISHED and t.location in module_ids:
                stops[module_ids.index(t.location)] += 1
    hist = [0] * BINS
    for s in best:
        hist[min(BINS - 1, max(0, int(s // (100 / BINS))))] += 1
    return Summary(
        learners=len(by_learner),
        started=started,
        completed=completed,
        passed=passed,
        histogram=tuple(hist),
        scores=len(best),
        mean_score=sum(best) / len(best) if best else None,
        stops=tuple(sorted(stops.items(), key=lambda kv: -1 if kv[0] is None else kv[0])),
    )


def _last_module(rows: list[Attempt], keys: dict[str, Key]) -> int | None:
    modules = [keys[a.qid].module for r in rows for a in r.answers if a.qid in keys]
    return max(modules) if modules else None
