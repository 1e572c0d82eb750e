"""Plain one-line-per-finding output, `path:line:col: severity [rule] message`, for editors and grep."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.reporters.terminal import located_error, one_line, shown_path

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import Finding, Report
    from replylint.packs.records import Rule


def line_for(finding: Finding) -> str:
    """One finding as `path:line:col: severity [rule] message`."""
    return (
        f"{shown_path(finding.path)}:{finding.line}:{finding.column}: {finding.severity.value} "
        f"[{finding.rule}] {one_line(finding.message)}"
    )


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write each file's read error, then its findings, one line each, in the order given."""
    del rules, color  # the text format is deliberately bare
    for file in report.files:
        if file.error is not None:
            where, what = located_error(file.path, file.error)
            stream.write(f"{shown_path(where)}: error: {one_line(what)}\n")
        for finding in file.findings:
            stream.write(line_for(finding) + "\n")
