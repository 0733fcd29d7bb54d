"""Learner UI strings in Finnish, Swedish and English, overridable per course.

The catalogs live in ``strings/<lang>.json``. A language without a catalog falls back to
English key by key, so a partial translation still renders.
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Iterable
from functools import cache

FALLBACK = "en"


@cache
def load_catalog(lang: str) -> dict[str, str]:
    """The built-in strings of ``lang`` (its primary subtag), or ``{}`` when there are none."""
    base = lang.split("-")[0].lower()
    res = importlib.resources.files("scormbuild") / "strings" / f"{base}.json"
    if not res.is_file():
        return {}
    data: dict[str, str] = json.loads(res.read_text(encoding="utf-8"))
    return data


def known_keys() -> frozenset[str]:
    """Every string key, as the English catalog defines them."""
    return frozenset(load_catalog(FALLBACK))


class Catalog:
    """The strings of one language; call it like a function: ``t("progress", done=1, total=3)``."""

    def __init__(self, lang: str, overrides: Iterable[tuple[str, str]] = ()) -> None:
        self.lang = lang
        self.strings: dict[str, str] = {**load_catalog(FALLBACK), **load_catalog(lang)}
        self.strings.update(overrides)

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings.get(key, key)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text


def number(value: float, lang: str) -> str:
    """A number as the course language writes it (decimal comma in Finnish and Swedish)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang.split("-")[0] in ("fi", "sv") else text
