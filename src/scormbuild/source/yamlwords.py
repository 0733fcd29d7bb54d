"""Where a text is meant, 'yes', 'no', 'on' and 'off' are texts, and the author is told.

YAML 1.1, which PyYAML reads, takes these words (in any case) without quotes as true and
false: a choice written ``- No``, a fill-in answer ``yes`` or a language code ``no`` would
silently become a boolean, and then "True" or an error about types. Where true or false is
meant (``graded: yes``, ``correct: yes``) the word is fine. Everywhere else,
:func:`text_words` finds it (the loader kept it, :class:`~.yamlsrc.LineDict` ``words``), puts
the text back as written, and returns it for an error at its line with the quotes to add.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from scormbuild.source.yamlsrc import LineDict, LineList
from scormbuild.source.yamltext import quoted


@dataclass(frozen=True)
class BoolWord:
    """A word YAML read as true or false where a text is meant."""

    line: int
    key: str | None  # None for a list item
    word: str

    @property
    def message(self) -> str:
        value = "true" if self.word.lower() in ("yes", "on", "y") else "false"
        return f"'{self.word}' is read as {value}, not as the text '{self.word}'"

    @property
    def hint(self) -> str:
        written = f"{self.key}: {quoted(self.word)}" if self.key else quoted(self.word)
        return (
            f"put it in quotes: {written} (YAML reads yes, no, on and off without quotes as "
            "true or false)"
        )


def text_words(
    data: Any,
    bool_keys: Collection[str] = (),
    *,
    text_under: Collection[str] = (),
    skip: Collection[str] = (),
) -> list[BoolWord]:
    """The YAML 1.1 true/false words in ``data`` that stand where no true/false is meant.

    A true/false is meant as the value of ``bool_keys``, except in the mappings under
    ``text_under`` (whose values are all texts); the values of ``skip`` are not looked into.
    Each word found is put back into ``data`` as the text it was written as.
    """
    if getattr(data, "quiet", False):
        return []  # no word under it (most quizzes and questions)
    found: list[BoolWord] = []
    _walk(data, frozenset(bool_keys), frozenset(text_under), frozenset(skip), found, set())
    return sorted(found, key=lambda w: w.line)


def _walk(
    value: Any,
    bools: frozenset[str],
    texts: frozenset[str],
    skip: frozenset[str],
    found: list[BoolWord],
    seen: set[int],
) -> None:
    # An alias repeats a value: one object, looked at once. A quiet one has no word under it.
    if id(value) in seen or not isinstance(value, _NESTED) or value.quiet:
        return
    if isinstance(value, LineDict):
        seen.add(id(value))
        for key, word in value.words.items():
            if key not in bools:
                found.append(BoolWord(value.line_of(key), key, word))
                value[key] = word
        for key, item in value.items():
            if key not in skip and isinstance(item, _NESTED) and not item.quiet:  # a text: none
                inner = frozenset() if key in texts else bools
                _walk(item, inner, texts, skip, found, seen)
    else:
        seen.add(id(value))
        for index, word in value.words.items():
            found.append(BoolWord(value.line_of(index), None, word))
            value[index] = word
        for item in value:
            if isinstance(item, _NESTED) and not item.quiet:
                _walk(item, bools, texts, skip, found, seen)


_NESTED = (LineDict, LineList)


__all__ = ["BoolWord", "text_words"]
