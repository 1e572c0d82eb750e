"""Windowed matching on long drafts finds exactly what a whole-draft Matcher finds."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from replylint.engine import gating
from replylint.engine.gating import GatedMatcher
from replylint.engine.windows import Reach, pattern_reach, windows

PATTERNS = {
    "fault": [{"LEMMA": "you"}, {"LOWER": {"IN": ["really", "totally"]}, "OP": "*"}, {"LOWER": "broke"}, {}],
    "runs": [{"LOWER": "we"}, {"LOWER": {"IN": ["do", "really", "so"]}, "OP": "+"}, {"LEMMA": "understand"}],
    "ranged": [{"LOWER": "calm"}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "down"}],
    "unbounded": [{"LOWER": "not"}, {"IS_ALPHA": True, "OP": "*"}, {"LOWER": "problem"}],
    "longest": [{"LOWER": "free"}, {"LOWER": "shipping", "OP": "?"}],
}
SENTENCES = [
    "You really really totally broke it again.",
    "We do really so so really understand how that feels.",
    "Please calm right the heck down.",
    "That is not at all our problem.",
    "Get free shipping today, or free stuff.",
    "Nothing in this sentence matters.",
]


@pytest.fixture(scope="module")
def matchers(pipeline):
    plain = Matcher(pipeline.nlp.vocab)
    gated = GatedMatcher(pipeline.nlp.vocab)
    for key, pattern in PATTERNS.items():
        plain.add(key, [pattern], greedy="LONGEST")
        gated.add(key, pattern)
    return plain, gated


@pytest.mark.parametrize("repeat", [1, 7, 60])
def test_windows_find_what_the_whole_draft_finds(pipeline, matchers, monkeypatch, repeat):
    plain, gated = matchers
    text = " ".join(SENTENCES[i % len(SENTENCES)] for i in range(repeat * len(SENTENCES)))
    doc = pipeline.nlp(text + " We " + "really " * 40 + "understand.")
    expected = sorted((s.label_, s.start, s.end) for s in plain(doc, as_spans=True))
    monkeypatch.setattr(gating, "WINDOWED_FROM", 0)
    windowed = sorted((s.label_, s.start, s.end) for s in gated(doc))
    assert windowed == expected
    assert ("runs", len(doc) - 43, len(doc) - 1) in windowed  # a run longer than any window guess


def test_reach_counts_the_longest_a_match_can_be():
    def words(token):
        return ("lower", frozenset({1})) if "LOWER" in token else None

    assert pattern_reach([{}, {"OP": "?"}, {"OP": "!"}], words) == Reach(3)
    assert pattern_reach([{"OP": "{2}"}, {"OP": "{1,4}"}, {"OP": "{,2}"}], words) == Reach(8)
    assert pattern_reach([{}, {"LOWER": "x", "OP": "*"}], words) == Reach(1, (("lower", frozenset({1})),))
    assert pattern_reach([{"IS_ALPHA": True, "OP": "+"}], words) is None
    assert pattern_reach([{"IS_ALPHA": True, "OP": "{2,}"}], words) is None


def test_windows_merge_when_they_overlap():
    assert windows([5, 7, 30], 3, 40) == [(3, 10), (28, 33)]
    assert windows([0, 39], 5, 40) == [(0, 5), (35, 40)]
    assert windows([], 5, 40) == []
