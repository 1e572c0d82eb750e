"""Run a child process and measure it: wall and CPU time, peak memory, timeouts; samples and series."""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from settings import CHILD_ENV


@dataclass(frozen=True, slots=True)
class Sample:
    """One process (or batch of processes): wall seconds, peak resident set in MB, exit code, stdout."""

    seconds: float
    peak_mb: float
    code: int
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""


@dataclass(slots=True)
class Series:
    """Repeated measurements of one thing; `status` says why it has none ("not installed", "n/a ...")."""

    label: str
    target: float | None = None
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    status: str = ""
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def add(self, sample: Sample) -> None:
        self.times.append(sample.seconds)
        self.peaks.append(sample.peak_mb)


def run(cmd: list[str], cwd: Path, timeout: float, *, capture: bool = False) -> Sample:
    """Run one process with stdout discarded; its peak RSS comes from wait4, which reports that child alone.

    getrusage(RUSAGE_CHILDREN) is a running maximum over every child so far, so it cannot give one run's peak;
    /usr/bin/time is not everywhere and psutil polling misses short peaks. wait4's ru_maxrss is the child's
    own peak (or that of its largest reaped descendant), exact and free.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out if capture else subprocess.DEVNULL,
            stderr=err,
            env=CHILD_ENV,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, _kill_group, (proc.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen, so it never waits
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Sample(
            seconds,
            peak,
            proc.returncode,
            seconds >= timeout and proc.returncode < 0,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def run_batches(batches: list[list[str]], cwd: Path, timeout: float) -> Sample:
    """Several processes one after another, as xargs would run them: summed time, largest peak, all output."""
    samples = [run(cmd, cwd, timeout, capture=True) for cmd in batches]
    return Sample(
        sum(s.seconds for s in samples),
        max(s.peak_mb for s in samples),
        max((s.code for s in samples), key=abs),
        any(s.timed_out for s in samples),
        "".join(s.stdout for s in samples),
        "".join(s.stderr for s in samples),
    )


def arg_batches(prefix: list[str], names: list[str]) -> list[list[str]]:
    """Commands of `prefix` + file names, split only where one command line would pass ARG_MAX."""
    # The environment shares ARG_MAX with the arguments; pointers cost 8 bytes each; keep 8 KiB spare.
    budget = os.sysconf("SC_ARG_MAX") - sum(len(k) + len(v) + 10 for k, v in os.environ.items()) - 8192
    budget -= sum(len(a) + 9 for a in prefix)
    batches: list[list[str]] = [[]]
    used = 0
    for name in names:
        cost = len(os.fsencode(name)) + 9
        if batches[-1] and used + cost > budget:
            batches.append([])
            used = 0
        batches[-1].append(name)
        used += cost
    return [prefix + batch for batch in batches]
