"""Warnings about questions, at their line in the source, in the form ``check`` prints.

Facility and discrimination flags need at least :data:`MIN_LEARNERS` learners on the question;
fewer say more about chance than about the question.
"""

from __future__ import annotations

from scormbuild.analyze.course import Key
from scormbuild.analyze.items import Item
from scormbuild.errors import Problem, warning

MIN_LEARNERS = 5
TOO_EASY = 0.9  # facility above this
TOO_HARD = 0.3  # facility below this


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def flags(item: Item, key: Key | None) -> list[Problem]:
    """What looks wrong with one question."""
    found: list[tuple[str, str, str]] = []  # (code, message, hint)
    if item.learners >= MIN_LEARNERS and item.facility is not None:
        if item.facility > TOO_EASY:
            found.append(
                (
                    "too-easy",
                    f"too easy: {_pct(item.facility)} right at the first try",
                    "make the distractors more plausible, or drop the question",
                )
            )
        elif item.facility < TOO_HARD:
            found.append(
                (
                    "too-hard",
                    f"too hard: {_pct(item.facility)} right at the first try",
                    "check the wording, the key and whether the module teaches it",
                )
            )
        if item.discrimination is not None and item.discrimination <= 0:
            found.append(
                (
                    "discrimination",
                    f"discrimination {item.discrimination:.2f}: learners "
                    "who did well elsewhere did no better here",
                    "an ambiguous question or a wrong key",
                )
            )
    by_id = {o.id: o for o in item.options}
    right = [o for o in item.options if o.correct]
    if (
        key is not None
        and key.question.type in ("single", "multiple")
        and item.learners >= MIN_LEARNERS
    ):
        for o in item.options:
            if not o.correct and o.picked_all == 0:
                found.append(
                    (
                        "unused-distractor",
                        f"nobody picks '{o.text}' ({o.id})",
                        "replace it with a mistake learners really make",
                    )
                )
        if key.question.type == "single" and right:
            for o in item.options:
                if not o.correct and o.picked > right[0].picked:
                    found.append(
                        (
                            "distractor-wins",
                            f"'{o.text}' ({o.id}) is picked more often "
                            f"than the right answer ({o.picked} against {right[0].picked})",
                            "is it right too, or is the question misleading?",
                        )
                    )
        best_id, best_n = item.upper_best
        if (
            best_id
            and best_n > item.upper_key
            and item.discrimination is not None
            and item.discrimination <= 0
        ):
            keys = ", ".join(f"'{o.text}' ({o.id})" for o in right)
            found.append(
                (
                    "key",
                    f"the answer key looks wrong: the stronger half of the learners "
                    f"pick '{by_id[best_id].text}' ({best_id}) more than the key {keys}",
                    "check which choice is marked 'correct: true'",
                )
            )
    if item.key_mismatch is not None and key is not None:
        found.append(
            (
                "another-version",
                f"Moodle recorded the correct answer '{item.key_mismatch}', "
                f"the course says '{key.pattern}'",
                "the package in Moodle was built from another version of this quiz",
            )
        )
    path = key.source if key is not None else item.qid
    line = key.line if key is not None else None
    prefix = f"{item.qid}: " if key is not None else ""
    return [
        warning(path, line, prefix + msg, hint=hint, code=f"analyze-{code}")
        for code, msg, hint in found
    ]
