"""Build and cache the spaCy pipeline: blank English + sentencizer + case-insensitive lookup lemmas, or a model."""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "blank:en"
# Contractions the lookup table lemmatises badly or not at all ("ca" of "can't", "'s" -> "have").
_CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall", "n't": "not", "'m": "be", "'re": "be",
                 "'s": "be", "'ve": "have", "'ll": "will", "'d": "would", "u": "you", "ur": "your"}
# Which annotation each trained component provides, for deciding which rules a pipeline can run.
_PROVIDES = {"tagger": {"TAG", "POS"}, "morphologizer": {"POS", "MORPH"}, "attribute_ruler": {"POS"},
             "parser": {"DEP", "HEAD"}, "ner": {"ENT_TYPE", "ENT_IOB", "ENT_ID"}}


class ModelError(Exception):
    """A --model that cannot be loaded."""


@dataclass(frozen=True, slots=True)
class Pipeline:
    """A loaded spaCy pipeline and the token annotations it provides beyond the blank defaults."""

    nlp: Language
    name: str
    provides: frozenset[str]


@Language.factory("replylint_lemmas")
def _make_lemmas(nlp: Language, name: str) -> _LookupLemmas:
    return _LookupLemmas()


class _LookupLemmas:
    """Sets LEMMA from spacy-lookups-data by the lower-cased text, so "Apologized" and "APOLOGIZE" both work."""

    def __init__(self) -> None:
        from spacy.lookups import load_lookups

        table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        self.table = table
        self.cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        cache = self.cache
        for token in doc:
            lemma = cache.get(token.lower)
            if lemma is None:
                lower = token.lower_
                lemma = strings.add(_CONTRACTIONS.get(lower) or self.table.get(lower, lower))
                cache[token.lower] = lemma
            token.lemma = lemma
        return doc


@functools.cache
def load(name: str = DEFAULT_MODEL) -> Pipeline:
    """Load the named pipeline once per process ('blank:en' needs no download)."""
    if name == DEFAULT_MODEL:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("replylint_lemmas")
        provides: frozenset[str] = frozenset()
    else:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nlp = spacy.load(name)
        except (OSError, ValueError, ImportError) as exc:
            raise ModelError(f"cannot load spaCy pipeline {name!r}: {str(exc).splitlines()[0]}") from None
        provides = frozenset(a for pipe in nlp.pipe_names for a in _PROVIDES.get(_factory(nlp, pipe), ()))
        if "lemmatizer" not in nlp.pipe_names:
            nlp.add_pipe("replylint_lemmas")
        if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
            nlp.add_pipe("sentencizer", first=True)
    # Drafts are short; a long one is still linted whole rather than refused.
    nlp.max_length = 10**8
    return Pipeline(nlp, name, provides)


def _factory(nlp: Language, pipe: str) -> str:
    return nlp.get_pipe_meta(pipe).factory
