"""Rows computed from the measured series: ratios, cost per character, words per second, peak memory."""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from measure import CPU, Series
from scaling import large_label

if TYPE_CHECKING:
    from session import Bench

CHARS_RATIO_TARGET = 1.5
LARGE_TARGETS = {9: 40_000.0}  # words/s, a lower bound
MEMORY_TARGET = 150.0


def ratio(label: str, target: float | None, top: Series | None, bottom: Series | None) -> Series:
    """A ratio of medians, or a status saying which side is missing."""
    row = Series(label, target, "x")
    if top and bottom and top.median and bottom.median:
        row.times.append(top.median / bottom.median)
    else:
        row.status = next((s.status for s in (bottom, top) if s and s.status), "") or "n/a"
    return row


def add_derived(bench: Bench) -> None:
    """Ratio rows (ratio of medians), the per-character and large-file rows and the memory row, with targets."""
    series = bench.series
    cold, jobs1 = series["files-cold"], series.get("files-cold-jobs1")
    for key, label, target in (
        ("write-good", "write-good, wall", 1.0),
        ("proselint", "proselint, wall", None),
        ("floor-tokenize", "tokenizer floor", None),
        ("floor-read", "read+tokenizer floor", None),
        ("floor-process", "whole-process floor", None),
    ):
        series[f"ratio-{key}"] = ratio(f"replylint / {label} (files, cold)", target, cold, series.get(key))
    for key, label, target in (
        ("floor-pipeline-cpu", "pipeline floor", 1.8),
        ("floor-tokenizer-cpu", "tokenizer floor", None),
    ):
        text = f"replylint --jobs 1 / {label}, CPU (files, cold)"
        series[f"ratio-{key}"] = ratio(text, target, jobs1, series.get(key))
    add_per_char(bench)
    add_rates(bench)
    memory = Series("peak RSS, replylint files (max over cold and warm)", MEMORY_TARGET, "MB")
    memory.times = [max(cold.peaks + series["files-warm"].peaks, default=0.0)] if cold.peaks else []
    memory.status = "" if memory.times else cold.status
    series["memory"] = memory


def add_per_char(bench: Bench) -> None:
    """Microseconds of CPU per character at each length, start-up taken off, and the longest against the shortest.

    Start-up (import, pipeline, packs: the baseline run on one short draft) is taken off each process's
    CPU, so the rows compare the cost of the text itself.
    """
    if not bench.sized:
        return
    base = bench.series["chars-base"]
    rows = []
    for sized in bench.sized:
        measured = bench.series[f"chars-{sized.length}"]
        row = Series(f"replylint CPU per character at {sized.length:,} chars (start-up taken off)", None, "us/char")
        if base.median is not None and measured.times:
            row.times = [(cpu - base.median) / sized.chars * 1e6 for cpu in measured.times]
            row.note = f"{sized.chars:,} chars in {sized.drafts:,} drafts"
        else:
            row.status = measured.status or base.status or "n/a"
        bench.series[f"us-per-char-{sized.length}"] = row
        rows.append(row)
    shortest, longest = bench.sized[0].length, bench.sized[-1].length
    label = f"replylint CPU per character, {longest:,} / {shortest:,} chars"
    bench.series["ratio-chars"] = ratio(label, CHARS_RATIO_TARGET, rows[-1], rows[0])


def add_rates(bench: Bench) -> None:
    """Words per second on each large file (target: a lower bound)."""
    for large in bench.large:
        skipped = Series(large_label(large), status="skipped (--large-runs 0)")
        measured = bench.series.setdefault(f"large-{large.megabytes}mb", skipped)
        row = Series(f"replylint one {large.megabytes} MB file, words/s", LARGE_TARGETS.get(large.megabytes), "words/s")
        if measured.times:
            row.times = [large.words / seconds for seconds in measured.times]
        else:
            row.status = measured.status or "n/a"
        bench.series[f"large-{large.megabytes}mb-rate"] = row


def annotate(bench: Bench) -> None:
    """Notes: findings, throughput, CPU or wall, and a warning when the collection does not look linted reply by reply."""
    series, found = bench.series, bench.findings
    cold = series["files-cold"]
    if cold.median:
        cold.note = (
            f"{found.get('files', 0):,} findings; {bench.work.words / cold.median:,.0f} words/s; "
            f"CPU {statistics.median(cold.cpus):.2f} s with the workers"
        )
    if "collection" in found:
        series["collection-cold"].note = f"{found['collection']:,} findings"
        if abs(found["collection"] - found.get("files", 0)) > 0.2 * max(found.get("files", 0), 1):
            series["collection-cold"].note += " (the files give another count: one draft per reply?)"
    if series["draft-cold"].median:
        series["draft-cold"].note = f"{found.get('draft', 0)} finding(s)"
    for key, one in series.items():
        if key.startswith(("chars-", "large-")) and key in found:
            one.note = _join(one.note, f"{found[key]:,} finding{'' if found[key] == 1 else 's'}")
        if one.unit == CPU and one.walls:
            one.note = _join(one.note, f"wall {statistics.median(one.walls):.3f} s")
        elif key.startswith("large-") and one.cpus:
            one.note = _join(one.note, f"CPU {statistics.median(one.cpus):.1f} s")


def _join(note: str, more: str) -> str:
    return f"{note}; {more}" if note else more
