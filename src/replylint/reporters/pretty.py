"""Rich terminal output: flagged drafts (by entry in many-reply files) with spans marked, then numbered notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from replylint.reporters.excerpts import draw, line_marks, source_lines
from replylint.reporters.notes import GUTTER, Columns, notes, summary
from replylint.reporters.terminal import customer_words, located_error, one_line, shown_path

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from typing import TextIO

    from replylint.findings import Entry, FileReport, Finding, Report
    from replylint.packs.records import Rule
    from replylint.reporters.excerpts import Mark

SHORT_DRAFT = 20  # a draft of at most this many lines is shown whole
MIN_WIDTH = 20  # narrower than this, text is not fitted to the terminal any more
Numbered = list[tuple[int, "Finding"]]


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write every draft with findings or a read error, then a one-line summary; clean drafts stay quiet.

    On a terminal (or with colour) rows are fitted to its width: long source lines are cut to a window around
    their spans and notes wrap under their own indent; piped plain output keeps whole lines for grep.
    """
    console = _console(stream, color)
    fit = color or _is_terminal(stream)
    for file in report.files:
        if file.error is not None:
            where, what = located_error(file.path, file.error)
            console.print(Text(shown_path(file.path), style="bold"))
            line = f"line {where.rsplit(':', 1)[1]}: " if where != file.path else ""
            console.print(Text.assemble("  ", ("error", "bold red"), ": ", line, one_line(what)))
            console.print()
        elif file.findings:
            _print_file(console, file, rules, fit=fit)
    console.print(summary(report), soft_wrap=not fit)


def render_summary(report: Report, stream: TextIO, *, color: bool) -> None:
    """Only the summary line (`--quiet`)."""
    _console(stream, color).print(summary(report))


def _console(stream: TextIO, color: bool) -> Console:
    return Console(
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


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _print_file(console: Console, file: FileReport, rules: Mapping[str, Rule], *, fit: bool) -> None:
    console.print(Text(shown_path(file.path), style="bold"))
    lines = source_lines(file.text)
    columns = Columns.of(file.findings)
    seen: dict[str, tuple[int, str]] = {}
    for entry, numbered in entry_groups(file.findings):
        if entry is not None:
            console.print(Text.assemble("  ", (_fitted(entry_title(entry), console.width - 2, fit=fit), "bold")))
        message = next((f.in_reply_to for _, f in numbered if f.in_reply_to is not None), None)
        if message is not None:
            # The pair belongs together: the customer's words first, as a reader of the thread sees them.
            shown = _fitted(f"in reply to: {customer_words(message)}", console.width - 2, fit=fit)
            console.print(Text.assemble("  ", (shown, "italic")))
        marks = line_marks(numbered, lines)
        if entry is None:
            shown, edges = shown_lines(len(lines), marks), True
        else:
            shown, edges = entry_lines(lines, marks, numbered), False
        rows = list(excerpt(lines, marks, shown, width=console.width if fit else None, edges=edges))
        for row in rows:
            console.print(row)
        if rows:
            console.print()
        for text, indent, hang in notes(numbered, rules, columns, seen):
            # Long notes wrap under the note's details rather than back at column 0.
            wrapped = text.wrap(console, max(console.width - max(indent, hang), MIN_WIDTH)) if fit else [text]
            for number, line in enumerate(wrapped):
                line.rstrip()
                console.print(Text(" " * (hang if number else indent)) + line)
        console.print()


def entry_groups(findings: Sequence[Finding]) -> list[tuple[Entry | None, Numbered]]:
    """Findings grouped by the reply they are in, in file order, numbered 1, 2, ... through the whole file."""
    groups: dict[Entry | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.entry, []).append(finding)
    numbered: list[tuple[Entry | None, Numbered]] = []
    number = 0
    for entry, members in groups.items():
        numbered.append((entry, [(number := number + 1, f) for f in members]))
    return numbered


def entry_title(entry: Entry) -> str:
    """`#3 Not a bug`: the entry's place in its file and its title, on one line."""
    name = one_line(entry.name).strip()
    return f"#{entry.index} {name}" if name else f"#{entry.index}"


def _fitted(value: str, width: int, *, fit: bool) -> str:
    if not fit or cell_len(value) <= width:
        return value
    while value and cell_len(value) > max(width, MIN_WIDTH) - 1:
        value = value[:-1]
    return value + "…"


def shown_lines(total: int, marks: Mapping[int, Sequence[Mark]]) -> list[int]:
    """The whole of a short draft; otherwise each marked line with one line of context either side."""
    if total <= SHORT_DRAFT:
        return list(range(1, total + 1))
    return _around(total, marks)


def entry_lines(lines: Sequence[str], marks: Mapping[int, Sequence[Mark]], numbered: Numbered) -> list[int]:
    """The lines of one reply worth showing: marked lines, where its notes point, and non-blank lines between.

    Nothing before its first or after its last finding is shown: the neighbours may be another reply's.
    """
    total = len(lines)
    pointed = {f.line for _, f in numbered if 1 <= f.line <= total} | set(marks)
    if not pointed:
        return []
    first, last = min(pointed), max(pointed)
    context = (line for line in _around(total, marks) if first <= line <= last and lines[line - 1].strip())
    return sorted({*context, *pointed})


def _around(total: int, marks: Mapping[int, Sequence[Mark]]) -> list[int]:
    wanted = {line + delta for line in marks for delta in (-1, 0, 1)}
    return sorted(line for line in wanted if 1 <= line <= total)


def excerpt(
    lines: Sequence[str],
    marks: Mapping[int, Sequence[Mark]],
    shown: Sequence[int],
    *,
    width: int | None = None,
    edges: bool = True,
) -> Iterator[Text]:
    """Gutter-numbered source rows, each marked row followed by its caret row, `⋮` where lines are skipped.

    `edges` also marks lines skipped before the first and after the last row (a whole draft; an entry's own
    title already says the excerpt is part of a file).
    """
    if not shown:
        return
    number_width = len(str(shown[-1]))
    room = max(width - (5 + number_width), MIN_WIDTH) if width is not None else None
    gap = Text(f"  {'⋮':>{number_width}}", style=GUTTER)
    previous = 0 if edges else shown[0] - 1
    for line in shown:
        if line > previous + 1:
            yield gap
        source, carets = draw(lines[line - 1], marks.get(line, ()), room)
        row = Text.assemble((f"  {line:>{number_width}} │ ", GUTTER), source)
        row.rstrip()
        yield row
        if carets is not None:
            yield Text.assemble((f"  {'':>{number_width}} │ ", GUTTER), carets)
        previous = line
    if edges and previous < len(lines):
        yield gap
