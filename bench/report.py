"""Ratios, targets, the printed table and the JSON results of a benchmark run."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from measure import Series
from peers import Bench
from rich.console import Console
from rich.table import Table
from settings import DEFAULT_CORPUS, ORDER, PEERS, REPO


def add_derived(bench: Bench) -> None:
    """Ratio rows (ratio of medians) and the memory row, each with its target."""
    series = bench.series
    cold = series["files-cold"]
    for key, label, target in (
        ("write-good", "write-good", 0.5),
        ("proselint", "proselint", 0.1),
        ("floor-tokenize", "tokenizer floor", 2.0),
        ("floor-read", "read+tokenizer floor", None),
        ("floor-process", "whole-process floor", None),
    ):
        ratio = Series(f"replylint / {label} (files, cold)", target)
        peer = series.get(key)
        if cold.median and peer and peer.median:
            ratio.times.append(cold.median / peer.median)
        else:
            ratio.status = (peer.status if peer and peer.status else cold.status) or "n/a"
        series[f"ratio-{key}"] = ratio
    memory = Series("peak RSS, replylint files (max over cold and warm)", 400.0)
    memory.times = [max(cold.peaks + series["files-warm"].peaks, default=0.0)] if cold.peaks else []
    memory.status = "" if memory.times else cold.status
    series["memory"] = memory


def annotate(bench: Bench) -> None:
    """Notes: findings, throughput, and a warning when the collection does not look linted reply by reply."""
    series, found = bench.series, bench.findings
    cold = series["files-cold"]
    if cold.median:
        cold.note = f"{found.get('files', 0):,} findings; {bench.work.words / cold.median:,.0f} words/s"
    if "collection" in found:
        series["collection-cold"].note = f"{found['collection']:,} findings"
        if abs(found["collection"] - found.get("files", 0)) > 0.2 * max(found.get("files", 0), 1):
            series["collection-cold"].note += " (the files give another count: one draft per reply?)"
    if series["draft-cold"].median:
        series["draft-cold"].note = f"{found.get('draft', 0)} finding(s)"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table, as printed and as kept in the JSON."""

    key: str
    label: str
    unit: str  # "s", "x" (a ratio) or "MB"
    runs: int
    median: float | None
    low: float | None
    high: float | None
    values: list[float]
    peak_mb: float | None
    target: float | None
    result: str  # PASS, FAIL, SKIP (target without a measurement) or "" (no target)
    status: str
    note: str


def rows(bench: Bench) -> list[Row]:
    """The table, in measurement order followed by the ratio and memory rows."""
    table = []
    for key, one in sorted(bench.series.items(), key=lambda item: ORDER.index(item[0])):
        unit = "x" if key.startswith("ratio-") else "MB" if key == "memory" else "s"
        result = (
            ""
            if one.target is None
            else "SKIP"
            if one.median is None
            else "PASS"
            if one.median <= one.target
            else "FAIL"
        )
        table.append(
            Row(
                key,
                one.label,
                unit,
                len(one.times),
                one.median,
                min(one.times, default=None),
                max(one.times, default=None),
                one.times,
                max(one.peaks, default=None),
                one.target,
                result,
                one.status,
                one.note,
            )
        )
    return table


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:.2f}x" if unit == "x" else f"{value:.0f} MB" if unit == "MB" else f"{value:.3f} s"


def print_table(table: list[Row], title: str) -> None:
    out = Table(title=title, title_justify="left")
    for name in ("measurement", "runs", "median", "min-max", "peak RSS", "target", "result", "note"):
        out.add_column(name, justify="left" if name in ("measurement", "note") else "right")
    colour = {"PASS": "green", "FAIL": "bold red", "SKIP": "yellow"}
    for row in table:
        spread = f"{fmt(row.low, row.unit)}-{fmt(row.high, row.unit)}" if row.runs > 1 else ""
        target = f"<= {fmt(row.target, row.unit)}" if row.target is not None else ""
        result = f"[{colour[row.result]}]{row.result}[/]" if row.result else ""
        out.add_row(
            row.label,
            str(row.runs),
            fmt(row.median, row.unit) or row.status,
            spread,
            fmt(row.peak_mb, "MB"),
            target,
            result,
            row.note,
        )
    # Off a terminal rich would wrap at 80 columns; a log or a pipe reads better unwrapped.
    Console(width=None if sys.stdout.isatty() else 240).print(out)


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError), Path("/proc/cpuinfo").open() as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "replylint": _version("replylint"),
        "spacy": _version("spacy"),
        "proselint": _version("proselint"),
        "write-good": _npm_version("write-good"),
        "node": _output(["node", "--version"]),
        "commit": _output(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
        # --no-optional-locks: never take the index lock, so a benchmark cannot get in a commit's way.
        "uncommitted_changes": bool(
            _output(["git", "-C", str(REPO), "--no-optional-locks", "status", "--porcelain", "--untracked-files=no"])
        ),
        # Other work on the machine skews every number: a load near the core count means a noisy run.
        "load_average_1_5_15": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _npm_version(name: str) -> str | None:
    with contextlib.suppress(OSError, ValueError):
        return json.loads((PEERS / "node_modules" / name / "package.json").read_text())["version"]
    return None


def _output(cmd: list[str]) -> str | None:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=True).stdout.strip()
    return None


def report(bench: Bench, args: argparse.Namespace) -> int:
    """Print the table; write it as JSON to --json-out and, for a full run on the corpus, latest.json."""
    info = {**bench.machine, "load_average_end": os.getloadavg() if hasattr(os, "getloadavg") else None}
    table = rows(bench)
    title = (
        f"replylint {info['replylint']} on {bench.work.replies:,} replies ({bench.work.words:,} words); "
        f"{args.runs} runs, peers {args.peer_runs}; medians; {info['cpu']}, {info['cores']} cores"
    )
    print_table(table, title)
    document = {
        "machine": info,
        "settings": {
            "runs": args.runs,
            "peer_runs": args.peer_runs,
            "timeout_s": args.timeout,
            "corpus": str(args.corpus),
            "replies": bench.work.replies,
            "words": bench.work.words,
            "draft_words": bench.work.draft_words,
            "findings": bench.findings,
            "ratios": "replylint median / peer median",
            "floor_for_target": "spaCy blank('en') tokenizer.pipe over texts already in memory",
        },
        "rows": [asdict(row) for row in table],
    }
    full = not args.quick and args.corpus.resolve() == DEFAULT_CORPUS.resolve()
    targets = [args.json_out] + ([REPO / "bench" / "latest.json"] if full else [])
    for path in dict.fromkeys(p.resolve() for p in targets):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0
