"""Warnings about questions, at their line in the source, in the form ``check`` prints.

Each warning is a code and its values; its words come from texts.py, so the terminal (English,
like ``check``) and the HTML report (the course language) say the same thing. Facility and
discrimination warnings need at least :data:`MIN_LEARNERS` learners on the question; fewer
say more about chance than about the question.
"""

from __future__ import annotations

from dataclasses import dataclass

from scormbuild.analyze.course import Key
from scormbuild.analyze.items import Item
from scormbuild.analyze.texts import texts
from scormbuild.errors import Problem, warning

MIN_LEARNERS = 5
TOO_EASY = 0.9  # facility above this
TOO_HARD = 0.3  # facility below this


@dataclass(frozen=True)
class Flag:
    """One warning about one question: what (``code``) and its values."""

    qid: str
    code: str  # too_easy, too_hard, discrimination, unused, wins, key, version
    values: tuple[tuple[str, str], ...]
    path: str
    line: int | None

    def words(self, language: str) -> tuple[str, str]:
        """The message and the hint in ``language``."""
        t = texts(language)
        values = dict(self.values)
        return t[f"flag_{self.code}"].format(**values), t[f"hint_{self.code}"].format(**values)

    def problem(self) -> Problem:
        """The warning as ``check`` prints it (in English)."""
        message, hint = self.words("en")
        return warning(self.path, self.line, f"{self.qid}: {message}", hint=hint,
                       code=f"analyze-{self.code}")  # fmt: skip


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def flags(item: Item, key: Key | None) -> list[Flag]:
    """What looks wrong with one question."""
    found: list[tuple[str, dict[str, str]]] = []
    enough = item.learners >= MIN_LEARNERS
    if enough and item.facility is not None:
        if item.facility > TOO_EASY:
            found.append(("too_easy", {"pct": _pct(item.facility)}))
        elif item.facility < TOO_HARD:
            found.append(("too_hard", {"pct": _pct(item.facility)}))
        if item.discrimination is not None and item.discrimination <= 0:
            found.append(("discrimination", {"d": f"{item.discrimination:.2f}"}))
    right = [o for o in item.options if o.correct]
    if key is not None and key.question.type in ("single", "multiple") and enough:
        for o in item.options:
            if not o.correct and o.picked_all == 0:
                found.append(("unused", {"text": o.text, "id": o.id}))
        if key.question.type == "single" and right:
            for o in item.options:
                if not o.correct and o.picked > right[0].picked:
                    found.append(("wins", {"text": o.text, "id": o.id, "n": str(o.picked),
                                           "key_n": str(right[0].picked)}))  # fmt: skip
        best_id, best_n = item.upper_best
        weak = item.discrimination is not None and item.discrimination <= 0
        if best_id and best_n > item.upper_key and weak:
            best = next(o for o in item.options if o.id == best_id)
            keys = ", ".join(f"'{o.text}' ({o.id})" for o in right)
            found.append(("key", {"text": best.text, "id": best.id, "keys": keys}))
    if item.key_mismatch is not None and key is not None:
        found.append(("version", {"reported": item.key_mismatch, "pattern": key.pattern}))
    path = key.source if key is not None else item.qid
    line = key.line if key is not None else None
    return [Flag(item.qid, code, tuple(values.items()), path, line) for code, values in found]
