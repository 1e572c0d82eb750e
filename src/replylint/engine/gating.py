"""Token patterns gated by the literal words they need, so a Matcher only runs on drafts that contain them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

# The Matcher's cost grows with patterns x tokens; most drafts contain none of a pattern's key words, so a
# set lookup per pattern decides whether its Matcher needs to run at all.
_LITERAL_ATTRS = {"LOWER": "lower", "ORTH": "lower", "TEXT": "lower", "LEMMA": "lemma"}
_REQUIRED_OPS = {None, "+", "{1}"}


@dataclass
class GatedMatcher:
    """Many token patterns, each in its own Matcher behind a gate of words one of which must occur."""

    vocab: Vocab
    gated: list[tuple[tuple[tuple[str, frozenset[int]], ...], Matcher]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # the rule key of each gated matcher
    ungated: Matcher | None = None
    # (attr, word hash) -> patterns whose smallest gate holds that word: a draft's words find its candidates.
    index: dict[tuple[str, int], list[int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.gated) + (len(self.ungated) if self.ungated is not None else 0)

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one pattern under `key`; raises spaCy's ValueError/KeyError for an invalid pattern."""
        gate = _gate(pattern, self.vocab)
        if gate is None:
            if self.ungated is None:
                self.ungated = Matcher(self.vocab, validate=True)
            self.ungated.add(key, [pattern], greedy="LONGEST")
            return
        matcher = Matcher(self.vocab, validate=True)
        matcher.add(key, [pattern], greedy="LONGEST")
        attr, words = min(gate, key=lambda g: len(g[1]))
        for word in words:
            self.index.setdefault((attr, word), []).append(len(self.gated))
        self.gated.append((gate, matcher))
        self.keys.append(key)

    def __call__(self, doc: Doc, skip: frozenset[str] = frozenset()) -> list[Span]:
        """All matches in `doc`, labelled by key; gated patterns of the rules in `skip` are not run."""
        spans: list[Span] = []
        for matcher in self.active(doc, skip):
            spans.extend(matcher(doc, as_spans=True))
        return spans

    def active(self, doc: Doc, skip: frozenset[str] = frozenset()) -> list[Matcher]:
        """The matchers whose gates the draft's words open (rules in `skip` aside), plus the ungated one."""
        active: list[Matcher] = []
        if self.gated and len(doc):
            lower, lemma = doc.to_array([LOWER, LEMMA]).T.tolist()
            present = {"lower": set(lower), "lemma": set(lemma)}
            candidates: set[int] = set()
            for attr, words in present.items():
                for word in words:
                    candidates.update(self.index.get((attr, word), ()))
            for number in sorted(candidates):
                gate, matcher = self.gated[number]
                if skip and self.keys[number] in skip:
                    continue
                if all(not words.isdisjoint(present[attr]) for attr, words in gate):
                    active.append(matcher)
        if self.ungated is not None:
            active.append(self.ungated)
        return active


def _gate(pattern: list[dict[str, Any]], vocab: Vocab) -> tuple[tuple[str, frozenset[int]], ...] | None:
    """Word sets that must each meet the draft for `pattern` to match (one per required token), or None."""
    gates: list[tuple[str, frozenset[int]]] = []
    for token in pattern:
        if token.get("OP") not in _REQUIRED_OPS:
            continue
        for attr, kind in _LITERAL_ATTRS.items():
            words = _literals(token.get(attr))
            if words:
                # LOWER/ORTH/TEXT gate on the lower-cased form, which any exact-case match also has.
                gates.append((kind, frozenset(vocab.strings.add(w.lower() if kind == "lower" else w) for w in words)))
    return tuple(gates) or None


def _literals(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if (
        isinstance(value, dict)
        and set(value) == {"IN"}
        and isinstance(value["IN"], list)
        and all(isinstance(v, str) for v in value["IN"])
    ):
        return list(value["IN"])
    return []
