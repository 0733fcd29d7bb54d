"""Moodle's *Track details* download (one learner attempt's CMI elements): latency and location.

The Interactions and Basic reports carry neither ``cmi.interactions.n.latency`` nor
``cmi.core.lesson_location``; the Track details page of each attempt does, and has no name in
it. analyze reads any number of them beside the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scormbuild.analyze.tables import Rows

ELEMENT = re.compile(r"^cmi\.interactions[._](\d+)\.(id|latency|result|student_response)$")
LATENCY = re.compile(r"^(\d{1,4}):([0-5]?\d):([0-5]?\d(?:\.\d{1,2})?)$")


@dataclass(frozen=True)
class Track:
    """What one attempt's Track details say, without who it was."""

    location: str | None  # cmi.core.lesson_location: the module id last shown
    status: str | None
    latencies: tuple[tuple[str, float], ...]  # (interaction id, seconds), in order


def is_tracks(rows: Rows) -> bool:
    """Whether the rows are a Track details table: element and value, elements ``cmi.*``."""
    body = [r for r in rows[1:] if r]
    return (
        bool(body)
        and all(len(r) >= 2 for r in body)
        and sum(r[0].startswith("cmi.") for r in body) >= max(1, len(body) // 2)
    )


def seconds(latency: str) -> float | None:
    """A SCORM 1.2 timespan (``HHHH:MM:SS.SS``) in seconds, or None."""
    m = LATENCY.match(latency.strip())
    if not m:
        return None
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))


def parse_tracks(rows: Rows) -> Track:
    """One Track details table."""
    values = {r[0].strip(): r[1].strip() for r in rows[1:] if len(r) >= 2}
    ids: dict[int, str] = {}
    lat: dict[int, float] = {}
    for element, value in values.items():
        m = ELEMENT.match(element)
        if not m:
            continue
        n = int(m.group(1))
        if m.group(2) == "id":
            ids[n] = value
        elif m.group(2) == "latency":
            s = seconds(value)
            if s is not None:
                lat[n] = s
    latencies = tuple((ids[n], lat[n]) for n in sorted(lat) if n in ids)
    location = values.get("cmi.core.lesson_location") or None
    status = values.get("cmi.core.lesson_status") or None
    return Track(location, status, latencies)
