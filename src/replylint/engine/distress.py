"""context.no-empathy-for-distress: the customer is upset and the reply acknowledges nothing of it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from replylint.engine.dialogue import find_all, hit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Span

    from replylint.engine.dialogue import Message, Reply
    from replylint.engine.hits import Hit
    from replylint.packs.records import Rule

# Shouting: two capitalised words in a row, one of them four letters or more ("STILL NOT WORKING").
# Single acronyms (UPS, ETA, iOS) never make a run.
# A negated sign is none: "I'm not upset", "never angry" (cues that are negations, "still not", stay).
_CALM = re.compile(r"(?:\bnot|n't|\bnever|\bno longer)\W+(?:\w+\W+)?$", re.I)
_LONG_CAPS = r"\b(?=[A-Z]*[A-Z]{4})[A-Z]{3,}\b"
_SHOUTING = re.compile(rf"{_LONG_CAPS}(?:[\s,.!?]+[A-Z]{{2,}}\b)+|\b[A-Z]{{2,}}\b(?:[\s,.!?]+{_LONG_CAPS})+")


def check(rule: Rule, reply: Reply, found: list[Span], message: Message) -> Iterator[Hit]:
    """A document-level finding quoting the customer's distress when no acknowledgement cue is in the reply."""
    cue = _distress(rule, message)
    if cue is not None and not find_all(rule.cue("acknowledgements"), reply.text):
        yield hit(rule, (reply.start, reply.start), message.quote(*cue))


def _distress(rule: Rule, message: Message) -> tuple[int, int] | None:
    """The first sign of distress: a cue phrase ("third time", "still not") or a shouted run of words."""
    text = message.text
    signs = [
        m.span()
        for m in find_all(rule.cue("distress"), text)
        if not _CALM.search(text[max(0, m.start() - 30) : m.start()])
    ]
    signs.extend(m.span() for m in _SHOUTING.finditer(text))
    if not signs:
        return None
    start, end = min(signs)
    sentence_start, sentence_end = message.sentence_at(start)
    # The whole sentence reads better than the cue alone, when it is short enough to quote.
    return (sentence_start, sentence_end) if sentence_end - sentence_start <= 90 else (start, end)
