"""Render rules that make tables and footnotes accessible, labelled in the page's language.

Tables scroll sideways in a box of their own on narrow screens (WCAG 1.4.10); the box takes
keyboard focus so that keyboard users can scroll it too (WCAG 2.1.1). Footnotes are a
section with an accessible name, and their back links a name instead of a bare arrow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from scormbuild.model import FOOTNOTES_START
from scormbuild.source.markdown.env import label


def _table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    name = escapeHtml(label(env, "table"))
    box = f'<div class="sb-table" role="group" tabindex="0" aria-label="{name}">\n'
    return box + str(self.renderToken(tokens, idx, options, env))


def _table_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return str(self.renderToken(tokens, idx, options, env)) + "</div>\n"


def _footnote_block_open(
    self: Any, tokens: Sequence[Token], idx: int, _options: Any, env: Any
) -> str:
    name = escapeHtml(label(env, "footnotes"))
    return (
        f'{FOOTNOTES_START} aria-label="{name}">\n'
        '<hr class="footnotes-sep">\n<ol class="footnotes-list">\n'
    )


def _footnote_anchor(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # The footnote plugin's bare arrow would be read out as "leftwards arrow with hook".
    ident = str(self.rules["footnote_anchor_name"](tokens, idx, options, env))
    if tokens[idx].meta["subId"] > 0:
        ident += ":" + str(tokens[idx].meta["subId"])
    name = escapeHtml(label(env, "backref"))
    return f' <a href="#fnref{ident}" class="footnote-backref" aria-label="{name}">\u21a9\ufe0e</a>'


def a11y_plugin(md: MarkdownIt) -> None:
    """Scrolling, focusable tables and labelled footnotes (after the footnote plugin)."""
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.add_render_rule("footnote_block_open", _footnote_block_open)
    md.add_render_rule("footnote_anchor", _footnote_anchor)
