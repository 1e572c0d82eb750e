"""What no single-reply linter sees: unanswered customer messages, reply times, conversations left after one reply."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from replylint.audit.groups import timestamps, with_groups
from replylint.audit.stats import quantile, rate

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

    from replylint.audit.options import AuditOptions

_PER_CONVERSATION = ("customer_messages", "unanswered", "replies", "first_reply", "later_waits", "left_after_one")


def conversation_figures(frame: dd.DataFrame, options: AuditOptions) -> dict[str, Any]:
    """Reply-time figures over the whole archive and per --by column (a conversation's group is its first reply's)."""
    import dask

    by = list(options.by)
    with dask.config.set({"dataframe.convert-string": False}):
        messages = frame.map_partitions(_messages, options, meta=_messages_meta(by))
        shuffled = messages.groupby("conversation").apply(_conversation, by, meta=_conversation_meta(by))
        conversations, unplaced = dask.compute(shuffled, messages["conversation"].isna().sum())
    figures = {"overall": _figures(conversations), "messages_without_conversation_or_time": int(unplaced)}
    figures["by_column"] = {
        name: [{"group": {name: str(value)}, **_figures(part)} for value, part in conversations.groupby(name)]
        for name in by
    }
    return figures


def _messages_meta(by: list[str]) -> pd.DataFrame:
    import pandas as pd

    columns = {"conversation": object, "customer": bool, "seconds": float, **dict.fromkeys(by, object)}
    return pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in columns.items()})


def _messages(part: pd.DataFrame, options: AuditOptions) -> pd.DataFrame:
    """One row per message: its conversation (None when it has no id or no time), who wrote it, when, its groups."""
    import pandas as pd

    times = timestamps(part[options.time_column])
    grouped = with_groups(part, options.by, options.time_column)
    roles = {role.casefold() for role in options.customer_roles}
    conversation = [
        None if pd.isna(c) or pd.isna(t) else str(c)
        for c, t in zip(part[options.conversation_column], times, strict=True)
    ]
    out = pd.DataFrame(
        {
            "conversation": pd.Series(conversation, dtype=object),
            "customer": [isinstance(r, str) and r.strip().casefold() in roles for r in part[options.role_column]],
            "seconds": (times - pd.Timestamp(0, tz="UTC")).dt.total_seconds().to_numpy(),
        }
    )
    for name in options.by:
        out[name] = grouped[name].to_numpy(dtype=object)
    return out


def _conversation_meta(by: list[str]) -> pd.DataFrame:
    import pandas as pd

    kinds = {"customer_messages": int, "unanswered": int, "replies": int, "first_reply": float}
    columns = {**dict.fromkeys(by, object), **kinds, "later_waits": object, "left_after_one": bool}
    return pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in columns.items()})


def _conversation(messages: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One conversation, in time order: who waited how long for each reply, and what was left unanswered."""
    import pandas as pd

    ordered = messages.sort_values("seconds", kind="stable")
    waits, waiting_since, replies, customer_after_first = [], None, 0, False
    for customer, seconds in zip(ordered["customer"], ordered["seconds"], strict=True):
        if customer:
            waiting_since = seconds if waiting_since is None else waiting_since
            customer_after_first = customer_after_first or replies == 1
        else:
            replies += 1
            if waiting_since is not None:
                waits.append(seconds - waiting_since)
            waiting_since = None
    unanswered = _unanswered(ordered["customer"].tolist())
    brand = ordered[~ordered["customer"]]
    source = brand.iloc[0] if len(brand) else ordered.iloc[0]
    answered_first = bool(len(brand)) and bool(ordered["customer"].iloc[0])
    row = {name: source[name] for name in by} | {
        "customer_messages": int(ordered["customer"].sum()),
        "unanswered": unanswered,
        "replies": replies,
        "first_reply": waits[0] if waits and answered_first else math.nan,
        "later_waits": waits[1:] if answered_first else waits,
        "left_after_one": replies == 1 and customer_after_first and unanswered > 0,
    }
    return pd.DataFrame([row])


def _unanswered(customer: list[bool]) -> int:
    """Customer messages after the brand's last reply (all of them if the brand never replied)."""
    count = 0
    for is_customer in reversed(customer):
        if not is_customer:
            break
        count += 1
    return count


def _figures(conversations: pd.DataFrame) -> dict[str, Any]:
    first = [float(v) for v in conversations["first_reply"] if not math.isnan(v)]
    later = [float(v) for waits in conversations["later_waits"] for v in waits]
    replied = int((conversations["replies"] > 0).sum())
    customer = int(conversations["customer_messages"].sum())
    return {
        "conversations": len(conversations),
        "customer_messages": customer,
        "unanswered": int(conversations["unanswered"].sum()),
        "unanswered_rate": rate(int(conversations["unanswered"].sum()), customer),
        "first_reply": _spread(first),
        "later_replies": _spread(later),
        "left_after_one": int(conversations["left_after_one"].sum()),
        "left_after_one_rate": rate(int(conversations["left_after_one"].sum()), replied),
    }


def _spread(seconds: list[float]) -> dict[str, float | int | None]:
    return {"n": len(seconds), "median": quantile(seconds, 0.5), "p90": quantile(seconds, 0.9)}
