"""What a run read, in words: "12 replies in 3 files (4 skipped: 3 ignored by .gitignore, 1 default exclude)"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.inputs.reasons import skipped_summary

if TYPE_CHECKING:
    from replylint.findings import Report


def replies_of(report: Report) -> int:
    """The replies linted; a report built without a count counts each readable file as one."""
    return report.replies if report.replies is not None else len(report.files) - len(report.errors)


def read_line(report: Report) -> str:
    """`N replies in M files`, with what was skipped and why in brackets when anything was."""
    replies = replies_of(report)
    files = len(report.files) - len(report.errors)
    line = f"{replies} {'reply' if replies == 1 else 'replies'} in {files} {'file' if files == 1 else 'files'}"
    skipped = skipped_summary(report.skipped)  # type: ignore[arg-type]
    return f"{line} ({skipped})" if skipped else line
