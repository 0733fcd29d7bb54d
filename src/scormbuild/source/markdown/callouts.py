"""Callouts: ``::: note``, ``tip``, ``warning`` and ``important`` containers.

A callout is an ``<aside>`` titled with its label in the page's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from scormbuild.source.markdown.env import label

CALLOUTS = ("note", "tip", "warning", "important")


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


def callouts_plugin(md: MarkdownIt) -> None:
    """The three kinds of callout."""
    for kind in CALLOUTS:
        container_plugin(md, kind, render=_callout(kind))
