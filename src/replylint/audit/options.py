"""AuditOptions: everything one audit run is told, checked against the archive's columns before any work."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from replylint.api import InputError
from replylint.audit.groups import PERIODS, needed_columns
from replylint.audit.linters import LinterSetup
from replylint.audit.partitions import PartitionJob
from replylint.audit.reading import BLOCK, Archive

# Column names help desks export a reply's text under; one of them present means --text-column may be left out.
TEXT_NAMES = ("text", "body", "message", "content", "reply", "comment")


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """One audit: inputs, output folder, columns, the linter setup and where to run."""

    inputs: tuple[str, ...]
    out: Path
    text_column: str | None = None
    id_column: str | None = None
    by: tuple[str, ...] = ()
    time_column: str | None = None
    channel_column: str | None = None
    conversation_column: str | None = None
    role_column: str | None = None
    customer_roles: tuple[str, ...] = ("customer",)
    in_reply_to_column: str | None = None
    setup: LinterSetup = field(default_factory=LinterSetup)
    scheduler: str | None = None
    workers: int | None = None
    resume: bool = False
    partition_size: str = BLOCK


def job_for(options: AuditOptions, archive: Archive) -> PartitionJob:
    """The partition task's settings, after checking that every named column is in the archive."""
    text = options.text_column or _guess_text(archive)
    named = (options.id_column, options.channel_column, options.role_column, options.conversation_column)
    for name in (text, *named, options.in_reply_to_column):
        _require(archive, name)
    for name in options.by:
        if name in PERIODS and name not in archive.columns:
            if options.time_column is None:
                raise InputError(f"--by {name} needs --time-column: the column holding when each reply was sent")
        else:
            _require(archive, name)
    _require(archive, options.time_column)
    _size(options.partition_size)
    if options.conversation_column and not (options.role_column and options.time_column):
        raise InputError("--conversation-column needs --role-column and --time-column to order who wrote when")
    return PartitionJob(
        options.setup,
        text,
        options.id_column,
        options.by,
        options.time_column,
        options.channel_column,
        options.role_column,
        options.customer_roles,
        options.in_reply_to_column,
    )


def columns_read(job: PartitionJob, archive: Archive, conversation: str | None) -> list[str]:
    """The archive columns the audit reads (a Parquet file is read for these only)."""
    named = [job.text_column, job.id_column, job.channel_column, job.role_column, job.in_reply_to_column, conversation]
    groups = needed_columns(job.by, job.time_column, archive.columns)
    time = [job.time_column] if conversation else []
    return list(dict.fromkeys(name for name in [*named, *groups, *time] if name))


def _size(text: str) -> None:
    from dask.utils import parse_bytes

    try:
        parse_bytes(text)
    except (ValueError, TypeError):
        raise InputError(f"--partition-size {text!r}: not a size (4MiB, 500KB, a number of bytes)") from None


def _guess_text(archive: Archive) -> str:
    present = [name for name in archive.columns if name.lower() in TEXT_NAMES]
    if len(present) == 1:
        return present[0]
    listed = ", ".join(archive.columns) or "none"
    raise InputError(f"{archive.files[0]}: name the column of reply text with --text-column (columns: {listed})")


def _require(archive: Archive, name: str | None) -> None:
    if name is None or name in archive.columns:
        return
    close = difflib.get_close_matches(name, archive.columns, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f" (columns: {', '.join(archive.columns) or 'none'})"
    raise InputError(f"{archive.files[0]}: no column {name!r}{hint}")
