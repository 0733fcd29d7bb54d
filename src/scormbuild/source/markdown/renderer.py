"""markdown-it's HTML renderer, the same HTML made with fewer calls.

A module's page renders tens of thousands of tokens: most are text, or tags without
attributes. Here a text token is escaped where the rule would be called for it (while the
text rule is markdown-it's own), and a tag without attributes is written without asking for
them. ``tests/test_renderer.py`` compares the HTML with markdown-it's on generated texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict


class CourseRenderer(RendererHTML):
    """:class:`RendererHTML` with the token loops and the default tag written out."""

    def _plain_text(self) -> bool:
        """Whether text is rendered by markdown-it's own rule (escaped, nothing else)."""
        rule = self.rules.get("text")
        return getattr(rule, "__func__", None) is RendererHTML.text

    def render(self, tokens: Sequence[Token], options: OptionsDict, env: Any) -> str:
        rules = self.rules
        out: list[str] = []
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                if token.children:
                    out.append(self.renderInline(token.children, options, env))
            elif kind in rules:
                out.append(rules[kind](tokens, i, options, env))
            else:
                out.append(self.renderToken(tokens, i, options, env))
        return "".join(out)

    def renderInline(self, tokens: Sequence[Token], options: OptionsDict, env: Any) -> str:
        rules = self.rules
        plain_text = self._plain_text()
        out: list[str] = []
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "text" and plain_text:
                out.append(escapeHtml(token.content))
            elif kind in rules:
                out.append(rules[kind](tokens, i, options, env))
            else:
                out.append(self.renderToken(tokens, i, options, env))
        return "".join(out)

    def renderToken(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        if token.hidden:
            return ""  # tight list paragraphs
        nesting = token.nesting
        block = token.block
        result = ("</" if nesting == -1 else "<") + token.tag
        # A newline between a hidden paragraph and the opening block tag after it.
        if block and nesting != -1 and idx and tokens[idx - 1].hidden:
            result = "\n" + result
        if token.attrs:
            result += self.renderAttrs(token)
        if nesting == 0 and options["xhtmlOut"]:
            result += " /"
        if not block:
            return result + ">"
        if nesting == 1 and idx + 1 < len(tokens):
            after = tokens[idx + 1]
            # A block tag around inline content, or with its closing tag right after it.
            if after.type == "inline" or after.hidden:
                return result + ">"
            if after.nesting == -1 and after.tag == token.tag:
                return result + ">"
        return result + ">\n"
