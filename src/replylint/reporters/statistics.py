"""`check --statistics`: how often each rule and each pack fired, as a rich table."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from rich.console import Console

    from replylint.findings import Report


def statistics_table(report: Report) -> Table:
    """Counts per pack and, under each, per rule, most frequent first."""
    by_rule = Counter(f.rule for f in report.findings)
    by_pack = Counter(f.rule.split(".", 1)[0] for f in report.findings)
    drafts = Counter((f.rule, f.path) for f in report.findings)
    table = Table("rule", "findings", "files", title="findings per pack and rule", title_justify="left")
    for pack, total in sorted(by_pack.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(pack, str(total), str(len({p for (r, p) in drafts if r.split(".", 1)[0] == pack})), style="bold")
        for rule, count in sorted(
            ((r, c) for r, c in by_rule.items() if r.split(".", 1)[0] == pack), key=lambda item: (-item[1], item[0])
        ):
            table.add_row(f"  {rule}", str(count), str(sum(1 for (r, _) in drafts if r == rule)))
    table.add_row("total", str(sum(by_rule.values())), str(len({p for (_, p) in drafts})), style="bold")
    return table


def print_statistics(report: Report, console: Console) -> None:
    console.print(statistics_table(report))
