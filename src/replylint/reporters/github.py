"""GitHub Actions workflow commands, one annotation per finding or unreadable file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.findings import Severity
from replylint.reporters.terminal import in_reply_to, printable_path, visible

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import Finding, Report
    from replylint.packs.records import Rule

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}
# GitHub's runner decodes exactly these; '%' must go first so the others are not escaped twice.
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def escape_data(value: str) -> str:
    """Escape the message part of a workflow command (after `::`); ESC, OSC and bidi controls made visible."""
    value = visible(value, keep_breaks=True)
    for raw, escaped in _DATA_ESCAPES:
        value = value.replace(raw, escaped)
    return value


def escape_property(value: str) -> str:
    """Escape a `key=value` property of a workflow command (a path: not UTF-8 bytes as \\xNN)."""
    value = visible(printable_path(value), keep_breaks=True)
    for raw, escaped in _PROPERTY_ESCAPES:
        value = value.replace(raw, escaped)
    return value


def annotation(finding: Finding, rules: Mapping[str, Rule] | None = None) -> str:
    """One finding as an `::error|warning|notice ...::message` command; a context one also shows what it answers."""
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (
            ("file", finding.path),
            ("line", finding.line),
            ("col", finding.column),
            ("endLine", finding.end_line),
            ("endColumn", finding.end_column),
            ("title", finding.rule),
        )
    )
    text = finding.message
    if (message := in_reply_to(finding, rules or {})) is not None:
        # On its own line of the annotation: the message quotes only the customer's words that triggered it.
        text = f"{text}\n\nIn reply to: {message}"
    return f"::{_COMMAND[finding.severity]} {properties}::{escape_data(text)}"


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write one workflow command per read error and per finding, in the order given."""
    del color
    for file in report.files:
        if file.error is not None:
            stream.write(f"::error file={escape_property(file.path)}::{escape_data(file.error)}\n")
        for finding in file.findings:
            stream.write(annotation(finding, rules) + "\n")
