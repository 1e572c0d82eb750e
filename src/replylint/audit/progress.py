"""The rich progress bar of a local audit: partitions done of all, rows read, time left (on stderr)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def audit_progress() -> Iterator[Callable[[int, int, int], None]]:
    """A callback for run_audit that draws the bar; it is removed when the block ends (transient)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("auditing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("partitions · {task.fields[rows]:,} rows"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("audit", total=None, rows=0)

    def update(done: int, total: int, rows: int) -> None:
        bar.update(task, completed=done, total=total, rows=rows)

    with bar:
        yield update
