"""The documented, versioned JSON output: every file, its findings or read error, and a summary."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import replylint
from replylint.reporters.summary import replies_of
from replylint.reporters.terminal import printable_path

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import FileReport, Finding, Report
    from replylint.packs.records import Rule

# Bump only on a change that breaks readers; adding keys is not one.
SCHEMA_VERSION = 1


def finding_object(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON object tools read."""
    found = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "match": finding.match,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "suggestion": finding.suggestion,
    }
    if finding.entry is not None:
        # Only in many-reply files, so a plain draft's output stays as it was.
        found["entry"] = {"name": finding.entry.name, "index": finding.entry.index}
    if finding.in_reply_to is not None:
        # Only for a reply linted against the customer's message (--in-reply-to, a collection's context key).
        found["in_reply_to"] = finding.in_reply_to
    return found


def file_object(file: FileReport) -> dict[str, Any]:
    """One input: its path, its read error if any, and its findings (none when it could not be read)."""
    entry: dict[str, Any] = {"path": printable_path(file.path)}
    if file.error is not None:
        entry["error"] = file.error
        entry["findings"] = []
    else:
        entry["findings"] = [finding_object(f) for f in file.findings]
    return entry


def document(report: Report) -> dict[str, Any]:
    """The whole report as a JSON-ready dictionary."""
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "replylint", "version": replylint.__version__},
        "files": [file_object(f) for f in report.files],
        # Files a walk found and left out, each with its reason (added in 0.2; readers may ignore it).
        "skipped": [{"path": printable_path(s.path), "reason": s.reason} for s in report.skipped],
        "summary": {
            "files": len(report.files),
            "replies": replies_of(report),
            "skipped": len(report.skipped),
            "findings": len(report.findings),
            "errors": len(report.errors),
            "by_severity": report.count_by_severity(),
        },
    }


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write the report as indented UTF-8 JSON followed by a newline."""
    del rules, color
    # One line: the C encoder only runs without indent, and large runs write thousands of findings.
    stream.write(json.dumps(document(report), ensure_ascii=False) + "\n")
