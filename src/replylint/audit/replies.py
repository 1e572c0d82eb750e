"""Which customer messages each brand reply of a conversation answers: what the context rules lint it against."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.audit.groups import timestamps

if TYPE_CHECKING:
    import pandas as pd

# Customer messages sent since the brand's last reply are joined into the one message the next reply answers.
JOIN = "\n\n"


def answered_messages(
    frame: pd.DataFrame, conversation_column: str, time_column: str, text_column: str, customer: pd.Series
) -> list[str | None]:
    """Per row: for a brand reply, the customer's messages it answers (None when there are none); else None.

    The rows of a conversation must all be in `frame` (the audit shuffles them into one partition); a row without
    a conversation id or a readable time answers nothing and ends nothing.
    """
    import pandas as pd

    times = timestamps(frame[time_column]).reset_index(drop=True)
    ids = frame[conversation_column].reset_index(drop=True)
    texts = frame[text_column].tolist()
    is_customer = customer.tolist()
    placed = pd.DataFrame({"id": ids.map(lambda v: None if pd.isna(v) else str(v)), "time": times})
    placed = placed[placed["id"].notna() & placed["time"].notna()]
    answered: list[str | None] = [None] * len(texts)
    pending: dict[str, list[str]] = {}
    # Stable: messages of one conversation sent in the same second keep their order in the file.
    for position, conversation in placed.sort_values("time", kind="stable")["id"].items():
        waiting = pending.setdefault(conversation, [])
        text = texts[position]
        if is_customer[position]:
            if isinstance(text, str) and text.strip():
                waiting.append(text.strip())
        else:
            answered[position] = JOIN.join(waiting) or None
            waiting.clear()
    return answered
