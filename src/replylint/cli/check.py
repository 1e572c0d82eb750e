"""`replylint check`: lint drafts, fix, baseline, and print the report."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from replylint.cli.options import (
    Color,
    ConfigOption,
    Format,
    NoDefaultOption,
    PackOption,
    _config,
    _die,
    _pick_format,
    _reader_left,
)
from replylint.findings import Severity
from replylint.packs.records import PackError


def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories to lint (.txt and .md under directories); '-' reads standard input.",
            show_default=False,
        ),
    ] = None,
    text: Annotated[str | None, typer.Option("--text", "-t", help="Lint this text instead of files.")] = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="Output format; auto = github under GitHub Actions, pretty on a terminal, text otherwise.",
            case_sensitive=False,
        ),
    ] = Format.AUTO,
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only rules whose id starts with this prefix (e.g. 'blame' or 'snark.insult')."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip rules whose id starts with this prefix.")
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            "--fail-on",
            help="Lowest severity that makes the exit code 1 [default: warning].",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", help="spaCy pipeline name or path [default: blank:en, needs no download].", show_default=False
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Read files in this encoding instead of UTF-8.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the report to this file instead of standard output.", dir_okay=False
        ),
    ] = None,
    color: Annotated[
        Color, typer.Option("--color", help="Colour in pretty output.", case_sensitive=False)
    ] = Color.AUTO,
    channel: Annotated[
        str | None,
        typer.Option(
            "--channel",
            help="Where the reply goes: public, dm, email, sms or chat; turns on that channel's rules.",
            show_default=False,
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Findings recorded in this file are not reported; create or refresh it with --update-baseline.",
            dir_okay=False,
        ),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Rewrite the --baseline file with today's findings.")
    ] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply the suggestions of rules marked safe to fix, in place (atomic writes).")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show the fixes --fix would make as a unified diff, and change nothing.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Processes to lint with; 0 = one per core when there are many drafts."
        ),
    ] = 0,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="After the report, count findings per pack and rule.")
    ] = False,
    config_file: ConfigOption = None,
    follow_links: Annotated[
        bool | None,
        typer.Option(
            "--follow-links/--no-follow-links",
            help="Read symlinked files found in folders [default: yes; no when the CI variable is set].",
            show_default=False,
        ),
    ] = None,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="Exit 0 when there is nothing to check (no rules, or every file excluded)."),
    ] = False,
    max_input_size: Annotated[
        str | None,
        typer.Option(
            "--max-input-size",
            help="Refuse an input larger than this (e.g. 20MB) [default: 5MB].",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the result cache.")] = False,
    cache_dir: Annotated[
        str | None,
        typer.Option(
            "--cache-dir", help="Where to keep the result cache [default: .replylint_cache/].", show_default=False
        ),
    ] = None,
) -> None:
    """Lint drafts and report what breaks trust. Exit 0 clean, 1 findings, 2 usage, pack or input error."""
    from dataclasses import replace

    from replylint.engine.nlp import ModelError
    from replylint.engine.parallel import WorkerError
    from replylint.packs.selection import SelectionError
    from replylint.reporters.terminal import shown_path
    from replylint.run.baseline import BaselineError
    from replylint.run.check import CheckOptions
    from replylint.run.check import check as run_check

    if not paths and text is None:
        raise _die("nothing to check: give files, directories, '-' for standard input, or --text")
    config = _config(
        config_file,
        packs=pack,
        select=select,
        ignore=ignore,
        model=model,
        fail_on=fail_on.value if fail_on else None,
        cache_dir=cache_dir,
        channel=channel,
        max_input_size=max_input_size,
    )
    options = CheckOptions(
        config=config,
        paths=tuple(paths or ()),
        text=text,
        encoding=encoding,
        default_packs=not no_default_packs,
        use_cache=not no_cache,
        jobs=jobs,
        allow_empty=allow_empty,
        # In CI a checkout's links may point anywhere on the runner: not followed unless asked for.
        follow_links=follow_links if follow_links is not None else not os.environ.get("CI"),
    )
    if update_baseline and baseline is None:
        raise _die("--update-baseline needs --baseline FILE")
    if baseline is not None and not update_baseline and not baseline.is_file():
        # A mistyped path must not turn the gate green forever by recording today's findings.
        raise _die(f"baseline {baseline} does not exist; create it with --baseline {baseline} --update-baseline")
    try:
        # --fix and --diff act on findings linted now, never on cached ones (a cache entry is only a hint).
        outcome = run_check(replace(options, use_cache=False) if fix or diff else options)
        if diff:
            raise typer.Exit(_show_diff(outcome))
        fixed, fix_failed = _fix(outcome, encoding) if fix else (False, False)
        if fixed:
            # Report what is left at its new position: lint again (unchanged files come from the cache).
            outcome = run_check(options)
        if baseline is not None:
            outcome = _with_baseline(outcome, baseline, update_baseline)
        to_terminal = output is None and sys.stdout.isatty()
        name = _pick_format(output_format, to_terminal)
        use_color = color == Color.ALWAYS or (color == Color.AUTO and to_terminal and "NO_COLOR" not in os.environ)
        _print_report(outcome, name, output, use_color)
    except (PackError, ModelError, BaselineError, SelectionError, WorkerError) as exc:
        raise _die(str(exc)) from None
    except BrokenPipeError:
        raise typer.Exit(_reader_left()) from None
    except OSError as exc:
        where = output if output is not None else "standard output"
        raise _die(f"cannot write the report to {where}: {exc.strerror or exc}") from None
    if statistics:
        from rich.console import Console

        from replylint.reporters.statistics import print_statistics

        # Machine formats keep stdout parseable: the table goes to stderr there.
        print_statistics(
            outcome.report,
            Console(
                stderr=name not in ("pretty", "text"),
                highlight=False,
                no_color=not use_color,
                width=None if to_terminal else 120,
            ),
        )
    if name not in ("pretty", "text"):
        # Human formats already show unreadable files; machine formats bury them in the document.
        for failed in outcome.report.errors:
            typer.echo(f"replylint: error: {shown_path(failed.path)}: {failed.error}", err=True)
    raise typer.Exit(2 if fix_failed else outcome.exit_code(config.fail_on))


def _print_report(outcome, name: str, output: Path | None, use_color: bool) -> None:
    """Notices to stderr, then the report in the chosen format to stdout or --output."""
    from replylint import reporters

    render = reporters.get(name)
    for notice in outcome.notices:
        typer.echo(f"replylint: warning: {notice}", err=True)
    if output is None:
        render(outcome.report, outcome.rules, sys.stdout, color=use_color)
    else:
        with output.open("w", encoding="utf-8") as stream:
            render(outcome.report, outcome.rules, stream, color=use_color)


def _show_diff(outcome) -> int:
    """Print what --fix would change; 1 when there is something to fix."""
    from replylint.run.fixes import plan

    plans = [p for f in outcome.report.files if (p := plan(f, outcome.rules)) is not None]
    for change in plans:
        sys.stdout.write(change.diff())
    return int(bool(plans))


def _fix(outcome, encoding: str | None) -> tuple[bool, bool]:
    """Write the safe fixes: whether a file changed, and whether a fix failed (skipped links do not count)."""
    from replylint.run.fixes import fix_report

    messages = fix_report(outcome.report.files, outcome.rules, encoding)
    for message in messages:
        typer.echo(f"replylint: {message}", err=True)
    return any(m.startswith("fixed") for m in messages), any(m.startswith("not fixed") for m in messages)


def _with_baseline(outcome, file: Path, update: bool):
    """Record the findings when the baseline is new or --update-baseline; else hide the recorded ones."""
    from dataclasses import replace

    from replylint.run import baseline

    resolver = outcome.rules.ruleset.resolver
    if update:
        count = baseline.write(file, outcome.report)
        typer.echo(f"replylint: baseline: recorded {count} findings in {file}", err=True)
        report, hidden = baseline.subtract(outcome.report, file, baseline.read(file, resolver))
    else:
        report, hidden = baseline.subtract(outcome.report, file, baseline.read(file, resolver))
        if hidden:
            typer.echo(f"replylint: baseline: {hidden} known findings not shown ({file})", err=True)
    return replace(outcome, report=report)
