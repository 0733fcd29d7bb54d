"""Pandoc tables as pipe tables: one line per row, merged cells spread, cell blocks joined."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scormbuild.importer.inline import Context, inlines

Node = dict[str, Any]


def _cell_text(blocks: list[Node], ctx: Context, write: Callable[[list[Node]], str]) -> str:
    """A cell on one line: paragraphs and list items joined with line breaks."""
    parts: list[str] = []
    for block in blocks:
        t: str = block["t"]
        c: Any = block.get("c")
        if t in ("Para", "Plain"):
            parts.append(inlines(c, ctx, in_table=True).strip())
        elif t in ("BulletList", "OrderedList"):
            items = c if t == "BulletList" else c[1]
            for item in items:
                parts.append("• " + _cell_text(item, ctx, write))
        elif t == "Div":
            parts.append(_cell_text(c[1], ctx, write))
        else:
            text = write([block])
            parts.append(" ".join(text.split()))
    return "<br>".join(p for p in parts if p).replace("\n", " ")


def _rows(rows: list[Any], ctx: Context, write: Callable[[list[Node]], str]) -> list[list[str]]:
    out: list[list[str]] = []
    for _attr, cells in rows:
        row: list[str] = []
        for _cattr, _align, _rowspan, colspan, blocks in cells:
            row.append(_cell_text(blocks, ctx, write))
            row += [""] * (max(int(colspan), 1) - 1)
        out.append(row)
    return out


def table_markdown(c: list[Any], ctx: Context, write: Callable[[list[Node]], str]) -> str:
    """The table as a pipe table (its caption above it as a paragraph)."""
    _attr, (_short, caption), _colspecs, head, bodies, foot = c
    head_rows = _rows(head[1], ctx, write)
    body_rows: list[list[str]] = []
    for _battr, _rhc, inter, rows in bodies:
        body_rows += _rows(inter, ctx, write) + _rows(rows, ctx, write)
    body_rows += _rows(foot[1], ctx, write)
    # A pipe table has one header row: further header rows join the body, and a table
    # without one takes its first row as the header.
    if head_rows:
        header, body_rows = head_rows[0], head_rows[1:] + body_rows
    elif body_rows:
        header, body_rows = body_rows[0], body_rows[1:]
    else:
        return ""
    width = max(len(r) for r in [header, *body_rows])

    def line(cells: list[str]) -> str:
        cells = cells + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    lines = [line(header), "|" + "|".join(["---"] * width) + "|"]
    lines += [line(r) for r in body_rows]
    caption_text = " ".join(
        inlines(b["c"], ctx).strip() for b in caption if b["t"] in ("Para", "Plain")
    )
    table = "\n".join(lines)
    return f"{caption_text}\n\n{table}" if caption_text else table
