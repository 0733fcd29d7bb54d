"""Small inline SVG charts for the HTML report: no script, no external request.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``;
the page shows the same numbers in a table beside it, so nothing depends on seeing the chart.
Right answers are marked by a text mark as well as by colour.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from scormbuild.analyze.items import Item

INK = "#1a1a1a"
BAR = "#00578a"
GOOD = "#0b6e4f"
GRID = "#767676"


def _svg(uid: str, title: str, desc: str, width: int, height: int, body: str) -> Markup:
    return Markup(
        f'<svg role="img" aria-labelledby="{uid}-t {uid}-d" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="chart" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def histogram(uid: str, counts: tuple[int, ...], title: str, desc: str) -> Markup:
    """Learners per score band (0-9, 10-19, ... 90-100)."""
    w, h, left, bottom = 320, 160, 28, 22
    top = max(counts, default=0) or 1
    bw = (w - left - 4) / len(counts)
    parts = [f'<line x1="{left}" y1="{h - bottom}" x2="{w}" y2="{h - bottom}" stroke="{GRID}"/>']
    for i, n in enumerate(counts):
        bh = (h - bottom - 16) * n / top
        x = left + i * bw
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{h - bottom - bh:.1f}" width="{bw - 4:.1f}" '
            f'height="{bh:.1f}" fill="{BAR}"/>'
        )
        if n:
            parts.append(
                f'<text x="{x + bw / 2:.1f}" y="{h - bottom - bh - 3:.1f}" '
                f'text-anchor="middle" font-size="11" fill="{INK}">{n}</text>'
            )
        parts.append(
            f'<text x="{x + bw / 2:.1f}" y="{h - 6}" text-anchor="middle" '
            f'font-size="10" fill="{INK}">{10 * i}</text>'
        )
    return _svg(uid, title, desc, w, h, "".join(parts))


def scatter(uid: str, items: tuple[Item, ...], title: str, desc: str) -> Markup:
    """Each question: facility (0-1) across, discrimination (-1-1) up."""
    w, h, pad = 320, 220, 30

    def x(f: float) -> float:
        return pad + (w - 2 * pad) * f

    def y(d: float) -> float:
        return pad / 2 + (h - 1.5 * pad) * (1 - (d + 1) / 2)

    parts = [
        f'<rect x="{x(0.3):.1f}" y="{y(1):.1f}" width="{x(0.9) - x(0.3):.1f}" '
        f'height="{y(0) - y(1):.1f}" fill="#e8f1f6"/>',
        f'<line x1="{x(0)}" y1="{y(0):.1f}" x2="{x(1)}" y2="{y(0):.1f}" stroke="{GRID}"/>',
        f'<line x1="{x(0)}" y1="{y(-1):.1f}" x2="{x(0)}" y2="{y(1):.1f}" stroke="{GRID}"/>',
    ]
    for f in (0, 0.5, 1):
        parts.append(
            f'<text x="{x(f):.1f}" y="{h - 4}" text-anchor="middle" font-size="10" '
            f'fill="{INK}">{round(100 * f)} %</text>'
        )
    for d in (-1, 0, 1):
        parts.append(
            f'<text x="{pad - 4}" y="{y(d) + 3:.1f}" text-anchor="end" font-size="10" '
            f'fill="{INK}">{d}</text>'
        )
    for item in items:
        if item.facility is None or item.discrimination is None:
            continue
        cx, cy = x(item.facility), y(max(-1.0, min(1.0, item.discrimination)))
        label = f"{item.qid}: {round(100 * item.facility)} %, {item.discrimination:.2f}"
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{BAR}" stroke="#fff">'
            f"<title>{escape(label)}</title></circle>"
        )
    return _svg(uid, title, desc, w, h, "".join(parts))


def choice_bars(uid: str, item: Item, title: str, desc: str) -> Markup:
    """How many first answers picked each choice; the right ones marked ✓ and in green."""
    row, w, label_w = 22, 320, 30
    top = max((o.picked for o in item.options), default=0) or 1
    h = row * len(item.options) + 4
    parts = []
    for i, o in enumerate(item.options):
        y0 = 2 + i * row
        bw = (w - label_w - 40) * o.picked / top
        colour = GOOD if o.correct else BAR
        mark = "✓ " if o.correct else ""
        parts.append(
            f'<text x="0" y="{y0 + 15}" font-size="12" fill="{INK}">{mark}{escape(o.id)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y0 + 3}" width="{max(bw, 1):.1f}" height="{row - 8}" '
            f'fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{label_w + bw + 4:.1f}" y="{y0 + 15}" font-size="12" '
            f'fill="{INK}">{o.picked}</text>'
        )
    return _svg(uid, title, desc, w, h, "".join(parts))
