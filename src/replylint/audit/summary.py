"""summary.json: rows read and skipped, rates per pack per group with Wilson intervals, top rules, examples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from replylint.audit.partitions import CUSTOMER, LINTED, PACK, RULE, SKIPPED
from replylint.audit.stats import rate

if TYPE_CHECKING:
    import pandas as pd

SUMMARY_VERSION = 1
TOP_RULES = 20


def summarise(tally: pd.DataFrame, examples: pd.DataFrame, by: Sequence[str], packs: Sequence[str]) -> dict[str, Any]:
    """The audit's figures from the partitions' tallies (group columns, measure, key, count), summed."""
    by = list(by)
    totals = tally.groupby(["measure", "key"])["count"].sum()
    linted = int(totals.get(LINTED, default=_none()).sum())
    skipped = {str(k): int(v) for k, v in totals.get(SKIPPED, default=_none()).sort_values(ascending=False).items()}
    customer = int(totals.get(CUSTOMER, default=_none()).sum())
    rules = totals.get(RULE, default=_none()).sort_values(ascending=False, kind="stable")
    return {
        "version": SUMMARY_VERSION,
        "by": by,
        "rows": {
            "read": linted + sum(skipped.values()) + customer,
            "linted": linted,
            "skipped": sum(skipped.values()),
            "customer_messages": customer,
        },
        "skipped": skipped,
        "findings": int(rules.sum()),
        "packs": list(packs),
        "overall": _rates(tally, packs),
        "groups": _grouped(tally, by, packs),
        "by_column": {name: _grouped(tally, [name], packs) for name in by},
        "top_rules": [{"rule": str(k), "findings": int(v)} for k, v in rules.head(TOP_RULES).items()],
        "examples": examples.to_dict(orient="records"),
    }


def _none():
    import pandas as pd

    return pd.Series(dtype="int64")


def _rates(tally: pd.DataFrame, packs: Sequence[str]) -> dict[str, Any]:
    rows = int(tally.loc[tally["measure"] == LINTED, "count"].sum())
    hits = tally[tally["measure"] == PACK].groupby("key")["count"].sum()
    return {"rows": rows, "packs": {pack: rate(int(hits.get(pack, 0)), rows) for pack in packs}}


def _grouped(tally: pd.DataFrame, by: list[str], packs: Sequence[str]) -> list[dict[str, Any]]:
    if not by:
        return []
    groups = []
    for values, part in tally[tally["measure"].isin([LINTED, PACK])].groupby(by, sort=True):
        key = values if isinstance(values, tuple) else (values,)
        rates = _rates(part, packs)
        if rates["rows"]:  # a group of only skipped rows or customer messages has no rate
            groups.append({"group": dict(zip(by, map(str, key), strict=True)), **rates})
    return groups
