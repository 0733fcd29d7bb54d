"""The analysis as one self-contained HTML page in the course language.

Inline CSS and SVG only: no script, no font, image or style from elsewhere (the page's own
Content-Security-Policy forbids them), so it opens offline and can be mailed as it is.
"""

from __future__ import annotations

from importlib.resources import files

import jinja2

from scormbuild.analyze import charts
from scormbuild.analyze.analysis import Analysis
from scormbuild.analyze.items import Item
from scormbuild.analyze.output import fixed, pct, stop_label, tries
from scormbuild.analyze.texts import texts
from scormbuild.export.base import text_of


def to_html(a: Analysis) -> str:
    """The HTML report."""
    t = texts(a.language)
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(
        files("scormbuild.analyze").joinpath("report.html").read_text("utf-8")
    )
    s = a.summary

    def rate(n: int | None) -> str:
        return "–" if n is None else f"{n} ({pct(n / s.started)})" if s.started else str(n)

    def flags_of(item: Item) -> list[str]:
        return [f.words(a.language)[0] for f in a.warnings if f.qid == item.qid]

    flag_lines = [
        (f"{f.path}:{f.line}" if f.line is not None else f.path,
         f"{f.qid}: {f.words(a.language)[0]}", f.words(a.language)[1])
        for f in a.warnings
    ]  # fmt: skip

    bars = {
        i.qid: charts.choice_bars(f"c{n}", i, f"{t['choices']}: {i.qid}", t["picked"])
        for n, i in enumerate(a.items)
        if i.options
    }
    return template.render(
        a=a,
        s=s,
        t=t,
        lang=a.language,
        rate=rate,
        pct=pct,
        fixed=fixed,
        tries=tries,
        seconds=lambda x: "–" if x is None else f"{x:.0f} {t['seconds']}",
        stop=lambda m: stop_label(a, m, t),
        text_of=text_of,
        flags_of=flags_of,
        bars=bars,
        flag_lines=flag_lines,
        hist=charts.histogram("hist", s.histogram, t["scores"], t["hist_desc"]),
        scatter=charts.scatter("scatter", a.items, t["scatter"], t["scatter_desc"]),
    )
