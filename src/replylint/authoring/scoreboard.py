"""Print `replylint eval` results as a rich table with examples of the errors, and `train`'s validation table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from replylint.authoring.evaluate import Score
    from replylint.authoring.threshold import Point


def print_scores(scores: list[Score], drafts: int, errors: int, console: Console | None = None) -> None:
    """The per-pack table, then up to `errors` false positives and negatives per pack."""
    console = console or Console(highlight=False)
    table = Table(title=f"{drafts} labelled drafts", title_justify="left")
    for name in ("label", "pack"):
        table.add_column(name)
    for name in ("n", "pos", "tp", "fp", "fn", "precision", "recall", "f1"):
        table.add_column(name, justify="right")
    for s in scores:
        row = s.as_dict()
        table.add_row(
            s.label,
            s.pack,
            *(str(row[k]) for k in ("n", "positives", "tp", "fp", "fn")),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
        )
    console.print(table)
    for s in scores:
        for kind, misses in (("false positive", s.false_positives), ("false negative", s.false_negatives)):
            for miss in misses[:errors]:
                fired = f" fired: {', '.join(miss.rules)}" if miss.rules else ""
                console.print(
                    Text(f"\n[{s.pack} {kind}] line {miss.draft.line} ({miss.draft.id}){fired}", style="bold")
                )
                console.print(Text("  " + " ".join(miss.draft.text.split())[:300]))
                if miss.draft.context is not None:
                    console.print(Text("  in reply to: " + " ".join(miss.draft.context.split())[:300]))


def print_sources(groups: dict[str, tuple[int, list[Score]]], console: Console | None = None) -> None:
    """One row per source: its rows, then F1/positives for each pack ('-' where it has no positives)."""
    console = console or Console(highlight=False)
    table = Table(title="by source (F1/positives)", title_justify="left")
    table.add_column("source")
    table.add_column("rows", justify="right")
    packs = [s.pack for s in next(iter(groups.values()))[1]] if groups else []
    for name in packs:
        table.add_column(name, justify="right")
    for source, (rows, scores) in groups.items():
        cells = [f"{s.f1:.3f}/{s.tp + s.fn}" if s.tp + s.fn else f"-/0 ({s.fp} fp)" for s in scores]
        table.add_row(source, str(rows), *cells)
    console.print(table)


def print_validation(table: list[Point], chosen: Point | None, drafts: int, console: Console | None = None) -> None:
    """`replylint train`'s table: what each threshold gives on the validation drafts; the chosen row marked."""
    console = console or Console(highlight=False)
    title = f"validation: {drafts} held-out drafts" + ("" if chosen else " (no threshold reaches the precision)")
    grid = Table(title=title, title_justify="left")
    grid.add_column("threshold", justify="right")
    for name in ("flagged", "tp", "fp", "fn", "precision", "recall", "f1"):
        grid.add_column(name, justify="right")
    grid.add_column("")
    for p in table:
        mark = "chosen" if chosen is not None and p.threshold == chosen.threshold else ""
        counts = (str(n) for n in (p.tp + p.fp, p.tp, p.fp, p.fn))
        grid.add_row(str(p.threshold), *counts, f"{p.precision:.3f}", f"{p.recall:.3f}", f"{p.f1:.3f}", mark)
    console.print(grid)
