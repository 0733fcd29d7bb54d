"""The whole analysis: read the files, tie the report to the course, compute, flag."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from scormbuild.analyze.course import Key, keys
from scormbuild.analyze.flags import MIN_LEARNERS, Flag, flags
from scormbuild.analyze.items import Item, items
from scormbuild.analyze.layout import Report, parse
from scormbuild.analyze.summary import Summary, summarise
from scormbuild.analyze.tables import ReportError, read_table
from scormbuild.analyze.texts import texts
from scormbuild.analyze.tracks import Track, is_tracks, parse_tracks
from scormbuild.errors import Problem, warning
from scormbuild.model import Course


@dataclass(frozen=True)
class Analysis:
    """Everything analyze prints: counts and figures, never who the learners were."""

    language: str
    title: str  # the course title, or the report's file name
    kind: str  # "interactions" or "basic"
    summary: Summary
    items: tuple[Item, ...]
    warnings: tuple[Flag, ...]  # what looks wrong, question by question
    cautions: tuple[Problem, ...]  # about the report as a whole, at the report file (English)
    notes: tuple[str, ...]  # about the report as a whole: too few learners, ids not found...
    keys: dict[str, Key]
    modules: tuple[str, ...]  # module titles, for where learners stop
    mastery: int | None
    tracks: int  # how many Track details files were read

    @property
    def flags(self) -> tuple[Problem, ...]:
        """The warnings as ``check`` prints them (English): the report's, then the questions'."""
        return self.cautions + tuple(f.problem() for f in self.warnings)


def read(paths: list[Path]) -> tuple[Report, tuple[Track, ...]]:
    """The one SCORM report among ``paths`` (the Interactions report preferred), and any tracks."""
    reports: list[Report] = []
    tracks: list[Track] = []
    for path in paths:
        table = read_table(path)
        if is_tracks(table.rows):
            tracks.append(parse_tracks(table.rows))
        else:
            reports.append(parse(table, str(path)))
    if not reports:
        raise ReportError(
            paths[0],
            "no SCORM report among the files (only Track details)",
            "give the Interactions (or Basic) report of the activity too, downloaded from its "
            "Reports page",
        )
    reports.sort(key=lambda r: not r.has_questions)
    return reports[0], tuple(tracks)


def analyze(paths: list[Path], course: Course | None = None) -> Analysis:
    """Analyze the report (and Track details) in ``paths``, against ``course`` when given."""
    report, tracks = read(paths)
    lang = course.language if course is not None else "en"
    t = texts(lang)
    k = keys(course, (t["true"], t["false"])) if course is not None else {}
    notes: list[str] = []
    reported = {a.qid for att in report.attempts for a in att.answers}
    if course is not None and reported:
        unknown = sorted(reported - set(k))
        if len(unknown) == len(reported):
            line, column = min(a.at for att in report.attempts for a in att.answers)
            raise ReportError(
                report.source,
                f"the report is from another package: none of its questions ({_few(unknown)}) "
                f"is in the course '{course.config.id}' ({_few(sorted(k))})",
                "give the course the package was built from with --course",
                line=line,
                column=column,
            )
        if unknown:
            notes.append(t["note_unknown"].format(ids=_few(unknown)))
    latencies: dict[str, list[float]] = defaultdict(list)
    for track in tracks:
        for qid, s in track.latencies:
            latencies[qid].append(s)
    found = tuple(items(report.attempts, k, latencies))
    found_flags = tuple(f for item in found for f in flags(item, k.get(item.qid)))
    mastery = course.config.mastery_score if course is not None else None
    module_ids = tuple(m.id for m in course.modules) if course is not None else ()
    summary = summarise(
        report.attempts, k, mastery, tracks, module_ids, answers=report.has_questions
    )
    cautions: list[Problem] = []
    if summary.started < MIN_LEARNERS:
        notes.insert(0, t["note_few"].format(n=summary.started, min=MIN_LEARNERS))
        few = texts("en")["note_few"].format(n=summary.started, min=MIN_LEARNERS)
        cautions.append(
            warning(
                report.source,
                None,
                few.rstrip("."),
                hint="analyze again when more learners have taken the course",
                code="analyze-few-learners",
            )
        )
    if not report.has_questions:
        notes.append(t["note_basic"])
    elif "result" not in report.columns and course is None:
        notes.append(t["note_no_result"])
    if not tracks and report.has_questions:
        notes.append(t["note_no_tracks"])
    title = course.config.title if course is not None else Path(paths[0]).name
    if course is not None:
        title = {x.language: x.title for x in course.config.localized}.get(lang, title)
    return Analysis(
        language=lang,
        title=title,
        kind=report.kind,
        summary=summary,
        items=found,
        warnings=found_flags,
        cautions=tuple(cautions),
        notes=tuple(notes),
        keys=k,
        modules=tuple(m.title for m in course.modules) if course is not None else (),
        mastery=mastery,
        tracks=len(tracks),
    )


def _few(ids: list[str], n: int = 4) -> str:
    return ", ".join(ids[:n]) + (f" and {len(ids) - n} more" if len(ids) > n else "")
