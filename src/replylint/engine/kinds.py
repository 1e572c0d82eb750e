"""The closed set of rule kinds: compile rules into shared spaCy matchers and turn matches into hits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher

from replylint.engine import conversation
from replylint.engine.classifier import Classifier, compile_classifier
from replylint.engine.context import applies, beside, longest
from replylint.engine.gating import GatedMatcher
from replylint.engine.hits import Hit, fill_message
from replylint.engine.metrics import LENGTH_METRICS, PATTERNS, metric_hits, seen_hits, seen_text
from replylint.engine.reading import STRAIGHTEN
from replylint.findings import under
from replylint.packs.records import PackError, Rule

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from spacy.tokens import Doc, Span

    from replylint.engine.nlp import Pipeline
    from replylint.packs.selection import Resolver


DRAFT_EXCEPTION = "#draft"


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
    # Per metric rule: its exceptions as one case-insensitive whole-word regex over the visible text.
    metric_exceptions: dict[str, re.Pattern[str]]
    # Derived once from `rules`, not per draft: lookups by id, and the rules that run whether or not they matched.
    # Every loaded rule's ids and aliases (not only the compiled ones), for suppressions; None: the compiled ones.
    names: Resolver | None = None
    by_id: dict[str, Rule] = field(default_factory=dict)
    requires: list[str] = field(default_factory=list)
    metrics: list[Rule] = field(default_factory=list)
    contextual: list[Rule] = field(default_factory=list)  # run only on a draft that has the customer's message
    limited: list[Rule] = field(default_factory=list)  # rules whose pack judges only some languages
    classifiers: tuple[Classifier, ...] = ()  # models loaded for the selected classifier rules only

    def __post_init__(self) -> None:
        self.limited.extend(r for r in self.rules if r.languages)
        self.by_id.update((r.qualified_id, r) for r in self.rules)
        self.requires.extend(r.qualified_id for r in self.rules if r.kind == "require")
        self.metrics.extend(r for r in self.rules if r.kind == "metric")
        self.contextual.extend(r for r in self.rules if r.kind == "context")

    def find(self, doc: Doc, context: str | None = None) -> list[Hit]:
        """Every hit of every compiled rule in one analysed draft; `context`: the message it replies to."""
        spans: dict[str, list[Span]] = {}
        for matcher in (self.lower, self.lemma):
            if len(matcher):  # an empty matcher warns (W036) on every call
                for span in matcher(doc, as_spans=True):
                    spans.setdefault(span.label_, []).append(span)
        exceptions: dict[str, list[Span]] = {}
        for span in self.exceptions(doc, as_spans=True) if len(self.exceptions) else ():
            exceptions.setdefault(span.label_, []).append(span)
        # A require rule met by a phrase needs nothing more: its token patterns are not run.
        met = frozenset(key for key in self.requires if key in spans and self._kept(key, spans[key], exceptions))
        if context is None and self.contextual:  # a context rule's patterns (the reply's asks) wait for a message
            met |= {r.qualified_id for r in self.contextual}
        for span in self.tokens(doc, met):
            spans.setdefault(span.label_, []).append(span)
        hits: list[Hit] = []
        # Only rules that matched, plus the require rules (which report an absence): most drafts match few.
        keys = [*spans, *(key for key in self.requires if key not in spans)]
        for key in keys:
            rule = self.by_id[key]
            if key + DRAFT_EXCEPTION in exceptions or rule.kind == "context":
                continue  # unless_draft_has cancels the whole rule; context rules are judged below
            found = self._kept(key, spans.get(key, []), exceptions)
            if rule.kind == "require":
                hits.extend(_require_hits(rule, doc, found))
            else:
                hits.extend(_span_hits(rule, found))
        for classifier in self.classifiers:
            hits.extend(classifier.hits(doc))
        for rule in self.contextual if context is not None else ():
            if rule.qualified_id + DRAFT_EXCEPTION not in exceptions:
                found = self._kept(rule.qualified_id, spans.get(rule.qualified_id, []), exceptions)
                hits.extend(conversation.hits(rule, doc, found, context or ""))
        return hits

    def _kept(self, key: str, spans: list[Span], exceptions: dict[str, list[Span]]) -> list[Span]:
        """A rule's matches that its context conditions (exceptions, negation, questions, neighbours) let stand."""
        rule = self.by_id[key]
        return [
            s
            for s in longest(spans)
            if applies(rule, s, exceptions.get(key, ()))
            and not (key in self.neighbours and beside(s, *self.neighbours[key]))
        ]

    def measure(self, text: str, hidden: Sequence[tuple[int, int]] = ()) -> list[Hit]:
        """The metric rules' findings over a draft's visible text (same coordinates as the draft).

        Length metrics skip the `hidden` spans (markup, link targets) a reader does not see.
        """
        hits: list[Hit] = []
        seen = None
        for rule in self.metrics:
            exceptions = self.metric_exceptions.get(rule.qualified_id)
            if hidden and rule.metric in LENGTH_METRICS:
                seen = seen or seen_text(text, hidden)
                hits.extend(seen_hits(rule, seen, exceptions))
            else:
                hits.extend(metric_hits(rule, text, exceptions))
        return hits

    def has(self, rule: Rule) -> bool:
        """Whether `rule` is among the compiled (selected) rules."""
        return self.by_id.get(rule.qualified_id) is rule

    def selects(self, prefix: str) -> bool:
        """Whether any compiled rule's id falls under `prefix`."""
        return any(under(r.qualified_id, prefix) for r in self.rules)


