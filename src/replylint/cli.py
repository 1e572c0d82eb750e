"""The Typer command line: parse flags, call one function per command, print, and exit (the only place that exits)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from replylint import __version__
from replylint.findings import Severity
from replylint.packs import PackError, shipped_pack_paths

app = typer.Typer(
    name="replylint",
    help="Lint customer-service reply drafts for what breaks trust: blame, snark, promotion, politics and "
    "religion, and replies that never acknowledge the reader.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    AUTO = "auto"
    PRETTY = "pretty"
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


class Color(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


PackOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--pack", "-p", help="A rule pack (YAML) to use besides the shipped ones; repeatable.", dir_okay=False
    ),
]
NoDefaultOption = Annotated[bool, typer.Option("--no-default-packs", help="Use only the packs given with --pack.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"replylint {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """Lint customer-service reply drafts for what breaks trust."""


def _die(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"replylint: error: {message}", err=True)
    return typer.Exit(code)


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", "-c", help="Use this replylint.toml or pyproject.toml instead of searching upward.", dir_okay=False
    ),
]


def _config(config_file: Path | None, **flags: object):
    """The configuration file (found upward or given) with the command-line flags laid over it."""
    from replylint.config import ConfigError, load_config, merge_flags

    try:
        return merge_flags(load_config(config_file), **flags)
    except ConfigError as exc:
        raise _die(str(exc)) from None


def _load(config_file: Path | None, packs: list[Path] | None, no_default: bool):
    """Every rule of the shipped, configured and --pack packs."""
    from replylint.runner import load_rules, pack_paths

    config = _config(config_file, packs=packs)
    try:
        return load_rules(pack_paths(config, default_packs=not no_default))
    except PackError as exc:
        raise _die(str(exc)) from None


@app.command()
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
            help="Findings recorded in this file are not reported; create or rewrite it with --update-baseline.",
            dir_okay=False,
        ),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write the --baseline file with today's findings.")
    ] = False,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="Pass a run that has no rules or no drafts to check (default: exit 2)."),
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
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the result cache.")] = False,
    cache_dir: Annotated[
        str | None,
        typer.Option(
            "--cache-dir", help="Where to keep the result cache [default: .replylint_cache/].", show_default=False
        ),
    ] = None,
) -> None:
    """Lint drafts and report what breaks trust. Exit 0 clean, 1 findings, 2 usage, pack or input error."""
    from replylint import reporters
    from replylint.baseline import BaselineError
    from replylint.nlp import ModelError
    from replylint.runner import CheckOptions
    from replylint.runner import check as run_check
    from replylint.selection import SelectionError

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
    )
    options = CheckOptions(
        config=config,
        paths=tuple(paths or ()),
        text=text,
        encoding=encoding,
        default_packs=not no_default_packs,
        use_cache=not no_cache,
        jobs=jobs,
        flags=(*(("--select", s) for s in select or ()), *(("--ignore", s) for s in ignore or ())),
        allow_empty=allow_empty,
    )
    if update_baseline and baseline is None:
        raise _die("--update-baseline needs --baseline FILE")
    try:
        outcome = run_check(options)
        if diff:
            raise typer.Exit(_show_diff(outcome))
        if fix and _fix(outcome, encoding):
            # Report what is left at its new position: lint again (unchanged files come from the cache).
            outcome = run_check(options)
        if baseline is not None:
            outcome = _with_baseline(outcome, baseline, update_baseline)
        to_terminal = output is None and sys.stdout.isatty()
        name = _pick_format(output_format, to_terminal)
        use_color = color == Color.ALWAYS or (color == Color.AUTO and to_terminal and "NO_COLOR" not in os.environ)
        render = reporters.get(name)
        for notice in outcome.notices:
            typer.echo(f"replylint: warning: {notice}", err=True)
        if output is None:
            render(outcome.report, outcome.rules, sys.stdout, color=use_color)
        else:
            with output.open("w", encoding="utf-8") as stream:
                render(outcome.report, outcome.rules, stream, color=use_color)
    except (PackError, ModelError, BaselineError, SelectionError) as exc:
        raise _die(str(exc)) from None
    except OSError as exc:
        raise _die(f"cannot write {output}: {exc.strerror or exc}") from None
    if statistics:
        from rich.console import Console

        from replylint.statistics import print_statistics

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
            typer.echo(f"replylint: error: {failed.path}: {failed.error}", err=True)
    raise typer.Exit(outcome.exit_code(config.fail_on))


def _show_diff(outcome) -> int:
    """Print what --fix would change; 1 when there is something to fix."""
    from replylint.fixes import plan

    plans = [p for f in outcome.report.files if (p := plan(f, outcome.rules)) is not None]
    for change in plans:
        sys.stdout.write(change.diff())
    return int(bool(plans))


def _fix(outcome, encoding: str | None) -> bool:
    """Write the safe fixes; True when a file changed."""
    from replylint.fixes import fix_report

    messages = fix_report(outcome.report.files, outcome.rules, encoding)
    for message in messages:
        typer.echo(f"replylint: {message}", err=True)
    return any(m.startswith("fixed") for m in messages)


def _with_baseline(outcome, file: Path, update: bool):
    """Record the findings under --update-baseline; else hide the recorded ones (a missing file is an error)."""
    from dataclasses import replace

    from replylint import baseline

    if update:
        count = baseline.write(file, outcome.report)
        typer.echo(f"replylint: baseline: recorded {count} findings in {file}", err=True)
        report, hidden = baseline.subtract(outcome.report, file, baseline.read(file, outcome.names))
    else:
        if not file.exists():
            # A mistyped path must not pass forever by recording today's findings as known.
            raise baseline.BaselineError(f"{file}: no such baseline file (create it with --update-baseline)")
        report, hidden = baseline.subtract(outcome.report, file, baseline.read(file, outcome.names))
        if hidden:
            typer.echo(f"replylint: baseline: {hidden} known findings not shown ({file})", err=True)
    return replace(outcome, report=report)


def _pick_format(chosen: Format, to_terminal: bool) -> str:
    if chosen != Format.AUTO:
        return chosen.value
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "pretty" if to_terminal else "text"


@app.command("rules")
def list_rules(
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    config_file: ConfigOption = None,
) -> None:
    """List every rule: id, severity, kind and what it catches."""
    from rich.console import Console
    from rich.table import Table

    rules = _load(config_file, pack, no_default_packs)
    table = Table("rule", "severity", "kind", "description", box=None, pad_edge=False)
    for rule in rules.selected:
        table.add_row(rule.qualified_id, rule.severity.value, rule.kind, rule.description)
    # Piped output keeps one rule per line, so `replylint rules | grep` works.
    Console(highlight=False, width=None if sys.stdout.isatty() else 400).print(table)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(help="A rule id such as blame.customer-fault.")],
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    config_file: ConfigOption = None,
) -> None:
    """Explain a rule: why it matters, what to write instead, and its examples."""
    from rich.console import Console
    from rich.text import Text

    rules = _load(config_file, pack, no_default_packs)
    rule = rules.by_name.get(rule_id)
    if rule is None:
        close = [r for r in rules.by_id if r.startswith(rule_id.split(".")[0])][:8]
        hint = f" (rules in that pack: {', '.join(close)})" if close else " (see `replylint rules`)"
        raise _die(f"unknown rule {rule_id!r}{hint}")
    console = Console(highlight=False)
    console.print(Text(f"{rule.qualified_id}  ({rule.severity.value}, {rule.kind})", style="bold"))
    console.print(Text(rule.description))
    for label, body in (("Why it matters", rule.why), ("Instead", rule.suggest)):
        console.print(Text(f"\n{label}", style="bold"))
        console.print(Text(body))
    if rule.link:
        console.print(Text(f"\nMore: {rule.link}"))
    for label, examples in (("Flags", rule.fail), ("Does not flag", rule.passes)):
        if examples:
            console.print(Text(f"\n{label}", style="bold"))
        for example in examples:
            line = Text("  ")
            position = 0
            for start, end in example.spans:
                line.append(example.text[position:start])
                line.append(example.text[start:end], style="bold underline")
                position = end
            line.append(example.text[position:])
            console.print(line)
    if rule.aliases:
        console.print(Text(f"\nAlso known as: {', '.join(rule.aliases)}"))
    if rule.replacements:
        console.print(Text("\nReplacements" + (" (applied by --fix)" if rule.fix else ""), style="bold"))
        for phrase, replacement in rule.replacements:
            console.print(Text(f"  {phrase} -> {replacement or '(delete)'}"))
    where = "Built into replylint" if rule.kind == "builtin" else f"Defined in {rule.source}:{rule.line}"
    console.print(Text(f"\n{where}", style="dim"))


@app.command("test-rules")
def test_rules(
    packs: Annotated[
        list[Path] | None,
        typer.Argument(help="Packs to test (default: the shipped packs).", dir_okay=False, show_default=False),
    ] = None,
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline name or path.")] = "blank:en",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List passing examples too.")] = False,
) -> None:
    """Run each rule's in-file examples: fail examples must match their [[marks]] exactly, pass ones nothing."""
    from replylint import nlp
    from replylint.examples import check_rules
    from replylint.packs import load_packs

    try:
        loaded = load_packs(list(packs) if packs else shipped_pack_paths())
        pipeline = nlp.load(model)
        results = check_rules([r for p in loaded for r in p.rules], pipeline)  # built-ins have unit tests
    except (PackError, nlp.ModelError) as exc:
        raise _die(str(exc)) from None
    failed = [r for r in results if not r.ok]
    for result in results:
        if not result.ok:
            typer.echo(f"FAIL {result.case} ({result.rule.source}:{result.example.line}): {result.detail}")
        elif verbose or result.detail:
            typer.echo(f"ok   {result.case}{'  ' + result.detail if result.detail else ''}")
    rules = {r.rule.qualified_id for r in results}
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed ({len(rules)} rules in {len(loaded)} packs)")
    raise typer.Exit(1 if failed else 0)


