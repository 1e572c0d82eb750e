"""Token patterns gated by the literal words they need, so a Matcher only runs on drafts that contain them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Span as SpanType

from replylint.engine.lexical import LexicalTest, WordVerdicts, lexical_test
from replylint.engine.windows import WINDOWED_FROM, Positions, Reach, pattern_reach, windows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

# The Matcher's cost grows with patterns x tokens; most drafts contain none of a pattern's key words, so a
# set lookup per pattern decides whether its Matcher needs to run at all.
_LITERAL_ATTRS = {"LOWER": "lower", "ORTH": "lower", "TEXT": "lower", "LEMMA": "lemma"}
_REQUIRED_OPS = {None, "+", "{1}"}
# A draft's word ids in order, the tests each distinct word passes, and the union of those.
_Words = tuple[list[int], dict[int, frozenset[int]], frozenset[int]]


@dataclass
class GatedMatcher:
    """Many token patterns, each in its own Matcher behind a gate of words one of which must occur.

    A pattern with no literal word is gated by a token test that depends only on the word (a REGEX over its
    text, IS_ALPHA), judged once per distinct word; a one-token pattern of that sort needs no Matcher at all.
    """

    vocab: Vocab
    gated: list[tuple[tuple[tuple[str, frozenset[int]], ...], Matcher]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # the rule key of each gated matcher
    # Per gated matcher: its gates other than the one it is indexed by (a candidate meets that one already),
    # and the most tokens a match spans (None: unbounded).
    others: list[tuple[tuple[str, frozenset[int]], ...]] = field(default_factory=list)
    reach: list[Reach | None] = field(default_factory=list)
    ungated: Matcher | None = None
    # attr -> word hash -> patterns whose smallest gate holds that word: a draft's words find its candidates.
    index: dict[str, dict[int, list[int]]] = field(default_factory=lambda: {"lower": {}, "lemma": {}})
    words: dict[str, set[int]] = field(default_factory=lambda: {"lower": set(), "lemma": set()})  # index's keys
    # One-token patterns judged word by word, and longer ones run only when a word passes their screen; each
    # holds the number of its test in `verdicts`.
    single: list[tuple[str, int]] = field(default_factory=list)
    screened: list[tuple[str, int, Matcher]] = field(default_factory=list)
    verdicts: WordVerdicts = field(default_factory=WordVerdicts)

    def __len__(self) -> int:
        rest = len(self.single) + len(self.screened)
        return len(self.gated) + rest + (len(self.ungated) if self.ungated is not None else 0)

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one pattern under `key`; raises spaCy's ValueError/KeyError for an invalid pattern."""
        matcher = Matcher(self.vocab, validate=True)
        matcher.add(key, [pattern], greedy="LONGEST")  # validates, whichever way the pattern is run
        gate = _gate(pattern, self.vocab)
        if gate is not None:
            attr, words = min(gate, key=self._commonness)
            chosen = gate.index((attr, words))
            self.others.append(gate[:chosen] + gate[chosen + 1 :])
            for word in words:
                self.index[attr].setdefault(word, []).append(len(self.gated))
                self.words[attr].add(word)
            self.gated.append((gate, matcher))
            self.keys.append(key)
            self.reach.append(pattern_reach(pattern, lambda token: _literal(token, self.vocab)))
            return
        screen = _screen(pattern)
        if screen is not None and len(pattern) == 1 and pattern[0].get("OP") is None:
            self.single.append((key, self.verdicts.add(screen)))
        elif screen is not None:
            self.screened.append((key, self.verdicts.add(screen), matcher))
        else:
            if self.ungated is None:
                self.ungated = Matcher(self.vocab, validate=True)
            self.ungated.add(key, [pattern], greedy="LONGEST")

    def _commonness(self, gate: tuple[str, frozenset[int]]) -> tuple[int, int]:
        """How often a gate opens, roughly: stop words ("you", "the") open it on most drafts, so a gate of
        rarer words indexes the pattern (fewer candidates to check per draft); then the fewer words the better."""
        _, words = gate
        # The stop list the blank English vocabulary's is_stop reads, looked up by string: building a lexeme per
        # word only to read that flag took a tenth of a one-draft run's rule compilation.
        texts = [self.vocab.strings[word] for word in words]
        common = sum(1 for text in texts if text.lower() in STOP_WORDS or len(text) <= 2)
        return common, len(words)

    def __call__(self, doc: Doc, skip: frozenset[str] = frozenset()) -> list[Span]:
        """All matches in `doc`, labelled by key; gated patterns of the rules in `skip` are not run."""
        spans: list[Span] = []
        words = self._words(doc)
        arrays = self._arrays(doc)
        # On a long draft a bounded pattern runs only around its gate words, so cost per character stays flat.
        positions = Positions(arrays) if len(doc) >= WINDOWED_FROM else None
        for number in self._opened(arrays, skip):
            matcher, reach = self.gated[number][1], self.reach[number]
            if positions is None or reach is None:
                spans.extend(matcher(doc, as_spans=True))
                continue
            # Every gate word must be in a match: the gate rarest in this draft gives the fewest windows.
            around = min((positions.of(attr, words) for attr, words in self.gated[number][0]), key=len)
            for start, end in windows(around, positions.reach(reach), len(doc)):
                spans.extend(matcher(doc[start:end], as_spans=True))
        for matcher in self._always(doc, skip, words):
            spans.extend(matcher(doc, as_spans=True))
        if self.single and len(doc):
            spans.extend(self._single_matches(doc, skip, words))
        return spans

    def active(self, doc: Doc, skip: frozenset[str] = frozenset(), words: _Words | None = None) -> list[Matcher]:
        """The matchers whose gates the draft's words open (rules in `skip` aside), plus the ungated one."""
        opened = [self.gated[number][1] for number in self._opened(self._arrays(doc), skip)]
        return opened + self._always(doc, skip, words)

    def _arrays(self, doc: Doc) -> dict[str, np.ndarray]:
        """The draft's lower-cased forms and lemmas, token by token (empty when nothing is gated)."""
        if not self.gated or not len(doc):
            return {"lower": np.zeros(0, dtype=np.uint64), "lemma": np.zeros(0, dtype=np.uint64)}
        lower, lemma = doc.to_array([LOWER, LEMMA]).T
        return {"lower": lower, "lemma": lemma}

    def _opened(self, arrays: dict[str, np.ndarray], skip: frozenset[str]) -> list[int]:
        """The gated matchers whose every gate meets the draft's words, rules in `skip` aside."""
        present = {attr: set(array.tolist()) for attr, array in arrays.items()}
        candidates: set[int] = set()
        for attr, found in present.items():
            index = self.index[attr]
            # Most of a draft's words gate nothing: the intersection runs in C, the loop only over the rest.
            for word in found & self.words[attr]:
                candidates.update(index[word])
        opened = []
        for number in sorted(candidates):
            if skip and self.keys[number] in skip:
                continue
            rest = self.others[number]
            if not rest or all(not needed.isdisjoint(present[attr]) for attr, needed in rest):
                opened.append(number)
        return opened

    def _always(self, doc: Doc, skip: frozenset[str], words: _Words | None) -> list[Matcher]:
        """The screened matchers whose screen some word passes, and the ungated one: run over the whole draft."""
        active: list[Matcher] = []
        if self.screened and len(doc):
            _, _, passed = words or self._words(doc)
            active.extend(m for key, test, m in self.screened if test in passed and key not in skip)
        if self.ungated is not None:
            active.append(self.ungated)
        return active

    def _words(self, doc: Doc) -> _Words:
        """The draft's word ids, each word's passed tests, and every test some word passes."""
        if not self.verdicts.tests or not len(doc):
            return [], {}, frozenset()
        orths = doc.to_array(ORTH).tolist()
        lexeme = self.vocab.__getitem__
        verdicts = {orth: self.verdicts.of(orth, lexeme) for orth in set(orths)}
        return orths, verdicts, frozenset().union(*verdicts.values())

    def _single_matches(self, doc: Doc, skip: frozenset[str], words: _Words) -> list[Span]:
        orths, verdicts, passed = words
        spans: list[Span] = []
        for key, test in self.single:
            if test in passed and key not in skip:
                spans.extend(SpanType(doc, i, i + 1, label=key) for i, o in enumerate(orths) if test in verdicts[o])
        return spans


def _screen(pattern: list[dict[str, Any]]) -> LexicalTest | None:
    """A test that some word of any matching draft must pass: the first required token judged by its word alone."""
    for token in pattern:
        if token.get("OP") in _REQUIRED_OPS:
            test = lexical_test(token)
            if test is not None:
                return test
    return None


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


def _literal(token: dict[str, Any], vocab: Vocab) -> tuple[str, frozenset[int]] | None:
    """The one word list a token is limited to, as a gate, or None when it tests anything else too."""
    gates = _gate([{**token, "OP": None}], vocab)
    others = set(token) - {"OP", *_LITERAL_ATTRS}
    return gates[0] if gates and len(gates) == 1 and not others else None


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
