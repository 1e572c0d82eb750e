"""A hit (a rule's match in a draft) and the filling of a rule's message placeholders."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.findings import Severity
from replylint.packs.records import Rule


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's match in a draft: character offsets into the draft text."""

    rule: Rule
    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: Severity | None = None  # None: the rule's; a context rule may raise it (a very short reply)


def fill_message(rule: Rule, **values: object) -> str:
    """The rule's message with each {name} placeholder replaced by its value."""
    message = rule.message
    for name, value in values.items():
        message = message.replace("{" + name + "}", str(value))
    return message
