"""What a collection entry is called: its title, name or label beside the reply, else the key holding it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from replylint.inputs.collections.nodes import Text

if TYPE_CHECKING:
    from replylint.inputs.collections.nodes import Pairs

# Keys whose short value names an entry in help-desk exports, saved-reply and bot-command files.
TITLE_KEYS = ("title", "name", "label", "subject", "shortcut", "command", "trigger", "key", "id")
_TITLE_CHARS = 120


def title_of(node: Pairs, *, words: bool = False) -> str | None:
    """What an entry calls itself: its short one-line title, else name, label... (in TITLE_KEYS order).

    With `words` (CSV headers) a key names the entry when one of its words does ("Macro name").
    """
    names = {key.lower(): child for key, child in reversed(node.items) if isinstance(child, Text)}
    if words:
        names = {word: child for key, child in names.items() for word in re.split(r"[\W_]+", key)} | names
    for key in TITLE_KEYS:
        if (child := names.get(key)) is not None:
            value = " ".join(child.value.split())
            if value and len(value) <= _TITLE_CHARS:
                return value
    return None


def key_title(path: tuple[str | int, ...], reply_keys: set[str]) -> str | None:
    """In a map of replies ({"not-a-bug": "Thanks for ..."}) the key that holds the reply names it."""
    for step in reversed(path):
        if isinstance(step, str) and not step.startswith("---") and step.lower() not in reply_keys:
            return step
    return None
