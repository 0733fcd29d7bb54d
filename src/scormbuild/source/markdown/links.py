"""Links: to other modules (rewritten to their pages), to places in this one, to files, and
out of the course.

Every link is checked when the course loads: a module link across modules once all are read
(:mod:`scormbuild.source.load`), a file link here, through the course's files.

A link out of the course (a web page, an e-mail address) would load inside the course's frame,
where the launch page's Content-Security-Policy stops it: it opens in a new window instead,
and says so (an icon, and words for screen readers, in the page's language); each is recorded
for ``check`` to list. A link to a file other than a page downloads it rather than replacing
the module, and says the file's type and size: the renderer fills those in from the packaged
file (:mod:`scormbuild.render.files`), as the loader records sizes and the Markdown is parsed
before.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from scormbuild.model import FileUse, Link, placeholder
from scormbuild.source.markdown.env import inline_children, label, source_of
from scormbuild.source.markdown.sanitize import scheme_problem
from scormbuild.source.paths import HTML_EXT, PathProblem, is_remote, require_file

NEW_WINDOW = "sb_new_window"  # the token that says a link opens in a new window
FILE_INFO = "sb_file_info"  # the token where the renderer puts a file's type and size
# What a link out of the course carries; the sanitizer's allow-list accepts exactly these.
NEW_WINDOW_ATTRS = {"target": "_blank", "rel": "noopener noreferrer"}


def file_key(path: str) -> str:
    """The placeholder key of the packaged file ``path`` (letters and digits only)."""
    return path.encode("utf-8").hex()


def is_download(path: str) -> bool:
    """Whether a link to the course file ``path`` downloads it (all but pages do)."""
    return posixpath.splitext(path)[1].lower() not in HTML_EXT


def _close_of(children: Sequence[Token], start: int) -> int:
    """The index of the ``link_close`` that ends the link opened at ``start``."""
    depth = 0
    for i in range(start, len(children)):
        if children[i].type == "link_open":
            depth += 1
        elif children[i].type == "link_close":
            depth -= 1
            if depth == 0:
                return i
    return len(children)


def _insert_before_close(inline: Token, link: Token, token: Token) -> None:
    children = inline.children or []
    start = next(i for i, child in enumerate(children) if child is link)
    children.insert(_close_of(children, start), token)


def _links(state: StateCore) -> None:
    source = source_of(state.env)
    for inline, link in list(inline_children(state.tokens, "link_open")):
        href = str(link.attrGet("href") or "")
        if not href:
            continue
        if is_remote(href):
            problem = scheme_problem(href, link=True)
            if problem is None:
                for name, value in NEW_WINDOW_ATTRS.items():
                    link.attrSet(name, value)
                link.attrJoin("class", "sb-external")
                _insert_before_close(inline, link, Token(NEW_WINDOW, "", 0))
            if source is None:
                continue
            at = source.at(source.child_line(inline, link))
            if problem is not None:
                source.error(at.line, problem[0], hint=problem[1], code=problem[2])
                link.attrs.pop("href", None)
            else:
                source.found.web_links.append(Link(href, "", at))
            continue
        if source is None:
            continue
        at = source.at(source.child_line(inline, link))
        if href.startswith("#"):
            source.found.links.append(Link(source.path, href[1:], at))
            continue
        path_part, _, anchor = href.partition("#")
        fragment = f"#{anchor}" if anchor else ""
        try:
            path = source.files.resolve(path_part, source.folder)
            if path.startswith("modules/") and path.endswith(".md"):
                source.found.links.append(Link(path, anchor, at))
                slug = posixpath.basename(path).removesuffix(".md")
                link.attrSet("href", f"{slug}.html{fragment}")
                continue
            path = require_file(source.files, path_part, source.folder, under="assets")
        except PathProblem as exc:
            source.path_error(at.line, exc)
            continue
        source.found.uses.append(FileUse(path, at))
        link.attrSet("href", f"../{path}{fragment}")
        if is_download(path):
            link.attrSet("download", "")
            link.attrJoin("class", "sb-download")
            info = Token(FILE_INFO, "", 0)
            info.meta["path"] = path
            _insert_before_close(inline, link, info)


def _new_window(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    words = escapeHtml(label(env, "new_window"))
    return f'<span class="sb-new-window"><span class="sb-vh"> ({words})</span></span>'


def _file_info(
    self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return placeholder("file", file_key(str(tokens[idx].meta["path"])))


def links_plugin(md: MarkdownIt) -> None:
    """Check and rewrite the links of a module: out of the course in a new window, files as
    downloads."""
    md.core.ruler.push("sb_links", _links)
    md.add_render_rule(NEW_WINDOW, _new_window)
    md.add_render_rule(FILE_INFO, _file_info)
