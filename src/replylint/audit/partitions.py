"""One partition's audit, run on a worker: lint, then tally rows, findings and skips per group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.audit.frames import lint_frame
from replylint.audit.groups import with_groups
from replylint.audit.linters import LinterSetup
from replylint.audit.reading import UNREADABLE
from replylint.audit.replies import answered_messages

if TYPE_CHECKING:
    import pandas as pd

# Tally measures: rows linted, rows with a finding of a pack, findings of a rule, rows skipped for a reason, and
# customer messages (read, not linted: the brand's replies are what is audited).
LINTED, PACK, RULE, SKIPPED, CUSTOMER = "linted", "pack", "rule", "skipped", "customer"
EXAMPLES_PER_RULE = 3
ANSWERED = "_replylint_in_reply_to"  # the derived column of the customer messages a conversation's reply answers
_CONTEXT = 90  # characters of the reply shown either side of an example's span


@dataclass(frozen=True, slots=True)
class PartitionJob:
    """What every partition's task needs to know; small and picklable, sent once with the graph."""

    setup: LinterSetup
    text_column: str
    id_column: str | None = None
    by: tuple[str, ...] = ()
    time_column: str | None = None
    channel_column: str | None = None
    role_column: str | None = None
    customer_roles: tuple[str, ...] = ("customer",)
    # The customer's message each reply answers: a column of the archive, or (with a conversation column and the
    # context rules selected) the conversation's customer messages since the brand's last reply.
    in_reply_to_column: str | None = None
    conversation_column: str | None = None


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """A partition's findings, its tally (group columns, measure, key, count) and a few examples per rule."""

    index: int
    rows: int
    findings: pd.DataFrame
    tally: pd.DataFrame
    examples: pd.DataFrame


def audit_partition(frame: pd.DataFrame, index: int, job: PartitionJob) -> PartitionResult:
    """Lint one partition (the customer's messages are counted, not linted) and tally it."""
    frame = with_groups(frame.reset_index(drop=True), job.by, job.time_column)
    unreadable = frame.pop(UNREADABLE) if UNREADABLE in frame.columns else None
    customer = _customer_rows(frame, job)
    context = _context_column(frame, customer, job)
    keep = ~customer if unreadable is None else ~customer & unreadable.isna()
    replies = frame[keep].reset_index(drop=True)
    found = lint_frame(
        replies,
        job.text_column,
        id_column=job.id_column,
        by=job.by,
        channel_column=job.channel_column,
        in_reply_to_column=context,
        setup=job.setup,
    )
    skipped = found[found["skipped"].notna()]
    findings = found[found["skipped"].isna()].drop(columns=["skipped"]).reset_index(drop=True)
    tallies = [
        _counts(replies.drop(index=skipped["row"].to_numpy()), job.by, LINTED, None),
        _counts(findings.drop_duplicates(["row", "pack"]), job.by, PACK, "pack"),
        _counts(findings, job.by, RULE, "rule"),
        _counts(skipped, job.by, SKIPPED, "skipped"),
        _counts(frame[customer], job.by, CUSTOMER, None),
    ]
    if unreadable is not None:
        bad = frame[unreadable.notna()].assign(reason=unreadable[unreadable.notna()])
        tallies.append(_counts(bad, job.by, SKIPPED, "reason"))
    findings.insert(0, "partition", index)
    return PartitionResult(index, len(frame), findings, _joined(tallies, job.by), _examples(findings, replies, job))


def _context_column(frame: pd.DataFrame, customer: pd.Series, job: PartitionJob) -> str | None:
    """The column of the message each reply answers, derived here from the conversation when none is named."""
    if job.in_reply_to_column is not None or job.conversation_column is None or job.time_column is None:
        return job.in_reply_to_column
    frame[ANSWERED] = answered_messages(frame, job.conversation_column, job.time_column, job.text_column, customer)
    return ANSWERED


def _customer_rows(frame: pd.DataFrame, job: PartitionJob) -> pd.Series:
    import pandas as pd

    if job.role_column is None:
        return pd.Series(False, index=frame.index)
    roles = {role.casefold() for role in job.customer_roles}
    customer = frame[job.role_column].map(lambda value: isinstance(value, str) and value.strip().casefold() in roles)
    # Boolean even when empty: an empty object Series would select columns, not rows (a shuffle leaves empty parts).
    return customer.astype(bool)


def _counts(rows: pd.DataFrame, by: tuple[str, ...], measure: str, key: str | None) -> pd.DataFrame:
    import pandas as pd

    keys = [*by, key] if key else list(by)
    if not keys:
        counts = pd.DataFrame({"count": [len(rows)]})
    else:
        counts = rows.groupby(keys, dropna=False, sort=True).size().reset_index(name="count")
    counts["key"] = counts.pop(key).astype(str) if key else ""
    counts["measure"] = measure
    return counts


def _joined(tallies: list[pd.DataFrame], by: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    tally = pd.concat([t for t in tallies if not t.empty], ignore_index=True)
    tally = tally[[*by, "measure", "key", "count"]]
    return tally[tally["count"] > 0].reset_index(drop=True).astype({"count": "int64"})


def _examples(findings: pd.DataFrame, replies: pd.DataFrame, job: PartitionJob) -> pd.DataFrame:
    import pandas as pd

    picked = findings[findings["match"].astype(bool)].groupby("rule", sort=True).head(EXAMPLES_PER_RULE)
    texts = replies[job.text_column]
    rows = []
    for row, rule, message, start, end in picked[["row", "rule", "message", "start", "end"]].itertuples(False):
        text = texts.iloc[row]
        before, after = text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT]
        rows.append((rule, message, before, text[start:end], after))
    return pd.DataFrame.from_records(rows, columns=["rule", "message", "before", "match", "after"])
