"""Counts over a draft's text for metric rules: exclamations, caps, links, words, SMS segments, ..."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from replylint.engine.hits import Hit, fill_message
from replylint.packs.records import Rule

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


PATTERNS = {
    "exclamations": re.compile(r"!"),
    "questions": re.compile(r"\?"),
    "caps_words": re.compile(r"(?<![\w@#/.])[A-Z][A-Z'\u2019]*[A-Z](?![\w'\u2019])"),
    "hashtags": re.compile(r"(?<![\w&#/])#[^\W\d_][\w]*"),
    # A link ends before trailing punctuation: "see https://x.example/help." links to .../help.
    "links": re.compile(r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]", re.IGNORECASE),
    "mentions": re.compile(r"(?<![\w@./])@\w+"),
    "words": re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*"),
    "characters": re.compile(r"[^\r\n]", re.DOTALL),
}
# Metrics that measure length: they count what a reader sees, not the markup around it (a Markdown link is its
# label, never its URL), so they run over the text with the draft's ignored spans taken out.
LENGTH_METRICS = frozenset({"characters", "post_length", "sms_segments"})
# How X counts a post: the leading @mentions of a reply are free, a link costs 23, other characters 1 each.
POST_LINK_COST = 23
_LEADING_MENTIONS = re.compile(r"\A\s*(?:@\w+\s+)+")


def post_units(text: str) -> list[tuple[int, int, int]]:
    """The counted pieces of a post as (start, end, cost): one per character, one per link."""
    end = len(text.rstrip())
    lead = _LEADING_MENTIONS.match(text)
    position = lead.end() if lead else len(text) - len(text.lstrip())
    links = {m.start(): m.end() for m in PATTERNS["links"].finditer(text, position, end)}
    units = []
    while position < end:
        stop = links.get(position)
        units.append((position, stop, POST_LINK_COST) if stop else (position, position + 1, 1))
        position = stop or position + 1
    return units


# GSM 03.38 basic characters (one septet) and extension characters (two septets); anything else forces UCS-2.
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


def sms_segments(text: str) -> tuple[int, list[int]]:
    """How many SMS segments `text` needs, and the character offsets where segments 2, 3, ... start."""
    text = text.strip()
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        sizes = [2 if c in _GSM_EXTENDED else 1 for c in text]
        single, multi = 160, 153
    else:
        sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]  # UTF-16 code units
        single, multi = 70, 67
    if sum(sizes) <= single:
        return (1 if text else 0), []
    starts, used = [], 0
    for i, size in enumerate(sizes):
        if used + size > multi:
            starts.append(i)
            used = 0
        used += size
    return len(starts) + 1, starts


def metric_hits(rule: Rule, text: str, exceptions: re.Pattern[str] | None) -> Iterator[Hit]:
    """The finding of a metric rule over a draft's visible text (offsets in draft coordinates)."""
    assert rule.metric is not None and rule.maximum is not None
    if rule.metric == "sms_segments":
        yield from _sms_hits(rule, text)
        return
    if rule.metric == "post_length":
        units = post_units(text)
        count = sum(cost for _, _, cost in units)
        used = 0
        for start, end, cost in units:
            used += cost
            if used > rule.maximum:
                # Point at the character (or link) that went over, like the other metrics.
                yield Hit(rule, start, end, fill_message(rule, match=text[start:end], count=count, max=rule.maximum))
                return
        return
    excluded = [m.span() for m in exceptions.finditer(text)] if exceptions else []
    items = [
        m
        for m in PATTERNS[rule.metric].finditer(text)
        if not any(a < m.end() and m.start() < b for a, b in excluded)
        and not (rule.metric == "caps_words" and len(m.group()) <= 2)
    ]
    if len(items) <= rule.maximum:
        return
    # Point at the item that crossed the threshold: that is where the draft went over.
    over = items[rule.maximum]
    yield Hit(
        rule, over.start(), over.end(), fill_message(rule, match=over.group(), count=len(items), max=rule.maximum)
    )


def _sms_hits(rule: Rule, text: str) -> Iterator[Hit]:
    count, starts = sms_segments(text)
    if count <= (rule.maximum or 0) or not starts:
        return
    offset = len(text) - len(text.lstrip())
    # Point at the text that spills past the allowed segments.
    start = offset + starts[max((rule.maximum or 1) - 1, 0)]
    end = len(text.rstrip())
    yield Hit(rule, start, end, fill_message(rule, match=text[start:end], count=count, max=rule.maximum))


def seen_text(text: str, hidden: Sequence[tuple[int, int]]) -> tuple[str, list[int]]:
    """`text` without its hidden spans (line breaks kept), and each of its offsets (plus the end) in `text`."""
    dropped = bytearray(len(text))
    for a, b in hidden:
        start, end = max(a, 0), min(b, len(text))
        if start < end:
            dropped[start:end] = b"\x01" * (end - start)
    kept = [i for i, char in enumerate(text) if not dropped[i] or char in "\r\n"]
    seen = "".join(text[i] for i in kept)
    kept.append(len(text))
    return seen, kept


def seen_hits(rule: Rule, seen: tuple[str, list[int]], exceptions: re.Pattern[str] | None) -> Iterator[Hit]:
    """A length metric's hits over the seen text, mapped back to the draft's offsets."""
    text, index = seen
    for hit in metric_hits(rule, text, exceptions):
        end = index[hit.end - 1] + 1 if hit.end > hit.start else index[hit.start]
        yield replace(hit, start=index[hit.start], end=end)
