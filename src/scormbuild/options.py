"""Option types: how one course.yml value is checked, converted and documented.

:class:`~scormbuild.courseconfig.CourseConfig` declares every course.yml key once, as a field made
with :func:`option`: the annotation is its type, and the option gives its check, conversion,
default and docstring. :mod:`scormbuild.source.config` reads course.yml and applies them.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import MISSING
from pathlib import Path
from typing import Any, Generic, TypeVar

from scormbuild.limits import NUMBER_DIGITS, TEXT_CHARS, VERSION_CHARS

T = TypeVar("T")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
# A module file: a number that orders it, a slug, '.md' ('01-intro.md'); no folder.
MODULE_NAME_RE = re.compile(r"^[0-9]{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


class OptionError(ValueError):
    """A value that does not fit its option: the message follows the key ("'id' must ..."),
    the hint, when there is one, says how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclasses.dataclass(frozen=True)
class Context:
    """What a conversion may need besides the value: the course folder."""

    root: Path


class Option(Generic[T]):
    """One kind of course.yml value: :meth:`convert` checks a value and returns it typed."""

    def convert(self, value: Any, context: Context) -> T:
        """The value as the model holds it; raises :class:`OptionError` when it does not fit."""
        raise NotImplementedError


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_finite(value: Any) -> bool:
    """A number, not too large to hold as a float (``.inf``, ``.nan`` and 400 digits are not)."""
    if not _is_number(value):
        return False
    try:
        return math.isfinite(value) and abs(value) < 10**NUMBER_DIGITS
    except OverflowError:
        return False


class TooLong(OptionError):
    """A text over its length limit: said as it is, also where a value may have several forms."""


def _too_long(value: str, maximum: int) -> TooLong | None:
    if len(value) <= maximum:
        return None
    return TooLong(
        f"is {len(value)} characters long, more than the limit of {maximum}",
        f"shorten it to {maximum} characters (the limits are in docs/format.md)",
    )


class Text(Option[str]):
    """A text of at most ``maximum`` characters; empty only when ``empty`` is allowed."""

    def __init__(
        self,
        *,
        empty: bool = False,
        message: str = "must be a non-empty text",
        maximum: int = TEXT_CHARS,
    ) -> None:
        self.empty, self.message, self.maximum = empty, message, maximum

    def convert(self, value: Any, context: Context) -> str:
        if isinstance(value, str) and (self.empty or value.strip()):
            problem = _too_long(value, self.maximum)
            if problem:
                raise problem
            return value
        raise OptionError(self.message)


class Pattern(Option[str]):
    """A text matching ``regex``, of at most ``maximum`` characters; ``message`` says what it
    must be."""

    def __init__(self, regex: re.Pattern[str], message: str, maximum: int = TEXT_CHARS) -> None:
        self.regex, self.message, self.maximum = regex, message, maximum

    def convert(self, value: Any, context: Context) -> str:
        if isinstance(value, str) and self.regex.match(value):
            problem = _too_long(value, self.maximum)
            if problem:
                raise problem
            return value
        raise OptionError(self.message)


class Version(Option[str]):
    """A version: part of the package's file name, so letters, digits, '.', '-' and '_' only.

    YAML's numbers (``version: 1.0``) are taken as their text.
    """

    def convert(self, value: Any, context: Context) -> str:
        text = str(value) if _is_finite(value) else value
        if isinstance(text, str) and VERSION_RE.match(text):
            problem = _too_long(text, VERSION_CHARS)
            if problem:
                raise problem
            return text
        raise OptionError(
            "must be a version such as '1.0.0': letters, digits, '.', '-' and '_', starting "
            "with a letter or digit",
            "the version is part of the package's file name, so it cannot hold '/' or spaces",
        )


class WholeNumber(Option[int]):
    """A whole number from ``minimum`` to ``maximum``."""

    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum, self.maximum = minimum, maximum

    def convert(self, value: Any, context: Context) -> int:
        whole = isinstance(value, int) and not isinstance(value, bool)
        if whole and self.minimum <= value <= self.maximum:
            return int(value)
        raise OptionError(f"must be a whole number from {self.minimum} to {self.maximum}")


class Positive(Option[float]):
    """A number greater than zero, and at most ``maximum``."""

    def __init__(self, maximum: float) -> None:
        self.maximum = maximum

    def convert(self, value: Any, context: Context) -> float:
        if _is_finite(value) and 0 < value <= self.maximum:
            return float(value)
        raise OptionError(f"must be a positive number, at most {self.maximum:g}")


class OneOf(Option[str]):
    """One of ``choices``."""

    def __init__(self, *choices: str) -> None:
        self.choices = choices

    def convert(self, value: Any, context: Context) -> str:
        if value in self.choices:
            return str(value)
        raise OptionError("must be " + " or ".join(f"'{c}'" for c in self.choices))


class Texts(Option[tuple[str, ...]]):
    """A list of non-empty texts, each checked by ``item`` when given.

    ``single``: one value alone counts as a list of one. ``distinct``: no repeats, in any
    case. ``order``: the result keeps the items' order in ``order`` instead of the list's, once
    each. No item may be longer than ``maximum``.
    """

    def __init__(
        self,
        message: str,
        *,
        item: Callable[[str], bool] = lambda _text: True,
        empty: bool = True,
        single: bool = False,
        distinct: bool = False,
        order: tuple[str, ...] = (),
        maximum: int = TEXT_CHARS,
    ) -> None:
        self.message, self.item, self.empty, self.maximum = message, item, empty, maximum
        self.single, self.distinct, self.order = single, distinct, order

    def convert(self, value: Any, context: Context) -> tuple[str, ...]:
        items = [value] if self.single and isinstance(value, str) else value
        ok = (
            isinstance(items, list)
            and (self.empty or bool(items))
            and all(isinstance(x, str) and x.strip() and self.item(x) for x in items)
            # Distinct whatever the case: names and codes become file names.
            and (not self.distinct or len({x.casefold() for x in items}) == len(items))
        )
        if not ok:
            raise OptionError(self.message)
        for item in items:
            problem = _too_long(item, self.maximum)
            if problem:
                raise TooLong(f"holds an item that {problem}", problem.hint)
        if self.order:
            return tuple(x for x in self.order if x in items)
        return tuple(items)


