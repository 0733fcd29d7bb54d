"""The typefaces a package can ship, chosen with course.yml ``theme.font``.

``system`` (the default) ships none: the pages use the device's own sans-serif. A shipped
typeface travels inside the package (no request leaves it; the pages' Content-Security-Policy
allows fonts from the package alone), as woff2 files with its licence beside them, and loads
with ``font-display: swap``, so text shows at once in the system face and changes when the
font has arrived.

Inter (https://github.com/rsms/inter, version 3.019, SIL Open Font License 1.1) is made for
reading on screens. Its variable files (every weight from 100 to 900 in one file, upright and
italic) are subset to Latin: Basic Latin, Latin-1 and Latin Extended-A (Finnish, Swedish and
Sami letters, š and ž), general punctuation, the euro sign and arrows: 59 KB and 65 KB.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

SYSTEM = "system"
# Where a package keeps them, relative to its root (brand.css, beside, names them from there).
FOLDER = "scormbuild/fonts"


@dataclass(frozen=True)
class Typeface:
    """A typeface the package of a course can carry."""

    family: str
    # (file, CSS font-style) for each file; each file holds every weight of ``weights``.
    faces: tuple[tuple[str, str], ...]
    weights: str
    licence: str


TYPEFACES: Mapping[str, Typeface] = MappingProxyType(
    {
        "inter": Typeface(
            family="Inter",
            faces=(("Inter-roman.woff2", "normal"), ("Inter-italic.woff2", "italic")),
            weights="100 900",
            licence="Inter-OFL.txt",
        )
    }
)
# The values of course.yml theme.font, and what they mean.
CHOICES = (SYSTEM, *TYPEFACES)
OPTION_DOC = "Typeface: 'system' (the device's own) or 'inter' (Inter, shipped in the package)."


def read(name: str) -> bytes:
    """A file of this folder."""
    return (importlib.resources.files(__name__) / name).read_bytes()


def package_files(choice: str) -> dict[str, bytes]:
    """The files the package carries for ``choice``, by their path in the package."""
    face = TYPEFACES.get(choice)
    if face is None:
        return {}
    names = [file for file, _style in face.faces] + [face.licence]
    return {f"{FOLDER}/{name}": read(name) for name in names}


def font_css(choice: str) -> str:
    """The ``@font-face`` rules of ``choice`` and the custom property the theme reads, for a
    stylesheet in ``scormbuild/``; empty for the system font."""
    face = TYPEFACES.get(choice)
    if face is None:
        return ""
    rules = [
        f"@font-face {{\n  font-family: {face.family};\n"
        f'  src: url("fonts/{file}") format("woff2");\n'
        f"  font-weight: {face.weights};\n  font-style: {style};\n  font-display: swap;\n}}\n"
        for file, style in face.faces
    ]
    # The theme's system stack stays behind it: shown while the font loads, and for any
    # letter it lacks.
    return "".join(rules) + f":root {{\n  --sb-font: {face.family}, var(--sb-system-font);\n}}\n"


__all__ = [
    "CHOICES",
    "FOLDER",
    "OPTION_DOC",
    "SYSTEM",
    "TYPEFACES",
    "Typeface",
    "font_css",
    "package_files",
]
