"""The notes under a pretty report's excerpt (why and instead per finding) and its closing summary line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text

from replylint.findings import Severity
from replylint.reporters.summary import read_line
from replylint.reporters.terminal import one_line

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from replylint.findings import Finding, Report
    from replylint.packs.records import Rule

COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
GUTTER = "dim"


@dataclass(frozen=True, slots=True)
class Columns:
    """The widths of a file's note columns, so notes of every entry of the file line up."""

    number: int
    place: int
    severity: int

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> Columns:
        places = [len(f"{f.line}:{f.column}") for f in findings]
        severities = [len(f.severity.value) for f in findings]
        return cls(len(str(len(findings))), max(places, default=0), max(severities, default=0))


def notes(
    numbered: Sequence[tuple[int, Finding]],
    rules: Mapping[str, Rule],
    columns: Columns,
    seen: dict[str, tuple[int, str]],
) -> Iterator[tuple[Text, int, int]]:
    """Numbered notes `n  line:col  severity  rule  message`, each followed by why and instead lines.

    Each line comes with its indent and the indent its wrapped continuation lines take.

    Why and instead are written once per rule and file (`seen` remembers where): a later note of the same rule
    says "same as n above", and repeats `instead` only when its suggestion differs.
    """
    detail_indent = 2 + columns.number + 2
    for number, finding in numbered:
        color = COLOR[finding.severity]
        yield (
            Text.assemble(
                (f"{number:>{columns.number}}", f"bold {color}"),
                "  ",
                (f"{finding.line}:{finding.column}".ljust(columns.place), GUTTER),
                "  ",
                (finding.severity.value.ljust(columns.severity), color),
                "  ",
                (finding.rule, "bold"),
                "  ",
                one_line(finding.message),
            ),
            2,
            detail_indent,
        )
        rule = rules.get(finding.rule)
        why = rule.why if rule else ""
        instead = finding.suggestion or (rule.suggest if rule else "")
        if not why and not instead:
            continue
        if finding.rule in seen:
            first, said = seen[finding.rule]
            if instead == said:
                yield Text.assemble(("why, instead: ", GUTTER), f"same as {first} above"), detail_indent, detail_indent
                continue
            details = (("why:     ", f"same as {first} above" if why else ""), ("instead: ", instead))
        else:
            seen[finding.rule] = (number, instead)
            details = (("why:     ", why), ("instead: ", instead))
        for label, value in details:
            if value:
                yield Text.assemble((label, GUTTER), one_line(value)), detail_indent, detail_indent


def summary(report: Report) -> Text:
    """`N replies in F files (K skipped: why), M findings (E errors, W warnings, S suggestions)`, and unreadables."""
    unreadable = len(report.errors)
    counts = report.count_by_severity()
    total = sum(counts.values())
    parts = [read_line(report)]
    if total:
        by_severity = ", ".join(_count(counts[s.value], s.value) for s in COLOR)
        parts.append(f"{_count(total, 'finding')} ({by_severity})")
    else:
        parts.append("no findings")
    if unreadable:
        parts.append(f"{unreadable} could not be read")
    clean = not total and not unreadable
    return Text(", ".join(parts), style="bold green" if clean else "bold")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
