"""Where a match stands: negated, quoted, inside a question, next to given words; and the Luhn check for cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span, Token

    from replylint.packs.records import Rule

NEGATIONS = frozenset(
    {
        "not",
        "n't",
        "nt",
        "never",
        "no",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "without",
        "hardly",
        "none",
        "nowhere",
        "cannot",
    }
)
# Subject pronouns: a "no" right before one is an answer, not a negation of what follows.
_SUBJECTS = frozenset({"i", "you", "we", "they", "he", "she"})
# A negation further back than this, or behind a clause boundary, does not govern the match.
NEGATION_WINDOW = 5
_CLAUSE_BREAKS = frozenset(
    {
        ",",
        ";",
        ":",
        "\u2014",
        "\u2013",
        "-",
        "(",
        ")",
        "but",
        "and",
        "so",
        "because",
        "though",
        "although",
        "however",
        "while",
        "whereas",
        "if",
        "when",
        "unless",
        "or",
    }
)


def beside(span: Span, before: tuple[tuple[str, ...], ...], after: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of the token sequences stands right before or right after the span (spaces skipped)."""
    doc = span.doc
    if before:
        words = [t.lower_ for t in doc[max(0, span.start - 8) : span.start] if not t.is_space]
        if any(len(seq) <= len(words) and tuple(words[len(words) - len(seq) :]) == seq for seq in before):
            return True
    if after:
        words = [t.lower_ for t in doc[span.end : span.end + 8] if not t.is_space]
        if any(tuple(words[: len(seq)]) == seq for seq in after):
            return True
    return False


def luhn(text: str) -> bool:
    """Whether the digits in `text` (13 to 19 of them) pass the Luhn checksum of payment card numbers."""
    digits = [int(c) for c in text if c.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if i % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def is_negated(span: Span) -> bool:
    """True when a negation governs the span: a dependency `neg` if parsed, else a close one in the clause."""
    doc = span.doc
    if doc.has_annotation("DEP"):
        return any(child.dep_ == "neg" for token in span for child in (*token.children, *token.head.children))
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    for i in range(span.start - 1, max(sent_start, span.start - NEGATION_WINDOW) - 1, -1):
        lower = doc[i].lower_
        if lower in NEGATIONS and not _answers(doc, i):
            return True
        if lower in _CLAUSE_BREAKS or doc[i].is_sent_start:
            break
    return False


def _answers(doc: Doc, i: int) -> bool:
    """A "no" that answers ("No I blame you", "No you didn't") rather than negates: a pronoun subject follows it."""
    return doc[i].lower_ == "no" and i + 1 < len(doc) and doc[i + 1].lower_ in _SUBJECTS


def is_quoted(span: Span) -> bool:
    """True when the span sits between double quotation marks on its line: someone's words cited, not said."""
    text = span.doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    after = text[span.end_char : line_end if line_end >= 0 else len(text)]
    # Curly quotes were straightened before analysis, so one character covers both kinds.
    return text.count('"', line_start, span.start_char) % 2 == 1 and '"' in after


# Marks that close a sentence; a line ending in none of them (or only in a comma, colon, dash) is left open.
_TERMINALS = frozenset(".!?…")
# An unpunctuated line asks when it opens with an inverted auxiliary ("did you ...") or one of these.
_QUESTION_WORDS = frozenset({"how", "why", "who", "wtf"})
_AUXILIARIES = frozenset(
    [
        "do",
        "does",
        "did",
        "are",
        "is",
        "was",
        "were",
        "have",
        "has",
        "had",
        "can",
        "ca",
        "could",
        "will",
        "wo",
        "would",
        "should",
    ]
)
_ASKED_SUBJECTS = frozenset(
    [
        "you",
        "u",
        "ya",
        "y'all",
        "yall",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "nobody",
        "i",
        "we",
        "they",
        "he",
        "she",
    ]
)


def is_question(span: Span) -> bool:
    """True when the line of the sentence holding the span is asked: a question mark ends it, or it opens as one."""
    tokens = _asked_part(span)
    ending = []
    for token in reversed(tokens):
        if not token.is_punct:
            break
        ending.append(token.text)
    # "Did you even read it?!" ends in "?" then "!": any question mark in the closing run asks.
    if any("?" in text for text in ending):
        return True
    if any(char in _TERMINALS for text in ending for char in text):
        return False
    # No closing mark, as often in chat and issue comments ("did you even read the issue"): the opening decides.
    return _opens_as_question(tokens)


def _asked_part(span: Span) -> list[Token]:
    """The sentence holding the span, cut at the line breaks around it: a line is the sentence in informal text."""
    sent = span.sent
    start, end = sent.start, sent.end
    doc = span.doc
    for i in range(span.start - 1, sent.start - 1, -1):
        if doc[i].is_space and "\n" in doc[i].text:
            start = i + 1
            break
    for i in range(span.end, sent.end):
        if doc[i].is_space and "\n" in doc[i].text:
            end = i
            break
    return [t for t in doc[start:end] if not t.is_space]


def _opens_as_question(tokens: list[Token]) -> bool:
    """Whether a line without a closing mark opens as a question ("how ...", "did you ...", "don't you ...")."""
    words = [t.lower_ for t in tokens if not t.is_punct][:3]
    if not words:
        return False
    if words[0] in _QUESTION_WORDS:
        return True
    rest = words[2:] if len(words) > 1 and words[1] == "n't" else words[1:]
    return words[0] in _AUXILIARIES and bool(rest) and rest[0] in _ASKED_SUBJECTS


def longest(spans: list[Span]) -> Iterator[Span]:
    """Overlapping matches of one rule collapse to the longest (then leftmost), as spaCy's greedy LONGEST does."""
    if len(spans) < 2:
        return iter(spans)
    taken: list[Span] = []
    occupied: set[int] = set()  # token indices already covered: linear, however many matches a long text has
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        tokens = range(span.start, span.end)
        if occupied.isdisjoint(tokens):
            occupied.update(tokens)
            taken.append(span)
    return iter(sorted(taken, key=lambda s: s.start))


def applies(rule: Rule, span: Span, exceptions: list[Span] | tuple[()]) -> bool:
    """Whether a match stands: outside its exceptions, passing its check, in the context the rule asks for."""
    if any(e.start < span.end and span.start < e.end for e in exceptions):
        return False
    if rule.validate == "luhn" and not luhn(span.text):
        return False
    if rule.unless_negated and is_negated(span):
        return False
    if rule.unless_quoted and is_quoted(span):
        return False
    if rule.questions != "any":
        asked = is_question(span)
        return asked if rule.questions == "only" else not asked
    return True
