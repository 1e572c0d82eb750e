"""The options of the commands, one named type each, so a command's signature reads as a list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from replylint.cli.options import Color, Format
from replylint.findings import Severity

PathsFlag = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files or directories to lint (drafts and reply collections under directories); '-' reads stdin.",
        show_default=False,
    ),
]

TextFlag = Annotated[str | None, typer.Option("--text", "-t", help="Lint this text instead of files.")]

OutputFormatFlag = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="Output format; auto = github under GitHub Actions, pretty on a terminal, text otherwise.",
        case_sensitive=False,
    ),
]

SelectFlag = Annotated[
    list[str] | None,
    typer.Option("--select", help="Only rules whose id starts with this prefix (e.g. 'blame' or 'snark.insult')."),
]

IgnoreFlag = Annotated[list[str] | None, typer.Option("--ignore", help="Skip rules whose id starts with this prefix.")]

FailOnFlag = Annotated[
    Severity | None,
    typer.Option(
        "--fail-on",
        help="Lowest severity that makes the exit code 1 [default: warning].",
        case_sensitive=False,
        show_default=False,
    ),
]

ModelFlag = Annotated[
    str | None,
    typer.Option(
        "--model", help="spaCy pipeline name or path [default: blank:en, needs no download].", show_default=False
    ),
]

EncodingFlag = Annotated[str | None, typer.Option("--encoding", help="Read files in this encoding instead of UTF-8.")]

OutputFlag = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to this file instead of standard output.", dir_okay=False),
]

ColorFlag = Annotated[Color, typer.Option("--color", help="Colour in pretty output.", case_sensitive=False)]

ChannelFlag = Annotated[
    str | None,
    typer.Option(
        "--channel",
        help="Where the reply goes: public, forum, dm, email, sms or chat; turns on that channel's rules "
        "[default: forum under a .github/ folder, else none].",
        show_default=False,
    ),
]

BaselineFlag = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        help="Findings recorded in this file are not reported; create or refresh it with --update-baseline.",
        dir_okay=False,
    ),
]

UpdateBaselineFlag = Annotated[
    bool, typer.Option("--update-baseline", help="Rewrite the --baseline file with today's findings.")
]

FixFlag = Annotated[
    bool,
    typer.Option(
        "--fix",
        help="Apply the suggestions of rules marked safe to fix, in place (atomic writes); for '-' or --text, "
        "print the fixed text and report what is left on stderr.",
    ),
]

QuietFlag = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Print only the summary line (pretty and text); machine formats are unchanged."),
]

StdinFilenameFlag = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        help="Lint standard input as this path: its format by suffix, its per-file settings, reported under it.",
        show_default=False,
    ),
]

DiffFlag = Annotated[
    bool, typer.Option("--diff", help="Show the fixes --fix would make as a unified diff, and change nothing.")
]

JobsFlag = Annotated[
    int,
    typer.Option("--jobs", "-j", min=0, help="Processes to lint with; 0 = one per core when there are many drafts."),
]

StatisticsFlag = Annotated[
    bool, typer.Option("--statistics", help="After the report, count findings per pack and rule.")
]

FollowLinksFlag = Annotated[
    bool | None,
    typer.Option(
        "--follow-links/--no-follow-links",
        help="Read symlinked files found in folders [default: yes; no when the CI variable is set].",
        show_default=False,
    ),
]

AllowEmptyFlag = Annotated[
    bool,
    typer.Option("--allow-empty", help="Exit 0 when there is nothing to check (no rules, or every file excluded)."),
]

MaxInputSizeFlag = Annotated[
    str | None,
    typer.Option(
        "--max-input-size",
        help="Refuse an input larger than this (e.g. 20MB) [default: 5MB].",
        show_default=False,
    ),
]

NoIgnoreFilesFlag = Annotated[
    bool,
    typer.Option("--no-ignore-files", help="In folders, also read files that .gitignore and .ignore files leave out."),
]

NoDefaultExcludesFlag = Annotated[
    bool,
    typer.Option(
        "--no-default-excludes",
        help="In folders, also read VCS, build and vendor folders, hidden files, README/LICENSE and manifests.",
    ),
]

VerboseFlag = Annotated[
    bool, typer.Option("--verbose", "-v", help="List every file a walk left out, with the reason, on stderr.")
]

NoCacheFlag = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the result cache.")]

CacheDirFlag = Annotated[
    str | None,
    typer.Option(
        "--cache-dir", help="Where to keep the result cache [default: .replylint_cache/].", show_default=False
    ),
]

LabelledFlag = Annotated[
    Path, typer.Argument(help='JSONL file: one {"text": ..., <label>: 0|1|null} per line.', dir_okay=False)
]
LabelsFlag = Annotated[
    list[str] | None,
    typer.Option(
        "--labels",
        help="Map a label field to a pack or one rule, FIELD=PACK or FIELD=PACK.RULE; repeatable. Default: the "
        "five core labels (blame, snark, promotion, politics_religion, missing_ack).",
    ),
]
ErrorsFlag = Annotated[
    int, typer.Option("--errors", help="Show up to N false positives and negatives per pack.", min=0)
]
EvalFormatFlag = Annotated[str, typer.Option("--format", "-f", help="table or json.")]
EvalModelFlag = Annotated[str, typer.Option("--model", help="spaCy pipeline name or path.")]
ContextKeyFlag = Annotated[
    list[str] | None,
    typer.Option(
        "--context-key",
        help="Field holding the customer's message a row answers (repeatable; default: in_reply_to, "
        "customer_message, previous).",
        show_default=False,
    ),
]
SplitFlag = Annotated[str | None, typer.Option("--split", help="Score only the rows whose 'split' field is this.")]
BySourceFlag = Annotated[
    bool, typer.Option("--by-source", help="Also score each source (the rows' 'source' field) apart.")
]
MinPrecisionFlag = Annotated[
    float | None,
    typer.Option("--min-precision", min=0.0, max=1.0, help="Exit 1 when a pack that flags anything is below."),
]
MinF1Flag = Annotated[
    float | None,
    typer.Option("--min-f1", min=0.0, max=1.0, help="Exit 1 when a pack with positives has a lower F1."),
]

InReplyToFlag = Annotated[
    str | None,
    typer.Option(
        "--in-reply-to",
        help="The customer's message the draft replies to (a file, or '-' for standard input): runs the context rules.",
        show_default=False,
    ),
]
InReplyToTextFlag = Annotated[
    str | None,
    typer.Option(
        "--in-reply-to-text", help="The customer's message the draft replies to, as text.", show_default=False
    ),
]
