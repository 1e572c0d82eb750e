"""One finding per span: overlapping hits of one pack become the most specific one, trimmed of punctuation."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from replylint.engine.hits import Hit

# Characters a span never starts or ends with: the words are the finding, not the comma before them. Quotes,
# '?' and '!' stay: in "Seriously?!" or belittling 'scare quotes' they are part of what is wrong.
_EDGES = " \t\r\n,;:"
_STANDALONE = frozenset({"metric", "builtin", "context"})


def one_per_span(hits: list[Hit], text: str) -> list[Hit]:
    """Per pack, each run of overlapping hits gives one: the highest severity, then the longest span."""
    trimmed = [_trim(hit, text) for hit in hits]
    # Document-level findings (missing thanks), counts (metrics) and the engine's own findings stand alone:
    # two metrics over one stretch measure different things.
    alone = [h for h in trimmed if h.end <= h.start or h.rule.kind in _STANDALONE]
    spans = [h for h in trimmed if h.end > h.start and h.rule.kind not in _STANDALONE]
    kept = alone
    by_pack: dict[str, list[Hit]] = {}
    for hit in spans:
        by_pack.setdefault(hit.rule.pack, []).append(hit)
    for group in by_pack.values():
        group.sort(key=lambda h: (h.start, h.end))
        run: list[Hit] = []
        end = -1
        for hit in group:
            if run and hit.start >= end:
                kept.append(_most_specific(run))
                run = []
            run.append(hit)
            end = max(end, hit.end) if len(run) > 1 else hit.end
        if run:
            kept.append(_most_specific(run))
    return kept


def _most_specific(run: list[Hit]) -> Hit:
    return max(run, key=lambda h: (h.rule.severity.rank, h.end - h.start, -h.start))


def _trim(hit: Hit, text: str) -> Hit:
    """The span without leading or trailing punctuation and spaces; fixes, counts and built-ins keep theirs."""
    if hit.rule.kind == "substitution" or hit.rule.kind in _STANDALONE or hit.end <= hit.start:
        return hit
    start, end = hit.start, hit.end
    while start < end and text[start] in _EDGES:
        start += 1
    while end > start and text[end - 1] in _EDGES:
        end -= 1
    if (start, end) == (hit.start, hit.end) or start == end:
        return hit
    # The message quoted the matched text ({match}): quote the trimmed words instead.
    message = hit.message.replace(text[hit.start : hit.end], text[start:end], 1)
    return replace(hit, start=start, end=end, message=message)
