"""Findings as LSP diagnostics: positions in the client's units, severities, codes and links to the rule."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from replylint.findings import LINE_BREAK, Finding, Severity

if TYPE_CHECKING:
    from replylint.packs.records import Rule

SOURCE = "replylint"
# Information, not Hint, for suggestions: editors show hints as faint dots and leave them out of problem lists.
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}
# Codes of the server's own diagnostics: a document that could not be read, or a setup that could not load.
UNREADABLE = "replylint.unreadable"
SETUP = "replylint.setup"


class Positions:
    """One text's offsets, 1-based (line, column) in characters, and LSP positions in the client's units.

    Lines break where the findings count them (\\r\\n, \\r, \\n), as LSP does; `units` counts a string in the
    negotiated position encoding (UTF-16 unless the client chose another).
    """

    def __init__(self, text: str, units: Callable[[str], int]) -> None:
        self.text = text
        self._units = units
        self.starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]

    def units(self, text: str) -> int:
        """How many code units `text` takes; ASCII is one unit a character in every encoding."""
        return len(text) if text.isascii() else self._units(text)

    def line_text(self, index: int) -> str:
        """The text of a 0-based line, without its line break."""
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index] : end].rstrip("\r\n")

    def at(self, line: int, column: int) -> types.Position:
        """The position of a finding's 1-based line and column."""
        start = self.starts[line - 1]
        return types.Position(line - 1, self.units(self.text[start : start + column - 1]))

    def at_offset(self, offset: int) -> types.Position:
        """The position of a character offset."""
        index = bisect_right(self.starts, offset) - 1
        return types.Position(index, self.units(self.text[self.starts[index] : offset]))

    def offset(self, position: types.Position) -> int:
        """The character offset of a client position (clamped to its line and to the text)."""
        if position.line >= len(self.starts):
            return len(self.text)
        counted = 0
        line = self.line_text(position.line)
        for number, char in enumerate(line):
            if counted >= position.character:
                return self.starts[position.line] + number
            counted += self.units(char)
        return self.starts[position.line] + len(line)

    def span(self, finding: Finding) -> types.Range:
        """Where a finding's match stands."""
        return types.Range(self.at(finding.line, finding.column), self.at(finding.end_line, finding.end_column))

    def whole(self) -> types.Range:
        """The whole text, for an edit that replaces it."""
        return types.Range(types.Position(0, 0), self.at_offset(len(self.text)))


def rule_link(rule: Rule | None) -> str | None:
    """Where a rule is explained: the pack's `link` when it gives one, else the rule's place in its pack file."""
    if rule is None:
        return None
    if rule.link:
        return rule.link
    if rule.source.startswith("<"):
        return None  # a built-in rule has no file; `replylint explain` and the hover still explain it
    return f"{Path(rule.source).resolve().as_uri()}#L{rule.line}"


def diagnostic(finding: Finding, rule: Rule | None, positions: Positions) -> types.Diagnostic:
    """One finding: the rule id as code, the message then why it matters, and a link to the rule."""
    why = rule.why if rule is not None and rule.why else ""
    link = rule_link(rule)
    return types.Diagnostic(
        range=positions.span(finding),
        message=f"{finding.message}\n{why}" if why else finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
    )


def problem(message: str, code: str) -> types.Diagnostic:
    """A diagnostic at the top of a document that could not be linted, saying why."""
    start = types.Position(0, 0)
    return types.Diagnostic(
        range=types.Range(start, start),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code=code,
        source=SOURCE,
    )
