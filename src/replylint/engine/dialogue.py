"""What the context checks share: the customer's message and the reply as they read them, phrase search, hits."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from replylint.engine.hits import Hit, fill_message
from replylint.engine.reading import STRAIGHTEN

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc

    from replylint.findings import Severity
    from replylint.packs.records import Rule


# A sentence of the customer's message ends at ., ! or ? (runs of them) before a space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
_SPACE_RUNS = re.compile(r"[^\S\n]+")
_LINE_RUNS = re.compile(r" ?\n[\s]*")
_QUOTE_CHARS = 90  # a quoted customer span longer than this is cut, so a message stays one readable line
# Inflections a phrase word may take in either message: "restart" finds "restarted", "restarting".
_SUFFIX = r"(?:s|es|ed|d|ing)?"
# Words that may stand between the words of a phrase: "clear the cache", "clear my browser cache".
_FILLER = r"(?:\s+(?:the|my|your|our|its|it|all|of|app|browser|phone))*\s+"


@dataclass(frozen=True, slots=True)
class Message:
    """The customer's message: its text (quotes straightened) and its sentences as (start, end) offsets."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = ()  # each sentence's start, for finding the sentence of an offset by bisection

    @classmethod
    def of(cls, text: str) -> Message:
        # Straightened as the reply is, so one phrase matches both; runs of white space read as one space or one
        # line break, as a reader sees them (and so no pattern can spend quadratic time scanning a long run).
        text = _LINE_RUNS.sub("\n", _SPACE_RUNS.sub(" ", text.translate(STRAIGHTEN))).strip()
        spans, start = [], 0
        for end in _SENTENCE_END.finditer(text):
            spans.append((start, end.end()))
            start = end.end()
        spans.append((start, len(text)))
        sentences = tuple((a, b) for a, b in spans if text[a:b].strip())
        return cls(text, sentences, tuple(a for a, _ in sentences))

    def quote(self, start: int, end: int) -> str:
        """The customer's words from start to end on one line, cut to a readable length."""
        words = " ".join(self.text[start:end].split()).rstrip()
        return words if len(words) <= _QUOTE_CHARS else words[: _QUOTE_CHARS - 1].rstrip() + "…"

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding the character at `offset` (an empty span there when none does)."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.sentences[index][1]:
            return self.sentences[index]
        return offset, offset


@dataclass(frozen=True, slots=True)
class Reply:
    """The analysed reply: its spaCy doc (sentences set) and where its words start."""

    doc: Doc

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def start(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    def sentences(self) -> list[tuple[int, int]]:
        return [(s.start_char, s.end_char) for s in self.doc.sents if s.text.strip()]

    def words(self) -> int:
        return len(re.findall(r"[^\W\d_]{2,}", self.text))


def hit(rule: Rule, span: tuple[int, int], given: str, match: str = "", severity: Severity | None = None) -> Hit:
    """A context finding at `span` of the reply, its message quoting what the customer wrote."""
    return Hit(rule, *span, fill_message(rule, match=match, given=given), severity=severity)


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive regex for whole-word phrases, each word allowing an inflection and filler words."""
    if not phrases:
        return None
    alternatives = sorted((_phrase(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w@#])(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _phrase(phrase: str) -> str:
    words = phrase.split()
    parts = [re.escape(w) + (_SUFFIX if w[-1:].isalpha() else "") for w in words]
    return _FILLER.join(parts)


def find_all(phrases: Iterable[str], text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Every match of the phrases in text[start:end]."""
    pattern = phrase_pattern(tuple(phrases))
    if pattern is None:
        return []
    return list(pattern.finditer(text, start, len(text) if end is None else end))
