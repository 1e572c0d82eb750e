"""The benchmark itself: replylint and its peers (proselint, write-good) interleaved run by run."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from measure import Sample, Series, arg_batches, run, run_batches
from settings import CACHE, FLOOR_SCRIPT, INSTALL_HINT, PEERS
from workloads import Workloads, count_findings, executable


class Bench:
    """Holds the series and runs each measurement; one call of `iteration` measures everything once."""

    def __init__(self, work: Workloads, args: argparse.Namespace, replylint: list[str]) -> None:
        self.work, self.args, self.replylint = work, args, replylint
        self.series: dict[str, Series] = {}
        self.findings: dict[str, int] = {}
        self.peers: dict[str, list[list[str]]] = {}
        self.machine: dict[str, object] = {}
        self.dropped: dict[str, int] = {}

    def get(self, key: str, label: str, target: float | None = None) -> Series:
        return self.series.setdefault(key, Series(label, target))

    def check(self, directory: Path, path: str, out: str = "/dev/null") -> Sample:
        # JSON to /dev/null: the terminal rendering of thousands of findings is not what is measured.
        cmd = [*self.replylint, "check", path, "--format", "json", "--output", out]
        return run(cmd, directory, self.args.timeout)

    def probe(self, key: str, directory: Path, path: str) -> str:
        """An untimed first run: fills the cache, compiles bytecode, counts findings; '' if it worked."""
        shutil.rmtree(directory / CACHE, ignore_errors=True)
        report = directory / "findings.json"
        sample = self.check(directory, path, out=str(report))
        if sample.timed_out:
            return f"timed out after {self.args.timeout:.0f} s"
        if sample.code not in (0, 1):
            return f"exit {sample.code}: {_first_line(sample.stderr)}"
        self.findings[key] = count_findings(report.read_text(encoding="utf-8"))
        return "" if self.findings[key] else "no findings"

    def measure_replylint(
        self, key: str, directory: Path, path: str, label: str, targets: tuple[float | None, float | None]
    ) -> None:
        """Cold (cache deleted: the run also pays for writing it, as a first run does), then warm."""
        cold = self.get(f"{key}-cold", f"replylint {label}, cold", targets[0])
        warm = self.get(f"{key}-warm", f"replylint {label}, warm", targets[1])
        if cold.status:
            return
        shutil.rmtree(directory / CACHE, ignore_errors=True)
        if not self.record(cold, self.check(directory, path), (0, 1)):
            warm.status = "n/a (cold run failed)"
            return
        before = _snapshot(directory / CACHE)
        sample = self.check(directory, path)
        # A warm run that wrote the cache linted something again: the packs changed under the benchmark
        # (an editable install reads rules/ from the work tree). It is no warm run: leave it out, say so.
        if _snapshot(directory / CACHE) != before and sample.code in (0, 1):
            self.dropped[key] = self.dropped.get(key, 0) + 1
            warm.note = f"{self.dropped[key]} run(s) left out: the cache missed (packs edited meanwhile?)"
            return
        self.record(warm, sample, (0, 1))

    def record(self, series: Series, sample: Sample, codes: tuple[int, ...] | None) -> bool:
        """Add a good sample, or mark the series failed and stop measuring it (codes None: any exit code)."""
        if sample.timed_out:
            series.status = f"timed out (> {self.args.timeout:.0f} s)"
        elif codes is not None and sample.code not in codes:
            series.status = f"failed: exit {sample.code}: {_first_line(sample.stderr)}"
        elif codes is None and sample.stderr.strip():
            series.status = f"failed: {_first_line(sample.stderr)}"
        else:
            series.add(sample)
            return True
        return False

    def measure_command(self, key: str, label: str, argv: list[str], target: float | None) -> None:
        series = self.get(key, label, target)
        if not series.status:
            self.record(series, run(argv, self.work.files, self.args.timeout), (0,))

    def measure_peer(self, name: str, n: str, index: int) -> None:
        """One run of a peer in the first --peer-runs iterations (proselint takes ~20 s a run)."""
        series = self.get(name, f"{name} {n} files")
        if self.args.peer_runs == 0:
            series.status = "skipped (--quick or --peer-runs 0)"
        elif name not in self.peers:
            series.status = "not installed"
        if series.status or index >= self.args.peer_runs:
            return
        # Output is kept (a file costs no more than /dev/null) to catch a peer that silently lints nothing.
        sample = run_batches(self.peers[name], self.work.files / "texts", self.args.timeout)
        if not sample.stdout.strip() and not sample.timed_out:
            series.status = f"failed: no output, exit {sample.code}: {_first_line(sample.stderr)}"
        # Exit codes carry finding counts (write-good exits with the number of suggestions), so only a
        # timeout or a message on stderr marks a failed run.
        elif self.record(series, sample, None):
            series.note = f"{sample.stdout.count(chr(10)):,} lines of output"

    def measure_floor(self) -> None:
        """spaCy's blank English tokenizer over the same texts, in a fresh process like replylint's."""
        keys = (
            ("floor-tokenize", "floor: spaCy tokenizer alone (texts in memory)"),
            ("floor-read", "floor: read the files + tokenizer"),
            ("floor-process", "floor: whole process (python, import spaCy, read, tokenize)"),
        )
        series = [self.get(key, label) for key, label in keys]
        if series[0].status:
            return
        sample = run([sys.executable, "-c", FLOOR_SCRIPT, "texts"], self.work.files, self.args.timeout, capture=True)
        if not self.record(series[2], sample, (0,)):
            series[0].status = series[1].status = series[2].status
            return
        parts = json.loads(sample.stdout)
        series[0].times.append(parts["tokenize"])
        series[1].times.append(parts["read"] + parts["tokenize"])
        series[0].note = f"{parts['tokens']:,} tokens; spaCy import {parts['import']:.2f} s"

    def iteration(self, index: int) -> None:
        """Everything once, replylint and peers interleaved so that machine noise hits both."""
        n = f"{self.work.replies:,}"
        self.measure_replylint("files", self.work.files, "texts", f"{n} files", (None, 0.5))
        self.measure_peer("write-good", n, index)
        self.measure_floor()
        self.measure_replylint(
            "collection", self.work.collection, "collection.json", f"collection of {n}", (None, None)
        )
        self.measure_peer("proselint", n, index)
        self.measure_replylint(
            "draft", self.work.draft, "draft.txt", f"one draft ({self.work.draft_words} words)", (1.5, None)
        )
        self.measure_command("help", "replylint --help", [*self.replylint, "--help"], 0.3)
        self.measure_command("rules", "replylint rules", [*self.replylint, "rules"], 0.3)


def _snapshot(directory: Path) -> dict[str, int]:
    """Cache files and their modification times, to tell whether a run wrote the cache."""
    return {p.name: p.stat().st_mtime_ns for p in directory.glob("*")} if directory.is_dir() else {}


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:120] if lines else "(no message)"


def find_peers(bench: Bench, work: Workloads) -> list[str]:
    """Commands for each installed peer; a line telling how to install each missing one."""
    missing = []
    proselint = executable("proselint")
    if proselint:
        # Peers run in the texts dir. proselint >= 0.14 takes `check PATHS`, older ones the paths alone.
        modern = run([proselint, "version"], work.files, 60).code == 0
        bench.peers["proselint"] = [[proselint, *(["check"] if modern else []), "."]]
    else:
        missing.append(f"proselint is not installed: {INSTALL_HINT['proselint']}")
    write_good = PEERS / "node_modules" / ".bin" / "write-good"
    if write_good.exists() and shutil.which("node"):
        # As `write-good *.txt` in the texts dir: one process with every name, batched only past ARG_MAX.
        names = sorted(p.name for p in (work.files / "texts").glob("*.txt"))
        bench.peers["write-good"] = arg_batches([str(write_good)], names)
    else:
        missing.append(f"write-good is not installed: {INSTALL_HINT['write-good']} (needs node and npm)")
    return missing
