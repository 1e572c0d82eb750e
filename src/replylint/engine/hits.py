"""A hit (a rule's match in a draft) and the filling of a rule's message placeholders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.packs.records import Rule

if TYPE_CHECKING:
    pass


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's match in a draft: character offsets into the draft text."""

    rule: Rule
    start: int
    end: int
    message: str
    suggestion: str | None = None


def _message(rule: Rule, **values: object) -> str:
    message = rule.message
    for name, value in values.items():
        message = message.replace("{" + name + "}", str(value))
    return message