def compile_rules(
    rules: Iterable[Rule], pipeline: Pipeline, channel: str | None = None, names: Resolver | None = None
) -> Compiled:
    """Build the matchers for `rules`; rules needing annotations the pipeline lacks are set aside.

    A rule limited to some channels is compiled only when `channel` is one of them.
    """
    nlp = pipeline.nlp
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    tokens = GatedMatcher(nlp.vocab)
    exceptions = PhraseMatcher(nlp.vocab, attr="LOWER")
    kept: list[Rule] = []
    skipped: list[tuple[Rule, str]] = []
    neighbours: dict[str, tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]] = {}
    metric_exceptions: dict[str, re.Pattern[str]] = {}
    classifiers: list[Classifier] = []
    for rule in rules:
        if rule.channels and channel not in rule.channels:
            continue
        if rule.kind == "classifier":
            classifiers.append(compile_classifier(rule))  # the model is read here, for a selected rule only
        missing = rule.model_attrs - pipeline.provides
        if missing:
            skipped.append((rule, f"needs {', '.join(sorted(missing))}, which pipeline {pipeline.name!r} does not set"))
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
                raise PackError(
                    rule.source, rule.line, f"invalid spaCy pattern in rule {rule.id!r}: {detail}"
                ) from None
        if rule.exceptions and rule.kind == "metric":
            metric_exceptions[key] = re.compile(
                "|".join(rf"(?<!\w){re.escape(_normalise(p))}(?!\w)" for p in rule.exceptions), re.IGNORECASE
            )
        elif rule.exceptions:
            exceptions.add(key, [nlp.make_doc(_normalise(p)) for p in rule.exceptions])
        if rule.unless_draft_has:
            exceptions.add(key + DRAFT_EXCEPTION, [nlp.make_doc(_normalise(p)) for p in rule.unless_draft_has])
        if rule.unless_preceded_by or rule.unless_followed_by:
            neighbours[key] = tuple(
                tuple(tuple(t.lower_ for t in nlp.make_doc(_normalise(p)) if not t.is_space) for p in phrases)
                for phrases in (rule.unless_preceded_by, rule.unless_followed_by)
            )
        kept.append(rule)
    found = (lower, lemma, tokens, exceptions, neighbours, metric_exceptions, names)
    return Compiled(tuple(kept), tuple(skipped), *found, classifiers=tuple(classifiers))


def _normalise(text: str) -> str:
    """Phrases are matched against drafts whose curly quotes were straightened; straighten them too."""
    return text.translate(STRAIGHTEN)


def _span_hits(rule: Rule, spans: list[Span]) -> Iterator[Hit]:
    replacements = {" ".join(k.lower().split()): v for k, v in rule.replacements} if rule.replacements else {}
    for span in spans:
        suggestion = None
        if rule.kind == "substitution":
            # A match may span a double space or a line break: compare word by word. No replacement found
            # (a lemma-matched inflection, say) means no suggestion, never an accidental deletion.
            found = replacements.get(" ".join(_normalise(span.text.lower()).split()))
            suggestion = None if found is None else _keep_case(span.text, found)
        yield Hit(
            rule, span.start_char, span.end_char, fill_message(rule, match=span.text, suggestion=suggestion), suggestion
        )


def _keep_case(original: str, replacement: str) -> str:
    if replacement and original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _require_hits(rule: Rule, doc: Doc, found: list[Span]) -> Iterator[Hit]:
    if found:
        return
    words = PATTERNS["words"].findall(doc.text)
    if not words or len(words) < rule.min_words:
        return
    # A document-level finding has no span: it points at where the draft starts.
    start = len(doc.text) - len(doc.text.lstrip())
    yield Hit(rule, start, start, fill_message(rule, match=""))
