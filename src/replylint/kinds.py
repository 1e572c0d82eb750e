"""The closed set of rule kinds: compile rules into shared spaCy matchers and turn matches into hits."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher

from replylint.gating import GatedMatcher

from replylint.packs import PackError, Rule

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.tokens import Doc, Span

    from replylint.nlp import Pipeline

NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "without",
                       "hardly", "none", "nowhere", "cannot"})
# A negation further back than this, or behind a clause boundary, does not govern the match.
NEGATION_WINDOW = 5
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "-", "(", ")", "but", "and", "so", "because", "though",
                            "although", "however", "while", "whereas", "if", "when", "unless", "or"})
_METRICS = {
    "exclamations": re.compile(r"!"),
    "questions": re.compile(r"\?"),
    "caps_words": re.compile(r"(?<![\w@#/.])[A-Z][A-Z'’]*[A-Z](?![\w'’])"),
    "hashtags": re.compile(r"(?<![\w&#/])#[^\W\d_][\w]*"),
    "links": re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE),
    "mentions": re.compile(r"(?<![\w@./])@\w+"),
    "words": re.compile(r"[^\W_]+(?:['’][^\W_]+)*"),
    "characters": re.compile(r"[^\r\n]", re.DOTALL),
}


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's match in a draft: character offsets into the draft text."""

    rule: Rule
    start: int
    end: int
    message: str
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class Compiled:
    """Rules compiled into one set of matchers, and the rules this pipeline cannot run."""

    rules: tuple[Rule, ...]
    skipped: tuple[tuple[Rule, str], ...]
    lower: PhraseMatcher
    lemma: PhraseMatcher
    tokens: GatedMatcher
    exceptions: PhraseMatcher
    # Per rule: lower-cased token sequences that, right before / after a match, cancel it.
    neighbours: dict[str, tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]]

    def find(self, doc: Doc) -> list[Hit]:
        """Every hit of every compiled rule in one analysed draft."""
        spans: dict[str, list[Span]] = defaultdict(list)
        for matcher in (self.lower, self.lemma):
            if len(matcher):  # an empty matcher warns (W036) on every call
                for span in matcher(doc, as_spans=True):
                    spans[span.label_].append(span)
        for span in self.tokens(doc):
            spans[span.label_].append(span)
        exceptions: dict[str, list[Span]] = defaultdict(list)
        for span in self.exceptions(doc, as_spans=True) if len(self.exceptions) else ():
            exceptions[span.label_].append(span)
        hits: list[Hit] = []
        for rule in self.rules:
            key = rule.qualified_id
            if rule.kind == "builtin":
                continue  # reported by the linter, which knows placeholders and suppressions
            if rule.kind == "metric":
                hits.extend(_metric_hits(rule, doc, exceptions[key]))
                continue
            found = [s for s in _longest(spans[key]) if _applies(rule, s, exceptions[key])
                     and not (key in self.neighbours and _beside(s, *self.neighbours[key]))]
            if rule.kind == "require":
                hits.extend(_require_hits(rule, doc, found))
            else:
                hits.extend(_span_hits(rule, found))
        return hits


    def has(self, rule: Rule) -> bool:
        """Whether `rule` is among the compiled (selected) rules."""
        return any(r is rule for r in self.rules)

    def selects(self, prefix: str) -> bool:
        """Whether any compiled rule's id falls under `prefix`."""
        return any(r.qualified_id == prefix or r.qualified_id.startswith(prefix.rstrip(".") + ".")
                   for r in self.rules)


def compile_rules(rules: Iterable[Rule], pipeline: Pipeline) -> Compiled:
    """Build the matchers for `rules`; rules needing annotations the pipeline lacks are set aside."""
    nlp = pipeline.nlp
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    tokens = GatedMatcher(nlp.vocab)
    exceptions = PhraseMatcher(nlp.vocab, attr="LOWER")
    kept: list[Rule] = []
    skipped: list[tuple[Rule, str]] = []
    neighbours: dict[str, tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]] = {}
    for rule in rules:
        missing = rule.model_attrs - pipeline.provides
        if missing:
            skipped.append((rule, f"needs {', '.join(sorted(missing))}, which pipeline "
                                  f"{pipeline.name!r} does not set"))
            continue
        key = rule.qualified_id
        phrases = rule.phrases or tuple(p for p, _ in rule.replacements)
        if phrases:
            if rule.attr == "lemma":
                # LEMMA phrase patterns must run through the pipeline, not just the tokenizer (spaCy E155).
                lemma.add(key, list(nlp.pipe(_normalise(p) for p in phrases)))
            else:
                lower.add(key, [nlp.make_doc(_normalise(p)) for p in phrases])
        if rule.patterns:
            try:
                for pattern in rule.patterns:
                    tokens.add(key, list(pattern))
            except (ValueError, KeyError, TypeError) as exc:
                detail = " ".join(str(exc).split())[:300]
                raise PackError(rule.source, rule.line, f"invalid spaCy pattern in rule {rule.id!r}: "
                                f"{detail}") from None
        if rule.exceptions:
            exceptions.add(key, [nlp.make_doc(_normalise(p)) for p in rule.exceptions])
        if rule.unless_preceded_by or rule.unless_followed_by:
            neighbours[key] = tuple(tuple(tuple(t.lower_ for t in nlp.make_doc(_normalise(p)) if not t.is_space)
                                          for p in phrases) for phrases in (rule.unless_preceded_by,
                                                                            rule.unless_followed_by))
        kept.append(rule)
    return Compiled(tuple(kept), tuple(skipped), lower, lemma, tokens, exceptions, neighbours)


