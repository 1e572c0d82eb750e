"""The results: rows in a fixed order, the rich table, the JSON document, and the facts about the machine."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from peers import npm_version
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from session import Bench

REPO = Path(__file__).resolve().parent.parent
# Row order; N stands for a length or a size in MB (rows of one group sort by it).
ORDER = (
    "files-cold",
    "files-warm",
    "files-cold-jobs1",
    "collection-cold",
    "collection-warm",
    "draft-cold",
    "draft-warm",
    "draft-nocache",
    "help",
    "rules",
    "write-good",
    "proselint",
    "floor-tokenize",
    "floor-read",
    "floor-process",
    "floor-tokenizer-cpu",
    "floor-pipeline-cpu",
    "chars-base",
    "chars-N",
    "large-Nmb",
    "ratio-write-good",
    "ratio-proselint",
    "ratio-floor-tokenize",
    "ratio-floor-read",
    "ratio-floor-process",
    "ratio-floor-pipeline-cpu",
    "ratio-floor-tokenizer-cpu",
    "us-per-char-N",
    "ratio-chars",
    "large-Nmb-rate",
    "memory",
)
# Targets are upper bounds, except in these units (more is better).
LOWER_BOUNDS = frozenset({"words/s"})


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table, as printed and as kept in the JSON."""

    key: str
    label: str
    unit: str  # "s", "CPU s", "x" (a ratio), "MB", "us/char" or "words/s"
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


def _rank(key: str) -> tuple[int, int]:
    if key in ORDER:
        return ORDER.index(key), 0
    number = re.search(r"\d+", key)
    return ORDER.index(re.sub(r"\d+", "N", key, count=1)), int(number.group()) if number else 0


def _result(median: float | None, target: float | None, unit: str) -> str:
    if target is None:
        return ""
    if median is None:
        return "SKIP"
    return "PASS" if (median >= target if unit in LOWER_BOUNDS else median <= target) else "FAIL"


def rows(bench: Bench) -> list[Row]:
    """The table, in measurement order followed by the derived rows."""
    table = []
    for key, one in sorted(bench.series.items(), key=lambda item: _rank(item[0])):
        table.append(
            Row(
                key,
                one.label,
                one.unit,
                len(one.times),
                one.median,
                min(one.times, default=None),
                max(one.times, default=None),
                one.times,
                max(one.peaks, default=None),
                one.target,
                _result(one.median, one.target, one.unit),
                one.status,
                one.note,
            )
        )
    return table


def fmt(value: float | None, unit: str) -> str:
    """A value in its unit, as the table shows it."""
    if value is None:
        return ""
    formats = {"x": "{:.2f}x", "MB": "{:.0f} MB", "CPU s": "{:.3f} CPU s", "us/char": "{:.2f} µs/char"}
    return formats.get(unit, "{:,.0f} words/s" if unit == "words/s" else "{:.3f} s").format(value)


def print_table(table: list[Row], title: str) -> None:
    """The rows as a rich table on stdout."""
    out = Table(title=title, title_justify="left")
    for name in ("measurement", "runs", "median", "min-max", "peak RSS", "target", "result", "note"):
        out.add_column(name, justify="left" if name in ("measurement", "note") else "right")
    colour = {"PASS": "green", "FAIL": "bold red", "SKIP": "yellow"}
    for row in table:
        spread = f"{fmt(row.low, row.unit)}-{fmt(row.high, row.unit)}" if row.runs > 1 else ""
        bound = ">=" if row.unit in LOWER_BOUNDS else "<="
        target = f"{bound} {fmt(row.target, row.unit)}" if row.target is not None else ""
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


def report(bench: Bench, args: argparse.Namespace, default_corpus: Path) -> int:
    """Print the table; write it as JSON to --json-out and, for a full run on the corpus, latest.json."""
    info = {**bench.machine, "load_average_end": os.getloadavg() if hasattr(os, "getloadavg") else None}
    table = rows(bench)
    title = (
        f"replylint {info['replylint']} on {bench.work.replies:,} replies ({bench.work.words:,} words); "
        f"{args.runs} runs, peers {args.peer_runs}; medians; {info['cpu']}, {info['cores']} cores"
    )
    print_table(table, title)
    document = {"machine": info, "settings": settings(bench, args), "rows": [asdict(row) for row in table]}
    full = not args.quick and args.corpus.resolve() == default_corpus.resolve()
    targets = [args.json_out] + ([REPO / "bench" / "latest.json"] if full else [])
    for path in dict.fromkeys(p.resolve() for p in targets):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


def settings(bench: Bench, args: argparse.Namespace) -> dict[str, object]:
    """What was run, and how the derived rows are computed."""
    return {
        "runs": args.runs,
        "peer_runs": args.peer_runs,
        "timeout_s": args.timeout,
        "corpus": str(args.corpus),
        "replies": bench.work.replies,
        "words": bench.work.words,
        "draft_words": bench.work.draft_words,
        "findings": bench.findings,
        "ratios": "replylint median / peer median",
        "floor_for_target": (
            "pipeline floor: a fresh process imports spaCy, builds blank('en') + sentencizer + replylint's lookup "
            "lemmas, reads the files and runs nlp.pipe over them; CPU seconds (user + system, from wait4)"
        ),
        "targets": "upper bounds; in rows of unit words/s, lower bounds",
        "large_runs": args.large_runs,
        "large_timeout_s": args.large_timeout,
        "large_files": {f"{f.megabytes}mb": {"bytes": f.size, "words": f.words} for f in bench.large},
        "chars_per_size": args.chars_total,
        "char_sizes": {str(s.length): {"drafts": s.drafts, "chars": s.chars} for s in bench.sized},
        "per_char": "(CPU of the drafts' process - CPU of the one-draft baseline) / characters",
    }


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
        "write-good": npm_version("write-good"),
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


def _output(cmd: list[str]) -> str | None:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=True).stdout.strip()
    return None