@app.command("eval")
def evaluate_packs(
    labelled: Annotated[
        Path, typer.Argument(help='JSONL file: one {"text": ..., <label>: 0|1|null} per line.', dir_okay=False)
    ],
    labels: Annotated[
        list[str] | None,
        typer.Option(
            "--labels",
            help="Map a label field to a pack, FIELD=PACK; repeatable. Default: the five core "
            "labels (blame, snark, promotion, politics_religion, missing_ack).",
        ),
    ] = None,
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    errors: Annotated[
        int, typer.Option("--errors", help="Show up to N false positives and negatives per pack.", min=0)
    ] = 0,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline name or path.")] = "blank:en",
    config_file: ConfigOption = None,
) -> None:
    """Measure packs on labelled drafts: precision, recall and F1 per pack."""
    from replylint import nlp
    from replylint.evaluate import DEFAULT_LABELS, evaluate, read_labelled
    from replylint.sources import InputError

    if output_format not in ("table", "json"):
        raise _die(f"--format must be table or json, not {output_format!r}")
    mapping = dict(DEFAULT_LABELS) if not labels else {}
    for item in labels or ():
        name, sep, pack_name = item.partition("=")
        if not sep or not name or not pack_name:
            raise _die(f"--labels takes FIELD=PACK, not {item!r}")
        mapping[name] = pack_name
    rules = _load(config_file, pack, no_default_packs)
    known = {r.pack for r in rules.selected if r.kind != "builtin"}
    unknown = sorted(set(mapping.values()) - known)
    if unknown:
        raise _die(f"no loaded pack named {', '.join(map(repr, unknown))} (loaded: {', '.join(sorted(known))})")
    try:
        items = read_labelled(labelled, mapping)
        scores = evaluate(items, list(rules.selected), nlp.load(model), mapping)
    except (InputError, nlp.ModelError, PackError) as exc:
        raise _die(str(exc)) from None
    if output_format == "json":
        import json

        typer.echo(json.dumps({"drafts": len(items), "packs": [s.as_dict() for s in scores]}, indent=2))
        return
    from replylint.scoreboard import print_scores

    print_scores(scores, len(items), errors)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Where to write replylint.toml.", file_okay=False)] = Path(),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing replylint.toml.")] = False,
) -> None:
    """Write a commented starter replylint.toml that shows every setting."""
    from replylint.config import ConfigError
    from replylint.starter import write_starter

    try:
        written = write_starter(directory, force=force)
    except ConfigError as exc:
        raise _die(str(exc)) from None
    except OSError as exc:
        raise _die(f"cannot write in {directory}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {written}")


def main() -> None:
    """Console-script entry point."""
    # A console that cannot encode a character in a draft must not crash the run.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # `replylint check ... | head`: the reader left; exit quietly, without a second error on flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("REPLYLINT_DEBUG"):
            raise
        sys.stderr.write(
            f"replylint: internal error: {type(exc).__name__}: {exc}\n"
            "replylint: please report this; REPLYLINT_DEBUG=1 shows the traceback\n"
        )
        sys.exit(3)
