"""report.html: one self-contained page (Plotly's JavaScript inlined) that opens offline."""

from __future__ import annotations

from html import escape
from typing import Any

from replylint.audit.charts import rate_charts, reply_time_chart, rules_chart

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#222;padding:0 1rem}
h1{font-size:1.6rem} h2{font-size:1.2rem;margin-top:2.2rem} table{border-collapse:collapse;margin:.5rem 0}
td,th{border-bottom:1px solid #ddd;padding:.3rem .7rem;text-align:left;vertical-align:top} td.n{text-align:right}
mark{background:#ffd54f;padding:0 .1rem} .totals{display:flex;gap:2rem;flex-wrap:wrap}
.totals div{background:#f4f4f4;padding:.6rem 1rem;border-radius:.4rem} .totals b{display:block;font-size:1.4rem}
.chart{min-height:320px} .muted{color:#666}
"""


def render(summary: dict[str, Any]) -> str:
    """The whole page for one summary (the content of summary.json)."""
    from plotly.offline import get_plotlyjs

    sections = [_totals(summary), _pack_table(summary)]
    for number, (title, figure) in enumerate(rate_charts(summary)):
        sections.append(_chart(title, figure, f"rates-{number}"))
    if summary["top_rules"]:
        sections.append(_chart("Rules that fired most", rules_chart(summary), "top-rules"))
    if "conversations" in summary:
        sections.append(_conversations(summary["conversations"]))
    sections.extend([_skipped(summary), _examples(summary)])
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'><title>replylint audit</title>"
        f"<style>{_STYLE}</style><script>{get_plotlyjs()}</script></head><body>"
        "<h1>replylint audit</h1>" + "".join(sections) + "</body></html>\n"
    )


def _chart(title: str, figure, ident: str) -> str:
    body = figure.to_html(full_html=False, include_plotlyjs=False, div_id=ident, config={"displaylogo": False})
    return f"<h2>{escape(title)}</h2><div class='chart' data-chart='{ident}'>{body}</div>"


def _totals(summary: dict[str, Any]) -> str:
    rows = summary["rows"]
    cells = [
        ("read", "rows read", rows["read"]),
        ("linted", "replies linted", rows["linted"]),
        ("skipped", "rows skipped", rows["skipped"]),
        ("customer", "customer messages", rows["customer_messages"]),
        ("findings", "findings", summary["findings"]),
    ]
    shown = "".join(
        f"<div><b id='total-{key}' data-value='{value}'>{value:,}</b>{escape(label)}</div>"
        for key, label, value in cells
    )
    return f"<section class='totals'>{shown}</section>"


def _pack_table(summary: dict[str, Any]) -> str:
    overall = summary["overall"]
    lines = "".join(
        f"<tr><td>{escape(pack)}</td><td class='n'>{cell['rows']:,}</td><td class='n'>{cell['rate']:.2%}</td>"
        f"<td class='n'>{cell['low']:.2%} to {cell['high']:.2%}</td></tr>"
        for pack, cell in overall["packs"].items()
    )
    return (
        f"<h2>Replies with a finding, per pack (of {overall['rows']:,})</h2><table id='packs'><tr><th>pack</th>"
        f"<th>replies</th><th>rate</th><th>95% interval (Wilson)</th></tr>{lines}</table>"
    )


def _skipped(summary: dict[str, Any]) -> str:
    if not summary["skipped"]:
        return "<h2>Rows skipped</h2><p class='muted'>None: every row held a reply to lint.</p>"
    lines = "".join(
        f"<tr><td>{escape(reason)}</td><td class='n'>{count:,}</td></tr>"
        for reason, count in summary["skipped"].items()
    )
    return f"<h2>Rows skipped</h2><table id='skipped'><tr><th>reason</th><th>rows</th></tr>{lines}</table>"


def _examples(summary: dict[str, Any]) -> str:
    if not summary["examples"]:
        return ""
    lines = "".join(
        f"<tr><td>{escape(e['rule'])}</td><td>{escape(e['before'])}<mark>{escape(e['match'])}</mark>"
        f"{escape(e['after'])}<div class='muted'>{escape(e['message'])}</div></td></tr>"
        for e in summary["examples"]
    )
    return f"<h2>Example findings</h2><table id='examples'><tr><th>rule</th><th>reply</th></tr>{lines}</table>"


def _conversations(figures: dict[str, Any]) -> str:
    overall = figures["overall"]
    first = overall["first_reply"]
    hours = "n/a" if first["median"] is None else f"{first['median'] / 3600:.1f} h (p90 {first['p90'] / 3600:.1f} h)"
    text = (
        f"<h2>Conversations</h2><p>{overall['conversations']:,} conversations; "
        f"<span id='unanswered' data-value='{overall['unanswered']}'>{overall['unanswered']:,}</span> customer "
        f"messages never answered; {overall['left_after_one']:,} conversations left after one reply while the "
        f"customer wrote again; time to first reply: median {hours}.</p>"
    )
    chart = reply_time_chart(figures)
    return text + (_chart("Time to first reply", chart, "reply-times") if chart is not None else "")
