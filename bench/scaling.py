"""How cost grows with draft length: large single files, and many drafts of each length in one process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from measure import CPU, WALL, count_findings

if TYPE_CHECKING:
    from session import Bench
    from workloads import LargeFile

# --no-cache: what is measured is linting, not the cache; --jobs 1: the CPU of one process, no fork.
SIZED_FLAGS = ("--no-cache", "--jobs", "1")


def measure_sizes(bench: Bench) -> None:
    """The start-up baseline (one short draft), then one process per length over its folder of drafts."""
    if not bench.sized:
        return
    base = bench.get("chars-base", "replylint one draft, --no-cache --jobs 1: start-up baseline (CPU)", unit=CPU)
    if not base.status:
        bench.record(base, bench.check(bench.work.draft, "draft.txt", extra=SIZED_FLAGS), (0, 1))
    for sized in bench.sized:
        key = f"chars-{sized.length}"
        label = f"replylint {sized.drafts:,} drafts of {sized.length:,} chars, --no-cache --jobs 1 (CPU)"
        series = bench.get(key, label, unit=CPU)
        if series.status:
            continue
        report = sized.directory / "findings.json"
        sample = bench.check(sized.directory, "drafts", out=str(report), extra=SIZED_FLAGS)
        if bench.record(series, sample, (0, 1)):
            bench.findings[key] = count_findings(report.read_text(encoding="utf-8"))


def measure_large(bench: Bench) -> None:
    """Each large file once, under --large-timeout (a 9 MB file has taken minutes)."""
    for large in bench.large:
        key = f"large-{large.megabytes}mb"
        series = bench.get(key, large_label(large), unit=WALL)
        if series.status:
            continue
        report = large.directory / "findings.json"
        sample = bench.check(
            large.directory, "large.txt", out=str(report), extra=("--no-cache",), timeout=bench.args.large_timeout
        )
        if bench.record(series, sample, (0, 1)):
            bench.findings[key] = count_findings(report.read_text(encoding="utf-8"))


def large_label(large: LargeFile) -> str:
    """The label of a large file's row."""
    return f"replylint one {large.megabytes} MB file ({large.words:,} words), --no-cache"
