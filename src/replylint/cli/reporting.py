"""Where `check` writes: the report (or only its summary), fixed text, notices and statistics."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import typer

HUMAN = ("pretty", "text")


def say(messages: tuple[str, ...] | list[str]) -> None:
    """Lines for stderr, each marked as replylint's."""
    for message in messages:
        typer.echo(f"replylint: {message}", err=True)


def print_report(outcome, name: str, output: Path | None, use_color: bool, *, quiet: bool, stream: TextIO) -> None:
    """Notices to stderr, then the report in the chosen format to `stream` or --output.

    `--quiet` keeps only the summary line of the human formats; machine formats are documents a tool reads
    whole, so they are written unchanged.
    """
    from replylint import reporters
    from replylint.reporters.pretty import render_summary

    render = reporters.get(name)
    if quiet and name in HUMAN:
        render = lambda report, _rules, out, *, color: render_summary(report, out, color=color)  # noqa: E731
    for notice in outcome.notices:
        typer.echo(f"replylint: warning: {notice}", err=True)
    if output is None:
        render(outcome.report, outcome.rules, stream, color=use_color)
    else:
        with output.open("w", encoding="utf-8") as file:
            render(outcome.report, outcome.rules, file, color=use_color)


def print_fixed(text: str, encoding: str | None) -> None:
    """The fixed text of standard input or --text on stdout, byte for byte, in the encoding it was read in."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode(encoding or "utf-8"))
    sys.stdout.buffer.flush()


def print_statistics(outcome, name: str, use_color: bool, to_terminal: bool) -> None:
    from rich.console import Console

    from replylint.reporters.statistics import print_statistics as table

    # Machine formats keep stdout parseable: the table goes to stderr there.
    stderr = name not in HUMAN
    console = Console(stderr=stderr, highlight=False, no_color=not use_color, width=None if to_terminal else 120)
    table(outcome.report, console)
