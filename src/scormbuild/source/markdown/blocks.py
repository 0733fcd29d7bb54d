"""``:::`` containers: callouts (``::: note``, ``tip``, ``warning``) and language blocks.

A callout is an ``<aside>`` titled with its label in the page's language; ``::: lang sv``
marks a passage in another language with a ``lang`` attribute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from scormbuild.source.markdown.env import label

CALLOUTS = ("note", "tip", "warning")
LANG_BLOCK_RE = re.compile(r"^lang\s+([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*$")


def _callout(kind: str) -> Any:
    def render(self: Any, tokens: Sequence[Token], idx: int, _options: Any, env: Any) -> str:
        if tokens[idx].nesting == 1:
            text = escapeHtml(label(env, kind))
            return (
                f'<aside class="callout callout-{kind}" aria-label="{text}">\n'
                f'<p class="callout-title">{text}</p>\n'
            )
        return "</aside>\n"

    return render


def _lang_block(self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
    token = tokens[idx]
    if token.nesting == 1:
        match = LANG_BLOCK_RE.match(token.info.strip())
        return f'<div lang="{escapeHtml(match.group(1) if match else "")}">\n'
    return "</div>\n"


def blocks_plugin(md: MarkdownIt) -> None:
    """Callouts and language blocks."""
    for kind in CALLOUTS:
        container_plugin(md, kind, render=_callout(kind))
    container_plugin(
        md,
        "lang",
        validate=lambda params, *_args: bool(LANG_BLOCK_RE.match(params.strip())),
        render=_lang_block,
    )
