"""The benchmark's state and its replylint measurements; one call of `Bench.iteration` measures everything once."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import floors
import scaling
from measure import CPU, WALL, Sample, Series, count_findings, first_line, run, snapshot
from peers import measure_peer
from workloads import LargeFile, SizedDrafts, Workloads

CACHE = ".replylint_cache"


class Bench:
    """Holds the series and runs each measurement; one call of `iteration` measures everything once."""

    def __init__(
        self,
        work: Workloads,
        args: argparse.Namespace,
        replylint: list[str],
        long: tuple[tuple[LargeFile, ...], tuple[SizedDrafts, ...]] = ((), ()),
    ) -> None:
        self.work, self.args, self.replylint = work, args, replylint
        self.large, self.sized = long
        self.series: dict[str, Series] = {}
        self.findings: dict[str, int] = {}
        self.peers: dict[str, list[list[str]]] = {}
        self.machine: dict[str, object] = {}
        self.dropped: dict[str, int] = {}

    def get(self, key: str, label: str, target: float | None = None, unit: str = WALL) -> Series:
        return self.series.setdefault(key, Series(label, target, unit))

    def check(
        self, directory: Path, path: str, out: str = "/dev/null", extra: tuple[str, ...] = (), timeout: float = 0
    ) -> Sample:
        """`replylint check PATH --format json --output OUT` in `directory` (timeout 0: --timeout)."""
        # JSON to /dev/null: the terminal rendering of thousands of findings is not what is measured.
        cmd = [*self.replylint, "check", path, "--format", "json", "--output", out, *extra]
        return run(cmd, directory, timeout or self.args.timeout)

    def probe(self, key: str, directory: Path, path: str) -> str:
        """An untimed first run: fills the cache, compiles bytecode, counts findings; '' if it worked."""
        shutil.rmtree(directory / CACHE, ignore_errors=True)
        report = directory / "findings.json"
        sample = self.check(directory, path, out=str(report))
        if sample.timed_out:
            return f"timed out after {self.args.timeout:.0f} s"
        if sample.code not in (0, 1):
            return f"exit {sample.code}: {first_line(sample.stderr)}"
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
        before = snapshot(directory / CACHE)
        sample = self.check(directory, path)
        # A warm run that wrote the cache linted something again: the packs changed under the benchmark
        # (an editable install reads rules/ from the work tree). It is no warm run: leave it out, say so.
        if snapshot(directory / CACHE) != before and sample.code in (0, 1):
            self.dropped[key] = self.dropped.get(key, 0) + 1
            warm.note = f"{self.dropped[key]} run(s) left out: the cache missed (packs edited meanwhile?)"
            return
        self.record(warm, sample, (0, 1))

    def measure_cold_cpu(self, key: str, label: str, target: float | None) -> None:
        """replylint on the files with `--jobs 1`, cache deleted first, in CPU seconds: set beside the floor."""
        series = self.get(key, label, target, CPU)
        if not series.status:
            shutil.rmtree(self.work.files / CACHE, ignore_errors=True)
            self.record(series, self.check(self.work.files, "texts", extra=("--jobs", "1")), (0, 1))

    def record(self, series: Series, sample: Sample, codes: tuple[int, ...] | None) -> bool:
        """Add a good sample, or mark the series failed and stop measuring it (codes None: any exit code)."""
        if sample.timed_out:
            series.status = f"timed out (> {sample.seconds:.0f} s)"
        elif codes is not None and sample.code not in codes:
            series.status = f"failed: exit {sample.code}: {first_line(sample.stderr)}"
        elif codes is None and sample.stderr.strip():
            series.status = f"failed: {first_line(sample.stderr)}"
        else:
            series.add(sample)
            return True
        return False

    def measure_command(
        self,
        key: str,
        label: str,
        argv: list[str],
        target: float | None,
        *,
        where: Path | None = None,
        unit: str = WALL,
        codes: tuple[int, ...] = (0,),
    ) -> None:
        """Any replylint command line, in `where` (the files dir by default)."""
        series = self.get(key, label, target, unit)
        if not series.status:
            self.record(series, run(argv, where or self.work.files, self.args.timeout), codes)

    def iteration(self, index: int) -> None:
        """Everything once, replylint and peers interleaved so that machine noise hits both."""
        work, n = self.work, f"{self.work.replies:,}"
        self.measure_replylint("files", work.files, "texts", f"{n} files", (None, None))
        measure_peer(self, "write-good", n, index)
        floors.measure_tokenizer_floor(self)
        floors.measure_pipeline_floor(self)
        self.measure_cold_cpu("files-cold-jobs1", f"replylint {n} files, cold, --jobs 1 (CPU)", None)
        self.measure_replylint("collection", work.collection, "collection.json", f"collection of {n}", (None, None))
        measure_peer(self, "proselint", n, index)
        draft = f"one draft ({work.draft_words} words)"
        self.measure_replylint("draft", work.draft, "draft.txt", draft, (None, None))
        nocache = [*self.replylint, "check", "--no-cache", "draft.txt"]
        label = f"replylint check --no-cache draft.txt, {draft} (CPU)"
        self.measure_command("draft-nocache", label, nocache, 0.75, where=work.draft, unit=CPU, codes=(0, 1))
        self.measure_command("help", "replylint --help", [*self.replylint, "--help"], 0.1)
        self.measure_command("rules", "replylint rules", [*self.replylint, "rules"], None)
        scaling.measure_sizes(self)
        if index < self.args.large_runs:
            scaling.measure_large(self)
