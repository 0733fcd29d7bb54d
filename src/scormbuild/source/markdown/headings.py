"""Headings: their anchors, the page outline, and the leading ``# Title`` the page shows.

Anchors come from mdit-py-plugins' anchors plugin with :func:`slugify`; this core rule runs
last, records each heading (for the table of contents and the outline checks) and drops a
leading level-1 heading, which the page template shows as the module title.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from scormbuild.model import Heading
from scormbuild.source.markdown.env import source_of


def slugify(text: str) -> str:
    """A heading anchor: lowercase words joined by hyphens; letters such as ä and å are kept."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


def _headings(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None or source.fragment:
        return
    tokens = state.tokens
    if tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        source.found.title_anchor = str(tokens[0].attrGet("id") or "")
        source.found.title_line = source.line(tokens[0])
        del tokens[:3]
    source.found.headings += [
        Heading(
            int(token.tag[1]),
            str(token.attrGet("id") or ""),
            tokens[i + 1].content,
            source.at(source.line(token)),
        )
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def headings_plugin(md: MarkdownIt) -> None:
    """Record the headings of a module and drop its title heading (after the other rules)."""
    md.core.ruler.push("sb_headings", _headings)
