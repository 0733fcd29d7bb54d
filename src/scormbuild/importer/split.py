"""The document cut into sections, one per module, at headings of the chosen level.

Headings below that level move up so that each module's sections start at ``##`` (the
module title is the page's h1). Every identifier in the document is recorded with the
section it lands in, so that links between sections can become links between modules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from scormbuild.importer.inline import stringify

Node = dict[str, Any]


class SplitError(Exception):
    """The document cannot be cut into modules; ``hint`` says how to choose the level."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass
class Section:
    """One future module: its title, the id of its heading, and its blocks."""

    title: str
    ident: str
    blocks: list[Node] = field(default_factory=list)
    slug: str = ""  # set by the layout: the file name's stem (NN-slug)
    anchors: dict[str, str] = field(default_factory=dict)  # document id -> anchor in module
    aliases: dict[str, str] = field(default_factory=dict)  # another name of an id -> the id


def ascii_slug(text: str, limit: int = 40) -> str:
    """Lowercase ASCII letters, digits and single hyphens (ä -> a), at most ``limit`` long."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug


def anchor_name(ident: str) -> str:
    """An identifier the course syntax can write (``{#...}``): ASCII slug, starts with a letter."""
    slug = ascii_slug(ident, 60) or "kohta"
    return slug if slug[0].isalpha() else "a-" + slug


def flatten(blocks: list[Node]) -> list[Node]:
    """Wrappers (HTML sections, Word styles) around headings are taken off, so that every
    heading is at the top level where the document can be cut."""
    from scormbuild.importer.blocks import callout_kind

    out: list[Node] = []
    for block in blocks:
        if block["t"] == "Div" and not callout_kind(block["c"][0]) and _has_header(block["c"][1]):
            out += flatten(block["c"][1])
        else:
            out.append(block)
    return out


def _has_header(blocks: list[Node]) -> bool:
    return any(b["t"] == "Header" or (b["t"] == "Div" and _has_header(b["c"][1])) for b in blocks)


def has_text(blocks: list[Node]) -> bool:
    """Whether any block holds text, an image or a table."""
    return any(_has_content(b) for b in blocks)


def _has_content(node: Any) -> bool:
    if isinstance(node, list):
        return any(_has_content(n) for n in node)
    if not isinstance(node, dict):
        return False
    if node.get("t") in ("Str", "Image", "Table", "Math", "Code", "CodeBlock"):
        return node.get("t") != "Str" or bool(str(node.get("c", "")).strip())
    return _has_content(node.get("c"))


def split(blocks: list[Node], level: int, title: str) -> list[Section]:
    """Sections at headings of ``level`` (and, with level 2, at level-1 headings with text
    of their own); text before the first such heading is a section titled ``title``."""
    blocks = flatten(blocks)
    levels = sorted({b["c"][0] for b in blocks if b["t"] == "Header"})
    if not levels:
        raise SplitError(
            "the document has no headings, so it cannot be split into modules",
            "give each section a heading style (Heading 1 in Word or LibreOffice, <h1> in "
            "HTML, # in Markdown) and import again",
        )
    if levels[0] > level:
        raise SplitError(
            f"the document has no level-{level} headings: its headings start at level {levels[0]}",
            f"use --split-level {levels[0]}"
            if levels[0] <= 2
            else "change its top headings to Heading 1 or 2 and import again",
        )
    sections: list[Section] = []
    current = Section(title, "")
    keep = False  # a section at the split level stays, even empty (check reports it)
    carried: dict[str, str] = {}  # ids of a dropped part heading: they lead to what follows
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] <= level:
            if keep or has_text(current.blocks):
                sections.append(current)
            else:
                carried.update(current.anchors)
            head_level, (ident, _c, _a), content = block["c"]
            current = Section(stringify(content) or title, ident)
            current.anchors = {**carried, **({ident: ""} if ident else {})}
            current.anchors[f"{stringify(content)}|outline"] = ""
            carried = {}
            keep = head_level == level
            continue
        if block["t"] == "Header":
            head_level, attr, content = block["c"]
            block = {"t": "Header", "c": [max(head_level - level + 1, 2), attr, content]}
        current.blocks.append(block)
    if keep or has_text(current.blocks):
        sections.append(current)
    for section in sections:
        _collect_ids(section.blocks, section)
        for alias, ident in section.aliases.items():
            section.anchors.setdefault(alias, section.anchors[ident])
    return sections


def _collect_ids(node: Any, section: Section) -> None:
    if isinstance(node, list):
        for n in node:
            _collect_ids(n, section)
        return
    if not isinstance(node, dict):
        return
    t: Any = node.get("t")
    c: Any = node.get("c")
    if t == "Header" and c[1][0]:
        section.anchors.setdefault(c[1][0], anchor_name(c[1][0]))
        # LibreOffice links to a heading by its text: '#Heading text|outline'.
        section.aliases.setdefault(f"{stringify(c[2])}|outline", c[1][0])
    elif t == "Span" and c[0][0]:
        section.anchors.setdefault(c[0][0], anchor_name(c[0][0]))
    elif t in ("Div", "Table", "Figure", "CodeBlock") and c[0][0]:
        section.anchors.setdefault(c[0][0], "")
    if isinstance(c, list):
        _collect_ids(c, section)
