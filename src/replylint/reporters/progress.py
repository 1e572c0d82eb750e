"""A progress bar on stderr for long runs: shown only after a couple of seconds, on a terminal, for people."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

# A run that ends sooner never shows a bar: flicker on every short run would be noise.
DELAY = 2.0


class ProgressBar:
    """Files and replies linted, their rate and the time left; nothing is drawn until DELAY has passed."""

    def __init__(self, delay: float = DELAY, clock=time.monotonic, console=None) -> None:
        self._delay = delay
        self._clock = clock
        self._console = console
        self._started = 0.0
        self._files = 0
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def start(self, files: int) -> None:
        """A new batch of `files` inputs to lint begins (a run may lint several groups)."""
        self._started = self._clock()
        self._files = files

    def update(self, files: int, replies: int) -> None:
        """`files` of the batch are done, `replies` drafts linted so far."""
        if self._bar is None:
            if self._clock() - self._started < self._delay or files >= self._files:
                return
            self._bar = self._open()
        assert self._task is not None
        self._bar.update(self._task, completed=files, total=self._files, replies=replies)

    def close(self) -> None:
        """Remove the bar (it is transient: the report follows on a clean screen)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _open(self) -> Progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = self._console or Console(stderr=True)
        bar = Progress(
            TextColumn("linting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[replies]:,} replies"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = bar.add_task("lint", total=self._files, replies=0)
        bar.start()
        return bar
