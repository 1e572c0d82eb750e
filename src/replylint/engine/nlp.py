"""Build and cache the spaCy pipeline: blank English + sentencizer + case-insensitive lookup lemmas, or a model."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "blank:en"
# Words the lookup table lemmatises badly or not at all ("ca" of "can't", "'s" -> "have", "does" -> "doe").
_OVERRIDES = {
    "ca": "can",
    "wo": "will",
    "sha": "shall",
    "n't": "not",
    "'m": "be",
    "'re": "be",
    "'s": "be",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
    "u": "you",
    "ur": "your",
    # Contractions typed without the apostrophe ("dont", "youre", "thats", "youve") split as "do" + "nt", "you" +
    # "re", "that" + "s": read the pieces as the words they stand for. ("y'all" splits as "y'" + "all".)
    "nt": "not",
    "re": "be",
    "s": "be",
    "ve": "have",
    "ll": "will",
    "y'": "you",
    "does": "do",
}
# Which annotation each trained component provides, for deciding which rules a pipeline can run.
_PROVIDES = {
    "tagger": {"TAG", "POS"},
    "morphologizer": {"POS", "MORPH"},
    "attribute_ruler": {"POS"},
    "parser": {"DEP", "HEAD"},
    "ner": {"ENT_TYPE", "ENT_IOB", "ENT_ID"},
}


class ModelError(Exception):
    """A --model that cannot be loaded."""


@dataclass(frozen=True, slots=True)
class Pipeline:
    """A loaded spaCy pipeline and the token annotations it provides beyond the blank defaults."""

    nlp: Language
    name: str
    provides: frozenset[str]


def _register() -> None:
    """Register the lemma component with spaCy (importing spaCy only when a pipeline is built)."""
    from spacy.language import Language

    if not Language.has_factory("replylint_lemmas"):
        Language.factory("replylint_lemmas", func=lambda nlp, name: _LookupLemmas())


class _LookupLemmas:
    """Sets LEMMA from spacy-lookups-data by the lower-cased text, so "Apologized" and "APOLOGIZE" both work."""

    def __init__(self) -> None:
        self.table = _lemma_table()
        self.cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        cache = self.cache
        _sentences_start_on_words(doc)
        for token in doc:
            lemma = cache.get(token.lower)
            if lemma is None:
                lower = token.lower_
                lemma = strings.add(_OVERRIDES.get(lower) or self.table.get(lower, lower))
                cache[token.lower] = lemma
            token.lemma = lemma
        return doc


def _lemma_table() -> Mapping[str, str]:
    """English lookup lemmas from spacy-lookups-data, read as a plain dict (5x faster than a spaCy Table)."""
    import gzip
    import json
    from importlib import resources

    try:
        data = (resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz").read_bytes()
        table = json.loads(gzip.decompress(data))
        if isinstance(table, dict):
            return table
    except (OSError, ValueError, ModuleNotFoundError):
        pass
    # The package laid out differently: spaCy's own Table (its .get() takes the string too).
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def _sentences_start_on_words(doc: Doc) -> None:
    """The sentencizer starts a sentence on the whitespace after "end.  Next"; move it onto the word."""
    if not doc.has_annotation("SENT_START"):
        return
    for i in range(1, len(doc) - 1):
        token = doc[i]
        if token.is_space and token.is_sent_start:
            token.is_sent_start = False
            doc[i + 1].is_sent_start = True


@contextlib.contextmanager
def _installed_packages_only() -> Iterator[None]:
    """While a pipeline loads by package name, the working directory is not on sys.path.

    Under `python -m replylint` the current directory comes first on sys.path, so `model = "x"` in a
    repository's config would import ./x/__init__.py from that repository: models come from installed packages
    or explicit paths only.
    """
    here = os.path.realpath(os.getcwd())
    saved = sys.path[:]
    sys.path[:] = [entry for entry in saved if entry and os.path.realpath(entry) != here]
    try:
        yield
    finally:
        sys.path[:] = saved


@functools.cache
def load(name: str = DEFAULT_MODEL) -> Pipeline:
    """Load the named pipeline once per process ('blank:en' needs no download)."""
    import spacy

    from replylint.engine.startup import bind_stand_in

    bind_stand_in(spacy)
    _register()
    if name == DEFAULT_MODEL:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("replylint_lemmas")
        provides: frozenset[str] = frozenset()
    else:
        try:
            with warnings.catch_warnings(), _installed_packages_only():
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
