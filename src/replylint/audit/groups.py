"""The --by groups of an archive row: named columns as text, and month/week derived from a timestamp column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from replylint.audit.rows import storable

if TYPE_CHECKING:
    import pandas as pd

PERIODS = ("month", "week")
MISSING = "(missing)"


def needed_columns(by: Sequence[str], time_column: str | None, present: Sequence[str]) -> list[str]:
    """The source columns the groups are read from: a period comes from the time column unless the data has one."""
    needed = [name for name in by if name not in PERIODS or name in present]
    if any(name in PERIODS and name not in present for name in by) and time_column:
        needed.append(time_column)
    return list(dict.fromkeys(needed))


def timestamps(values: pd.Series) -> pd.Series:
    """Times as UTC timestamps; a value that is no time becomes NaT (it is grouped as missing, never an error)."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(values):
        # Epoch seconds are what most help-desk exports write when they do not write ISO 8601.
        return pd.to_datetime(values, unit="s", utc=True, errors="coerce")
    return pd.to_datetime(values.astype("object"), utc=True, errors="coerce", format="mixed")


def with_groups(frame: pd.DataFrame, by: Sequence[str], time_column: str | None) -> pd.DataFrame:
    """The frame with each --by column as text (missing values named), periods derived from the time column."""
    frame = frame.copy()
    times = None
    for name in by:
        if name in PERIODS and (name not in frame.columns or name == time_column):
            times = timestamps(frame[time_column]) if times is None else times
            frame[name] = _period(times, name)
        else:
            frame[name] = [_label(value) for value in frame[name]]
    return frame


def _period(times: pd.Series, name: str) -> list[str]:
    if name == "month":
        labels = times.dt.strftime("%Y-%m")
    else:
        iso = times.dt.isocalendar()
        labels = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    return [MISSING if not isinstance(value, str) else value for value in labels.astype("object")]


def _label(value: object) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, str) and _missing(pd, value)):
        return MISSING
    text = storable(str(value).strip())
    return text or MISSING


def _missing(pd, value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
