"""Reading many modules on several cores.

Modules are independent of each other until the cross-checks, so a cold load of a large course
splits them among forked worker processes (:mod:`scormbuild.workers`). With a memo, each worker
also returns the memo entries it made, so the next load still reuses unchanged modules. A warm
load reads in this process: the memo answers faster than any worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from scormbuild.errors import Problem
from scormbuild.model import Module
from scormbuild.source.markdown import make_markdown
from scormbuild.source.memo import ModuleMemo, Remembered
from scormbuild.source.modules import ModuleReader
from scormbuild.source.paths import Files
from scormbuild.workers import fork_map, shares, worker_count


@dataclass(frozen=True)
class Job:
    """Modules of one language: (course-relative path, slug) pairs, in course order."""

    language: str
    suffix: str  # of the language's files: "" in the primary language
    labels: tuple[tuple[str, str], ...]
    items: tuple[tuple[Path, str], ...]
    terms: tuple[tuple[str, str], ...] = ()  # the glossary's words (casefolded) -> term ids


Read = tuple[list[Module | None], list[Problem]]
Made = dict[tuple[Any, ...], Remembered]


def _run(job: Job, files: Files, md: MarkdownIt, memo: ModuleMemo | None) -> tuple[Read, Made]:
    """Read the job's modules with one reader; also return the memo entries it made."""
    reader = ModuleReader(
        files, md, job.language, job.suffix, dict(job.labels), memo, dict(job.terms)
    )
    before = set(memo.entries) if memo else set()
    modules = [reader.read(path, slug) for path, slug in job.items]
    made = {k: v for k, v in memo.entries.items() if k not in before} if memo else {}
    return (modules, reader.problems), made


def workers_for(jobs: Sequence[Job], memo: ModuleMemo | None) -> int:
    """How many processes to read on: one when a memo can answer, else by the work."""
    if memo is not None and memo.entries:
        return 1
    return worker_count(sum(len(j.items) for j in jobs))


def read_all(
    jobs: Sequence[Job], files: Files, memo: ModuleMemo | None = None, workers: int = 0
) -> list[Read]:
    """Each job's modules and problems, in order, reading on several processes when that pays.

    ``memo`` is used and filled (see :mod:`scormbuild.source.memo`); ``workers`` overrides
    :func:`workers_for`.
    """
    md = make_markdown()
    workers = workers or workers_for(jobs, memo)
    if workers == 1:
        return [_run(job, files, md, memo)[0] for job in jobs]
    split = [
        [
            Job(j.language, j.suffix, j.labels, tuple(items), j.terms)
            for items in shares(j.items, workers)
        ]
        for j in jobs
    ]
    # Each worker fills a memo of its own (a fork of this one) and sends back what it made.
    parts = [part for parts in split for part in parts]
    results = iter(fork_map(lambda job: _run(job, files, md, memo), parts, workers))
    merged: list[Read] = []
    for parts_of_job in split:
        modules: list[Module | None] = []
        problems: list[Problem] = []
        for (modules_part, problems_part), made in (next(results) for _ in parts_of_job):
            modules += modules_part
            problems += problems_part
            if memo is not None:
                memo.entries.update(made)
        merged.append((modules, problems))
    return merged
