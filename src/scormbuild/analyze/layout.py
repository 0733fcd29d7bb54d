"""Rows of a Moodle SCORM report -> anonymous attempts: which columns are which, by structure.

Moodle's SCORM report downloads (Interactions, Basic) have a fixed shape:
``Name, <identity fields>, Attempt, Started on, Last accessed on, Score, <one column per SCO>,``
then, in the Interactions report, ``Question n, Response n, Right answer n, Result n`` for
n = 0, 1, ... (each only when ticked in the report's options). Headers are in the admin's
language, so the columns are found by what they hold, with the English names as a check.
Learner names and identity fields are read only to tell learners apart, then dropped: an
attempt carries an anonymous learner number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from scormbuild.analyze.tables import ReportError, Rows, Table

INTERACTION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{1,64}$")
RESULTS = {"correct", "wrong", "unanticipated", "neutral"}
NUMBERED = re.compile(r"^(?P<name>.*?)\s*(?P<n>\d+)$")
SCORE = re.compile(r"^(?P<raw>-?\d+(?:[.,]\d+)?)\s*(?:/\s*(?P<max>\d+(?:[.,]\d+)?))?$")
EMPTY = {"", "-", "&nbsp;", "\xa0"}
# Moodle's English status strings (get_string(status, 'scorm')), and the element values.
STATUS = {
    "passed": "passed",
    "completed": "completed",
    "failed": "failed",
    "incomplete": "incomplete",
    "browsed": "browsed",
    "not attempted": "notattempted",
    "notattempted": "notattempted",
}
ENGLISH = {
    "question": "Question",
    "response": "Response",
    "right": "Right answer",
    "result": "Result",
}


@dataclass(frozen=True)
class Answer:
    """One ``cmi.interactions`` entry of an attempt, in the order the package wrote them."""

    qid: str  # "<quiz id>.<question id>"
    response: str
    right: str | None  # the correct response pattern the package reported
    result: str | None  # correct, wrong, ...
    at: tuple[int, int] = field(default=(0, 0), compare=False)  # line and column of the id


@dataclass(frozen=True)
class Attempt:
    """One learner attempt (a row of the report), without who it was."""

    learner: int  # anonymous: 0, 1, 2... in the report's order
    number: int | None  # Moodle's attempt number; None: the learner has no attempt
    score: float | None  # the SCO's score.raw (0-100), when the package reported one
    status: str | None  # lesson_status when Moodle shows it (no score), normalised
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Report:
    """A report as analyze understands it."""

    kind: str  # "interactions" or "basic"
    attempts: tuple[Attempt, ...]
    scos: int
    has_questions: bool
    columns: tuple[str, ...]  # which interaction fields the report holds (question, response...)
    source: str = ""  # the file, for located messages


def _empty(cell: str) -> bool:
    return cell.strip() in EMPTY


def _groups(header: Sequence[str]) -> tuple[int, list[str]]:
    """Where the numbered question columns start, and their roles in order (one group)."""
    start = len(header)
    names: list[str] = []
    for i in range(len(header) - 1, -1, -1):
        m = NUMBERED.match(header[i])
        if not m:
            break
        start = i
    numbered = header[start:]
    if not numbered:
        return start, []
    m0 = [NUMBERED.match(h) for h in numbered]
    if any(m is None for m in m0) or m0[0] is None or m0[0].group("n") != "0":
        return len(header), []
    for m in m0:
        assert m is not None
        if m.group("n") != "0":
            break
        names.append(m.group("name"))
    return start, names


def _fixed(header: Sequence[str], rows: Rows, end: int, source: str, line: int) -> tuple[int, int]:
    """The Attempt and Score columns: ``Attempt, Started, Last accessed, Score`` in a row."""
    if "Attempt" in header and "Score" in header:
        a, s = header.index("Attempt"), header.index("Score")
        if s == a + 3:
            return a, s
    for a in range(0, max(0, end - 3)):
        cells = [r[a] for r in rows if len(r) > a + 3]
        if (
            cells
            and all(c.isdigit() or _empty(c) for c in cells)
            and any(c.isdigit() for c in cells)
        ):
            scores = [r[a + 3] for r in rows if len(r) > a + 3]
            if all(_empty(c) or SCORE.match(c) for c in scores):
                return a, a + 3
    raise ReportError(
        source,
        "unknown layout: not a report of a Moodle SCORM activity (no Attempt and Score columns)",
        "give the Interactions or Basic report, downloaded with the download buttons of the "
        "activity's Reports page",
        line=line,
    )


def _roles(names: list[str], rows: Rows, start: int) -> list[str]:
    """What each column of a question group holds: by English header, else by content."""
    if all(n in ENGLISH.values() for n in names):
        by_name = {v: k for k, v in ENGLISH.items()}
        return [by_name[n] for n in names]
    k = len(names)
    values: list[list[str]] = [[] for _ in names]
    for row in rows:
        for j in range(start, len(row)):
            if not _empty(row[j]):
                values[(j - start) % k].append(row[j])
    roles = ["?"] * k
    for j, vals in enumerate(values):
        if vals and all(INTERACTION_ID.match(v) for v in vals):
            roles[j] = "question"
        elif vals and all(v in RESULTS for v in vals):
            roles[j] = "result"
    rest = [j for j in range(k) if roles[j] == "?"]
    if len(rest) == 1:
        roles[rest[0]] = "response"
    elif len(rest) == 2:
        # The right answer is the same in every row for a question; responses vary.
        a, b = rest
        roles[a], roles[b] = (
            ("right", "response")
            if len(set(values[a])) <= len(set(values[b]))
            else ("response", "right")
        )
    return roles


def parse(table: Table, source: str) -> Report:
    """Understand the rows of a SCORM report; :class:`ReportError` when they are not one."""
    rows, lines = table.rows, table.lines
    if len(rows) < 2:
        raise ReportError(
            source,
            "an empty report: no learner rows under the header",
            "nobody is enrolled yet, or the download was cut short",
            line=lines[0] if lines else None,
        )
    header, body = rows[0], rows[1:]
    qstart, names = _groups(header)
    attempt_col, score_col = _fixed(header, body, qstart, source, lines[0])
    nsco = qstart - score_col - 1  # 0: the Basic report without "Show detailed report"
    k = len(names)
    roles = _roles(names, body, qstart) if k else []
    if k and "question" not in roles:
        raise ReportError(
            source,
            f"the report has no question ids (only the {', '.join(names)} columns)",
            "under the Interactions report, tick 'Question' (and 'Response', 'Right answer', "
            "'Result'), save the options, then download again",
            line=lines[0],
            column=qstart + 1,
        )
    qcount = (len(header) - qstart) // k if k else 0
    attempts = []
    learners: dict[tuple[str, ...], int] = {}
    for line, row in zip(lines[1:], body, strict=True):
        who = tuple(row[:attempt_col])
        learner = learners.setdefault(who, len(learners))
        number = (
            int(row[attempt_col]) if attempt_col < len(row) and row[attempt_col].isdigit() else None
        )
        # One SCO: its column, then the question groups. Several SCOs: Moodle writes a status
        # and a full set of question groups per SCO, more cells than headers.
        blocks = _blocks(row, score_col + 1, nsco, qcount * k)
        status, score, answers = None, None, []
        if not nsco and number is not None:
            # Only the attempt's grade: 0 is also what an attempt without a score shows.
            _, grade = _status(row[score_col] if score_col < len(row) else "")
            score = grade if grade else None
        for cell, first, cells in blocks:
            s, sc = _status(cell)
            status = status or s
            score = sc if score is None else max(score, sc or score)
            answers += _answers(cells, roles, qcount, (line, first))
        attempts.append(Attempt(learner, number, score, status, tuple(answers)))
    kind = "interactions" if k else "basic"
    return Report(kind, tuple(attempts), nsco, bool(k), tuple(roles), source)


def _blocks(row: list[str], first: int, nsco: int, width: int) -> list[tuple[str, int, list[str]]]:
    """Per SCO: its status cell, the index of its first question cell, its question cells."""
    cells = row + [""] * max(0, first + nsco + width - len(row))
    if len(row) > first + nsco + width and nsco > 1:
        out = []
        pos = first
        for _ in range(nsco):
            out.append((cells[pos], pos + 1, cells[pos + 1 : pos + 1 + width]))
            pos += 1 + width
        return out
    head: list[tuple[str, int, list[str]]] = [(cells[first + i], 0, []) for i in range(nsco)]
    if head:
        head[0] = (head[0][0], first + nsco, cells[first + nsco : first + nsco + width])
    return head


def _status(cell: str) -> tuple[str | None, float | None]:
    text = cell.strip()
    m = SCORE.match(text)
    if m:
        raw = float(m.group("raw").replace(",", "."))
        top = float(m.group("max").replace(",", ".")) if m.group("max") else 100.0
        return None, 100.0 * raw / top if top > 0 else raw
    return STATUS.get(text.lower()), None


def _get(group: dict[str, str], role: str) -> str | None:
    value = group.get(role)
    return None if value is None or _empty(value) else value.strip()


def _answers(cells: list[str], roles: list[str], qcount: int, at: tuple[int, int]) -> list[Answer]:
    """The answers of one SCO's question cells; ``at``: their row's line, first cell's index."""
    k = len(roles)
    qcol = roles.index("question") if "question" in roles else 0
    out = []
    for n in range(qcount):
        group = dict(zip(roles, cells[n * k : n * k + k], strict=False))
        qid = group.get("question", "").strip()
        if _empty(qid):
            continue
        line, first = at
        out.append(
            Answer(
                qid,
                _get(group, "response") or "",
                _get(group, "right"),
                _get(group, "result"),
                (line, first + n * k + qcol + 1),
            )
        )
    return out
