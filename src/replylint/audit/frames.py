"""lint_frame: the findings of a pandas DataFrame of replies, for Dask's map_partitions and Spark's mapInPandas."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from replylint.api import CHANNELS, InputError, offsets
from replylint.audit.linters import LinterSetup, linter_for
from replylint.audit.rows import UNKNOWN_CHANNEL, UNLINTABLE, skip_reason, storable

if TYPE_CHECKING:
    import pandas as pd

    from replylint.api import Finding

# One row per finding; a row that could not be linted gives one row with `skipped` set and no rule.
FINDING_COLUMNS = ("row", "id", "rule", "pack", "severity", "start", "end", "match", "message", "skipped")
_INTEGERS = ("row", "start", "end")
# Drafts handed to the pipeline at once: big enough to amortise a call, small enough to keep a worker's memory flat.
_BATCH = 2000


def findings_meta(by: Sequence[str] = ()) -> pd.DataFrame:
    """An empty frame with lint_frame's columns and dtypes (Dask's `meta=`)."""
    import pandas as pd

    columns = ["row", "id", *by, *FINDING_COLUMNS[2:]]
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in _INTEGERS else "object") for c in columns})


def lint_frame(
    frame: pd.DataFrame,
    text_column: str,
    *,
    id_column: str | None = None,
    by: Sequence[str] = (),
    channel: str | None = None,
    channel_column: str | None = None,
    in_reply_to_column: str | None = None,
    setup: LinterSetup | None = None,
) -> pd.DataFrame:
    """Lint every row's `text_column`; one output row per finding (start/end are character offsets in the text).

    `row` is the row's position in `frame`, `id` the value of `id_column` (as text), and each `by` column is copied.
    Empty, non-text and undecodable cells, and unknown channels, come back as one row each with the reason in
    `skipped`, so nothing is dropped silently. The Linter is built once per process for each setup and channel.
    `in_reply_to_column` holds the customer's message each reply answers (the context rules run on it; empty or
    missing: none).
    """
    base = setup or LinterSetup(channel=channel)
    texts = frame[text_column].tolist()
    messages = _messages(frame, in_reply_to_column, len(texts))
    channels = _channels(frame, channel_column, len(texts))
    out: list[tuple] = []
    batches: dict[str | None, list[int]] = {}
    for position, text in enumerate(texts):
        reason = skip_reason(text) or _channel_problem(channels[position])
        if reason is not None:
            out.append((position, None, None, None, None, None, None, None, reason))
        else:
            batches.setdefault(channels[position], []).append(position)
    for chosen, positions in batches.items():
        linter = linter_for(base.on(chosen))
        for start in range(0, len(positions), _BATCH):
            out.extend(_lint_batch(linter, texts, messages, positions[start : start + _BATCH]))
    return _frame(frame, out, id_column, by)


def _channels(frame: pd.DataFrame, column: str | None, count: int) -> list[str | None]:
    if column is None:
        return [None] * count
    return [value.strip().lower() if isinstance(value, str) and value.strip() else None for value in frame[column]]


def _messages(frame: pd.DataFrame, column: str | None, count: int) -> list[str | None]:
    if column is None:
        return [None] * count
    # A message that is not text (a number, a null read as NaN) is no message: the reply is linted alone.
    return [value if isinstance(value, str) and value.strip() else None for value in frame[column]]


def _channel_problem(channel: str | None) -> str | None:
    return None if channel is None or channel in CHANNELS else f"{UNKNOWN_CHANNEL} {channel!r}"


def _lint_batch(linter, texts: list, messages: list[str | None], positions: list[int]) -> list[tuple]:
    try:
        found = linter.lint_many([texts[p] for p in positions], replies_to=[messages[p] for p in positions])
    except InputError:
        # One text the readers refuse must not cost its neighbours their findings: lint them one by one.
        return [row for p in positions for row in _lint_one(linter, texts[p], messages[p], p)]
    return [row for p, findings in zip(positions, found, strict=True) for row in _rows(p, texts[p], findings)]


def _lint_one(linter, text: str, message: str | None, position: int) -> list[tuple]:
    try:
        return _rows(position, text, linter.lint(text, in_reply_to=message))
    except InputError as exc:
        return [(position, None, None, None, None, None, None, None, f"{UNLINTABLE}: {exc}")]


def _rows(position: int, text: str, findings: list[Finding]) -> list[tuple]:
    rows = []
    for finding in findings:
        start, end = offsets(text, finding)
        pack = finding.rule.split(".", 1)[0]
        values = (finding.rule, pack, finding.severity.value, start, end, finding.match, finding.message)
        rows.append((position, *values, None))
    return rows


def _frame(frame: pd.DataFrame, out: list[tuple], id_column: str | None, by: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    out.sort(key=lambda row: (row[0], row[4] if row[4] is not None else -1))
    columns = [c for c in FINDING_COLUMNS if c != "id"]
    result = pd.DataFrame.from_records(out, columns=columns) if out else findings_meta().drop(columns=["id"])
    picked = result["row"].to_numpy()
    ids = frame[id_column].iloc[picked] if id_column else None
    result.insert(1, "id", [None if pd.isna(v) else storable(str(v)) for v in ids] if ids is not None else None)
    for offset, name in enumerate(by):
        result.insert(2 + offset, name, frame[name].iloc[picked].to_numpy(dtype=object))
    for name in ("start", "end"):
        result[name] = result[name].astype("Int64").fillna(-1).astype("int64")
    texts = [c for c in result.columns if c not in _INTEGERS]
    # None, not NaN, marks a missing text value: what Spark and Arrow read as null, and what users compare with.
    result[texts] = result[texts].astype("object").where(result[texts].notna(), None)
    return result
