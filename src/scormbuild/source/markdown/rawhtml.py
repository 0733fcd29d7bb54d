"""Raw HTML and author-set attributes: what the sanitizer would remove is an error at its line.

Learner pages make no external request, run no script but the theme's runtime and sit under a
strict Content-Security-Policy. The sanitizer (:mod:`.sanitize`) removes from every page all
that its allow-list does not name; this rule tells the author first, at the line: each tag,
attribute and URL of the raw HTML (HTML blocks and inline tags alike), and each attribute set
in Markdown (``[text]{onclick=...}``). The images and files raw HTML uses go through the path
gate like Markdown's own, and are recorded with them.
"""

from __future__ import annotations

import posixpath

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.model import Image, Link
from scormbuild.source.markdown.env import SourceEnv, source_of
from scormbuild.source.markdown.sanitize import (
    TAGS,
    URL_ATTRIBUTES,
    attribute_problem,
    inspect,
    scheme_problem,
)
from scormbuild.source.paths import is_remote


def check_html(source: SourceEnv, html: str, line: int | None) -> None:
    """Report what ``html`` (starting at ``line``) may not do; record its images and files."""

    def at(fragment_line: int) -> int | None:
        return line + fragment_line - 1 if line else line

    tags, refused = inspect(html)
    for problem in refused:
        source.error(at(problem.line), problem.message, hint=problem.hint, code=problem.code)
    for tag_line, tag, attr_list in tags:
        attrs = dict(attr_list)
        if tag == "img" and tag in TAGS:
            _image(source, attrs, at(tag_line))
        elif tag == "a" and attrs.get("href") and tag in TAGS:
            if is_remote(attrs["href"]):
                _web_link(source, attrs, at(tag_line))
            else:
                _file_link(source, attrs["href"], at(tag_line))


def _image(source: SourceEnv, attrs: dict[str, str], line: int | None) -> None:
    src = attrs.get("src", "")
    path = ""
    if src and not is_remote(src):
        path = source.use_asset(src, line) or ""
    source.found.images.append(Image(src, path, attrs.get("alt", ""), source.at(line)))


def _web_link(source: SourceEnv, attrs: dict[str, str], line: int | None) -> None:
    """A link out of the course: listed by ``check`` as Markdown's are, and, without a new
    window, it would load in the course's frame, which the launch page does not allow."""
    href = attrs["href"]
    if scheme_problem(href, link=True) is not None:
        return  # refused with the other attributes
    source.found.web_links.append(Link(href, "", source.at(line)))
    if attrs.get("target") != "_blank":
        source.warning(
            line,
            f"the link to '{href[:200]}' would open inside the course, where the page it leads "
            "to cannot load",
            hint=f"write it in Markdown, [text]({href[:200]}): it then opens in a new window "
            "and says so",
            code="external-link",
        )


def _file_link(source: SourceEnv, href: str, line: int | None) -> None:
    target = href.split("#")[0]
    if not target:
        return
    if posixpath.splitext(target)[1].lower() == ".md":
        source.error(
            line,
            f"a link to '{target}' in raw HTML is not pointed at its page",
            hint=f"write it in Markdown: [text]({href})",
            code="link",
        )
        return
    source.use_asset(target, line)


def _attributes(source: SourceEnv, token: Token, line: int | None) -> None:
    """Attributes Markdown set (``{...}`` after a span, a link, a heading): the allow-list's."""
    for name, value in (token.attrs or {}).items():
        if name in URL_ATTRIBUTES:
            continue  # links and images check their own targets
        problem = attribute_problem(token.tag, name, str(value))
        if problem is not None:
            source.error(line, problem[0], hint=problem[1], code=problem[2])


def _raw_html(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None:
        return
    for token in state.tokens:
        # The line only for what is checked: most tokens are neither HTML nor have attributes.
        if token.type == "html_block":
            check_html(source, token.content, source.line(token))
            continue
        if token.attrs:
            _attributes(source, token, source.line(token))
        for child in token.children or ():
            if child.type == "html_inline":
                check_html(source, child.content, source.line(token))
            elif child.attrs:
                _attributes(source, child, source.line(token))


def raw_html_plugin(md: MarkdownIt) -> None:
    """Check the raw HTML and the attributes of a module's text."""
    md.core.ruler.push("sb_raw_html", _raw_html)
