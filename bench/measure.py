"""Run one child process and measure it: wall and CPU seconds and peak RSS from os.wait4; series of samples."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

# Children may write bytecode, as in a user's install: under PYTHONDONTWRITEBYTECODE (set in some containers)
# every run compiles replylint's modules again and `--help` costs twice as much.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
WALL, CPU = "s", "CPU s"


@dataclass(frozen=True, slots=True)
class Sample:
    """One process (or batch of processes): wall seconds, peak RSS in MB, exit code, output, CPU seconds."""

    seconds: float
    peak_mb: float
    code: int
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    cpu: float = 0.0  # user + system, the child's and its reaped descendants' (replylint's --jobs workers)


@dataclass(slots=True)
class Series:
    """Repeated measurements of one thing; `status` says why it has none ("not installed", "n/a ...").

    `unit` is WALL or CPU for measured series (which number of a Sample goes into `times`), or the unit of a
    derived row ("x" a ratio, "MB", "us/char", "words/s").
    """

    label: str
    target: float | None = None
    unit: str = WALL
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    walls: list[float] = field(default_factory=list)
    status: str = ""
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def add(self, sample: Sample) -> None:
        self.times.append(sample.cpu if self.unit == CPU else sample.seconds)
        self.peaks.append(sample.peak_mb)
        self.cpus.append(sample.cpu)
        self.walls.append(sample.seconds)


def run(cmd: list[str], cwd: Path, timeout: float, *, capture: bool = False) -> Sample:
    """Run one process with stdout discarded; its peak RSS and CPU time come from wait4, for that child alone.

    getrusage(RUSAGE_CHILDREN) is a running maximum (and a running sum) over every child so far, so it cannot
    give one run's peak; /usr/bin/time is not everywhere and psutil polling misses short peaks. wait4's
    rusage is the child's own (with its reaped descendants), exact and free.
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
            usage.ru_utime + usage.ru_stime,
        )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def run_batches(batches: list[list[str]], cwd: Path, timeout: float) -> Sample:
    """Several processes one after another, as xargs would run them: summed times, largest peak, all output."""
    samples = [run(cmd, cwd, timeout, capture=True) for cmd in batches]
    return Sample(
        sum(s.seconds for s in samples),
        max(s.peak_mb for s in samples),
        max((s.code for s in samples), key=abs),
        any(s.timed_out for s in samples),
        "".join(s.stdout for s in samples),
        "".join(s.stderr for s in samples),
        sum(s.cpu for s in samples),
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


def executable(name: str) -> str | None:
    """The console script of the running interpreter's environment, else PATH's.

    Preferring the one beside sys.executable skips version-manager shims (pyenv's cost ~50 ms a call).
    """
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def snapshot(directory: Path) -> dict[str, int]:
    """Cache files and their modification times, to tell whether a run wrote the cache."""
    return {p.name: p.stat().st_mtime_ns for p in directory.glob("*")} if directory.is_dir() else {}


def first_line(text: str) -> str:
    """The last non-blank line of a child's stderr (where a traceback's message is), cut to 120 characters."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:120] if lines else "(no message)"


def count_findings(report: str) -> int:
    """Findings in a replylint JSON report."""
    return sum(len(entry.get("findings", [])) for entry in json.loads(report).get("files", []))
