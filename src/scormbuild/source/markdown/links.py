"""Links: to other modules (rewritten to their pages), to places in this one, to files.

Every link is checked when the course loads: a module link across modules once all are read
(:mod:`scormbuild.source.load`), a file link here, through the course's files.
"""

from __future__ import annotations

import posixpath

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from scormbuild.model import FileUse, Link
from scormbuild.source.markdown.env import inline_children, source_of
from scormbuild.source.markdown.sanitize import scheme_problem
from scormbuild.source.paths import PathProblem, is_remote, require_file


def _links(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None:
        return
    found = source.found
    for inline, link in inline_children(state.tokens, "link_open"):
        href = str(link.attrGet("href") or "")
        at = source.at(source.child_line(inline, link))
        if not href:
            continue
        if is_remote(href):
            problem = scheme_problem(href, link=True)
            if problem is not None:
                source.error(at.line, problem[0], hint=problem[1], code=problem[2])
                link.attrs.pop("href", None)
            continue
        if href.startswith("#"):
            found.links.append(Link(source.path, href[1:], at))
            continue
        path_part, _, anchor = href.partition("#")
        fragment = f"#{anchor}" if anchor else ""
        try:
            path = source.files.resolve(path_part, source.folder)
            if path.startswith("modules/") and path.endswith(".md"):
                found.links.append(Link(path, anchor, at))
                slug = posixpath.basename(path).removesuffix(".md")
                link.attrSet("href", f"{slug}.html{fragment}")
                continue
            path = require_file(source.files, path_part, source.folder, under="assets")
        except PathProblem as exc:
            source.path_error(at.line, exc)
            continue
        found.uses.append(FileUse(path, at))
        link.attrSet("href", f"../{path}{fragment}")


def links_plugin(md: MarkdownIt) -> None:
    """Check and rewrite the links of a module."""
    md.core.ruler.push("sb_links", _links)
