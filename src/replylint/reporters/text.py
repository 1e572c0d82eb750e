"""Plain one-line-per-finding output, `path:line:col: severity [rule] message`, for editors and grep."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.reporters.terminal import in_reply_to, located_error, one_line, shown_path

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import Finding, Report
    from replylint.packs.records import Rule


def line_for(finding: Finding, rules: Mapping[str, Rule] | None = None) -> str:
    """One finding as `path:line:col: severity [rule] message`; a context finding ends with the customer's message.

    The message quotes only the words that triggered it; the line says what the reply answers, as pretty, JSON
    and SARIF do, so a reader of the log alone can judge it (one line still, for editors and grep).
    """
    line = (
        f"{shown_path(finding.path)}:{finding.line}:{finding.column}: {finding.severity.value} "
        f"[{finding.rule}] {one_line(finding.message)}"
    )
    message = in_reply_to(finding, rules or {})
    return line if message is None else f'{line} (in reply to: "{message}")'


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write each file's read error, then its findings, one line each, in the order given."""
    del color  # the text format is deliberately bare
    for file in report.files:
        if file.error is not None:
            where, what = located_error(file.path, file.error)
            stream.write(f"{shown_path(where)}: error: {one_line(what)}\n")
        for finding in file.findings:
            stream.write(line_for(finding, rules) + "\n")
