"""context.repeats-failed-step: the reply tells the customer to do what they say they already tried."""

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

ATTEMPTS = "attempts"
# How far back a negation or a qualifier is looked for: a few words, so a long sentence costs no more per step.
_REACH = 60
# A negation just before the step: "I haven't restarted it", "no need to reinstall", "don't clear the cache".
_NEGATED = re.compile(
    r"\b(?:not|never|no need to|haven't|hasn't|didn't|don't|can't|cannot|won't|without)\W+(?:\w+\W+){0,2}$", re.I
)
# A reply sentence that says the customer already did it is taking it into account, not repeating it.
_KNOWN = re.compile(
    r"\b(?:already|you(?:'ve| have)? tried|you(?:'ve| have)? done|you mentioned|you said|since you|as you(?:'ve)?"
    r"|since \w+ing|(?:did|does|has|have)(?:n't| not) (?:help|work|fix)\w*)\b",
    re.I,
)


# A qualified step is the next one, not the same: "an advanced reinstall", "a factory reset".
_STRONGER = re.compile(r"\b(?:advanced|clean|full|complete|fresh|factory|hard)\W+$", re.I)


def check(rule: Rule, reply: Reply, found: list[Span], message: Message) -> Iterator[Hit]:
    """One finding per step the customer tried and the reply asks for again, at the reply's words."""
    attempts = rule.cue(ATTEMPTS)
    for name, phrases in rule.cues:
        if name == ATTEMPTS:
            continue
        tried = _tried(phrases, attempts, message)
        if tried is None:
            continue
        told = _told(phrases, reply)
        if told is not None:
            yield hit(rule, told.span(), message.quote(*message.sentence_at(tried.start())), told.group())


def _tried(phrases: tuple[str, ...], attempts: tuple[str, ...], message: Message) -> re.Match[str] | None:
    """Where the customer says they did the step: a past form ("rebooted"), or beside an attempt word ("tried")."""
    text = message.text
    for found in find_all(phrases, text):
        start, end = message.sentence_at(found.start())
        if _NEGATED.search(text[max(start, found.start() - _REACH) : found.start()]):
            continue
        if found.group().lower().endswith(("ed", "done")):
            return found
        # A question asks about the step ("Did the restart help?" is rare; "Should I restart?" common).
        if not text[start:end].rstrip().endswith("?") and find_all(attempts, text, start, end):
            return found
    return None


def _told(phrases: tuple[str, ...], reply: Reply) -> re.Match[str] | None:
    """Where the reply asks for the step, outside a sentence that says the customer already did it."""
    text = reply.text
    for start, end in reply.sentences():
        if _KNOWN.search(text, start, end):
            continue
        for found in find_all(phrases, text, start, end):
            before = text[max(start, found.start() - _REACH) : found.start()]
            if not _NEGATED.search(before) and not _STRONGER.search(before):
                return found
    return None
