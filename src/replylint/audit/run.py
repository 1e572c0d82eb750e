"""run_audit: an archive -> findings.parquet, summary.json and report.html in the output folder."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from replylint.api import InputError
from replylint.audit.cluster import Failure, connect, run_all
from replylint.audit.linters import linter_for
from replylint.audit.options import AuditOptions, columns_read, job_for
from replylint.audit.partitions import EXAMPLES_PER_RULE, PartitionJob, PartitionResult, audit_partition
from replylint.audit.reading import find_archive, open_frame
from replylint.audit.store import Parts
from replylint.audit.summary import summarise
from replylint.storage import atomic_write

# Progress is told (partitions done, partitions in all, rows done) after each partition; resumed ones count as done.
Progress = Callable[[int, int, int], None]


class AuditFailed(Exception):
    """Some partitions could not be audited; the finished ones are kept for --resume."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an audit wrote and its summary (the content of summary.json)."""

    out: Path
    summary: dict[str, Any]


def run_audit(options: AuditOptions, progress: Progress | None = None) -> Outcome:
    """Audit the archive; InputError for bad inputs or columns, AuditFailed if partitions failed (setup errors
    are the API's SETUP_ERRORS)."""
    import dask

    archive = find_archive(options.inputs)
    job = job_for(options, archive)
    rules = linter_for(job.setup).rules
    packs = sorted({rule.split(".", 1)[0] for rule in rules.by_id})
    # Text stays Python str: Dask would make it Arrow strings, which cannot hold the surrogates that stand for
    # undecodable bytes (those rows must be counted, not fail their partition).
    with dask.config.set({"dataframe.convert-string": False}):
        frame = open_frame(archive, columns_read(job, archive, options.conversation_column), options.partition_size)
        job, pieces = _answering(options, job, frame, any(r.kind == "context" for r in rules.selected))
    options.out.mkdir(parents=True, exist_ok=True)
    parts = Parts(options.out / "parts")
    done = parts.start(_manifest(options, archive.files, frame.npartitions), options.resume)
    total, state = frame.npartitions, {"done": len(done), "rows": 0}
    tasks = {i: dask.delayed(audit_partition)(pieces[i], i, job) for i in range(total) if i not in done}

    def finished(result: PartitionResult) -> None:
        parts.save(result)
        state["done"] += 1
        state["rows"] += result.rows
        if progress is not None:
            progress(state["done"], total, state["rows"])

    if progress is not None:
        progress(state["done"], total, 0)
    with connect(options.scheduler, options.workers) as client:
        failures = run_all(client, tasks, finished)
        conversations = _conversations(options, frame) if not failures else None
    if failures:
        raise AuditFailed(_failed(failures, total, options.out))
    summary = _summary(parts, range(total), job.by, packs)
    summary["inputs"] = list(archive.files)
    summary["partitions"] = {"total": total, "resumed": len(done)}
    if conversations is not None:
        summary["conversations"] = conversations
    _write(options.out, parts, total, summary)
    return Outcome(options.out, summary)


def _answering(options: AuditOptions, job: PartitionJob, frame, context_rules: bool) -> tuple[PartitionJob, list]:
    """The job and partitions; with conversations and context rules, each conversation's rows in one partition.

    A reply is linted against the customer messages before it, so they must be in its partition: a hash shuffle
    on the conversation id (deterministic, so --resume finds the same partitions) puts them there.
    """
    if options.conversation_column is None or options.in_reply_to_column is not None or not context_rules:
        return job, frame.to_delayed()
    # Task-based: the peer-to-peer shuffle goes through Arrow, which cannot hold undecodable text's surrogates.
    shuffled = frame.shuffle(on=options.conversation_column, npartitions=frame.npartitions, shuffle_method="tasks")
    return replace(job, conversation_column=options.conversation_column), shuffled.to_delayed()


def _conversations(options: AuditOptions, frame) -> dict[str, Any] | None:
    if options.conversation_column is None:
        return None
    from replylint.audit.conversations import conversation_figures

    return conversation_figures(frame, options)


def _summary(parts: Parts, indices: range, by: tuple[str, ...], packs: list[str]) -> dict[str, Any]:
    examples = parts.read("examples", indices)
    if not examples.empty:
        examples = examples.groupby("rule", sort=False).head(EXAMPLES_PER_RULE)
    return summarise(parts.read("tally", indices), examples, by, packs)


def _write(out: Path, parts: Parts, total: int, summary: dict[str, Any]) -> None:
    from replylint.audit.report import render

    parts.merge_findings(range(total), out / "findings.parquet")
    atomic_write(out / "summary.json", json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    atomic_write(out / "report.html", render(summary))


def _manifest(options: AuditOptions, files: tuple[str, ...], partitions: int) -> dict[str, Any]:
    """What a resumed audit must share with the one it continues: the files as they were, options, partitions."""
    stats = [os.stat(name) for name in files]
    inputs = [[str(Path(n).resolve()), s.st_size, s.st_mtime_ns] for n, s in zip(files, stats, strict=True)]
    chosen = {k: v for k, v in asdict(options).items() if k not in {"out", "scheduler", "workers", "resume", "inputs"}}
    return json.loads(json.dumps({"inputs": inputs, "options": chosen, "partitions": partitions}, default=str))


def _failed(failures: list[Failure], total: int, out: Path) -> str:
    first = failures[0]
    more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
    return (
        f"{len(failures)} of {total} partitions failed; partition {first.index}: {first.error}{more}. "
        f"The finished ones are kept in {out / 'parts'}: run again with --resume"
    )


__all__ = ["AuditFailed", "AuditOptions", "InputError", "Outcome", "run_audit"]
