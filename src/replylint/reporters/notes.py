"""The notes under a pretty report's excerpt (why and instead per finding) and its closing summary line."""

from __future__ import annotations

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


def notes(findings: Sequence[Finding], rules: Mapping[str, Rule]) -> Iterator[tuple[Text, int]]:
    """Numbered notes `n  line:col  severity  rule  message`, each followed by why and instead lines."""
    number_width = len(str(len(findings)))
    places = [f"{f.line}:{f.column}" for f in findings]
    place_width = max(map(len, places))
    severity_width = max(len(f.severity.value) for f in findings)
    detail_indent = 2 + number_width + 2
    for number, (finding, place) in enumerate(zip(findings, places, strict=True), 1):
        color = COLOR[finding.severity]
        yield (
            Text.assemble(
                (f"{number:>{number_width}}", f"bold {color}"),
                "  ",
                (place.ljust(place_width), GUTTER),
                "  ",
                (finding.severity.value.ljust(severity_width), color),
                "  ",
                (finding.rule, "bold"),
                "  ",
                one_line(finding.message),
            ),
            2,
        )
        rule = rules.get(finding.rule)
        why = rule.why if rule else ""
        instead = finding.suggestion or (rule.suggest if rule else "")
        for label, value in (("why:     ", why), ("instead: ", instead)):
            if value:
                yield Text.assemble((label, GUTTER), one_line(value)), detail_indent


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
