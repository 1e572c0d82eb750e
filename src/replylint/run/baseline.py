"""Baselines: record today's findings so that later runs fail only on new ones (matched by rule, file and text)."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.findings import Finding, Report
from replylint.reporters.terminal import printable_path
from replylint.storage import atomic_write

if TYPE_CHECKING:
    from replylint.packs.selection import Resolver

_VERSION = 1
Key = tuple[str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be read or written."""


def _key(finding: Finding, base: Path) -> Key:
    # Relative to the baseline's folder, so the same baseline works from any working directory.
    path = finding.path if finding.path.startswith("<") else os.path.relpath(os.path.abspath(finding.path), base)
    return (printable_path(Path(path).as_posix()), finding.rule, " ".join(finding.match.split()))


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


def read(file: Path, resolver: Resolver | None = None) -> Counter[Key]:
    """The recorded findings of a baseline file, each rule under its current id (a renamed rule's old id works).

    With a resolver, an entry whose rule is not loaded is an error: a baseline that silently matches nothing
    would report every old finding as new, or hide that the wrong packs are loaded.
    """
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        entries = data["findings"] if isinstance(data, dict) and data.get("version") == _VERSION else None
        if not isinstance(entries, list):
            raise ValueError("not a replylint baseline (version 1)")
        known = Counter({(e["path"], e["rule"], e["match"]): int(e["count"]) for e in entries})
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"{file}: not a valid baseline: {exc}") from None
    return known if resolver is None else _current(file, known, resolver)


def _current(file: Path, known: Counter[Key], resolver: Resolver) -> Counter[Key]:
    current: Counter[Key] = Counter()
    for (path, rule, match), count in known.items():
        name = resolver.canonical(rule)
        if name is None:
            raise BaselineError(
                f"{file}: entry for {path} names rule {rule!r}, which no loaded pack has{resolver.hint(rule)}; "
                "refresh it with --update-baseline"
            )
        current[(path, name, match)] += count
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
    return replace(report, files=tuple(files)), hidden


def apply(report: Report, file: Path, resolver: Resolver, *, update: bool) -> tuple[Report, list[str]]:
    """Record today's findings (with `update`), then hide the recorded ones; the notices for stderr."""
    messages = []
    if update:
        count = write(file, report)
        messages.append(f"baseline: recorded {count} findings in {file}")
    kept, hidden = subtract(report, file, read(file, resolver))
    if hidden and not update:
        messages.append(f"baseline: {hidden} known findings not shown ({file})")
    return kept, messages
