"""Where a match stands: negated, quoted, inside a question, next to given words; and the Luhn check for cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

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


def is_question(span: Span) -> bool:
    """True when the sentence holding the span ends with a question mark."""
    sent = span.sent
    for token in reversed(sent):
        if not token.is_space:
            return "?" in token.text
    return False
