"""An analysis as a terminal table, JSON or CSV: counts and figures, never names or ids."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from scormbuild.analyze.analysis import Analysis
from scormbuild.analyze.items import Item
from scormbuild.analyze.texts import texts
from scormbuild.pipeline import problem_dict


def pct(x: float | None) -> str:
    return "–" if x is None else f"{round(100 * x)} %"


def fixed(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def tries(item: Item) -> str:
    return " ".join(f"{n}:{pct(share)}" for n, _, share in item.by_attempt)


def stop_label(a: Analysis, module: int | None, t: dict[str, str]) -> str:
    if module is None:
        return t["before_quiz"]
    return a.modules[module] if module < len(a.modules) else str(module)


def summary_lines(a: Analysis) -> list[str]:
    t, s = texts(a.language), a.summary
    lines = [f"{t['title']}: {a.title}"]

    def rate(n: int | None) -> str:
        return f"{n} ({pct(n / s.started)})" if s.started and n is not None else "–"

    lines.append(
        f"{t['learners']} {s.learners}, {t['started'].lower()} {s.started}, "
        f"{t['completed'].lower()} {rate(s.completed)}, {t['passed'].lower()} {rate(s.passed)}"
    )
    if s.mean_score is not None:
        bins = " ".join(str(n) for n in s.histogram)
        lines.append(
            f"{t['mean_score']} {s.mean_score:.1f}; {t['scores'].lower()} (0–9 … 90–100): {bins}"
        )
    if s.stops:
        stops = ", ".join(f"{stop_label(a, m, t)} {n}" for m, n in s.stops)
        lines.append(f"{t['stops']}: {stops}")
    return lines


def to_text(a: Analysis) -> str:
    """The terminal report: summary, the question table, choices, then the flags."""
    t = texts(a.language)
    lines = [*summary_lines(a), ""]
    lines += [f"note: {n}" for n in a.notes]
    if a.items:
        head = (
            t["question"],
            t["responses"],
            t["facility"],
            t["discrimination"],
            t["latency"],
            t["tries"],
        )
        rows = [
            (
                i.qid,
                f"{i.responses} ({i.learners})",
                pct(i.facility),
                fixed(i.discrimination),
                "–" if i.latency is None else f"{i.latency:.0f} s",
                tries(i),
            )
            for i in a.items
        ]
        widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head))]

        def fmt(r: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()

        lines += ["", fmt(head), fmt(tuple("-" * w for w in widths)), *map(fmt, rows)]
        for i in a.items:
            detail = [
                f"  {'*' if o.correct else ' '} {o.id}  {o.picked:>3}  {o.text}" for o in i.options
            ]
            detail += [f"    {o.id}  {o.picked:>3}  {o.text}" for o in i.parts]
            detail += [f"  {'*' if ok else ' '} {n:>3}  {text}" for text, n, ok in i.common]
            if detail:
                lines += ["", f"{i.qid}:", *detail]
    if a.flags:
        lines += ["", *[p.format() for p in a.flags]]
    return "\n".join(lines).rstrip() + "\n"


def to_dict(a: Analysis) -> dict[str, Any]:
    """The analysis as JSON-ready data."""
    s = a.summary
    return {
        "course": a.title,
        "language": a.language,
        "report": a.kind,
        "mastery_score": a.mastery,
        "track_details": a.tracks,
        "notes": list(a.notes),
        "summary": {
            "learners": s.learners,
            "started": s.started,
            "completed": s.completed,
            "passed": s.passed,
            "scores": s.scores,
            "mean_score": s.mean_score,
            "score_histogram": [
                {"from": 10 * n, "to": 10 * n + (10 if n == 9 else 9), "learners": c}
                for n, c in enumerate(s.histogram)
            ],
            "stops": [
                {
                    "module": None if m is None else a.modules[m] if m < len(a.modules) else m,
                    "learners": n,
                }
                for m, n in s.stops
            ],
        },
        "questions": [_item(a, i) for i in a.items],
        "warnings": [problem_dict(p) for p in a.flags],
    }


def _item(a: Analysis, i: Item) -> dict[str, Any]:
    key = a.keys.get(i.qid)
    return {
        "id": i.qid,
        "type": key.question.type if key else None,
        "source": f"{key.source}:{key.line}" if key else None,
        "responses": i.responses,
        "learners": i.learners,
        "facility": i.facility,
        "discrimination": i.discrimination,
        "mean_latency_seconds": i.latency,
        "right_by_try": [{"try": n, "answers": c, "right": share} for n, c, share in i.by_attempt],
        "choices": [
            {
                "id": o.id,
                "text": o.text,
                "correct": o.correct,
                "picked_first": o.picked,
                "picked_all": o.picked_all,
            }
            for o in i.options
        ],
        "parts": [
            {"id": o.id, "text": o.text, "right_first": o.picked, "right_all": o.picked_all}
            for o in i.parts
        ],
        "frequent_answers": [{"answer": text, "count": n, "right": ok} for text, n, ok in i.common],
        "warnings": [p.message for p in a.flags if p.message.startswith(f"{i.qid}:")],
    }


def to_json(a: Analysis) -> str:
    return json.dumps(to_dict(a), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "question",
    "type",
    "source",
    "responses",
    "learners",
    "facility",
    "discrimination",
    "mean_latency_seconds",
    "right_by_try",
    "choices",
    "warnings",
)


def to_csv(a: Analysis) -> str:
    """One row per question; choices as ``id=picked`` pairs, tries as ``n=share``."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for i in a.items:
        d = _item(a, i)
        w.writerow(
            [
                i.qid,
                d["type"] or "",
                d["source"] or "",
                i.responses,
                i.learners,
                "" if i.facility is None else f"{i.facility:.4f}",
                "" if i.discrimination is None else f"{i.discrimination:.4f}",
                "" if i.latency is None else f"{i.latency:.1f}",
                " ".join(f"{n}={share:.4f}" for n, _, share in i.by_attempt),
                " ".join(f"{o.id}={o.picked}" for o in (*i.options, *i.parts)),
                " | ".join(m.split(": ", 1)[1] for m in d["warnings"]),
            ]
        )
    return out.getvalue()
