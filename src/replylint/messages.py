"""The placeholders a rule's message may name, per kind, and the load-time check that it names no other."""

from __future__ import annotations

import re

# What kinds.py fills in for each kind; any other {name} would reach the reader raw (or as "None").
FILLED = {
    "phrase": ("match",),
    "pattern": ("match",),
    "substitution": ("match", "suggestion"),
    "require": ("match",),
    "metric": ("match", "count", "max"),
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholder_problem(message: str, kind: str) -> str | None:
    """None when every {placeholder} in the message is one the kind fills, else what is wrong."""
    known = FILLED.get(kind, ())
    for found in _PLACEHOLDER.finditer(message):
        if found.group(1) not in known:
            listed = ", ".join("{" + name + "}" for name in known)
            return f"message names unknown placeholder {found.group()} (a {kind} rule's message can use {listed})"
    return None
