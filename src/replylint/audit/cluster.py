"""The Dask cluster an audit runs on: a LocalCluster of processes sized to the machine, or one at --scheduler."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from distributed import Client


@dataclass(frozen=True, slots=True)
class Failure:
    """A partition whose task or save failed: its index and what went wrong, for the run's error."""

    index: int
    error: str


def default_workers() -> int:
    """One worker process per core this process may use (spaCy is single-threaded, so threads would not help)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a LocalCluster started (and stopped) here."""
    from distributed import Client, LocalCluster

    # distributed logs each worker's start and stop at INFO; the audit reports what matters itself.
    for name in ("distributed", "bokeh", "tornado"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    size = workers or default_workers()
    cluster = LocalCluster(
        n_workers=size,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: a second cluster on the machine must not warn
        silence_logs=logging.ERROR,
        memory_limit=0,  # the tasks keep memory flat themselves; a pause or restart would only lose partitions
    )
    with cluster, Client(cluster) as client:
        yield client


def run_all(client: Client, tasks: dict[int, object], on_done: Callable[[object], None]) -> list[Failure]:
    """Compute the delayed tasks (partition index -> task) as the cluster finishes them, in any order."""
    from distributed import as_completed

    futures = dict(zip(client.compute(list(tasks.values())), tasks, strict=True))
    failures = []
    for future in as_completed(futures):
        index = futures[future]
        try:
            on_done(future.result())
        except Exception as exc:  # a task, or saving its result, failed: the rest go on
            failures.append(Failure(index, f"{type(exc).__name__}: {exc}"))
        future.release()
    return sorted(failures, key=lambda f: f.index)
