"""Positions between findings (1-based characters) and LSP (0-based, in the client's units)."""

from __future__ import annotations

from lsprotocol import types

from replylint.api import Finding
from replylint.findings import Severity
from replylint.server.lsp_diagnostics import SEVERITY, Positions


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


TEXT = "Hi 😀\r\nit is your fault\rok"


def test_columns_count_utf16_units_and_lines_break_as_lsp_says():
    positions = Positions(TEXT, utf16)
    assert positions.at(1, 5) == types.Position(0, 5)  # after the emoji: two units
    assert positions.at(2, 7) == types.Position(1, 6)
    assert positions.at_offset(len(TEXT)) == types.Position(2, 2)
    assert positions.whole() == types.Range(types.Position(0, 0), types.Position(2, 2))


def test_client_positions_map_back_to_offsets_clamped_to_the_line():
    positions = Positions(TEXT, utf16)
    assert positions.offset(types.Position(0, 5)) == 4
    assert positions.offset(types.Position(1, 99)) == len("Hi 😀\r\nit is your fault")
    assert positions.offset(types.Position(9, 0)) == len(TEXT)


def test_a_findings_span_and_severity():
    finding = Finding("a.txt", 2, 7, 2, 17, "tone.fault", Severity.SUGGESTION, "m", "your fault")
    assert Positions(TEXT, utf16).span(finding) == types.Range(types.Position(1, 6), types.Position(1, 16))
    assert SEVERITY[finding.severity] == types.DiagnosticSeverity.Information
