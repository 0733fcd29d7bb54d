"""Spreading independent work over the machine's cores with forked processes.

Used where a large course has many independent pieces (reading modules, rendering pages,
deflating pages). Small jobs, single-core machines, platforms without fork, and processes that
run threads (forking those is unsafe; the preview server is one) do the work in this process.
Also here: how often the cycle collector runs while a build does.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 24  # below this, starting workers costs more than it saves
MAX_WORKERS = 4
# Work is cut into this many pieces per worker, handed out as workers finish: a worker
# that got slower pieces (or a slower core) does not leave the others waiting at the end.
SHARES = 8
# A build allocates hundreds of thousands of short-lived objects (tokens, YAML nodes, template
# fragments) that reference counting frees on its own. At Python's default threshold (700)
# the cycle collector would run thousands of times over them, and now and then over the
# whole course model: a tenth of the build's time on a large course.
BUILD_GC_THRESHOLD = (50_000, 20, 20)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the cycle collector running less often; restored afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def worker_count(items: int) -> int:
    """How many processes ``items`` independent pieces of work are worth."""
    if items < MIN_ITEMS or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1, items // (MIN_ITEMS // 2)))


def chunks(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """``items`` cut into at most ``parts`` runs of consecutive items, in order."""
    size = max(1, -(-len(items) // max(1, parts)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def fork_map(fn: Callable[[T], R], jobs: Sequence[T], workers: int) -> list[R]:
    """``[fn(job) for job in jobs]``, on ``workers`` forked processes when more than one."""
    with forked_map(fn, jobs, workers) as results:
        return list(results)


@contextmanager
def forked_map(fn: Callable[[T], R], jobs: Sequence[T], workers: int) -> Iterator[Iterator[R]]:
    """``fn(job)`` for each job, in order, as an iterator the block consumes.

    With more than one worker, every job starts at once on forked processes and each result
    is waited for only when the block asks for it; otherwise each job runs when asked for.
    """
    if workers <= 1 or len(jobs) <= 1:
        yield (fn(job) for job in jobs)
        return
    context = multiprocessing.get_context("fork")
    # Frozen objects are skipped by the collector, so the workers do not write to (and copy)
    # every page of the parent's heap when they collect.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield pool.map(fn, jobs)
    finally:
        gc.unfreeze()
