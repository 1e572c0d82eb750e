"""Skip reasons counted by kind for summaries and errors: "3 ignored by .gitignore, 2 default excludes"."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from replylint.inputs.skips import Skip

# The kinds whose count reads wrong without a plural; the others ("3 ignored by .gitignore") read as they are.
_PLURALS = {
    "default exclude": "default excludes",
    "binary file": "binary files",
    "symlink not followed": "symlinks not followed",
    "symlinked folder": "symlinked folders",
    "not a regular file": "not regular files",
}


def kind(reason: str) -> str:
    """The kind of a reason: its words before any detail in brackets or after a colon."""
    return reason.split(" (", 1)[0].split(":", 1)[0].split(",", 1)[0].strip()


def tally(skips: Iterable[Skip]) -> str:
    """`3 ignored by .gitignore, 2 default excludes`, most common first (ties alphabetically); "" for none."""
    counts = Counter(kind(skip.reason) for skip in skips)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{n} {_PLURALS.get(k, k) if n != 1 else k}" for k, n in ranked)


def skipped_summary(skips: Iterable[Skip]) -> str:
    """`4 skipped: 3 ignored by .gitignore, 1 default exclude`; "" for none."""
    listed = list(skips)
    return f"{len(listed)} skipped: {tally(listed)}" if listed else ""
