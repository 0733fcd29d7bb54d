"""Figures: an image alone in its paragraph, with a title, is shown with the title as caption.

``![A cycle](../assets/cycle.svg "The cycle in four steps")`` on a line of its own. The
figure's markup comes from the theme's ``figure.html``: the page holds a placeholder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.model import Figure, placeholder
from scormbuild.source.markdown.env import source_of
from scormbuild.source.markdown.inline import render_inline
from scormbuild.source.markdown.sanitize import clean


def _lone_image(tokens: list[Token], i: int) -> Token | None:
    """The image of the paragraph whose inline content is ``tokens[i]``, if alone and titled."""
    children = tokens[i].children
    if not children or len(children) != 1 or children[0].type != "image":
        return None
    if not (0 < i < len(tokens) - 1 and tokens[i - 1].type == "paragraph_open"):
        return None
    return children[0] if children[0].attrGet("title") else None


def _figures(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None or source.fragment:
        return
    tokens = state.tokens
    i = 1
    while i < len(tokens) - 1:
        image = _lone_image(tokens, i) if tokens[i].type == "inline" else None
        if image is None:
            i += 1
            continue
        alt = "".join(c.content for c in image.children or [])
        at = source.at(source.line(tokens[i]))
        text = source.text_at(source.path, at.line, "markdown")
        title = str(image.attrGet("title"))
        caption = clean(render_inline(state.md, title, state.env.get("labels"), text))
        path = str(image.meta.get("path") or image.attrGet("src"))
        figure = Token("figure", "", 0, map=tokens[i - 1].map)
        figure.meta["index"] = len(source.found.figures)
        source.found.figures.append(Figure(path, alt, caption, at))
        tokens[i - 1 : i + 2] = [figure]


def _render(self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
    return placeholder("figure", tokens[idx].meta["index"]) + "\n"


def figures_plugin(md: MarkdownIt) -> None:
    """Lone titled images become figures (after :mod:`.images` and :mod:`.media`)."""
    md.core.ruler.push("sb_figures", _figures)
    md.add_render_rule("figure", _render)
