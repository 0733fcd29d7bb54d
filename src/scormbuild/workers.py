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
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

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
# whole course model (docs/performance.md has the figures).
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


def shares(items: Sequence[T], workers: int) -> list[Sequence[T]]:
    """``items`` cut into runs of consecutive items, in order, for ``workers`` that each take
    the next run as they finish one: each run a half worker's share of what is left, so the
    runs shrink to single items at the end and the workers finish together (with runs of one
    size, one worker could sit idle for most of a run while another finished the last)."""
    runs: list[Sequence[T]] = []
    start, share = 0, 2 * max(1, workers)
    while start < len(items):
        size = -(-(len(items) - start) // share)
        runs.append(items[start : start + size])
        start += size
    return runs


def fork_map(fn: Callable[[T], R], jobs: Sequence[T], workers: int) -> list[R]:
    """``[fn(job) for job in jobs]``, on ``workers`` forked processes when more than one."""
    with forked_map(fn, jobs, workers) as results:
        return list(results)


@contextmanager
def forked_map(fn: Callable[[T], R], jobs: Sequence[T], workers: int) -> Iterator[Iterator[R]]:
    """``fn(job)`` for each job, in order, as an iterator the block consumes.

    With more than one worker, every job starts at once on forked processes and each result
    is waited for only when the block asks for it; otherwise each job runs when asked for.
    The workers inherit ``fn`` and ``jobs`` (a closure over anything will do: nothing is
    pickled on the way in); only results travel back.
    """
    if workers <= 1 or len(jobs) <= 1:
        yield (fn(job) for job in jobs)
        return
    # Frozen objects are skipped by the collector, so the workers do not write to (and copy)
    # every page of the parent's heap when they collect.
    gc.freeze()
    forked = _Forked(fn, jobs, workers)
    try:
        yield forked.results()
    finally:
        forked.close()
        gc.unfreeze()


class _Forked:
    """Worker processes that take the next job as they finish one and send back results.

    A thread of this process receives the results as they come, whatever this process is
    doing meanwhile: a worker that had to wait until its result was read (a pipe holds 64
    KB) would sit idle while this process streams media or writes the course data.
    """

    def __init__(self, fn: Callable[[T], R], jobs: Sequence[T], workers: int) -> None:
        context = multiprocessing.get_context("fork")
        counter = context.Value("l", 0)
        self.count = len(jobs)
        self.received: dict[int, tuple[bool, Any]] = {}
        self.arrived = threading.Condition()
        self.failed: BaseException | None = None
        self.open = 0  # readers the thread still reads
        readers: list[Connection] = []
        self.processes = []
        for _ in range(workers):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(fn, jobs, counter, writer), daemon=True)
            process.start()
            writer.close()
            readers.append(reader)
            self.processes.append(process)
        self.open = len(readers)
        # Started once every worker is forked: no thread runs while this process forks.
        self.thread = threading.Thread(target=self._receive, args=(readers,), daemon=True)
        self.thread.start()

    def results(self) -> Iterator[Any]:
        for index in range(self.count):
            with self.arrived:
                while index not in self.received:
                    if self.failed is not None:
                        raise self.failed
                    if not self.open:
                        raise RuntimeError("a worker process stopped before finishing its work")
                    self.arrived.wait()
                ok, value = self.received.pop(index)
            if not ok:
                raise value
            yield value

    def _receive(self, readers: list[Connection]) -> None:
        """The thread: every result into ``received``, until each worker has closed its pipe."""
        try:
            while readers:
                for reader in wait(readers):
                    assert isinstance(reader, Connection)
                    try:
                        index, ok, value = reader.recv()
                    except EOFError:  # this worker has no more jobs (or died)
                        readers.remove(reader)
                        reader.close()
                        with self.arrived:
                            self.open -= 1
                            self.arrived.notify()
                        continue
                    with self.arrived:
                        self.received[index] = (ok, value)
                        self.arrived.notify()
        except BaseException as exc:  # a result that cannot be read: the block raises it
            with self.arrived:
                self.failed = exc
                self.arrived.notify()
        finally:
            for reader in readers:
                reader.close()

    def close(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join()
        self.thread.join()


def _work(fn: Callable[[Any], Any], jobs: Sequence[Any], counter: Any, writer: Connection) -> None:
    """A worker's loop: claim the next job, run it, send back its index and result."""
    try:
        while True:
            with counter.get_lock():
                index = counter.value
                counter.value += 1
            if index >= len(jobs):
                return
            try:
                writer.send((index, True, fn(jobs[index])))
            except Exception as exc:  # raised again in the parent, where it is reported
                try:
                    writer.send((index, False, exc))
                except Exception:  # the exception itself cannot be sent
                    writer.send((index, False, RuntimeError(repr(exc))))
    finally:
        writer.close()
