"""Drawing a pretty report's source rows: spans cut per line, styled, numbered, clipped to the width."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from replylint.findings import LINE_BREAK, Severity
from replylint.reporters.notes import COLOR
from replylint.reporters.terminal import visible

if TYPE_CHECKING:
    from collections.abc import Sequence

    from replylint.findings import Finding

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True, slots=True)
class Mark:
    """The part of one finding's span on one line: 0-based character offsets, end exclusive."""

    start: int
    end: int
    severity: Severity
    label: int | None  # the note number, carried by the span's last line only


def source_lines(text: str) -> list[str]:
    """The draft's lines without their breaks; a final line break does not start another line."""
    lines = LINE_BREAK.split(text)  # the same breaks the findings count lines by
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def line_marks(numbered: Sequence[tuple[int, Finding]], lines: Sequence[str]) -> dict[int, list[Mark]]:
    """Each numbered finding's span cut into per-line marks, keyed by 1-based line; empty spans are left out."""
    marks: dict[int, list[Mark]] = defaultdict(list)
    for number, finding in numbered:
        first, column = finding.line, finding.column
        last, end = _span_end(finding, lines)
        if (last, end) <= (first, column) or not 1 <= first <= len(lines):
            continue
        for line in range(first, last + 1):
            length = len(lines[line - 1])
            start = min(max(column - 1, 0), length) if line == first else 0
            stop = min(max(end - 1, start), length) if line == last else length
            marks[line].append(Mark(start, stop, finding.severity, number if line == last else None))
    return marks


def _span_end(finding: Finding, lines: Sequence[str]) -> tuple[int, int]:
    last, end = finding.end_line, finding.end_column
    if last > len(lines):
        return len(lines), len(lines[-1]) + 1 if lines else 1
    # A span ending just after a line break ends, for display, at the end of the line it breaks.
    if last > finding.line and end == 1:
        return last - 1, len(lines[last - 2]) + 1
    return last, end


def draw(line: str, marks: Sequence[Mark], width: int | None = None) -> tuple[Text, Text | None]:
    """The line with spans styled and note numbers after them, and the caret row under the spans.

    A line wider than `width` cells is cut to a window around its spans, with `…` where text is left out.
    """
    shown = visible(line.replace("\t", " "))  # one character for one keeps offsets and carets aligned
    ending: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        if mark.label is not None:
            ending[mark.end].append(mark)
    parts: list[str] = []
    before: list[int] = []  # drawn offset of each source offset, before the labels placed there
    after: list[int] = []  # ... and after them, where the source character itself is drawn
    labels: list[tuple[int, int, Severity]] = []
    length = 0
    for offset in range(len(shown) + 1):
        before.append(length)
        for mark in sorted(ending.get(offset, ()), key=lambda m: m.label or 0):
            label = str(mark.label).translate(_SUPERSCRIPT)
            labels.append((length, length + len(label), mark.severity))
            parts.append(label)
            length += len(label)
        after.append(length)
        if offset < len(shown):
            parts.append(shown[offset])
            length += 1
    drawn = "".join(parts)
    text = Text(drawn)
    spans = [(after[m.start], before[m.end], m.severity) for m in marks if m.end > m.start]
    for start, end, severity in spans:
        text.stylize(f"bold underline {COLOR[severity]}", start, end)
    for start, end, severity in labels:
        text.stylize(f"bold {COLOR[severity]}", start, end)
    if width is not None and cell_len(drawn) > width:
        text, spans = _clipped(text, spans, [(a, b) for a, b, _ in labels], width)
        drawn = text.plain
    return text, caret_row(drawn, spans)


def _clipped(
    text: Text, spans: list[tuple[int, int, Severity]], labels: list[tuple[int, int]], width: int
) -> tuple[Text, list[tuple[int, int, Severity]]]:
    """The window of a long line that fits `width` cells, starting a little before its first span."""
    drawn = text.plain
    columns = [0]
    for char in drawn:
        columns.append(columns[-1] + cell_len(char))
    budget = max(width - 2, 8)  # room for an ellipsis at either end
    focus = [*((a, b) for a, b, _ in spans), *labels]
    first = min((a for a, _ in focus), default=0)
    last = max((b for _, b in focus), default=0)
    # Some context before the first span, less when the spans would not fit otherwise.
    left = max(columns[first] - min(budget // 4, max(budget - (columns[last] - columns[first]), 0)), 0)
    left = min(left, max(columns[-1] - budget, 0))
    start = next(i for i, column in enumerate(columns) if column >= left)
    end = start
    while end < len(drawn) and columns[end + 1] - columns[start] <= budget:
        end += 1
    before = "…" if start > 0 else ""
    window = Text(before) + text[start:end] + Text("…" if end < len(drawn) else "")
    shift = len(before) - start
    kept = [(max(a, start) + shift, min(b, end) + shift, s) for a, b, s in spans if a < end and b > start]
    return window, kept


def caret_row(drawn: str, spans: Sequence[tuple[int, int, Severity]]) -> Text | None:
    """`^` under every cell of every span, measured in terminal cells so wide characters stay aligned."""
    if not spans:
        return None
    column = _cell_columns(drawn, {offset for start, end, _ in spans for offset in (start, end)})
    cells: list[Severity | None] = [None] * column[len(drawn)]
    # Where spans overlap, the more severe one is drawn last and wins.
    for start, end, severity in sorted(spans, key=lambda s: s[2].rank):
        for cell in range(column[start], column[end]):
            cells[cell] = severity
    while cells and cells[-1] is None:
        cells.pop()
    row = Text()
    for severity, run in groupby(cells):
        width = len(list(run))
        if severity is None:
            row.append(" " * width)
        else:
            row.append("^" * width, style=f"bold {COLOR[severity]}")
    return row


def _cell_columns(drawn: str, offsets: set[int]) -> dict[int, int]:
    """The terminal column of each offset, measuring each stretch once so a long line stays linear."""
    columns = {0: 0}
    previous = 0
    for offset in sorted(offsets | {len(drawn)}):
        columns[offset] = columns[previous] + cell_len(drawn[previous:offset])
        previous = offset
    return columns
