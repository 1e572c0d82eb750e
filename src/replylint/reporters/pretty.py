"""Rich terminal output: each flagged draft with its spans marked, numbered notes with why and instead."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from replylint.findings import LINE_BREAK, Severity
from replylint.reporters.notes import COLOR, GUTTER, notes, summary
from replylint.reporters.terminal import one_line, shown_path, visible

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from typing import TextIO

    from replylint.findings import FileReport, Finding, Report
    from replylint.packs.records import Rule

SHORT_DRAFT = 20  # a draft of at most this many lines is shown whole
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True, slots=True)
class Mark:
    """The part of one finding's span on one line: 0-based character offsets, end exclusive."""

    start: int
    end: int
    severity: Severity
    label: int | None  # the note number, carried by the span's last line only


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write every draft with findings or a read error, then a one-line summary; clean drafts stay quiet."""
    console = Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        legacy_windows=False,
    )
    for file in report.files:
        if file.error is not None:
            console.print(Text(shown_path(file.path), style="bold"))
            console.print(Text.assemble("  ", ("error", "bold red"), ": ", one_line(file.error)))
            console.print()
        elif file.findings:
            _print_draft(console, file, rules, wrap=color)
    console.print(summary(report))


def _print_draft(console: Console, file: FileReport, rules: Mapping[str, Rule], *, wrap: bool) -> None:
    console.print(Text(shown_path(file.path), style="bold"))
    lines = source_lines(file.text)
    rows = list(excerpt(lines, line_marks(file.findings, lines)))
    for row in rows:
        console.print(row)
    if rows:
        console.print()
    for text, indent in notes(file.findings, rules):
        # On a terminal, long notes wrap under their own indent rather than back at column 0.
        for line in text.wrap(console, max(console.width - indent, 20)) if wrap else [text]:
            line.rstrip()
            console.print(Text(" " * indent) + line)
    console.print()


def source_lines(text: str) -> list[str]:
    """The draft's lines without their breaks; a final line break does not start another line."""
    lines = LINE_BREAK.split(text)  # the same breaks the findings count lines by
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def line_marks(findings: Sequence[Finding], lines: Sequence[str]) -> dict[int, list[Mark]]:
    """Each finding's span cut into per-line marks, keyed by 1-based line; empty spans are left out."""
    marks: dict[int, list[Mark]] = defaultdict(list)
    for number, finding in enumerate(findings, 1):
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


def shown_lines(total: int, marks: Mapping[int, Sequence[Mark]]) -> list[int]:
    """The whole of a short draft; otherwise each marked line with one line of context either side."""
    if total <= SHORT_DRAFT:
        return list(range(1, total + 1))
    wanted = {line + delta for line in marks for delta in (-1, 0, 1)}
    return sorted(line for line in wanted if 1 <= line <= total)


def excerpt(lines: Sequence[str], marks: Mapping[int, Sequence[Mark]]) -> Iterator[Text]:
    """Gutter-numbered source rows, each marked row followed by its caret row, `⋮` where lines are skipped."""
    shown = shown_lines(len(lines), marks)
    if not shown:
        return
    width = len(str(shown[-1]))
    gap = Text(f"  {'⋮':>{width}}", style=GUTTER)
    previous = 0
    for line in shown:
        if line > previous + 1:
            yield gap
        source, carets = draw(lines[line - 1], marks.get(line, ()))
        row = Text.assemble((f"  {line:>{width}} │ ", GUTTER), source)
        row.rstrip()
        yield row
        if carets is not None:
            yield Text.assemble((f"  {'':>{width}} │ ", GUTTER), carets)
        previous = line
    if previous < len(lines):
        yield gap


def draw(line: str, marks: Sequence[Mark]) -> tuple[Text, Text | None]:
    """The line with spans styled and note numbers after them, and the caret row under the spans."""
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
    return text, caret_row(drawn, spans)


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
