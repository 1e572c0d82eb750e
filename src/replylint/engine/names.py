"""context.name-mismatch: the reply greets someone by a name that is not the one the customer signed with."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from replylint.engine.dialogue import find_all, hit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Span

    from replylint.engine.dialogue import Message, Reply
    from replylint.engine.hits import Hit
    from replylint.packs.records import Rule

# A capitalised name in Latin script, accents included ("Zoë", "Łukasz" is left out: Latin-1 letters only).
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_NAME = rf"([{_UPPER}][{_LOWER}]+(?:[-'][{_UPPER}]?[{_LOWER}]+)?)"
_CLOSINGS = (
    r"(?i:thanks|thank you|thx|cheers|regards|best|best wishes|kind regards|best regards|warm regards|sincerely"
    r"|many thanks|yours|ta)"
)
_DASHES = "\u2013\u2014"  # en and em dash, which sign a name as often as a hyphen
# Where a customer gives their name: a sign-off at the very end, a dash signature, "my name is".
_SIGNED = (
    re.compile(rf"\b{_CLOSINGS}\W{{0,3}}\s*[,\-{_DASHES}]?\s*{_NAME}(?:\s+[A-Z][a-z]+)?\W{{0,3}}$"),
    re.compile(rf"(?:^|\n|[.!?]\s)\s*[-{_DASHES}~]\s*{_NAME}(?:\s+[A-Z]\w*)?\s*$"),
    re.compile(rf"\n\s*{_NAME}(?:\s+[A-Z][a-z]+)?\s*$"),
    re.compile(rf"\b(?i:my name is) {_NAME}"),
)


def check(rule: Rule, reply: Reply, found: list[Span], message: Message) -> Iterator[Hit]:
    """A finding at the greeted name when the customer signed with another one."""
    greeted = _greeting(rule.cue("greetings")).search(reply.text[:200])
    if greeted is None or find_all(rule.cue("not-names"), greeted.group(1)):
        return
    signed = _signed(message, rule.cue("not-names"))
    if signed is None:
        return
    name, given = greeted.group(1).lower(), signed.group(1).lower()
    if name.startswith(given) or given.startswith(name) or re.search(rf"\b{re.escape(name)}\b", message.text, re.I):
        return  # the same name, a short form of it ("Rob", "Robert"), or a name the customer wrote themselves
    # The dash signature's pattern starts at the sentence end before it ("? - Tomasz"): quote from the dash.
    start, end = signed.span()
    start += len(signed.group()) - len(signed.group().lstrip(".!? \t\r\n"))
    yield hit(rule, greeted.span(1), message.quote(start, end), greeted.group(1))


def _signed(message: Message, not_names: tuple[str, ...]) -> re.Match[str] | None:
    """The customer's own name where they give it; a closing or a word that names no one is not one."""
    text = message.text.rstrip()
    for pattern in _SIGNED:
        found = pattern.search(text)
        if found is None or re.fullmatch(_CLOSINGS, found.group(1), re.I) or find_all(not_names, found.group(1)):
            continue
        return found
    return None


@cache
def _greeting(greetings: tuple[str, ...]) -> re.Pattern[str]:
    """A greeting and the name after it at the start of the reply, after any @handles."""
    words = "|".join(sorted((re.escape(g) for g in greetings), key=len, reverse=True)) or "(?!)"
    # Only the greeting ignores case: the name must be capitalised, so "Hello and welcome" greets no one.
    return re.compile(rf"^\W*(?:@\w+[\s,:]*)*(?i:{words})[\s,]+{_NAME}\b(?!\.\w)")
