"""Which archive rows cannot be linted, and why: each is counted under its reason, never dropped silently."""

from __future__ import annotations

import math
import re

EMPTY = "empty"
NOT_TEXT = "not text"
UNDECODABLE = "undecodable"
UNKNOWN_CHANNEL = "unknown channel"
UNLINTABLE = "could not be linted"

# Bytes that were not valid in the file's encoding arrive as lone surrogates (CSV and JSONL are decoded with
# errors="surrogateescape"), and so do broken UTF-16 pairs from other writers; neither is text a person wrote.
_SURROGATE = re.compile("[\ud800-\udfff]")


def skip_reason(value: object) -> str | None:
    """Why this cell cannot be linted as a reply, or None when it can."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return EMPTY
    if not isinstance(value, str):
        # pandas' missing-value markers (pd.NA, NaT) are not str either, but they mean "empty", not "not text".
        return EMPTY if _is_missing(value) else NOT_TEXT
    if not value.strip():
        return EMPTY
    if _SURROGATE.search(value):
        return UNDECODABLE
    return None


def _is_missing(value: object) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # arrays and other containers: a value, just not text
        return False


def storable(text: str) -> str:
    """Text Arrow can store: an undecodable byte in a group or id value is written as its escape."""
    return text if not _SURROGATE.search(text) else text.encode("utf-8", "backslashreplace").decode("utf-8")
