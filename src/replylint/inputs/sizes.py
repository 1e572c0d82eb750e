"""The per-input size limit: its default and how a size is written ("5MB", "500KB", 2000000)."""

from __future__ import annotations

import re

# Measured: linting costs about 4 s per MB of dense text on one core (10,000 replies, 1.25 MB: 5 s), so an
# input over 5 MB would take minutes rather than seconds; nothing a person writes as replies comes close.
DEFAULT_MAX_INPUT = 5_000_000
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*", re.IGNORECASE)
_UNITS = {"": 1, "K": 1_000, "M": 1_000_000, "G": 1_000_000_000}


def parse_size(value: object) -> int:
    """Bytes from an integer or a string such as "5MB", "500KB" or "2000000"; ValueError says what is wrong."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.fullmatch(value) if isinstance(value, str) else None
    size = int(float(match.group(1)) * _UNITS[match.group(2).upper()]) if match else 0
    if size <= 0:
        raise ValueError(f"must be a positive size such as 5MB, 500KB or 2000000 (bytes), not {value!r}")
    return size
