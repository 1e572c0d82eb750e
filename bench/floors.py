"""spaCy's floors, each in a fresh process like replylint's: the tokenizer alone, and replylint's pipeline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from measure import CPU, run

if TYPE_CHECKING:
    from session import Bench

HERE = Path(__file__).resolve().parent


def measure_tokenizer_floor(bench: Bench) -> None:
    """spaCy's blank English tokenizer over the same texts: tokenizing, read + tokenizing, the whole process."""
    keys = (
        ("floor-tokenize", "floor: spaCy tokenizer alone (texts in memory)", ""),
        ("floor-read", "floor: read the files + tokenizer", ""),
        ("floor-process", "floor: whole process (python, import spaCy, read, tokenize)", ""),
        ("floor-tokenizer-cpu", "floor: tokenizer, whole process (CPU)", CPU),
    )
    series = [bench.get(key, label, unit=unit or "s") for key, label, unit in keys]
    if series[0].status:
        return
    command = [sys.executable, str(HERE / "floor_tokenizer.py"), "texts"]
    sample = run(command, bench.work.files, bench.args.timeout, capture=True)
    if not bench.record(series[2], sample, (0,)):
        for one in series:
            one.status = series[2].status
        return
    series[3].add(sample)
    parts = json.loads(sample.stdout)
    series[0].times.append(parts["tokenize"])
    series[1].times.append(parts["read"] + parts["tokenize"])
    series[0].note = f"{parts['tokens']:,} tokens; spaCy import {parts['import']:.2f} s"


def measure_pipeline_floor(bench: Bench) -> None:
    """import spaCy, build replylint's pipeline, read the files, nlp.pipe over them: the whole process's CPU."""
    series = bench.get("floor-pipeline-cpu", "floor: spaCy + replylint's pipeline, whole process (CPU)", unit=CPU)
    if series.status:
        return
    command = [sys.executable, str(HERE / "floor_pipeline.py"), "texts"]
    sample = run(command, bench.work.files, bench.args.timeout, capture=True)
    if bench.record(series, sample, (0,)):
        parts = json.loads(sample.stdout)
        series.note = (
            f"{parts['tokens']:,} tokens; in the process: import + build {parts['import']:.2f} s, "
            f"read {parts['read']:.2f} s, nlp.pipe {parts['pipe']:.2f} s"
        )
