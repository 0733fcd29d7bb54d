"""The course's files in memory: course.yml, one module per section, links between them."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from scormbuild.importer.blocks import BlockWriter
from scormbuild.importer.inline import Context, escape
from scormbuild.importer.media import Media
from scormbuild.importer.split import Section, ascii_slug

Node = dict[str, Any]
KEEP_SCHEMES = {"mailto", "tel"}
WEB_SCHEMES = {"http", "https"}  # what check lists as links out of the course


@dataclass(frozen=True)
class CourseInfo:
    """What course.yml says."""

    id: str
    title: str
    language: str
    author: str = ""
    description: str = ""


def name_sections(sections: list[Section]) -> None:
    """``NN-slug`` for each section, numbered in document order."""
    width = max(2, len(str(len(sections))))
    for n, section in enumerate(sections, 1):
        section.slug = f"{n:0{width}d}-{ascii_slug(section.title) or 'section'}"


def link_targets(node: Any) -> set[str]:
    """Every ``#id`` a link of the document points at."""
    found: set[str] = set()
    if isinstance(node, list):
        for n in node:
            found |= link_targets(n)
    elif isinstance(node, dict):
        if node.get("t") == "Link":
            url = node["c"][2][0]
            if url.startswith("#"):
                found.add(unquote(url[1:]))
        found |= link_targets(node.get("c"))
    return found


class Linker:
    """Rewrites the document's links for the module being written."""

    def __init__(self, sections: list[Section], document_name: str) -> None:
        self.sections = sections
        self.document_name = document_name
        self.where = {i: (n, a) for n, s in enumerate(sections) for i, a in s.anchors.items()}

    def for_section(self, current: int) -> Callable[[str], tuple[str | None, str | None]]:
        """The link rewriter of section ``current``."""

        def link(url: str) -> tuple[str | None, str | None]:
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            # A web address is kept as it is: check lists every link out of the course.
            if scheme in KEEP_SCHEMES or scheme in WEB_SCHEMES:
                return url, None
            same_doc = not scheme and (not parts.path or parts.path == self.document_name)
            if same_doc and parts.fragment:
                return self._internal(unquote(parts.fragment), current)
            return None, (
                f"a link to a file outside the course was removed: {url[:200]}; put the file "
                "in assets/ and link to it, or link to its web address"
            )

        return link

    def _internal(self, ident: str, current: int) -> tuple[str | None, str | None]:
        found = self.where.get(ident)
        if found is None:
            return None, (
                f"a link to '#{ident[:80]}', a place that is not in the course, was removed"
            )
        n, anchor = found
        target = self.sections[n].slug + ".md"
        if n == current:
            return (f"#{anchor}" if anchor else target), None
        return target + (f"#{anchor}" if anchor else ""), None


def module_text(
    section: Section,
    index: int,
    linker: Linker,
    media: Media,
    language: str,
    targets: set[str],
    heading_anchors: dict[str, str] | None = None,
) -> str:
    """A module file: front matter, the title as ``#``, the body with its to-dos."""
    anchors = {i: a for i, a in section.anchors.items() if a and i in targets}
    if heading_anchors is not None:
        anchors = heading_anchors
    ctx = Context(language, linker.for_section(index), media.image, span_anchors=anchors)
    body = BlockWriter(ctx, anchors.get).module(section.blocks)
    title = " ".join(section.title.split())
    head = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n# {escape(title)}\n"
    return head + ("\n" + body if body else "")


def course_yml(info: CourseInfo, languages: list[str] | None = None, titles: dict[str, str]
               | None = None) -> str:  # fmt: skip
    """course.yml for the imported course (JSON strings are YAML strings)."""
    lines = [f"id: {info.id}"]
    if titles:
        pairs = ", ".join(f"{lang}: {json.dumps(t, ensure_ascii=False)}" for lang, t in
                          titles.items())  # fmt: skip
        lines.append(f"title: {{{pairs}}}")
    else:
        lines.append(f"title: {json.dumps(info.title, ensure_ascii=False)}")
    lines += ["version: 0.1.0", f"language: {info.language}"]
    if languages:
        lines.append(f"languages: [{', '.join(languages)}]")
    if info.description:
        lines.append(f"description: {json.dumps(info.description, ensure_ascii=False)}")
    if info.author:
        lines.append(f"author: {json.dumps(info.author, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
