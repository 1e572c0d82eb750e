"""Shapes of collection nodes: flat entries, strings that are all prose, field/value pairs that name a comment."""

from __future__ import annotations

import re

from replylint.inputs.collections.nodes import Items, Node, Pairs, Text
from replylint.inputs.collections.survey import is_prose

# `value` is generic: with the default keys, in field/value pairs ({"field": "status", "value": "solved"}) it
# is a reply only when the field says so ("comment_value", "comment_value_html"), as in Zendesk macro actions.
_NAME_KEYS = ("field", "type")
_REPLY_NAMES = re.compile(r"comment|body|reply|message|text|content|html", re.IGNORECASE)


def flat(node: Pairs) -> bool:
    """An entry with no nested entries ({name, description, targets: [...]}, not a macro with actions)."""
    return not any(
        isinstance(child, Pairs) or (isinstance(child, Items) and any(isinstance(i, Pairs) for i in child.items))
        for _, child in node.items
    )


def all_prose(nodes: list[Node]) -> bool:
    """Two or more strings and nothing else, two thirds of them sentences: replies without keys."""
    if len(nodes) < 2 or not all(isinstance(node, Text) for node in nodes):
        return False
    return 3 * sum(is_prose(node.value) for node in nodes if isinstance(node, Text)) >= 2 * len(nodes)


def names_reply(node: Pairs) -> bool:
    names = [child.value for key, child in node.items if key.lower() in _NAME_KEYS and isinstance(child, Text)]
    return not names or any(_REPLY_NAMES.search(name) for name in names)
