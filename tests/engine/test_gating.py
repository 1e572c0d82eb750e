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
    "screened": [{"IS_DIGIT": True}, {"TEXT": {"REGEX": "^%$"}}],
    "case": [{"ORTH": "FREE"}, {"LOWER": "shipping"}],
    "one-regex": [{"LOWER": {"REGEX": "^(thanks?|sorry)$"}}],
    "one-flag": [{"IS_TITLE": True, "IS_ALPHA": True}],
    "one-not-in": [{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_PUNCT": False, "IS_SPACE": False}],
    "ungated": [{"LEMMA": {"REGEX": "^forg"}}],
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


def test_each_pattern_takes_the_cheapest_way_that_finds_all_its_matches(matchers):
    _, gated = matchers
    assert len(gated.gated) == 5  # a literal word gates them
    assert [key for key, _, _ in gated.screened] == ["screened"]  # a word-only test screens it
    assert [key for key, _ in gated.single] == ["one-regex", "one-flag", "one-not-in"]  # no Matcher at all
    assert gated.ungated is not None
    assert len(gated.ungated) == 1  # a lemma depends on the token: always run


def test_only_patterns_whose_words_occur_are_run(pipeline, matchers):
    _, gated = matchers
    assert gated.active(pipeline.nlp("Nothing here matches at all.")) == [gated.ungated]
    assert len(gated.active(pipeline.nlp("Calm down, you forgot."))) == 3  # you-fail, optional-first, ungated
    assert len(gated.active(pipeline.nlp("You did?"))) == 2  # "even" needs both "did" and "you"
    assert len(gated.active(pipeline.nlp("Did it?"))) == 1
    assert len(gated.active(pipeline.nlp("Pay 5 now."))) == 2  # a digit opens the screen


def _longest(spans):
    """What the rule engine keeps of one rule's matches: longest first, no overlaps (kinds._longest)."""
    taken, occupied = [], set()
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if occupied.isdisjoint(range(span.start, span.end)):
            occupied.update(range(span.start, span.end))
            taken.append((span.label_, span.start, span.end))
    return sorted(taken)


def test_shipped_token_patterns_match_as_one_plain_matcher_would(pipeline):
    # Every token pattern of every shipped rule, over every example text the packs carry (a thousand drafts
    # written to trigger them and to nearly trigger them): the same kept matches per rule either way.
    from replylint.packs.loading import load_packs, shipped_pack_paths

    rules = [rule for pack in load_packs(shipped_pack_paths()) for rule in pack.rules if rule.patterns]
    plain = Matcher(pipeline.nlp.vocab)
    gated = GatedMatcher(pipeline.nlp.vocab)
    for rule in rules:
        for pattern in rule.patterns:
            plain.add(rule.qualified_id, [list(pattern)], greedy="LONGEST")
            gated.add(rule.qualified_id, list(pattern))
    texts = [e.text for rule in rules for e in (*rule.fail, *rule.passes)]
    assert gated.single and gated.screened and len(texts) > 500
    for doc in pipeline.nlp.pipe(texts):
        by_key: dict[str, list] = {}
        for span in plain(doc, as_spans=True):
            by_key.setdefault(span.label_, []).append(span)
        for span in gated(doc):
            by_key.setdefault("gated:" + span.label_, []).append(span)
        for key in {k.removeprefix("gated:") for k in by_key}:
            assert _longest(by_key.get("gated:" + key, [])) == _longest(by_key.get(key, [])), (key, doc.text)
