"""Invisible characters: what counts as one, and where they hide in a draft (for text.invisible-characters)."""

from __future__ import annotations

import re

# Zero-width spaces and joiners, bidi embeddings/overrides/isolates and marks, word joiners, soft hyphens,
# a BOM inside the text: none is seen by a reader, all can split or disguise a word.
INVISIBLE_CLASS = "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
INVISIBLE = re.compile(INVISIBLE_CLASS + "+")
# Characters that are legitimate in some scripts or emoji: reported only when they sit inside a Latin word.
_CONTEXTUAL = frozenset("\u200c\u200d\u200e\u200f")
_LATIN = re.compile(r"[A-Za-z]")


def hiding_places(text: str) -> list[tuple[int, int]]:
    """Runs of invisible characters worth reporting (not a joiner inside an emoji sequence, say)."""
    places = []
    for match in INVISIBLE.finditer(text):
        if set(match.group()) <= _CONTEXTUAL:
            before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
            if not (_LATIN.match(before) and _LATIN.match(after)):
                continue
        places.append((match.start(), match.end()))
    return places
