"""Pandoc inline elements as course Markdown (CommonMark with the course's extensions).

Text is escaped so that markdown-it reads back exactly the words of the document; what the
course format cannot hold (equations, embedded HTML, comments, tracked changes) is kept as
plain text or dropped, each time with a to-do for the author.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Node = dict[str, Any]
LinkRewriter = Callable[[str], tuple[str | None, str | None]]  # href -> (href or None, to-do)
ImageRewriter = Callable[[str], tuple[str | None, str | None]]  # src -> (src or None, to-do)

_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>{}|~])")
_ENTITY_RE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_QUOTES = {"fi": ("’’", "””"), "sv": ("’’", "””"), "en": ("‘’", "“”"), "de": ("‚‘", "„“")}
_TAG_RE = re.compile(r"<\s*([A-Za-z][A-Za-z0-9-]*)")


@dataclass
class Context:
    """What writing one module needs: rewriters for links and images, and what it collects."""

    language: str
    link: LinkRewriter
    image: ImageRewriter
    span_anchors: dict[str, str] = field(default_factory=dict)  # span id -> anchor to keep
    todos: list[str] = field(default_factory=list)  # for the top-level block being written
    notes: list[str] = field(default_factory=list)  # footnote texts, in order
    write_note: Callable[[list[Node], Context], str] | None = None

    def todo(self, message: str) -> None:
        """Remember a to-do for the block being written (once per block)."""
        if message not in self.todos:
            self.todos.append(message)


def escape(text: str) -> str:
    """Text that Markdown shows as it is: no emphasis, links, HTML or attributes."""
    return _ENTITY_RE.sub(r"\\&", _ESCAPE_RE.sub(r"\\\1", text))


def stringify(nodes: list[Node]) -> str:
    """The plain text of inline elements (alt texts, titles, slugs)."""
    out: list[str] = []
    for node in nodes:
        t: str = node["t"]
        c: Any = node.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Code", "Math"):
            out.append(c[1])
        elif t == "Quoted":
            out.append('"' + stringify(c[1]) + '"')
        elif t in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps"):
            out.append(stringify(c) if t != "Strikeout" else "")
        elif t in ("Superscript", "Subscript"):
            out.append(stringify(c))
        elif t in ("Link", "Image", "Span") or t == "Cite":
            out.append(stringify(c[1]))
    return " ".join("".join(out).split())


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _flanking_ok(content: str, before: str, after: str) -> bool:
    """Whether ``*content*`` between ``before`` and ``after`` is emphasis in CommonMark."""
    first, last = content[0], content[-1]
    if first.isspace() or last.isspace():
        return False
    if _is_punct(first) and before and not (before.isspace() or _is_punct(before)):
        return False
    return not (_is_punct(last) and after and not (after.isspace() or _is_punct(after)))


_WRAPS = {"Emph": ("*", "em"), "Strong": ("**", "strong"), "Strikeout": ("~~", "s")}


def inlines(nodes: list[Node], ctx: Context, *, in_table: bool = False) -> str:
    """Markdown for a list of inline elements, on one line."""
    pieces: list[tuple[str, str]] = []  # (wrapper node type or "", markdown)
    for node in nodes:
        t = node["t"]
        if t in _WRAPS:
            inner = inlines(node["c"], ctx, in_table=in_table)
            if inner.strip():
                # Spaces inside the markers would stop them being emphasis: move them out.
                lead = inner[: len(inner) - len(inner.lstrip())]
                trail = inner[len(inner.rstrip()) :]
                pieces += [("", lead), (t, inner.strip()), ("", trail)]
            else:
                pieces.append(("", inner))
        else:
            pieces.append(("", _inline(node, ctx, in_table)))
    out: list[str] = []
    for i, (kind, text) in enumerate(pieces):
        if not kind:
            out.append(text)
            continue
        before = "".join(out)[-1:]
        after = next((p[1][:1] for p in pieces[i + 1 :] if p[1]), "")
        marker, tag = _WRAPS[kind]
        if _flanking_ok(text, before, after) and not (before == marker[0] or after == marker[0]):
            out.append(f"{marker}{text}{marker}")
        else:
            out.append(f"<{tag}>{text}</{tag}>")
    return "".join(out)


def _code(text: str) -> str:
    text = " ".join(text.split("\n"))
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0) + 1
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{'`' * ticks}{pad}{text}{pad}{'`' * ticks}"


def _destination(url: str) -> str:
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">"
    return url


def _title(title: str) -> str:
    return ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"' if title else ""


def _inline(node: Node, ctx: Context, in_table: bool) -> str:
    t: str = node["t"]
    c: Any = node.get("c")
    if t == "Str":
        return escape(c)
    if t in ("Space", "SoftBreak"):
        return " "
    if t == "LineBreak":
        return "<br>" if in_table else "\\\n"
    if t in ("Underline", "SmallCaps"):
        return inlines(c, ctx, in_table=in_table)
    if t in ("Superscript", "Subscript"):
        tag = "sup" if t == "Superscript" else "sub"
        return f"<{tag}>{inlines(c, ctx, in_table=in_table)}</{tag}>"
    if t == "Quoted":
        single, double = _QUOTES.get(ctx.language.split("-")[0], ("‘’", "“”"))
        pair = single if c[0]["t"] == "SingleQuote" else double
        return pair[0] + inlines(c[1], ctx, in_table=in_table) + pair[1]
    if t == "Cite":
        return inlines(c[1], ctx, in_table=in_table)
    if t == "Code":
        return _code(c[1])
    if t == "Math":
        ctx.todo(
            f"an equation was kept as TeX code `{' '.join(c[1].split())}`: "
            "write it out in words, or as an image with alt text"
        )
        return _code(c[1])
    if t == "RawInline":
        return _raw(c[0], c[1], ctx, in_table)
    if t == "Link":
        return _link(c, ctx, in_table)
    if t == "Image":
        return image_markdown(c, ctx, caption="")
    if t == "Note":
        return _note(c, ctx)
    if t == "Span":
        return _span(c, ctx, in_table)
    return ""


def _raw(fmt: str, text: str, ctx: Context, in_table: bool) -> str:
    if fmt == "html" and re.fullmatch(r"\s*<br\s*/?>\s*", text, re.IGNORECASE):
        return "<br>" if in_table else "\\\n"
    if fmt == "html" and (text.lstrip().startswith("<!--") or text.lstrip().startswith("</")):
        return ""
    describe_raw(fmt, text, ctx)
    return ""


def describe_raw(fmt: str, text: str, ctx: Context) -> None:
    """The to-do for raw content the course cannot hold (an iframe, a script, a field)."""
    tag = _TAG_RE.match(text.strip())
    what = f"an embedded <{tag.group(1).lower()}>" if tag and fmt == "html" else f"{fmt} content"
    ctx.todo(f"{what} was dropped: add what it showed as text, an image or a link")


def _link(c: list[Any], ctx: Context, in_table: bool) -> str:
    text = inlines(c[1], ctx, in_table=in_table)
    url, title = c[2]
    href, todo = ctx.link(url)
    if todo:
        ctx.todo(todo)
    if href is None or not text.strip():
        return text
    return f"[{text}]({_destination(href)}{_title(title)})"


def image_markdown(c: list[Any], ctx: Context, caption: str) -> str:
    """``![alt](../assets/x.png "caption")``, or nothing (with a to-do) if the image is gone."""
    alt = escape(stringify(c[1]))
    src, todo = ctx.image(c[2][0])
    caption = caption or " ".join(str(c[2][1]).split())
    if todo:
        ctx.todo(todo)
    if src is None:
        return ""
    return f"![{alt}]({_destination(src)}{_title(caption)})"


def _note(blocks: list[Node], ctx: Context) -> str:
    if ctx.write_note is None:
        return ""
    ctx.notes.append(ctx.write_note(blocks, ctx))
    return f"[^{len(ctx.notes)}]"


def _span(c: list[Any], ctx: Context, in_table: bool) -> str:
    (ident, classes, attrs), content = c
    if "comment-start" in classes:
        author = dict(attrs).get("author", "")
        said = stringify(content)[:200]
        ctx.todo(
            f"a comment{f' by {author}' if author else ''} was dropped: “{said}”"
            if said
            else "a comment was dropped"
        )
        return ""
    if "sb-todo" in classes:
        ctx.todo(dict(attrs).get("todo", ""))
        return ""
    if "comment-end" in classes:
        return ""
    if "deletion" in classes or "insertion" in classes:
        ctx.todo("tracked changes were accepted here: read the passage through")
        return "" if "deletion" in classes else inlines(content, ctx, in_table=in_table)
    text = inlines(content, ctx, in_table=in_table)
    anchor = ctx.span_anchors.get(ident)
    return f'<span id="{anchor}"></span>{text}' if anchor else text
