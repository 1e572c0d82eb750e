"""Baselines: record today's findings so that later runs fail only on new ones (matched by rule, file and text)."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cache import atomic_write
from replylint.findings import Finding, Report

if TYPE_CHECKING:
    from replylint.selection import RuleNames

_VERSION = 1
Key = tuple[str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be read or written."""


def _key(finding: Finding, base: Path) -> Key:
    # Relative to the baseline's folder, so the same baseline works from any working directory.
    path = finding.path if finding.path.startswith("<") else os.path.relpath(os.path.abspath(finding.path), base)
    return (Path(path).as_posix(), finding.rule, " ".join(finding.match.split()))


def write(file: Path, report: Report) -> int:
    """Record every finding of the report; return how many."""
    base = file.resolve().parent
    counts = Counter(_key(f, base) for f in report.findings)
    entries = [{"path": p, "rule": r, "match": m, "count": n} for (p, r, m), n in sorted(counts.items())]
    try:
        atomic_write(file, json.dumps({"version": _VERSION, "findings": entries}, indent=1, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write baseline: {exc.strerror or exc}") from None
    return sum(counts.values())


def read(file: Path, names: RuleNames | None = None) -> Counter[Key]:
    """The recorded findings of a baseline file; with `names`, every entry's rule must be a loaded rule's id.

    A renamed rule's old id counts as its current id, so a rename keeps the baseline valid.
    """
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        entries = data["findings"] if isinstance(data, dict) and data.get("version") == _VERSION else None
        if not isinstance(entries, list):
            raise ValueError("not a replylint baseline (version 1)")
        known: Counter[Key] = Counter()
        for number, e in enumerate(entries, 1):
            rule = e["rule"] if names is None else _rule(file, number, e["rule"], names)
            known[(e["path"], rule, e["match"])] += int(e["count"])
        return known
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"{file}: not a valid baseline: {exc}") from None


def _rule(file: Path, number: int, rule: object, names: RuleNames) -> str:
    current = names.canonical(rule) if isinstance(rule, str) else None
    if current not in names.ids:
        hint = names.hint(rule) if isinstance(rule, str) else ""
        raise BaselineError(
            f"{file}: entry {number} names rule {rule!r}, which no loaded rule has{hint}; "
            "rewrite the baseline with --update-baseline"
        )
    return current


def subtract(report: Report, file: Path, known: Counter[Key]) -> tuple[Report, int]:
    """The report without the findings the baseline knows (each recorded one hides one finding)."""
    base = file.resolve().parent
    left = Counter(known)
    hidden = 0
    files = []
    for entry in report.files:
        kept = []
        for finding in entry.findings:
            key = _key(finding, base)
            if left[key] > 0:
                left[key] -= 1
                hidden += 1
            else:
                kept.append(finding)
        files.append(replace(entry, findings=tuple(kept)))
    return Report(tuple(files)), hidden
