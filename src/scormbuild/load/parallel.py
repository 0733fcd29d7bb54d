"""Reading many modules on several cores.

Modules are independent of each other until the cross-checks, so a cold load of a large course
splits them among forked worker processes. Each worker returns what it read and the memo entries
it made, so a later load in this process (the preview's rebuild) still reuses unchanged modules.
Small courses, warm loads, single-core machines and processes with threads (forking those is
unsafe) read in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scormbuild.errors import Problem
from scormbuild.load.memo import Remembered, memo_for
from scormbuild.load.modules import ModuleReader, ModuleSource
from scormbuild.markdown import make_markdown

MIN_MODULES = 24  # below this, starting workers costs more than it saves
MAX_WORKERS = 4


@dataclass(frozen=True)
class Job:
    """Modules of one language for one reader: (path, slug) pairs, in course order."""

    root: Path
    language: str
    suffix: str
    labels: tuple[tuple[str, str], ...]
    items: tuple[tuple[Path, str], ...]


Result = tuple[list[ModuleSource | None], list[Problem], dict[tuple[Any, ...], Remembered]]


def run(job: Job) -> Result:
    """Read the job's modules with one reader; also return the memo entries it made."""
    labels = dict(job.labels)
    reader = ModuleReader(job.root, make_markdown(job.language, labels), job.language, labels)
    reader.language_suffix = job.suffix
    before = set(reader.memo.entries)
    sources = [reader.read(path, slug) for path, slug in job.items]
    made = {k: v for k, v in reader.memo.entries.items() if k not in before}
    return sources, reader.problems, made


def _workers(jobs: Sequence[Job]) -> int:
    modules = sum(len(j.items) for j in jobs)
    if modules < MIN_MODULES or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if jobs and memo_for(jobs[0].root).entries:
        return 1  # a warm load: the memo answers faster than any worker
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1, modules // (MIN_MODULES // 2)))


def _split(job: Job, parts: int) -> list[Job]:
    size = -(-len(job.items) // parts)
    return [
        Job(job.root, job.language, job.suffix, job.labels, job.items[i : i + size])
        for i in range(0, len(job.items), size)
    ]


def read_all(jobs: Sequence[Job]) -> list[Result]:
    """Each job's result, in order, reading on several processes when that pays."""
    workers = _workers(jobs)
    if workers == 1:
        return [run(job) for job in jobs]
    chunks = [_split(job, workers) for job in jobs]
    flat = [c for parts in chunks for c in parts]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = list(pool.map(run, flat))
    memo = memo_for(jobs[0].root)
    merged: list[Result] = []
    i = 0
    for parts in chunks:
        sources: list[ModuleSource | None] = []
        problems: list[Problem] = []
        for sources_part, problems_part, made in results[i : i + len(parts)]:
            sources += sources_part
            problems += problems_part
            memo.entries.update(made)
        i += len(parts)
        merged.append((sources, problems, {}))
    return merged
