"""`replylint check`: lint drafts, fix, baseline, and print the report."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace

import typer

from replylint.cli.flags import (
    AllowEmptyFlag,
    BaselineFlag,
    CacheDirFlag,
    ChannelFlag,
    ColorFlag,
    DiffFlag,
    EncodingFlag,
    FailOnFlag,
    FixFlag,
    FollowLinksFlag,
    IgnoreFlag,
    InReplyToFlag,
    InReplyToTextFlag,
    JobsFlag,
    MaxInputSizeFlag,
    ModelFlag,
    NoCacheFlag,
    NoDefaultExcludesFlag,
    NoIgnoreFilesFlag,
    OutputFlag,
    OutputFormatFlag,
    PathsFlag,
    QuietFlag,
    SelectFlag,
    StatisticsFlag,
    StdinFilenameFlag,
    TextFlag,
    UpdateBaselineFlag,
    VerboseFlag,
)
from replylint.cli.inputs import print_read, progress_for
from replylint.cli.options import (
    Color,
    ConfigOption,
    Format,
    NoDefaultOption,
    PackOption,
    _configs,
    _die,
    _pick_format,
    _reader_left,
)
from replylint.cli.replying import in_reply_to
from replylint.cli.reporting import print_fixed, print_report, print_statistics, say
from replylint.inputs.files import STDIN
from replylint.packs.records import PackError


@dataclass(frozen=True, slots=True)
class Request:
    """What `check` was asked, as typed by Typer."""

    paths: PathsFlag
    text: TextFlag
    output_format: OutputFormatFlag
    pack: PackOption
    no_default_packs: NoDefaultOption
    select: SelectFlag
    ignore: IgnoreFlag
    fail_on: FailOnFlag
    model: ModelFlag
    encoding: EncodingFlag
    output: OutputFlag
    color: ColorFlag
    channel: ChannelFlag
    baseline: BaselineFlag
    update_baseline: UpdateBaselineFlag
    fix: FixFlag
    diff: DiffFlag
    jobs: JobsFlag
    statistics: StatisticsFlag
    config_file: ConfigOption
    follow_links: FollowLinksFlag
    allow_empty: AllowEmptyFlag
    max_input_size: MaxInputSizeFlag
    no_cache: NoCacheFlag
    cache_dir: CacheDirFlag
    no_ignore_files: NoIgnoreFilesFlag
    no_default_excludes: NoDefaultExcludesFlag
    verbose: VerboseFlag
    quiet: QuietFlag
    stdin_filename: StdinFilenameFlag
    in_reply_to: InReplyToFlag
    in_reply_to_text: InReplyToTextFlag


def check(
    paths: PathsFlag = None,
    text: TextFlag = None,
    output_format: OutputFormatFlag = Format.AUTO,
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    select: SelectFlag = None,
    ignore: IgnoreFlag = None,
    fail_on: FailOnFlag = None,
    model: ModelFlag = None,
    encoding: EncodingFlag = None,
    output: OutputFlag = None,
    color: ColorFlag = Color.AUTO,
    channel: ChannelFlag = None,
    baseline: BaselineFlag = None,
    update_baseline: UpdateBaselineFlag = False,
    fix: FixFlag = False,
    diff: DiffFlag = False,
    jobs: JobsFlag = 0,
    statistics: StatisticsFlag = False,
    config_file: ConfigOption = None,
    follow_links: FollowLinksFlag = None,
    allow_empty: AllowEmptyFlag = False,
    max_input_size: MaxInputSizeFlag = None,
    no_cache: NoCacheFlag = False,
    cache_dir: CacheDirFlag = None,
    no_ignore_files: NoIgnoreFilesFlag = False,
    no_default_excludes: NoDefaultExcludesFlag = False,
    verbose: VerboseFlag = False,
    quiet: QuietFlag = False,
    stdin_filename: StdinFilenameFlag = None,
    in_reply_to: InReplyToFlag = None,
    in_reply_to_text: InReplyToTextFlag = None,
) -> None:
    """Lint drafts and report what breaks trust. Exit 0 clean, 1 findings, 2 usage, pack or input error."""
    raise typer.Exit(run(Request(**locals())))


def run(request: Request) -> int:
    """The whole command as a function: the exit code (2 for any error named on stderr)."""
    from replylint.config.settings import ConfigError
    from replylint.engine.nlp import ModelError
    from replylint.engine.parallel import WorkerError
    from replylint.packs.selection import SelectionError
    from replylint.run.baseline import BaselineError

    options = _options(request)
    try:
        try:
            outcome, fix_failed, fixed_text = _outcome(request, options)
        finally:
            if options.progress is not None:
                options.progress.close()
        # Fixed text owns stdout (as with ruff): the report of what is left goes to stderr then.
        stream = sys.stdout if fixed_text is None else sys.stderr
        to_terminal = request.output is None and stream.isatty()
        name = _pick_format(request.output_format, to_terminal)
        auto = request.color == Color.AUTO and to_terminal and "NO_COLOR" not in os.environ
        use_color = request.color == Color.ALWAYS or auto
        if fixed_text is not None:
            print_fixed(fixed_text, request.encoding)
        print_report(outcome, name, request.output, use_color, quiet=request.quiet, stream=stream)
    except (PackError, ModelError, BaselineError, SelectionError, WorkerError, ConfigError) as exc:
        raise _die(str(exc)) from None
    except BrokenPipeError:
        return _reader_left()
    except OSError as exc:
        where = request.output if request.output is not None else "standard output"
        raise _die(f"cannot write the report to {where}: {exc.strerror or exc}") from None
    if request.statistics:
        print_statistics(outcome, name, use_color, to_terminal)
    print_read(outcome, name, verbose=request.verbose, quiet=request.quiet)
    return 2 if fix_failed else outcome.exit_code(options.config.fail_on)


def _options(request: Request):
    """The run's options: the config with the flags laid over it; usage errors exit 2 here."""
    from replylint.run.check import CheckOptions

    paths = list(request.paths or ())
    if request.stdin_filename is not None:
        if paths and STDIN not in paths:
            raise _die("--stdin-filename names standard input: add '-' to the inputs")
        paths = paths or [STDIN]
    if not paths and request.text is None:
        raise _die("nothing to check: give files, directories, '-' for standard input, or --text")
    if request.fix and (request.text is not None or STDIN in paths) and len(paths) + (request.text is not None) > 1:
        raise _die("--fix with standard input or --text takes no other input (the fixed text goes to stdout)")
    if request.update_baseline and request.baseline is None:
        raise _die("--update-baseline needs --baseline FILE")
    if request.baseline is not None and not request.update_baseline and not request.baseline.is_file():
        # A mistyped path must not turn the gate green forever by recording today's findings.
        file = request.baseline
        raise _die(f"baseline {file} does not exist; create it with --baseline {file} --update-baseline")
    configs = _configs(
        request.config_file,
        packs=request.pack,
        select=request.select,
        ignore=request.ignore,
        model=request.model,
        fail_on=request.fail_on.value if request.fail_on else None,
        cache_dir=request.cache_dir,
        channel=request.channel,
        max_input_size=request.max_input_size,
        respect_ignore_files=False if request.no_ignore_files else None,
        default_excludes=False if request.no_default_excludes else None,
    )
    # In CI a checkout's links may point anywhere on the runner: not followed unless asked for.
    follow = request.follow_links if request.follow_links is not None else not os.environ.get("CI")
    return CheckOptions(
        config=configs.base,
        configs=configs,
        paths=tuple(paths),
        text=request.text,
        encoding=request.encoding,
        default_packs=not request.no_default_packs,
        use_cache=not request.no_cache,
        jobs=request.jobs,
        allow_empty=request.allow_empty,
        follow_links=follow,
        stdin_filename=request.stdin_filename,
        progress=progress_for(request),
        in_reply_to=in_reply_to(request, paths),
    )


def _outcome(request: Request, options):
    """Lint, or --diff (exits), or --fix to a fixpoint; then --baseline: the outcome, fix failures, fixed text."""
    from replylint.run import baseline, fixpoint
    from replylint.run.check import check as run_check

    fixed = None
    if request.diff:
        # --diff acts on findings linted now, never on cached ones (a cache entry is only a hint).
        changes = fixpoint.diffs(options)
        sys.stdout.write("".join(changes))
        raise typer.Exit(int(bool(changes)))
    if request.fix:
        in_memory = options.text is not None or STDIN in options.paths
        fixed = (fixpoint.fix_text if in_memory else fixpoint.fix_files)(options)
        say(fixed.messages)
        outcome = fixed.outcome
    else:
        outcome = run_check(options)
    if request.baseline is not None:
        report, messages = baseline.apply(
            outcome.report, request.baseline, outcome.rules.ruleset.resolver, update=request.update_baseline
        )
        say(messages)
        outcome = replace(outcome, report=report)
    return outcome, bool(fixed and fixed.failed), fixed.text if fixed else None
