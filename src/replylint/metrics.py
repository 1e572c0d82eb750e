"""Counts over a draft's text for metric rules: exclamations, caps, links, words, SMS segments, ..."""

from __future__ import annotations

import re

PATTERNS = {
    "exclamations": re.compile(r"!"),
    "questions": re.compile(r"\?"),
    "caps_words": re.compile(r"(?<![\w@#/.])[A-Z][A-Z'’]*[A-Z](?![\w'’])"),
    "hashtags": re.compile(r"(?<![\w&#/])#[^\W\d_][\w]*"),
    "links": re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE),
    "mentions": re.compile(r"(?<![\w@./])@\w+"),
    "words": re.compile(r"[^\W_]+(?:['’][^\W_]+)*"),
    "characters": re.compile(r"[^\r\n]", re.DOTALL),
}



# GSM 03.38 basic characters (one septet) and extension characters (two septets); anything else forces UCS-2.
_GSM_BASIC = frozenset("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                       "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


def sms_segments(text: str) -> tuple[int, list[int]]:
    """How many SMS segments `text` needs, and the character offsets where segments 2, 3, ... start."""
    text = text.strip()
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        sizes = [2 if c in _GSM_EXTENDED else 1 for c in text]
        single, multi = 160, 153
    else:
        sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]  # UTF-16 code units
        single, multi = 70, 67
    if sum(sizes) <= single:
        return (1 if text else 0), []
    starts, used = [], 0
    for i, size in enumerate(sizes):
        if used + size > multi:
            starts.append(i)
            used = 0
        used += size
    return len(starts) + 1, starts