def _normalise(text: str) -> str:
    """Phrases are matched against drafts whose curly quotes were straightened; straighten them too."""
    return text.translate(STRAIGHTEN)


# One character for one, so offsets never move: curly quotes straightened, a stray BOM or no-break space
# (common at the end of pasted comments) read as the space it looks like.
STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'",
                            "\ufeff": " ", "\u00a0": " ", "\u202f": " "})


def _longest(spans: list[Span]) -> Iterator[Span]:
    """Overlapping matches of one rule collapse to the longest (then leftmost), as spaCy's greedy LONGEST does."""
    taken: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return iter(sorted(taken, key=lambda s: s.start))


def _beside(span: Span, before: tuple[tuple[str, ...], ...], after: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of the token sequences stands right before or right after the span (spaces skipped)."""
    doc = span.doc
    if before:
        words = [t.lower_ for t in doc[max(0, span.start - 8) : span.start] if not t.is_space]
        if any(len(seq) <= len(words) and tuple(words[len(words) - len(seq):]) == seq for seq in before):
            return True
    if after:
        words = [t.lower_ for t in doc[span.end : span.end + 8] if not t.is_space]
        if any(tuple(words[: len(seq)]) == seq for seq in after):
            return True
    return False


def _applies(rule: Rule, span: Span, exceptions: list[Span]) -> bool:
    if any(e.start < span.end and span.start < e.end for e in exceptions):
        return False
    if rule.unless_negated and is_negated(span):
        return False
    if rule.questions != "any":
        asked = is_question(span)
        return asked if rule.questions == "only" else not asked
    return True


def is_negated(span: Span) -> bool:
    """True when a negation governs the span: a dependency `neg` if parsed, else a close one in the clause."""
    doc = span.doc
    if doc.has_annotation("DEP"):
        for token in span:
            if any(child.dep_ == "neg" for child in (*token.children, *token.head.children)):
                return True
        return False
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    for i in range(span.start - 1, max(sent_start, span.start - NEGATION_WINDOW) - 1, -1):
        lower = doc[i].lower_
        if lower in NEGATIONS:
            return True
        if lower in _CLAUSE_BREAKS or doc[i].is_sent_start:
            break
    return False


def is_question(span: Span) -> bool:
    """True when the sentence holding the span ends with a question mark."""
    sent = span.sent
    for token in reversed(sent):
        if not token.is_space:
            return "?" in token.text
    return False


def _message(rule: Rule, **values: object) -> str:
    message = rule.message
    for name, value in values.items():
        message = message.replace("{" + name + "}", str(value))
    return message


def _span_hits(rule: Rule, spans: list[Span]) -> Iterator[Hit]:
    replacements = {k.lower(): v for k, v in rule.replacements}
    for span in spans:
        suggestion = None
        if rule.kind == "substitution":
            suggestion = _keep_case(span.text, replacements.get(_normalise(span.text.lower()), ""))
        yield Hit(rule, span.start_char, span.end_char,
                  _message(rule, match=span.text, suggestion=suggestion), suggestion)


def _keep_case(original: str, replacement: str) -> str:
    if replacement and original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _require_hits(rule: Rule, doc: Doc, found: list[Span]) -> Iterator[Hit]:
    if found:
        return
    words = _METRICS["words"].findall(doc.text)
    if not words or len(words) < rule.min_words:
        return
    # A document-level finding has no span: it points at where the draft starts.
    start = len(doc.text) - len(doc.text.lstrip())
    yield Hit(rule, start, start, _message(rule, match=""))


def _metric_hits(rule: Rule, doc: Doc, exceptions: list[Span]) -> Iterator[Hit]:
    assert rule.metric is not None and rule.maximum is not None
    excluded = [(s.start_char, s.end_char) for s in exceptions]
    items = [m for m in _METRICS[rule.metric].finditer(doc.text)
             if not any(a < m.end() and m.start() < b for a, b in excluded)
             and not (rule.metric == "caps_words" and len(m.group()) <= 2)]
    if len(items) <= rule.maximum:
        return
    # Point at the item that crossed the threshold: that is where the draft went over.
    over = items[rule.maximum]
    yield Hit(rule, over.start(), over.end(),
              _message(rule, match=over.group(), count=len(items), max=rule.maximum))
