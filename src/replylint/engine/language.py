"""Which language a draft is in, so English packs judge only English drafts (py3langid, offline, bundled model)."""

from __future__ import annotations

import functools
import re

# The language codes py3langid knows that replies are commonly written in: a short draft is classified among
# these only, which keeps it from being read as, say, Tagalog because of one word.
LANGUAGES = (
    "en", "es", "fr", "de", "it", "pt", "nl", "sv", "da", "no", "fi", "pl", "cs", "tr", "ru", "uk", "el",
    "ro", "hu", "id", "ms", "vi", "ja", "zh", "ko", "ar", "he", "hi", "th",
)  # fmt: skip
# Below these a draft is too short to tell, and is taken as English (the packs' language).
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.9
_WORD = re.compile(r"[^\W\d_]+")
# Words that mark a draft as English at once, so the model (0.5 s to load) is loaded only for drafts that lack them.
_ENGLISH = frozenset(
    (
        "the",
        "you",
        "your",
        "we",
        "our",
        "to",
        "and",
        "is",
        "are",
        "for",
        "with",
        "this",
        "that",
        "it",
        "be",
        "have",
        "has",
        "not",
        "can",
        "will",
        "please",
        "thanks",
        "thank",
        "sorry",
        "of",
        "in",
        "on",
        "at",
        "as",
        "if",
        "an",
        "or",
        "but",
    )
)


def language_of(text: str) -> str | None:
    """The draft's language code when it is confidently not English; None for English or too little to tell."""
    words = _WORD.findall(text)
    if sum(len(word) for word in words) < MIN_LETTERS:
        return None
    lowered = [word.lower() for word in words]
    hits = sum(word in _ENGLISH for word in lowered)
    if hits >= 2 or hits * 6 >= len(lowered):
        return None
    code, confidence = _identifier().classify(" ".join(words))
    return code if code != "en" and confidence >= MIN_CONFIDENCE else None


@functools.cache
def _identifier():
    from replylint.engine.langmodel import load

    return load(LANGUAGES)
