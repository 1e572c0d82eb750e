"""Token tests that depend only on the word (regexes over its text, flags like IS_ALPHA), judged once per word."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.lexeme import Lexeme

# Attributes spaCy's Matcher reads from the lexeme (the same for every occurrence of a word), by the name of
# the Lexeme property that holds them. LEMMA, POS and the like depend on the token and are not here.
_TEXTS = {"ORTH": "orth_", "TEXT": "orth_", "LOWER": "lower_"}
_FLAGS = {
    "IS_ALPHA": "is_alpha",
    "IS_ASCII": "is_ascii",
    "IS_DIGIT": "is_digit",
    "IS_LOWER": "is_lower",
    "IS_UPPER": "is_upper",
    "IS_TITLE": "is_title",
    "IS_PUNCT": "is_punct",
    "IS_SPACE": "is_space",
    "IS_STOP": "is_stop",
    "IS_CURRENCY": "is_currency",
    "LIKE_NUM": "like_num",
    "LIKE_URL": "like_url",
    "LIKE_EMAIL": "like_email",
}
# The cache holds one entry per distinct word; a hostile input of endless distinct words is capped.
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class LexicalTest:
    """One token's conditions, when all of them are properties of the word."""

    checks: tuple[Callable[[Lexeme], bool], ...]

    def passes(self, word: Lexeme) -> bool:
        return all(check(word) for check in self.checks)


@dataclass
class WordVerdicts:
    """Which of many tests each distinct word passes, judged on first sight and kept."""

    tests: list[LexicalTest] = field(default_factory=list)
    passed: dict[int, frozenset[int]] = field(default_factory=dict)

    def add(self, test: LexicalTest) -> int:
        """Register a test; returns its number. Verdicts judged so far are dropped (they lack the new test)."""
        self.tests.append(test)
        self.passed.clear()
        return len(self.tests) - 1

    def of(self, orth: int, lexeme: Callable[[int], Lexeme]) -> frozenset[int]:
        """The numbers of the tests the word with this orth id passes (`lexeme` looks the word up)."""
        verdict = self.passed.get(orth)
        if verdict is None:
            word = lexeme(orth)
            verdict = frozenset(n for n, test in enumerate(self.tests) if test.passes(word))
            if len(self.passed) < _CACHE_LIMIT:
                self.passed[orth] = verdict
        return verdict


def lexical_test(token: dict[str, Any]) -> LexicalTest | None:
    """The token pattern's conditions as a LexicalTest, or None when any condition depends on more than the word."""
    checks: list[Callable[[Lexeme], bool]] = []
    for key, value in token.items():
        if key == "OP":
            continue
        check = _check(key, value)
        if check is None:
            return None
        checks.append(check)
    return LexicalTest(tuple(checks)) if checks else None


def _check(key: str, value: object) -> Callable[[Lexeme], bool] | None:
    if key in _FLAGS and isinstance(value, bool):
        name = _FLAGS[key]
        return lambda word: getattr(word, name) is value
    if key not in _TEXTS:
        return None
    name = _TEXTS[key]
    if isinstance(value, str):
        return lambda word: getattr(word, name) == value
    if isinstance(value, dict) and len(value) == 1:
        (operator, operand) = next(iter(value.items()))
        if operator == "REGEX" and isinstance(operand, str):
            # spaCy's REGEX predicate is re.search over the attribute's text; the same here.
            search = re.compile(operand).search
            return lambda word: search(getattr(word, name)) is not None
        if operator in ("IN", "NOT_IN") and isinstance(operand, list) and all(isinstance(v, str) for v in operand):
            words = frozenset(operand)
            wanted = operator == "IN"
            return lambda word: (getattr(word, name) in words) is wanted
    return None
