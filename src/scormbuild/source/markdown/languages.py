"""Passages in another language: ``[text]{lang=sv}`` inline, ``::: lang sv`` blocks.

Both become ``lang`` attributes in the page (WCAG 3.1.2), so screen readers switch voice.
Every ``lang`` attribute the author writes must be a language code, or it would mislead them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from scormbuild.options import LANG_RE
from scormbuild.source.markdown.env import SourceEnv, source_of

LANG_BLOCK_RE = re.compile(r"^lang\s+([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*$")


def _lang_block(self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
    token = tokens[idx]
    if token.nesting == 1:
        match = LANG_BLOCK_RE.match(token.info.strip())
        return f'<div lang="{escapeHtml(match.group(1) if match else "")}">\n'
    return "</div>\n"


def _check_codes(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None:
        return
    for token in state.tokens:
        # Only a token with attributes can have a lang (most have none: checked cheaply).
        if token.attrs:
            _check_code(source, token, token)
        for child in token.children or ():
            if child.attrs:
                _check_code(source, token, child)


def _check_code(source: SourceEnv, token: Token, tok: Token) -> None:
    """Report the ``lang`` of ``tok`` (``token`` or one of its children) if not a code."""
    lang = tok.attrs.get("lang")
    if lang is not None and not LANG_RE.match(str(lang)):
        source.error(
            source.line(token),
            f"'{lang}' is not a language code",
            hint="use a BCP 47 code such as 'sv', 'en' or 'en-GB'",
            code="lang",
        )


def languages_plugin(md: MarkdownIt) -> None:
    """Language blocks, and a check of every ``lang`` attribute (after the attributes plugin)."""
    container_plugin(
        md,
        "lang",
        validate=lambda params, *_args: bool(LANG_BLOCK_RE.match(params.strip())),
        render=_lang_block,
    )
    md.core.ruler.push("sb_languages", _check_codes)
