"""Plain text reporter: one `path:line:col: severity [rule] message` line per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import Report
    from replylint.packs import Rule


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write one line per finding and per unreadable file."""
    for file in report.files:
        if file.error is not None:
            stream.write(f"{file.path}: error: {file.error}\n")
        for f in file.findings:
            stream.write(f"{f.path}:{f.line}:{f.column}: {f.severity.value} [{f.rule}] {f.message}\n")
