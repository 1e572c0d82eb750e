"""`replylint audit`: lint an archive of sent replies on Dask; findings, summary and an offline HTML report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from replylint.cli.flags import IgnoreFlag, ModelFlag, SelectFlag
from replylint.cli.options import ConfigOption, PackOption, _die

InputsArg = Annotated[list[str], typer.Argument(help="Parquet, CSV or JSON Lines files, folders or globs ('*.csv').")]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder for findings.parquet, summary.json, report.html.")]


def _column(flag: str, text: str):
    return Annotated[str | None, typer.Option(flag, help=text, show_default=False)]


TextColumn = _column("--text-column", "Column of reply text (needed unless one of text, body, message... exists).")
IdColumn = _column("--id-column", "Column identifying each row, copied into findings.parquet.")
TimeColumn = _column("--time-column", "Column of when each message was sent (ISO 8601 or epoch seconds).")
ChannelColumn = _column("--channel-column", "Column naming each reply's channel (public, sms, email...).")
ConversationColumn = _column("--conversation-column", "Column of conversation ids: also report reply times.")
InReplyToColumn = _column(
    "--in-reply-to-column", "Column of the customer's message each reply answers (the context rules run on it)."
)
RoleColumn = _column("--role-column", "Column of who wrote each message; customers' messages are not linted.")
ChannelFlag = Annotated[
    str | None,
    typer.Option("--channel", help="Where the replies went (public, forum, dm, email, sms, chat): its rules apply."),
]
ByOption = Annotated[
    list[str] | None,
    typer.Option("--by", help="Group rates by this column, or month/week of --time-column; repeatable."),
]
CustomerRole = Annotated[
    list[str] | None, typer.Option("--customer-role", help="Role value of customers [default: customer]; repeatable.")
]
SchedulerOption = Annotated[
    str | None, typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786).")
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", min=1, help="Local worker processes [default: one per core].")
]
PartitionOption = Annotated[
    str, typer.Option("--partition-size", help="Data per partition (a Parquet partition is whole row groups).")
]
ResumeOption = Annotated[bool, typer.Option("--resume", help="Continue an audit in --out from its finished parts.")]


def audit(
    inputs: InputsArg,
    out: OutOption = Path("audit"),
    text_column: TextColumn = None,
    id_column: IdColumn = None,
    by: ByOption = None,
    time_column: TimeColumn = None,
    channel: ChannelFlag = None,
    channel_column: ChannelColumn = None,
    conversation_column: ConversationColumn = None,
    role_column: RoleColumn = None,
    customer_role: CustomerRole = None,
    in_reply_to_column: InReplyToColumn = None,
    config_file: ConfigOption = None,
    pack: PackOption = None,
    select: SelectFlag = None,
    ignore: IgnoreFlag = None,
    model: ModelFlag = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    resume: ResumeOption = False,
    partition_size: PartitionOption = "2MiB",
) -> None:
    """Audit an archive of sent replies: rates per pack and group, top rules, reply times. Exit 2 on bad input."""
    # Imported here so `replylint --help` does not load Dask (about a second).
    try:
        from replylint.audit.run import AuditFailed, run_audit
    except ModuleNotFoundError as exc:
        raise _die(f"`replylint audit` needs {exc.name}: pip install 'replylint[audit]'") from None
    from replylint.api import SETUP_ERRORS, InputError

    options = _options(dict(locals()))
    try:
        with _progress() as progress:
            outcome = run_audit(options, progress)
    except (*SETUP_ERRORS, InputError, AuditFailed) as exc:
        raise _die(str(exc)) from None
    typer.echo(_line(outcome.out, outcome.summary))


def _options(flags: dict):
    """The command's flags as AuditOptions (the linter's flags as its LinterSetup)."""
    from replylint.audit.linters import LinterSetup
    from replylint.audit.options import AuditOptions

    setup = LinterSetup(
        str(flags.pop("config_file")) if flags["config_file"] else None,
        tuple(str(p) for p in flags.pop("pack") or ()),
        tuple(flags.pop("select") or ()),
        tuple(flags.pop("ignore") or ()),
        flags.pop("channel"),
        flags.pop("model"),
    )
    chosen = {name: value for name, value in flags.items() if name in AuditOptions.__dataclass_fields__}
    roles = tuple(flags["customer_role"] or ("customer",))
    return AuditOptions(
        **chosen | {"inputs": tuple(flags["inputs"]), "by": tuple(flags["by"] or ())}, customer_roles=roles, setup=setup
    )


def _progress():
    """A rich progress bar on stderr when it is a terminal; otherwise a callback that does nothing."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from replylint.audit.progress import audit_progress

    return audit_progress()


def _line(out: Path, summary: dict) -> str:
    rows = summary["rows"]
    reasons = ", ".join(f"{reason} {count:,}" for reason, count in summary["skipped"].items())
    skipped = f"{rows['skipped']:,} skipped" + (f" ({reasons})" if reasons else "")
    return (
        f"{out}: {rows['read']:,} rows read, {rows['linted']:,} replies linted, {skipped}, "
        f"{summary['findings']:,} findings; report: {out / 'report.html'}"
    )