class PerLanguage(Option[T]):
    """``inner``, or a mapping from language code to such values (``title: {fi: .., sv: ..}``).

    Converts to the value of the primary language; the loader picks the others' values.
    """

    def __init__(self, inner: Option[T], message: str) -> None:
        self.inner, self.message = inner, message

    def convert(self, value: Any, context: Context) -> T:
        items = value.items() if isinstance(value, dict) else [("", value)]
        converted = []
        for lang, item in items:
            try:
                converted.append(self.inner.convert(item, context))
            except TooLong as exc:
                raise TooLong(f"{exc} (in '{lang}')" if lang else str(exc), exc.hint) from None
            except OptionError:
                raise OptionError(self.message) from None
        if not converted:
            raise OptionError(self.message)
        return converted[0]

    def pick(self, value: Any, language: str, primary: str, context: Context) -> T:
        """The value for ``language``: its own, else the primary language's, else the first."""
        if isinstance(value, dict):
            chosen = value.get(language, value.get(primary, next(iter(value.values()))))
            return self.inner.convert(chosen, context)
        return self.inner.convert(value, context)


class TextMapping(Option[tuple[tuple[str, str], ...]]):
    """A mapping from key to text, held as sorted (key, text) pairs."""

    def convert(self, value: Any, context: Context) -> tuple[tuple[str, str], ...]:
        if isinstance(value, dict) and all(isinstance(x, str) for x in value.values()):
            for key, text in value.items():
                problem = _too_long(text, TEXT_CHARS)
                if problem:
                    raise TooLong(f"'{key}' {problem}", problem.hint)
            return tuple(sorted(value.items()))
        raise OptionError("must be a mapping from string key to text")


class FolderPath(Option[Path]):
    """A path relative to the course folder, resolved."""

    def convert(self, value: Any, context: Context) -> Path:
        if isinstance(value, str) and value.strip():
            return (context.root / value).resolve()
        raise OptionError("must be a path")


class Section(Generic[T]):
    """A mapping of options of its own: the :func:`option` fields of the dataclass ``kind``."""

    def __init__(self, kind: type[T]) -> None:
        self.kind = kind


@dataclasses.dataclass(frozen=True)
class Declared:
    """One field of a config dataclass as course.yml sees it."""

    key: str
    option: Option[Any] | Section[Any]
    doc: str
    required: bool
    default: Any


def option(kind: Option[Any] | Section[Any], doc: str, *, default: Any = MISSING) -> Any:
    """A config dataclass field read from course.yml: required unless it has a default."""
    metadata = {"option": kind, "doc": doc}
    if default is MISSING:
        return dataclasses.field(metadata=metadata)
    if isinstance(default, type):  # a section: a fresh default instance
        return dataclasses.field(default_factory=default, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def declared(kind: type[Any]) -> dict[str, Declared]:
    """The course.yml keys the dataclass ``kind`` declares with :func:`option`, in order."""
    out: dict[str, Declared] = {}
    for f in dataclasses.fields(kind):
        if "option" not in f.metadata:
            continue
        default: Any = f.default
        if f.default_factory is not MISSING:
            default = f.default_factory()
        out[f.name] = Declared(
            f.name, f.metadata["option"], f.metadata["doc"], default is MISSING, default
        )
    return out


def closest(wrote: str, known: Iterable[str], n: int = 1) -> list[str]:
    """The (up to ``n``) names of ``known`` closest to ``wrote``, the closest first.

    A name that differs only in case comes first. Beyond the closest, a name is kept only when
    it is nearly as close: names that share a prefix or an extension ('01-', '.md') are all
    somewhat close to any short name.
    """
    names = sorted(set(known))
    folded = [name for name in names if name.lower() == wrote.lower() and name != wrote]
    close = folded or difflib.get_close_matches(wrote, names, n=n, cutoff=0.6)
    if len(close) < 2:
        return close
    ratios = [difflib.SequenceMatcher(None, wrote, name).ratio() for name in close]
    return [name for name, ratio in zip(close, ratios, strict=True) if ratio >= ratios[0] - 0.1]


def suggest(key: str, known: Iterable[str] | Mapping[str, Any]) -> str | None:
    """A 'did you mean' hint for an unknown key."""
    close = closest(key, known)
    return f"did you mean '{close[0]}'?" if close else None


def did_you_mean(
    wrote: str, known: Iterable[str], what: str, shown: Sequence[str] | None = None
) -> str | None:
    """'did you mean 'x'?' for the (up to three) names closest to ``wrote``; else a list of
    ``shown`` (default: the names) under the heading ``what``, when it is short."""
    names = sorted(set(known))
    close = closest(wrote, names, n=3)
    if close:
        return "did you mean " + " or ".join(f"'{name}'" for name in close) + "?"
    listed = names if shown is None else list(shown)
    if listed and len(listed) <= 10:
        return f"{what}: " + ", ".join(listed)
    return None
