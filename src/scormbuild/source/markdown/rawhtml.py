"""Raw HTML in a module: nothing remote, no scripts; its images are recorded like others.

Learner pages make no external request and run under a strict Content-Security-Policy, so a
remote ``src``, ``href`` (other than a link's), ``url()`` or ``@import`` is refused where the
author wrote it, and so is any script. This rule sees every HTML block and inline tag of a
module before it is rendered, so it is where an HTML sanitizer belongs (rewriting
``token.content``, reporting through the :class:`~.env.SourceEnv` sink).
"""

from __future__ import annotations

import posixpath
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from scormbuild.model import Image
from scormbuild.source.markdown.env import SourceEnv, source_of
from scormbuild.source.paths import is_remote

REMOTE_IN_HTML_RE = re.compile(
    r"""(?:src|href|data|poster|srcset)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)"""
    r"""|(?:url\(|@import)\s*["']?((?:https?:)?//[^)"'\s;]+)""",
    re.IGNORECASE,
)
LINK_HREF_RE = re.compile(r"<\s*a\s[^>]*href", re.IGNORECASE)
SCRIPT_RE = re.compile(r"<\s*script\b", re.IGNORECASE)
IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTR_RE = re.compile(r"""\s(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def check_html(source: SourceEnv, html: str, line: int | None) -> None:
    """Report what ``html`` (starting at ``line``) must not do; record its images."""
    for img in IMG_RE.findall(html):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in ATTR_RE.findall(img)}
        src = attrs.get("src", "")
        path = ""
        if src and not is_remote(src):
            path = posixpath.normpath(posixpath.join(source.folder, src.split("#")[0]))
        source.found.images.append(Image(src, path, attrs.get("alt", ""), source.at(line)))

    def line_of(offset: int) -> int | None:
        # The line of the match, not the first line of a multi-line HTML block.
        return line + html.count("\n", 0, offset) if line else line

    for match in REMOTE_IN_HTML_RE.finditer(html):
        url = match.group(1) or match.group(2)
        if LINK_HREF_RE.search(html[: match.end()]) and "href" in match.group(0):
            continue  # a link to elsewhere is fine: following it is the learner's choice
        message = f"remote resource '{url}' is refused"
        source.error(line_of(match.start()), message, hint="put the file in assets/", code="remote")
    script = SCRIPT_RE.search(html)
    if script:
        message = "scripts are not allowed in course pages"
        source.error(line_of(script.start()), message, code="script")


def _raw_html(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None:
        return
    for token in state.tokens:
        if token.type == "html_block":
            check_html(source, token.content, source.line(token))
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline":
                    check_html(source, child.content, source.line(token))


def raw_html_plugin(md: MarkdownIt) -> None:
    """Check the raw HTML of a module."""
    md.core.ruler.push("sb_raw_html", _raw_html)
