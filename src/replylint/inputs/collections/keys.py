"""Which keys of a collection entry hold reply text, and which one of a reply kept in several formats."""

from __future__ import annotations

import re

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
# Read only in an entry that has a title and no other reply key ({name, description} in userscripts).
FALLBACK_KEYS = ("description",)


def one_format_each(keys: set[str]) -> set[str]:
    """One key per reply when an entry holds it in several formats (body, body_html): the plainest is linted."""
    chosen: dict[str, str] = {}
    for key in sorted(keys, key=lambda k: (len(k), k)):
        chosen.setdefault(FORMAT_AFFIX.sub("", key.lower()), key)
    return set(chosen.values())
