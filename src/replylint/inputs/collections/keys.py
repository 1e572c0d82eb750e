"""Which keys of a collection entry hold replies and the customer's message (FieldSpec); one format per reply."""

from __future__ import annotations

import re
from dataclasses import dataclass

from replylint.inputs.collections.paths import parse_path

# Keys under which help desks and hand-written collections keep reply text (matched case-insensitively).
# Agent-facing fields (title, name, description, subject, tags) are left out on purpose; `replace` is the
# expansion of a text-expander snippet (espanso).
DEFAULT_KEYS = (
    "body",
    "body_text",
    "html_body",
    "text",
    "reply",
    "message",
    "content",
    "template",
    "response",
    "answer",
    "comment",
    "value",
    "replace",
)
# Help desks keep one reply in several formats under suffixed keys (Freshdesk `content_html`, `body_plain`).
FORMAT_AFFIX = re.compile(r"^(?:html|plain|rich)_|_(?:html|plain|text|rich|markdown|md)$")
# Keys under which an entry keeps the customer's message its reply answers (the context rules read it); never
# linted as a reply, though "customer_message" holds a reply key's word.
CONTEXT_KEYS = ("in_reply_to", "customer_message", "previous")
# Read only in an entry that has a title and no other reply key ({name, description} in userscripts).
FALLBACK_KEYS = ("description",)


def one_format_each(keys: set[str]) -> set[str]:
    """One key per reply when an entry holds it in several formats (body, body_html): the plainest is linted."""
    chosen: dict[str, str] = {}
    for key in sorted(keys, key=lambda k: (len(k), k)):
        chosen.setdefault(FORMAT_AFFIX.sub("", key.lower()), key)
    return set(chosen.values())


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Which strings of a collection are replies: values under `keys`, or at `paths`, or CSV `columns`.

    `paths` are simple paths such as "macros[*].actions[*].value" or "replies[0].*"; when given they replace
    `keys`. `columns` names CSV columns; without it, CSV columns named like a key are replies. `context` names
    the keys (or columns) holding the customer's message the entry's replies answer.
    """

    keys: tuple[str, ...] = DEFAULT_KEYS
    paths: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    context: tuple[str, ...] = CONTEXT_KEYS

    def __post_init__(self) -> None:
        for path in self.paths:
            parse_path(path)
