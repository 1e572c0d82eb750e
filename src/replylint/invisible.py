"""Invisible characters: linted as a reader sees the text (without them), and reported where they hide."""

from __future__ import annotations

import re

# Zero-width spaces and joiners, bidi embeddings/overrides/isolates and marks, word joiners, soft hyphens,
# a BOM inside the text: none is seen by a reader, all can split or disguise a word.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
# Characters that are legitimate in some scripts or emoji: reported only when they sit inside a Latin word.
_CONTEXTUAL = frozenset("\u200c\u200d\u200e\u200f")
_LATIN = re.compile(r"[A-Za-z]")


def strip(text: str) -> tuple[str, list[int] | None]:
    """The text without invisible characters, and for each of its offsets (plus the end) the original one."""
    if not INVISIBLE.search(text):
        return text, None
    kept: list[str] = []
    index: list[int] = []
    position = 0
    for match in INVISIBLE.finditer(text):
        kept.append(text[position : match.start()])
        index.extend(range(position, match.start()))
        position = match.end()
    kept.append(text[position:])
    index.extend(range(position, len(text) + 1))
    return "".join(kept), index


def original(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a span of the stripped text back onto the original text."""
    if end <= start:
        return index[start], index[start]
    return index[start], index[end - 1] + 1


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
