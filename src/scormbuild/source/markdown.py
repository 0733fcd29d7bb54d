"""The one Markdown factory, and the course syntax added to it as plugins.

CommonMark plus tables, strikethrough, footnotes, heading anchors, attributes
(``[text]{lang=sv}``, ``{#id}`` before a heading), callouts (``::: note|tip|warning``) and
language blocks (``::: lang sv``). Course-specific rewriting (figures, media, links,
quizzes) happens on the token stream in :mod:`scormbuild.source.modules`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from scormbuild.strings import Catalog

CALLOUTS = ("note", "tip", "warning")
# The strings the Markdown itself shows, from the learner string catalogs (strings/*.json).
LABELS = ("note", "tip", "warning", "footnotes", "table", "captions", "transcript", "backref")


def slugify(text: str) -> str:
    """A heading anchor: lowercase words joined by hyphens; letters such as ä and å are kept."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


def labels_for(language: str, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The Markdown's labels in ``language``, with the course's own ``strings:`` applied."""
    t = Catalog(language, (overrides or {}).items())
    return {key: t(key) for key in LABELS}


def _callout(md: MarkdownIt, kind: str, label: str) -> None:
    def render(self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
        if tokens[idx].nesting == 1:
            return (
                f'<aside class="callout callout-{kind}" aria-label="{escapeHtml(label)}">\n'
                f'<p class="callout-title">{escapeHtml(label)}</p>\n'
            )
        return "</aside>\n"

    container_plugin(md, kind, render=render)


def _lang_block(md: MarkdownIt) -> None:
    pattern = re.compile(r"^lang\s+([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*$")

    def validate(params: str, *_args: Any) -> bool:
        return bool(pattern.match(params.strip()))

    def render(self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
        token = tokens[idx]
        if token.nesting == 1:
            match = pattern.match(token.info.strip())
            lang = match.group(1) if match else ""
            return f'<div lang="{escapeHtml(lang)}">\n'
        return "</div>\n"

    container_plugin(md, "lang", validate=validate, render=render)


def _heading_levels_shift(md: MarkdownIt) -> None:
    """Footnotes get a heading-free section with an accessible label."""

    def render_footnote_block_open(
        self: Any, tokens: Sequence[Token], idx: int, _options: Any, env: Any
    ) -> str:
        label = escapeHtml(env.get("labels", {}).get("footnotes", "Footnotes"))
        return (
            f'<section class="footnotes" aria-label="{label}">\n'
            '<hr class="footnotes-sep">\n<ol class="footnotes-list">\n'
        )

    def render_footnote_anchor(
        self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
    ) -> str:
        # The plugin's bare arrow would be read out as "leftwards arrow with hook".
        ident = str(self.rules["footnote_anchor_name"](tokens, idx, options, env))
        if tokens[idx].meta["subId"] > 0:
            ident += ":" + str(tokens[idx].meta["subId"])
        label = escapeHtml(env.get("labels", {}).get("backref", "Back to the text"))
        return (
            f' <a href="#fnref{ident}" class="footnote-backref" aria-label="{label}">'
            "\u21a9\ufe0e</a>"
        )

    md.add_render_rule("footnote_block_open", render_footnote_block_open)
    md.add_render_rule("footnote_anchor", render_footnote_anchor)


def _scrolling_tables(md: MarkdownIt, label: str) -> None:
    """Tables scroll sideways in a box of their own on narrow screens (WCAG 1.4.10); the box
    takes keyboard focus so that keyboard users can scroll it too (WCAG 2.1.1)."""
    box = f'<div class="sb-table" role="group" tabindex="0" aria-label="{escapeHtml(label)}">\n'

    def table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return box + str(self.renderToken(tokens, idx, options, env))

    def table_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return str(self.renderToken(tokens, idx, options, env)) + "</div>\n"

    md.add_render_rule("table_open", table_open)
    md.add_render_rule("table_close", table_close)


def make_markdown(language: str = "en", labels: Mapping[str, str] | None = None) -> MarkdownIt:
    """The course Markdown parser, configured for ``language``."""
    md = MarkdownIt("commonmark", {"typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(attrs_block_plugin)
    md.use(attrs_plugin, spans=True)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=slugify, permalink=False)
    resolved = labels_for(language, labels)
    for kind in CALLOUTS:
        _callout(md, kind, resolved[kind])
    _lang_block(md)
    _heading_levels_shift(md)
    _scrolling_tables(md, resolved["table"])
    return md


# A single line that starts with a letter is always one paragraph: no block rule (list,
# heading, table, fence, quote, container, attributes, footnote or reference definition) can
# start with a letter or span one line. Without any of these characters it is also plain
# text, which renders as itself, escaped. Quiz texts are thousands of such short strings.
_ONE_PARAGRAPH_RE = re.compile(r"[^\W\d_][^\n\r\x00]*")
_INLINE_SYNTAX_RE = re.compile(r"[\\`*_~\[\]<>&{}^\t]")


# A word wrapped whole in *, ** or `, with nothing but sentence punctuation after it:
# between spaces, CommonMark always makes it emphasis, strong emphasis or a code span.
_WRAPPED_RE = re.compile(r"(\*\*|\*|`)([^\W_]+)\1([.,;:!?]*)")
_WRAP_TAGS = {"*": "em", "**": "strong", "`": "code"}


def _simple_markup(text: str) -> str | None:
    """The HTML of a one-line text whose only markup is whole words wrapped in *, ** or `.

    None for anything else. ``text`` starts with a letter, so the first word is plain.
    """
    out = []
    for word in text.split(" "):
        if not _INLINE_SYNTAX_RE.search(word):
            out.append(escapeHtml(word))
            continue
        match = _WRAPPED_RE.fullmatch(word)
        if match is None:
            return None
        tag = _WRAP_TAGS[match.group(1)]
        out.append(f"<{tag}>{match.group(2)}</{tag}>{match.group(3)}")
    return " ".join(out)


def _one_paragraph(md: MarkdownIt, text: str) -> str | None:
    """``md.render(text).strip()`` for a one-paragraph text, skipping the block parser."""
    env: dict[str, Any] = {}
    tokens = md.parseInline(text, env)
    if len(tokens) != 1:
        return None
    return f"<p>{md.renderer.render(tokens, md.options, env)}</p>"


def render_inline(md: MarkdownIt, text: str) -> str:
    """Render a short Markdown text (a prompt, a choice) without a wrapping paragraph."""
    if text == text.strip() and _ONE_PARAGRAPH_RE.fullmatch(text):
        if not _INLINE_SYNTAX_RE.search(text):
            return escapeHtml(text)
        simple = _simple_markup(text)
        if simple is not None:
            return simple
        html = _one_paragraph(md, text) if "^" not in text else None
    else:
        html = None
    if html is None:
        html = str(md.render(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
