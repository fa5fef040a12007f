"""Parse on every core: an ordered map over a process pool that the single writer consumes.

Parsing a page is a pure function from a file to records (`loaders/ingest.py`); the
database has one writer, the main process. So the pool only ever parses: its workers
are started by a fork server (a clean process that never opened DuckDB, so no worker
inherits a connection, a lock or a thread of it) and hand back records, in the order
the items were given, a few at a time (`CHUNK_ITEMS`), with a bounded number of chunks
in flight (`AHEAD_CHUNKS_PER_WORKER`), so memory does not grow with the run.

What can go wrong in a worker stays an item's problem or becomes the main process's work:

- a function that raises on one item gives that item a `Failed` (its reason), the
  rest of its chunk is unaffected;
- a worker that dies (killed, out of memory, a crash in native code) breaks the pool
  (`BrokenProcessPool`): the items not yet handed back are parsed in this process,
  and `notes` says so;
- Ctrl-C reaches the main process only (workers ignore SIGINT): it stops the pool,
  ends its workers and propagates, as it does without a pool.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

# fewer items than this are parsed in this process: starting the pool (about 4 s: the fork
# server loads and warms the parser once) costs more than it saves (a page is about 0.1 s)
POOL_MIN_ITEMS = 24
# items a worker parses per task: few round trips, and progress still moves file by file
CHUNK_ITEMS = 4
# chunks in flight per worker: enough that no worker waits while the writer lands a batch
# (up to a second; a worker parses about 70 pages a second), few enough that memory stays
# flat (64 pages of rows per worker)
AHEAD_CHUNKS_PER_WORKER = 16
# imported once by the fork server: it parses a page, so every worker forks with the parser warm
PRELOAD = ["loaders.warm"]


def default_workers() -> int:
    """Every core (what `--workers` defaults to)."""
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Failed:
    """An item whose function raised: the reason, as one line."""

    reason: str


def call(fn: Callable[[Any], Any], item: Any) -> Any:
    """fn(item), or `Failed` if it raised (a parser bug must not cost the other items)."""
    try:
        return fn(item)
    except Exception as e:
        return Failed(f"{type(e).__name__}: {e}")


def _run_chunk(fn: Callable[[Any], Any], items: list) -> list:
    return [call(fn, item) for item in items]


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


class Parsing:
    """A context that maps functions over items with `workers` processes (1: in this process).

    The pool is started on the first map with enough items and lives until the context
    ends, so a run's files and its re-parsed stored files share it.
    """

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self.notes: list[str] = []
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def __enter__(self) -> Parsing:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.close(wait=kind is None)

    def close(self, wait: bool = True) -> None:
        """Stop the pool; unless `wait`, end its workers at once (an interrupted or failed run)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if wait:
            pool.shutdown(wait=True)
        else:
            processes = list(getattr(pool, "_processes", {}).values())  # the executor keeps no public list
            pool.shutdown(wait=False, cancel_futures=True)
            for p in processes:
                if p.is_alive():
                    p.terminate()
        _stop_fork_server()

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_worker_start)
        return self._pool

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], count: int) -> Iterator[tuple[Any, Any]]:
        """(item, fn(item) or Failed) for every item, in the order given.

        `fn` must be picklable (a module-level function or a `functools.partial` of one);
        `count` is how many items there are (the iterable may be lazy).
        """
        if self.workers == 1 or self._broken or count < POOL_MIN_ITEMS:
            for item in items:
                yield item, call(fn, item)
            return
        pool = self._start()
        pending = iter(items)
        inflight: deque[tuple[list, Future | None]] = deque()

        def submit() -> bool:
            chunk = list(islice(pending, CHUNK_ITEMS))
            if not chunk:
                return False
            try:
                future: Future | None = pool.submit(_run_chunk, fn, chunk)
            except BrokenProcessPool:  # a worker died since the last result: the chunk waits its turn
                future = None
            inflight.append((chunk, future))
            return future is not None

        while len(inflight) < self.workers * AHEAD_CHUNKS_PER_WORKER and submit():
            pass
        while inflight:
            chunk, future = inflight.popleft()
            try:
                if future is None:
                    raise BrokenProcessPool("the pool broke before this chunk was sent")
                results = future.result()
            except BrokenProcessPool:
                yield from self._fall_back(fn, chain(chunk, *(c for c, _ in inflight), pending))
                return
            except Exception:  # a result that could not be sent back: parse that chunk here
                results = _run_chunk(fn, chunk)
            submit()  # keep the workers busy while the writer lands these
            yield from zip(chunk, results, strict=True)

    def _fall_back(self, fn: Callable[[Any], Any], rest: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """The pool died: parse what it had not handed back in this process, and say so."""
        self._broken = True
        self.close(wait=False)
        self.notes.append(
            "a parsing worker stopped unexpectedly (the pool broke); the files it had not returned "
            "were parsed in the main process"
        )
        for item in rest:
            yield item, call(fn, item)


def _stop_fork_server() -> None:
    """End the fork server with the pool: it holds a warm parser (about 220 MB) that nothing
    needs while dbt builds. A later pool starts a new one. The standard library stops it only
    at exit; `_stop` is the method its own tests use, so it is looked up, never assumed."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if callable(stop):
        with contextlib.suppress(OSError, ValueError):
            stop()
