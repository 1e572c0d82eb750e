"""Long runs report their progress: files and drafts done, in order, ending with everything linted."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from replylint.config.settings import Config
from replylint.engine import parallel
from replylint.inputs.drafts import draft_from_text
from replylint.packs.loading import shipped_pack_paths
from replylint.packs.selection import load_rules
from replylint.reporters.progress import ProgressBar
from replylint.run.linting import Pending, lint_pending


class Recorder:
    def __init__(self) -> None:
        self.started: list[int] = []
        self.updates: list[tuple[int, int]] = []

    def start(self, files: int) -> None:
        self.started.append(files)

    def update(self, files: int, replies: int) -> None:
        self.updates.append((files, replies))


def _pending(counts: list[int]) -> list[Pending]:
    return [
        Pending(f"f{n}.txt", "", None, [draft_from_text(f"f{n}.txt", f"Thanks, reply {i}.") for i in range(count)])
        for n, count in enumerate(counts)
    ]


def test_progress_counts_files_and_drafts_to_the_end(monkeypatch):
    monkeypatch.setattr(parallel, "PROGRESS_EVERY", 2)
    recorder = Recorder()
    rules = load_rules(shipped_pack_paths())
    lint_pending(_pending([3, 1, 2]), rules, Config(None, Path(".")), jobs=1, progress=recorder)
    assert recorder.started == [3]
    # Every 2 drafts, and at the end; a file counts once the next one has begun.
    assert recorder.updates == [(0, 2), (1, 4), (3, 6)]


def test_no_progress_object_costs_nothing():
    rules = load_rules(shipped_pack_paths())
    findings, failed, _ = lint_pending(_pending([1]), rules, Config(None, Path(".")), jobs=1)
    assert (len(findings), failed) == (1, {})


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_waits_before_it_shows_and_leaves_no_trace():
    clock, out = Clock(), io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    bar = ProgressBar(delay=2.0, clock=clock, console=console)
    bar.start(10)
    bar.update(3, 30)
    assert out.getvalue() == ""  # a short run never shows a bar
    clock.now = 2.5
    bar.update(4, 40)
    bar.close()
    assert "4/10" in out.getvalue()
    assert "40 replies" in out.getvalue()


def test_a_batch_done_before_the_delay_draws_nothing():
    clock, out = Clock(), io.StringIO()
    bar = ProgressBar(delay=2.0, clock=clock, console=Console(file=out, force_terminal=True))
    bar.start(2)
    clock.now = 5.0
    bar.update(2, 9)  # finished: nothing left to wait for
    bar.close()
    assert out.getvalue() == ""
