"""The keys of a YAML mapping against the keys it may have: one error for one typo.

A misspelt key is two mistakes to a checker that looks at keys one by one: an unknown key
(``titel``) and a missing one (``title``). :func:`check_keys` reports it once, at the line
of the typo, with the key it most likely means; the value is then read as that key's, so
that nothing else reports it missing. course.yml, front matter and quizzes all use it.
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from scormbuild.options import closest, suggest
from scormbuild.source.yamlsrc import LineDict


@dataclass(frozen=True)
class UnknownKey:
    """A key the mapping may not have, with its line and a hint."""

    key: str
    line: int
    hint: str
    meant: str | None = None  # the missing key it is taken to be a typo of


def check_keys(
    data: LineDict, known: Collection[str], required: Collection[str] = ()
) -> tuple[LineDict, list[UnknownKey]]:
    """``data`` with each typo of a missing required key read as that key, and its unknown keys.

    An unknown key is a typo of a required key when that key is missing and is the closest
    missing one; each missing key takes one typo at most (the first in the file).
    """
    if isinstance(known, AbstractSet) and data.keys() <= known:
        return data, []  # nothing unknown, so nothing to read as a typo (most mappings)
    missing = {key for key in required if key not in data}
    unknown: list[UnknownKey] = []
    renamed: dict[str, str] = {}
    for key in data:
        if key in known:
            continue
        meant = next(iter(closest(key, missing)), None)
        if meant is not None:
            missing.discard(meant)
            renamed[key] = meant
            hint = f"did you mean '{meant}'? It is required, and missing"
            unknown.append(UnknownKey(key, data.line_of(key), hint, meant))
            continue
        hint = suggest(key, sorted(known)) or "known keys: " + ", ".join(sorted(known))
        unknown.append(UnknownKey(key, data.line_of(key), hint))
    if not renamed:
        return data, unknown
    out = LineDict({renamed.get(key, key): value for key, value in data.items()})
    out.line = data.line
    out.lines = {renamed.get(key, key): line for key, line in data.lines.items()}
    out.words = {renamed.get(key, key): word for key, word in data.words.items()}
    return out, unknown


def shape(value: Any) -> str:
    """What a YAML value is, in the author's words."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a value"


def not_a_mapping(value: Any) -> str:
    """', not a list' (or what else ``value`` is) for a message that asked for a mapping."""
    return f", not {shape(value)}" if shape(value) != "empty" else ", not empty"


def mapping_hint(value: Any) -> str:
    """How to turn what was written into a mapping (a list is the usual mistake)."""
    if isinstance(value, list):
        return "write its keys as 'key: value' lines without '- ' in front of them"
    return "write its keys as 'key: value' lines, one a line"


__all__ = ["UnknownKey", "check_keys", "mapping_hint", "not_a_mapping", "shape"]
