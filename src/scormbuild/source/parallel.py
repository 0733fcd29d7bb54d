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

from scormbuild.errors import Problem
from scormbuild.source.markdown import make_markdown
from scormbuild.source.memo import ModuleMemo, Remembered
from scormbuild.source.modules import ModuleReader, ModuleSource
from scormbuild.workers import SHARES, chunks, fork_map, worker_count


@dataclass(frozen=True)
class Job:
    """Modules of one language for one reader: (path, slug) pairs, in course order."""

    root: Path
    language: str
    suffix: str
    labels: tuple[tuple[str, str], ...]
    items: tuple[tuple[Path, str], ...]


Result = tuple[list[ModuleSource | None], list[Problem], dict[tuple[Any, ...], Remembered]]
Read = tuple[list[ModuleSource | None], list[Problem]]


def run(job: Job, memo: ModuleMemo | None) -> Result:
    """Read the job's modules with one reader; also return the memo entries it made."""
    labels = dict(job.labels)
    md = make_markdown(job.language, labels)
    reader = ModuleReader(job.root, md, job.language, labels, memo)
    reader.language_suffix = job.suffix
    before = set(memo.entries) if memo else set()
    sources = [reader.read(path, slug) for path, slug in job.items]
    made = {k: v for k, v in memo.entries.items() if k not in before} if memo else {}
    return sources, reader.problems, made


def workers_for(jobs: Sequence[Job], memo: ModuleMemo | None) -> int:
    """How many processes to read on: one when a memo can answer, else by the work."""
    if memo is not None and memo.entries:
        return 1
    return worker_count(sum(len(j.items) for j in jobs))


def _split(job: Job, parts: int) -> list[Job]:
    return [
        Job(job.root, job.language, job.suffix, job.labels, tuple(items))
        for items in chunks(job.items, parts)
    ]


def read_all(jobs: Sequence[Job], memo: ModuleMemo | None = None, workers: int = 0) -> list[Read]:
    """Each job's modules and problems, in order, reading on several processes when that pays.

    ``memo`` is used and filled (see :mod:`scormbuild.source.memo`); ``workers`` overrides
    :func:`workers_for`.
    """
    workers = workers or workers_for(jobs, memo)
    if workers == 1:
        return [run(job, memo)[:2] for job in jobs]
    split = [_split(job, workers * SHARES) for job in jobs]
    parts = [part for parts in split for part in parts]
    # Each worker fills a memo of its own (a fork of this one) and sends back what it made.
    results = iter(fork_map(lambda job: run(job, memo), parts, workers))
    merged: list[Read] = []
    for parts_of_job in split:
        sources: list[ModuleSource | None] = []
        problems: list[Problem] = []
        for sources_part, problems_part, made in (next(results) for _ in parts_of_job):
            sources += sources_part
            problems += problems_part
            if memo is not None:
                memo.entries.update(made)
        merged.append((sources, problems))
    return merged
