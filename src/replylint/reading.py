"""The text rules read: as a person reads it, with an index back to the draft's own characters."""

from __future__ import annotations

import re

from replylint.invisible import INVISIBLE, INVISIBLE_CLASS
from replylint.sources import LINE_BREAK

# Runs of whitespace and invisible characters. A run inside a line reads as one space, so a phrase split by a
# double space or blanked markup still matches; a line break inside a sentence (the next line goes on in lower
# case) reads as a space, so hard-wrapped text matches too; other line breaks stay, because sign-offs and
# signatures are lines; a blank line stays a paragraph break.
_RUN = re.compile(rf"(?:\s|{INVISIBLE_CLASS})+")


def reading(text: str) -> tuple[str, list[int] | None]:
    """`text` as read, and for each of its offsets (plus the end) the offset in `text`; None if unchanged."""
    pieces: list[str] = []
    index: list[int] = []
    position = 0
    for run in _RUN.finditer(text):
        found = run.group()
        if found == " ":
            continue
        if found.isspace() or INVISIBLE.sub("", found):
            breaks = len(LINE_BREAK.findall(found))
            if breaks >= 2:
                replacement = "\n\n"
            elif breaks == 1 and not _wrapped(text, run.start(), run.end()):
                replacement = "\n"
            else:
                replacement = " "
        else:
            replacement = ""  # invisible characters only: a reader sees nothing there
        if replacement == found:
            continue
        pieces.append(text[position : run.start()])
        index.extend(range(position, run.start()))
        pieces.append(replacement)
        index.extend([run.start()] * len(replacement))
        position = run.end()
    if not pieces:
        return text, None
    pieces.append(text[position:])
    index.extend(range(position, len(text) + 1))
    return "".join(pieces), index


def _wrapped(text: str, start: int, end: int) -> bool:
    """Whether a line break between start and end falls inside a sentence: the text goes on in lower case."""
    after = text[end : end + 1]
    before = text[start - 1 : start]
    return after.islower() and before not in ".!?:;"


def original(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a span of the read text back onto the draft."""
    if end <= start:
        return index[start], index[start]
    return index[start], index[end - 1] + 1
