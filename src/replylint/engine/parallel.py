"""Lint many drafts on several cores: forked workers share the loaded pipeline and compiled rules."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from replylint.engine.kinds import Compiled
    from replylint.engine.nlp import Pipeline
    from replylint.findings import Finding
    from replylint.inputs.drafts import Draft

# Below this many drafts a second process costs more (fork, result transfer) than it saves.
MIN_DRAFTS = 2000
# How often (in drafts) a single process reports progress: often enough for a bar, rarely enough to cost nothing.
PROGRESS_EVERY = 64
_shared: tuple[list[Draft], Compiled, Pipeline] | None = None


class WorkerError(Exception):
    """A worker process died (the out-of-memory killer, a signal): the run cannot be trusted to be whole."""


def cores() -> int:
    """The cores this process may run on (its affinity), not the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def workers(jobs: int, drafts: int) -> int:
    """How many processes to use: `jobs` if given (>0, at most one per core), else one per free core for large runs."""
    if jobs > 0:
        return min(jobs, cores())
    if drafts < MIN_DRAFTS or not hasattr(os, "fork"):
        return 1
    return max(1, min(free_cores(), 8))


def free_cores() -> int:
    """The cores not busy with other work: measured on a busy 2-core machine, a second worker loses time."""
    try:
        # The 1-minute load counts this process too: what is beyond it is other work holding a core.
        others = max(0.0, os.getloadavg()[0] - 1.0)
    except (AttributeError, OSError):
        return cores()
    return max(1, cores() - int(others + 0.5))


def lint_drafts(
    drafts: list[Draft], compiled: Compiled, pipeline: Pipeline, jobs: int, done: Callable[[int], None] | None = None
) -> list[list[Finding]]:
    """The findings of each draft, in order, using `jobs` processes (forked: nothing is re-loaded).

    `done`, if given, is told how many drafts are finished as the work advances. A worker that dies raises
    WorkerError instead of hanging; SIGTERM or Ctrl-C stops every worker with the parent, and workers print no
    tracebacks of their own.
    """
    from replylint.engine.linter import lint

    if jobs <= 1 or len(drafts) < 2:
        results = []
        for _, findings in lint(drafts, compiled, pipeline):
            results.append(findings)
            if done is not None and (len(results) % PROGRESS_EVERY == 0 or len(results) == len(drafts)):
                done(len(results))
        return results
    global _shared
    _shared = (drafts, compiled, pipeline)
    size = -(-len(drafts) // (jobs * 4))  # a few chunks per worker, so an unlucky slow chunk evens out
    chunks = [(start, min(start + size, len(drafts))) for start in range(0, len(drafts), size)]
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_worker_signals)
    previous = _on_terminate()
    try:
        parts = []
        for part in pool.map(_lint_chunk, chunks):
            parts.append(part)
            if done is not None:
                done(sum(map(len, parts)))
    except BrokenProcessPool:
        raise WorkerError(
            "a worker process died (killed by a signal or the out-of-memory killer); try fewer --jobs"
        ) from None
    finally:
        _shared = None
        _stop(pool)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return [findings for part in parts for findings in part]


def _worker_signals() -> None:
    # Ctrl-C reaches the whole process group: the parent alone answers it, so no worker prints a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _on_terminate():
    """While workers run, SIGTERM unwinds the parent (so the pool is stopped) instead of killing it outright."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def terminated(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, terminated)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, finished or not: none is left running after the parent."""
    # The executor keeps its processes in a private mapping (stable since Python 3.8); without it, shutdown alone.
    workers_ = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers_:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    for process in workers_:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(timeout=5)


def _lint_chunk(bounds: tuple[int, int]) -> list[list[Finding]]:
    from replylint.engine.linter import lint

    assert _shared is not None
    drafts, compiled, pipeline = _shared
    return [findings for _, findings in lint(drafts[bounds[0] : bounds[1]], compiled, pipeline)]
