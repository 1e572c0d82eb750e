"""Rules read text as a person does: whitespace runs as one space, invisible characters dropped, long runs cut."""

from __future__ import annotations

import re
import unicodedata

from replylint.findings import LINE_BREAK

# Zero-width spaces and joiners, bidi embeddings/overrides/isolates and marks, word joiners, soft hyphens,
# a BOM inside the text: none is seen by a reader, all can split or disguise a word.
INVISIBLE_CLASS = "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
INVISIBLE = re.compile(INVISIBLE_CLASS + "+")
# Characters that are legitimate in some scripts or emoji: reported only when they sit inside a Latin word.
_CONTEXTUAL = frozenset("\u200c\u200d\u200e\u200f")
_LATIN = re.compile(r"[A-Za-z]")

# Runs of whitespace and invisible characters. A run inside a line reads as one space, so a phrase split by a
# double space or blanked markup still matches; a line break inside a sentence (the next line goes on in lower
# case) reads as a space, so hard-wrapped text matches too; other line breaks stay, because sign-offs and
# signatures are lines; a blank line stays a paragraph break.
_RUN = re.compile(rf"(?:\s|{INVISIBLE_CLASS})+")
# spaCy's tokenizer strips prefixes and suffixes one character at a time and copies the rest of the chunk each
# time, so a long run without spaces costs time quadratic in its length ('.,' x 10,000: 22 s). Such runs are cut
# with a space (the index maps it back): symbols in a row, each a token of its own anyway, every SYMBOL_RUN
# characters, and any run every MAX_TOKEN characters, so no token a rule or a REGEX predicate sees is longer.
SYMBOL_RUN = 16
MAX_TOKEN = 128
_LONG = re.compile(rf"\S{{{SYMBOL_RUN + 1},}}")
_SYMBOLS = re.compile(rf"[^\w\s]{{{SYMBOL_RUN + 1},}}")

# One character for one, so offsets never move: curly quotes straightened, a no-break space read as the space
# it looks like. (Invisible characters such as a stray BOM are taken out later: see invisible.py.)
# The acute accent (U+00B4) stands in for the apostrophe on many keyboards ("it\u00b4s"); read as one, the
# contraction is tokenized and matched like any other.
STRAIGHTEN = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u02bc": "'",
        "\u00b4": "'",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


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
        return _cut_long_runs(text, None)
    pieces.append(text[position:])
    index.extend(range(position, len(text) + 1))
    return _cut_long_runs("".join(pieces), index)


def _cut_long_runs(text: str, index: list[int] | None) -> tuple[str, list[int] | None]:
    """Insert a space at each cut of a long run; an inserted space maps to the character after it."""
    cuts = [cut for run in _LONG.finditer(text) for cut in _cuts(text, run.start(), run.end())]
    if not cuts:
        return text, index
    if index is None:
        index = list(range(len(text) + 1))
    pieces: list[str] = []
    mapped: list[int] = []
    position = 0
    for cut in cuts:
        pieces.extend((text[position:cut], " "))
        mapped.extend(index[position:cut])
        mapped.append(index[cut])
        position = cut
    pieces.append(text[position:])
    mapped.extend(index[position:])
    return "".join(pieces), mapped


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Where to cut the run text[start:end]: inside long runs of symbols, then wherever a piece is too long."""
    inner = [
        cut
        for symbols in _SYMBOLS.finditer(text, start, end)
        for cut in range(symbols.start() + SYMBOL_RUN, symbols.end(), SYMBOL_RUN)
    ]
    cuts: list[int] = []
    previous = start
    for cut in [*inner, end]:
        while cut - previous > MAX_TOKEN:
            previous = _settle(text, previous + MAX_TOKEN, previous)
            cuts.append(previous)
        if cut < end and cut > previous:
            previous = _settle(text, cut, previous)
            cuts.append(previous)
    return cuts


def _settle(text: str, cut: int, previous: int) -> int:
    """Move a cut back off a combining mark, joiner or emoji modifier, so a character is not torn apart."""
    while cut - 1 > previous and _attaches(text[cut]):
        cut -= 1
    return cut


def _attaches(char: str) -> bool:
    return unicodedata.category(char).startswith("M") or char in "\u200d\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff"


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
