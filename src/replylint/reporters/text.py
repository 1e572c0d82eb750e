"""Plain one-line-per-finding output, `path:line:col: severity [rule] message`, for editors and grep."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import Finding, Report
    from replylint.packs import Rule

_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def visible(value: str) -> str:
    """Control characters swapped one for one for visible stand-ins, so input cannot drive the terminal."""
    return _CONTROLS.sub(_stand_in, value)


def one_line(value: str) -> str:
    """The value on a single line: line breaks become spaces, other control characters visible."""
    return visible(_BREAKS.sub(" ", value))


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␀ ... ␟
    return "\u2421" if code == 0x7F else "\ufffd"


def line_for(finding: Finding) -> str:
    """One finding as `path:line:col: severity [rule] message`."""
    return (
        f"{one_line(finding.path)}:{finding.line}:{finding.column}: {finding.severity.value} "
        f"[{finding.rule}] {one_line(finding.message)}"
    )


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write each file's read error, then its findings, one line each, in the order given."""
    del rules, color  # the text format is deliberately bare
    for file in report.files:
        if file.error is not None:
            stream.write(f"{one_line(file.path)}: error: {one_line(file.error)}\n")
        for finding in file.findings:
            stream.write(line_for(finding) + "\n")
