"""Per-question figures: responses, facility, discrimination, choices, latency, attempts.

Facility and discrimination use each learner's first answer to a question (their later tries
have seen the feedback). Discrimination is the point-biserial correlation between that answer
being right and the learner's share right of their other questions (the item left out).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from scormbuild.analyze.course import Key
from scormbuild.analyze.layout import Answer, Attempt


@dataclass(frozen=True)
class Option:
    """A choice (or a matching pair, or an ordering item) and how often learners got it."""

    id: str
    text: str
    correct: bool
    picked: int  # first answers that picked it (choices) or got it right (pairs, items)
    picked_all: int  # all answers


@dataclass(frozen=True)
class Item:
    """The figures of one question."""

    qid: str
    responses: int  # answers, every try counted
    learners: int  # learners who answered
    facility: float | None  # share of first answers right
    discrimination: float | None  # point-biserial against the rest of the learner's answers
    options: tuple[Option, ...] = ()
    parts: tuple[Option, ...] = ()  # matching pairs / ordering items: answers with it right
    common: tuple[tuple[str, int, bool], ...] = ()  # fill/numeric: (response, count, right), 2+
    latency: float | None = None  # mean seconds to answer, from Track details
    by_attempt: tuple[tuple[int, int, float], ...] = ()  # (try number, answers, share right)
    upper_key: int = 0  # learners of the upper half who picked the key (choices)
    upper_best: tuple[str, int] = ("", 0)  # the distractor the upper half picked most
    key_mismatch: str | None = None  # the report's right answer, when it differs from the key
    flags: list[tuple[str, str]] = field(default_factory=list)  # filled by flags.py


def is_right(answer: Answer, key: Key | None) -> bool:
    """Whether Moodle's result says right; without a result, judged by the course's key."""
    if answer.result is not None:
        return answer.result == "correct"
    if key is not None:
        return key.accepts(answer.response)
    return answer.right is not None and answer.response == answer.right


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """The correlation of two series, or None when either does not vary."""
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


def answers_by_learner(attempts: tuple[Attempt, ...]) -> dict[int, dict[str, list[Answer]]]:
    """Each learner's answers to each question, in the order given (attempt, then index)."""
    out: dict[int, dict[str, list[Answer]]] = defaultdict(lambda: defaultdict(list))
    for att in sorted(attempts, key=lambda a: (a.learner, a.number or 0)):
        for ans in att.answers:
            out[att.learner][ans.qid].append(ans)
    return out


def items(
    attempts: tuple[Attempt, ...], keys: dict[str, Key], latencies: dict[str, list[float]]
) -> list[Item]:
    """The figures of every question the report holds, in the course's order when known."""
    by_learner = answers_by_learner(attempts)
    firsts: dict[int, dict[str, bool]] = {
        lr: {q: is_right(a[0], keys.get(q)) for q, a in qs.items()} for lr, qs in by_learner.items()
    }
    qids = sorted({q for qs in by_learner.values() for q in qs}, key=lambda q: _order(q, keys))
    out = []
    for qid in qids:
        key = keys.get(qid)
        answered = [lr for lr, qs in by_learner.items() if qid in qs]
        all_answers = [a for lr in answered for a in by_learner[lr][qid]]
        first = [by_learner[lr][qid][0] for lr in answered]
        right = [firsts[lr][qid] for lr in answered]
        rest = {lr: _rest(firsts[lr], qid) for lr in answered}
        pairs = [
            (float(r), rest[lr])
            for lr, r in zip(answered, right, strict=True)
            if rest[lr] is not None
        ]
        disc = pearson([p[0] for p in pairs], [p[1] for p in pairs])  # type: ignore[misc]
        tries: dict[int, list[bool]] = defaultdict(list)
        for lr in answered:
            for n, a in enumerate(by_learner[lr][qid], start=1):
                tries[n].append(is_right(a, key))
        options, upper_key, upper_best = _options(key, first, all_answers, answered, rest)
        lat = latencies.get(qid, [])
        reported = {a.right for a in all_answers if a.right is not None}
        mismatch = None
        if key is not None and reported and key.pattern not in reported:
            mismatch = sorted(reported)[0]
        out.append(
            Item(
                qid=qid,
                responses=len(all_answers),
                learners=len(answered),
                facility=sum(right) / len(right) if right else None,
                discrimination=disc,
                options=options,
                parts=_parts(key, first, all_answers),
                common=_common(key, [(lr, a) for lr in answered for a in by_learner[lr][qid]]),
                latency=sum(lat) / len(lat) if lat else None,
                by_attempt=tuple((n, len(v), sum(v) / len(v)) for n, v in sorted(tries.items())),
                upper_key=upper_key,
                upper_best=upper_best,
                key_mismatch=mismatch,
            )
        )
    return out


def _order(qid: str, keys: dict[str, Key]) -> tuple[int, str]:
    key = keys.get(qid)
    return (key.position if key is not None else 1 << 30, qid)


def _rest(first: dict[str, bool], qid: str) -> float | None:
    others = [v for q, v in first.items() if q != qid]
    return sum(others) / len(others) if others else None


def _options(
    key: Key | None,
    first: list[Answer],
    all_answers: list[Answer],
    answered: list[int],
    rest: dict[int, float | None],
) -> tuple[tuple[Option, ...], int, tuple[str, int]]:
    if key is None or not key.options:
        return (), 0, ("", 0)
    firsts = [key.picked(a.response) for a in first]
    alls = [key.picked(a.response) for a in all_answers]
    scored = sorted((r, lr) for lr, r in rest.items() if r is not None)
    upper = (
        {lr for _, lr in scored[len(scored) - len(scored) // 2 :]} if len(scored) >= 2 else set()
    )
    upper_counts: Counter[str] = Counter()
    for lr, parts in zip(answered, firsts, strict=True):
        if lr in upper:
            upper_counts.update(parts)
    opts = tuple(
        Option(
            o.id, o.text, o.correct, sum(o.id in p for p in firsts), sum(o.id in p for p in alls)
        )
        for o in key.options
    )
    key_ids = {o.id for o in key.options if o.correct}
    upper_key = max((upper_counts[i] for i in key_ids), default=0)
    distractors = [(upper_counts[o.id], o.id) for o in key.options if not o.correct]
    best = max(distractors, default=(0, ""))
    return opts, upper_key, (best[1], best[0])


def _parts(key: Key | None, first: list[Answer], all_answers: list[Answer]) -> tuple[Option, ...]:
    if key is None or not key.parts:
        return ()
    firsts = [key.hits(a.response) for a in first]
    alls = [key.hits(a.response) for a in all_answers]
    return tuple(
        Option(p.id, p.text, True, sum(p.id in h for h in firsts), sum(p.id in h for h in alls))
        for p in key.parts
    )


def _common(
    key: Key | None, answers: list[tuple[int, Answer]]
) -> tuple[tuple[str, int, bool], ...]:
    """Typed answers as the package compares them, the ones at least two learners gave."""
    if key is None or key.question.type not in ("fill", "numeric"):
        return ()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    who: dict[str, set[int]] = defaultdict(set)
    for learner, a in answers:
        text = a.response.strip()
        if text:
            form = key.form(text)
            spelled[form][text] += 1
            who[form].add(learner)
    # Only answers that at least two learners gave: a typed answer can be personal.
    common = sorted((f for f in who if len(who[f]) >= 2), key=lambda f: -sum(spelled[f].values()))
    return tuple(
        (spelled[f].most_common(1)[0][0], sum(spelled[f].values()), key.accepts(f))
        for f in common[:5]
    )
