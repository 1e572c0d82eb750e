"""The report's charts as Plotly figures: rates per pack over time and by group, top rules, reply times."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from replylint.audit.groups import PERIODS

if TYPE_CHECKING:
    import plotly.graph_objects as go

MAX_GROUPS = 25  # bars beyond this are unreadable; the groups with the most rows are shown


def rate_charts(summary: dict[str, Any]) -> list[tuple[str, go.Figure]]:
    """One chart per --by column: over time as lines for a period, else bars; each pack's rate with its interval."""
    packs = _shown_packs(summary)
    charts = []
    for name, groups in summary["by_column"].items():
        if name in PERIODS:
            ordered = sorted(groups, key=lambda g: g["group"][name])
            charts.append((f"Rate of replies with a finding, by {name}", _rates(ordered, name, packs, "lines")))
        else:
            biggest = sorted(groups, key=lambda g: -g["rows"])[:MAX_GROUPS]
            charts.append((f"Rate of replies with a finding, by {name}", _rates(biggest, name, packs, "bars")))
    return charts


def _shown_packs(summary: dict[str, Any]) -> list[str]:
    """Packs that found something somewhere, most frequent first (a chart of zeros says nothing)."""
    overall = summary["overall"]["packs"]
    return sorted((p for p in overall if overall[p]["rows"]), key=lambda p: -overall[p]["rows"])


def _rates(groups: Sequence[dict[str, Any]], name: str, packs: list[str], style: str) -> go.Figure:
    import plotly.graph_objects as go

    figure = go.Figure()
    labels = [g["group"][name] for g in groups]
    for pack in packs:
        cells = [g["packs"][pack] for g in groups]
        rates = [c["rate"] for c in cells]
        error = {
            "type": "data",
            "symmetric": False,
            "array": [c["high"] - c["rate"] for c in cells],
            "arrayminus": [c["rate"] - c["low"] for c in cells],
        }
        hover = [f"{c['rows']} of {g['rows']} replies" for c, g in zip(cells, groups, strict=True)]
        trace = go.Scatter if style == "lines" else go.Bar
        extra = {"mode": "lines+markers"} if style == "lines" else {}
        figure.add_trace(trace(x=labels, y=rates, name=pack, error_y=error, text=hover, **extra))
    figure.update_layout(yaxis={"tickformat": ".0%", "title": "replies with a finding"}, xaxis={"title": name})
    return _styled(figure)


def rules_chart(summary: dict[str, Any]) -> go.Figure:
    """The rules that fired most, as horizontal bars, the top one at the top."""
    import plotly.graph_objects as go

    top = list(reversed(summary["top_rules"]))
    figure = go.Figure(go.Bar(x=[r["findings"] for r in top], y=[r["rule"] for r in top], orientation="h"))
    figure.update_layout(xaxis={"title": "findings"}, height=max(300, 28 * len(top) + 120))
    return _styled(figure)


def reply_time_chart(conversations: dict[str, Any]) -> go.Figure | None:
    """Median and 90th percentile of the time to first reply, in hours, per group of the first --by column."""
    import plotly.graph_objects as go

    columns = [name for name in conversations["by_column"] if name not in PERIODS] or list(conversations["by_column"])
    groups = conversations["by_column"][columns[0]] if columns else [{"group": {}, **conversations["overall"]}]
    groups = [g for g in groups if g["first_reply"]["median"] is not None][:MAX_GROUPS]
    if not groups:
        return None
    labels = [" / ".join(g["group"].values()) or "all" for g in groups]
    figure = go.Figure()
    for key, label in (("median", "median"), ("p90", "90th percentile")):
        figure.add_trace(go.Bar(x=labels, y=[g["first_reply"][key] / 3600 for g in groups], name=label))
    figure.update_layout(yaxis={"title": "hours to first reply"})
    return _styled(figure)


def _styled(figure: go.Figure) -> go.Figure:
    figure.update_layout(template="plotly_white", margin={"l": 60, "r": 20, "t": 20, "b": 60}, barmode="group")
    return figure
