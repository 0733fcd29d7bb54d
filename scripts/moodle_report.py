"""What Moodle stored on each path of the real-Moodle tests, as the Markdown table in
docs/lms-admins.md.

    SCORMBUILD_MOODLE_REPORT=report.json make test   # or: pytest tests/moodle
    python scripts/moodle_report.py report.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def cell(text: object) -> str:
    return str(text).replace("|", "\\|") if text not in ("", None) else "–"


def short(title: str, width: int = 24) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def interactions(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {result}" for result, n in counts.items()) or "–"


def rows(report: dict[str, Any]) -> list[str]:
    out = [
        "| Path | SCO | lesson_status | score.raw | exit | lesson_location | suspend_data "
        "| interactions | total_time | grade / to pass | completion |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for path, summary in report.items():
        grade = summary["grade"]
        graded = "–" if grade is None else f"{grade:g} / {summary['gradepass']:g}"
        first = True
        for attempt in summary["attempts"]:
            for sco in attempt["scos"]:
                out.append(
                    "| "
                    + " | ".join(
                        [
                            cell(path) if first else "",
                            cell(short(sco["sco"])),
                            cell(sco["lesson_status"]),
                            cell(sco["score"]),
                            cell(f"`{sco['exit']}`" if sco["exit"] else ""),
                            cell(sco["location"]),
                            cell(f"{sco['suspend_data']} chars" if sco["suspend_data"] else ""),
                            interactions(sco["interactions"]),
                            cell(sco["total_time"]),
                            graded if first else "",
                            cell(summary["completion"]) if first else "",
                        ]
                    )
                    + " |"
                )
                first = False
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    report = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    print("\n".join(rows(report)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
