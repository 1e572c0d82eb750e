"""Context rules: a reply judged against the customer's message it answers (one module per check)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from replylint.engine import distress, given, names, questions, steps
from replylint.engine.dialogue import Message, Reply

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacy.tokens import Doc, Span

    from replylint.engine.hits import Hit
    from replylint.packs.records import Rule

    Check = Callable[[Rule, Reply, list[Span], Message], Iterator[Hit]]

# One finder per check named in records.CONTEXT_CHECKS (a test keeps the two in step).
CHECKS: dict[str, Check] = {
    "given-info": given.check,
    "unanswered-question": questions.check,
    "distress": distress.check,
    "greeted-name": names.check,
    "repeated-step": steps.check,
}


def hits(rule: Rule, doc: Doc, found: list[Span], context: str) -> list[Hit]:
    """The findings of one context rule on one reply, given the customer's message (nothing on an empty one)."""
    if not context.strip() or rule.check is None:
        return []
    return list(CHECKS[rule.check](rule, Reply(doc), found, _message(context)))


@lru_cache(maxsize=4)
def _message(context: str) -> Message:
    """The customer's message read once for all the context rules of a draft (each asks in turn)."""
    return Message.of(context)
