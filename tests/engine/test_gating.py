"""The gated matcher finds exactly what one plain spaCy Matcher finds, while skipping drafts that cannot match."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from replylint.engine.gating import GatedMatcher

PATTERNS = {
    "you-fail": [{"LOWER": "you"}, {"LEMMA": {"IN": ["fail", "forget"]}}],
    "even": [{"LOWER": "did"}, {"LOWER": "you"}, {"LOWER": "even", "OP": "?"}, {"IS_ALPHA": True}],
    "optional-first": [{"LOWER": "just", "OP": "?"}, {"LOWER": "calm"}, {"LOWER": "down"}],
    "negated-op": [{"LOWER": "not", "OP": "!"}, {"LOWER": "rocket"}, {"LOWER": "science"}],
    "ungated": [{"IS_DIGIT": True}, {"TEXT": {"REGEX": "^%$"}}],
    "case": [{"ORTH": "FREE"}, {"LOWER": "shipping"}],
}
TEXTS = [
    "You forgot it. Did you even try? Did you restart?",
    "Just calm down. It's not rocket science. Calm down please.",
    "Get 50 % off with FREE shipping, free shipping too.",
    "Nothing here matches at all.",
    "",
    "YOU FAILED. you forgetting",
]


@pytest.fixture(scope="module")
def matchers(pipeline):
    plain = Matcher(pipeline.nlp.vocab)
    gated = GatedMatcher(pipeline.nlp.vocab)
    for key, pattern in PATTERNS.items():
        plain.add(key, [pattern], greedy="LONGEST")
        gated.add(key, pattern)
    return plain, gated


@pytest.mark.parametrize("text", TEXTS)
def test_gated_matches_equal_plain_matches(pipeline, matchers, text):
    plain, gated = matchers
    doc = pipeline.nlp(text)
    expected = sorted((s.label_, s.start, s.end) for s in plain(doc, as_spans=True))
    assert sorted((s.label_, s.start, s.end) for s in gated(doc)) == expected


def test_patterns_without_a_literal_word_are_never_skipped(matchers):
    _, gated = matchers
    assert len(gated.gated) == 5
    assert gated.ungated is not None
    assert len(gated.ungated) == 1


def test_only_patterns_whose_words_occur_are_run(pipeline, matchers):
    _, gated = matchers
    assert gated.active(pipeline.nlp("Nothing here matches at all.")) == [gated.ungated]
    assert len(gated.active(pipeline.nlp("Calm down, you forgot."))) == 3  # you-fail, optional-first, ungated
    assert len(gated.active(pipeline.nlp("You did?"))) == 2  # "even" needs both "did" and "you"
    assert len(gated.active(pipeline.nlp("Did it?"))) == 1
