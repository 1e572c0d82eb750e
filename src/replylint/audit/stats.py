"""The statistics an audit reports: rates with 95% Wilson intervals, medians and 90th percentiles."""

from __future__ import annotations

import math
from collections.abc import Sequence

Z95 = 1.959963984540054  # the normal quantile of 0.975


def wilson(hits: int, rows: int) -> tuple[float, float]:
    """The 95% Wilson score interval of hits/rows: sound at rates near 0 and for small groups, unlike p ± 2·se."""
    if rows == 0:
        return (0.0, 1.0)
    rate = hits / rows
    z2 = Z95 * Z95
    denominator = 1 + z2 / rows
    centre = (rate + z2 / (2 * rows)) / denominator
    half = Z95 * math.sqrt(rate * (1 - rate) / rows + z2 / (4 * rows * rows)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def rate(hits: int, rows: int) -> dict[str, float | int]:
    """A rate as summary.json writes it: the counts, the rate and its interval (rounded for people, not tests)."""
    low, high = wilson(hits, rows)
    share = hits / rows if rows else 0.0
    return {"rows": hits, "rate": round(share, 6), "low": round(low, 6), "high": round(high, 6)}


def quantile(values: Sequence[float], q: float) -> float | None:
    """The q-quantile by linear interpolation between order statistics (numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    place = (len(ordered) - 1) * q
    low = math.floor(place)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (place - low)
