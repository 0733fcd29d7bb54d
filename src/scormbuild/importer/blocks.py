"""Pandoc block elements as course Markdown: one module's body, to-dos in place.

Each top-level block is preceded by the to-dos found in it, as ``<!-- todo: ... -->`` lines
that ``check`` reports until the author deals with them and deletes the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from scormbuild.importer.inline import Context, describe_raw, escape, image_markdown, inlines
from scormbuild.source.markdown.drafts import todo_marker

Node = dict[str, Any]
HeadingAnchor = Callable[[str], str | None]  # a heading's id -> the anchor to write, if any

CALLOUT_NAMES = {
    "note": {"note", "huom", "huomio", "huomautus", "obs", "anmärkning", "notera", "info"},
    "tip": {"tip", "tips", "vinkki", "vihje", "hint", "neuvo"},
    "warning": {"warning", "varoitus", "varning", "caution", "important", "tärkeää", "viktigt"},
}
_TIGHT = ("Plain", "BulletList", "OrderedList")
_LINE_START_RE = re.compile(r"^(?:[#>+=:-]|\d+[.)])")


def callout_kind(attr: list[Any]) -> str | None:
    """note, tip or warning when a Div is styled as one (Word style, HTML or Markdown class)."""
    _ident, classes, attrs = attr
    names = [*classes, dict(attrs).get("custom-style", "")]
    for name in names:
        words = re.split(r"[\s_-]+", name.strip().lower())
        for kind, known in CALLOUT_NAMES.items():
            if words and words[0] in known:
                return kind
    return None


def _line(text: str) -> str:
    """A paragraph on one line, its start escaped where it would begin a block."""
    text = text.strip()
    match = _LINE_START_RE.match(text)
    if match:
        found = match.group(0)
        if found[0].isdigit():
            return found[:-1] + "\\" + found[-1] + text[len(found) :]
        return "\\" + text
    return text


def _indent(text: str, prefix: str, first: str | None = None) -> str:
    lines = text.split("\n")
    head = (first if first is not None else prefix) + lines[0]
    rest = [(prefix + line) if line.strip() else "" for line in lines[1:]]
    return "\n".join([head, *rest])


class BlockWriter:
    """Writes the blocks of one module."""

    def __init__(self, ctx: Context, heading_anchor: HeadingAnchor) -> None:
        self.ctx = ctx
        self.heading_anchor = heading_anchor
        ctx.write_note = lambda blocks, c: self.blocks(blocks)

    def module(self, blocks: list[Node]) -> str:
        """The body of a module: top-level blocks with their to-dos, then the footnotes."""
        chunks: list[str] = []
        for block in _merge_callouts(blocks):
            self.ctx.todos = []
            text = self.block(block)
            markers = [todo_marker(t) for t in self.ctx.todos]
            if text or markers:
                chunks.append("\n".join([*markers, text] if text else markers))
        for n, note in enumerate(self.ctx.notes, 1):
            chunks.append(_indent(note or "\u00a0", "    ", f"[^{n}]: "))
        return "\n\n".join(chunks) + "\n" if chunks else ""

    def blocks(self, blocks: list[Node]) -> str:
        """Blocks separated by blank lines (inside a list item, quote, callout or footnote)."""
        return "\n\n".join(t for t in (self.block(b) for b in _merge_callouts(blocks)) if t)

    def block(self, node: Node) -> str:
        """One block as Markdown; empty when nothing of it is kept."""
        t: str = node["t"]
        c: Any = node.get("c")
        if t in ("Para", "Plain"):
            return _line(inlines(c, self.ctx))
        if t == "Header":
            level, (ident, _cls, _attrs), content = c
            text = inlines(content, self.ctx).strip().replace("\\\n", " ")
            if not text:
                return ""
            anchor = self.heading_anchor(ident)
            heading = f"{'#' * min(level, 6)} {text}"
            return f"{{#{anchor}}}\n{heading}" if anchor else heading
        if t == "BulletList":
            return self._list(c, lambda _n: "- ")
        if t == "OrderedList":
            start = c[0][0]
            return self._list(c[1], lambda n: f"{start + n}. ")
        if t == "BlockQuote":
            inner = self.blocks(c)
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if t == "CodeBlock":
            return _fence(c[0][1], c[1])
        if t == "RawBlock":
            text = c[1].strip()
            if c[0] == "html" and (not text or text.startswith(("<!--", "</"))):
                return ""
            describe_raw(c[0], text, self.ctx)
            return ""
        if t == "HorizontalRule":
            return "***"
        if t == "LineBlock":
            return _line("\\\n".join(inlines(line, self.ctx) for line in c))
        if t == "DefinitionList":
            return self._definitions(c)
        if t == "Table":
            from scormbuild.importer.tables import table_markdown

            return table_markdown(c, self.ctx, self.blocks)
        if t == "Figure":
            return self._figure(c)
        if t == "Div":
            kind = callout_kind(c[0])
            inner = self.blocks([b for b in c[1] if not _is_alert_title(b)])
            if kind and inner:
                return f"::: {kind}\n{_no_containers(inner)}\n:::"
            return inner
        return ""

    def _list(self, items: list[list[Node]], marker: Callable[[int], str]) -> str:
        tight = all(all(b["t"] in _TIGHT for b in item) for item in items)
        out = []
        for n, item in enumerate(items):
            if tight:
                body = "\n".join(t for t in (self.block(b) for b in item) if t) or "\u00a0"
            else:
                body = self.blocks(item) or "\u00a0"
            mark = marker(n)
            out.append(_indent(body, " " * len(mark), mark))
        return ("\n" if tight else "\n\n").join(out)

    def _definitions(self, items: list[Any]) -> str:
        out = []
        for term, definitions in items:
            out.append(_line(f"**{inlines(term, self.ctx).strip()}**"))
            out += [self.blocks(d) for d in definitions]
        return "\n\n".join(o for o in out if o)

    def _figure(self, c: list[Any]) -> str:
        _attr, (_short, caption_blocks), content = c
        caption = " ".join(
            inlines(b["c"], self.ctx).strip()
            for b in _plain_blocks(caption_blocks)
            if b["t"] in ("Para", "Plain")
        )
        images = [n for b in _plain_blocks(content) for n in b.get("c", []) if _is_image(n)]
        if len(images) == 1 and all(b["t"] in ("Para", "Plain") for b in _plain_blocks(content)):
            return _line(image_markdown(images[0]["c"], self.ctx, caption))
        body = self.blocks(content)
        return "\n\n".join(x for x in (body, _line(caption)) if x)


def _is_image(node: Any) -> bool:
    return isinstance(node, dict) and node.get("t") == "Image"


def _plain_blocks(blocks: list[Node]) -> list[Node]:
    """Blocks with style wrappers (Word's caption style, HTML divs) taken off."""
    out: list[Node] = []
    for b in blocks:
        if b["t"] == "Div" and not callout_kind(b["c"][0]):
            out += _plain_blocks(b["c"][1])
        else:
            out.append(b)
    return out


def _is_alert_title(block: Node) -> bool:
    return block["t"] == "Div" and "title" in block["c"][0][1]


def _no_containers(text: str) -> str:
    """A callout holds no callout: ``:::`` lines inside would close it early."""
    return "\n".join(re.sub(r"^(\s*):::", r"\1\\:::", line) for line in text.split("\n"))


def _merge_callouts(blocks: list[Node]) -> list[Node]:
    """Consecutive paragraphs in one callout style become one callout."""
    out: list[Node] = []
    for block in blocks:
        kind = callout_kind(block["c"][0]) if block["t"] == "Div" else None
        prev = out[-1] if out else None
        if kind and prev and prev["t"] == "Div" and callout_kind(prev["c"][0]) == kind:
            prev["c"] = [prev["c"][0], prev["c"][1] + block["c"][1]]
            continue
        out.append({"t": block["t"], "c": block.get("c")} if kind else block)
    return out


def _fence(info: list[str], code: str) -> str:
    ticks = max((len(m) for m in re.findall(r"^`{3,}", code, re.MULTILINE)), default=2) + 1
    lang = info[0] if info and re.fullmatch(r"[A-Za-z0-9_+-]+", info[0]) else ""
    if lang == "quiz":  # a quiz block is course syntax, not a code sample
        lang = ""
    return f"{'`' * ticks}{lang}\n{code.rstrip()}\n{'`' * ticks}"


__all__ = ["BlockWriter", "callout_kind", "escape"]
