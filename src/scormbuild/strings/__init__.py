"""Learner UI strings in Finnish, Swedish and English, overridable per course.

The catalogs live in ``strings/<lang>.json``. A language without a catalog falls back to
English key by key, so a partial translation still renders. They are fixed per release, so
they are read once, into read-only mappings: no caller can change what another one reads.
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Iterable, Mapping
from types import MappingProxyType

FALLBACK = "en"
_NONE: Mapping[str, str] = MappingProxyType({})


def _read_catalogs() -> Mapping[str, Mapping[str, str]]:
    folder = importlib.resources.files(__name__)
    return MappingProxyType(
        {
            res.name.removesuffix(".json"): MappingProxyType(json.loads(res.read_text("utf-8")))
            for res in folder.iterdir()
            if res.name.endswith(".json")
        }
    )


# The built-in catalogs by language code (fi, sv, en), read-only.
CATALOGS: Mapping[str, Mapping[str, str]] = _read_catalogs()


def load_catalog(lang: str) -> Mapping[str, str]:
    """The built-in strings of ``lang`` (its primary subtag), empty when there are none."""
    return CATALOGS.get(lang.split("-")[0].lower(), _NONE)


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
