"""A second document as the language variants of an imported course's modules.

Section *n* of the document becomes the variant of module *n*; its headings take the anchors
of the primary module's headings in the same places, and its pictures are the course's own
(the same picture in every language, as parity requires): where the document shows another
picture, or lacks one, a to-do says so.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from scormbuild.importer.inputs import Document
from scormbuild.importer.media import Media
from scormbuild.importer.split import Section
from scormbuild.model import Module

Node = dict[str, Any]


def headers(blocks: list[Node]) -> list[Node]:
    """The section's headings in order, callouts and lists included."""
    found: list[Node] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            if node.get("t") == "Header":
                found.append(node)
            elif node.get("t") in ("Div", "BlockQuote", "BulletList", "OrderedList"):
                walk(node.get("c"))

    walk(blocks)
    return found


def match_anchors(section: Section, primary: Module) -> dict[str, str]:
    """The document's heading ids -> the primary module's anchors in the same places."""
    mapping: dict[str, str] = {}
    for node, heading in zip(headers(section.blocks), primary.headings, strict=False):
        ident = node["c"][1][0]
        if ident and heading.anchor:
            mapping[ident] = heading.anchor
            section.anchors[ident] = heading.anchor
    section.slug = primary.slug
    return mapping


class VariantMedia(Media):
    """Pictures of the variant: the course's own, place by place."""

    def __init__(self, doc: Document, root: Path, primary_lang: str) -> None:
        known: dict[str, str] = {}
        assets = root / "assets"
        if assets.is_dir():
            for path in sorted(assets.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                    known.setdefault(digest, path.relative_to(assets).as_posix())
        super().__init__(doc, known)
        self.primary_lang = primary_lang
        self.expected: list[str] = []  # the primary module's pictures, in order
        self.used: list[str] = []

    def start(self, primary: Module) -> None:
        """Begin a module: its primary version's pictures, in order."""
        self.expected = [image.path for image in primary.images]
        self.used = []

    def image(self, src: str) -> tuple[str | None, str | None]:
        """The course's picture for this place, and a to-do where the document differs."""
        href, todo = super().image(src)
        position = len(self.used)
        wanted = self.expected[position] if position < len(self.expected) else None
        if href is not None and href.removeprefix("../") in self.expected:
            path = href.removeprefix("../")
            self.used.append(path)
            return href, todo
        if href is not None:
            self.files.pop(href.removeprefix("../assets/"), None)
        if wanted is None:
            return None, (
                f"a picture that the {self.primary_lang} version does not have was left out: "
                "the language versions show the same pictures"
            )
        self.used.append(wanted)
        return "../" + wanted, (
            f"the document shows another picture here; the course shows {wanted} in every "
            "language: check that it fits"
        )

    def missing(self) -> list[str]:
        """Pictures of the primary module this variant has not placed."""
        return [p for p in self.expected if p not in self.used]


def updated_config(text: str, primary: str, lang: str, title: str) -> str:
    """course.yml with ``lang`` among the languages and its title (other lines as they were)."""
    data = yaml.safe_load(text) or {}
    languages = list(data.get("languages") or [primary])
    if lang not in languages:
        languages.append(lang)
    titles = data.get("title")
    titles = dict(titles) if isinstance(titles, dict) else {primary: str(titles or "")}
    titles.setdefault(lang, title)
    lines = text.splitlines()
    out: list[str] = []
    skipping = False
    for line in lines:
        if skipping and (line.startswith((" ", "\t", "-")) or not line.strip()):
            continue
        skipping = False
        key = re.match(r"^(title|languages|language)\s*:", line)
        if key and key.group(1) in ("title", "languages"):
            skipping = True
            continue
        out.append(line)
        if key and key.group(1) == "language":
            pairs = ", ".join(
                f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in titles.items()
            )
            out.append(f"languages: [{', '.join(languages)}]")
            out.append(f"title: {{{pairs}}}")
    return "\n".join(out) + "\n"
