"""The pipeline floor: spaCy with the pipeline replylint builds, over the files, in a fresh process.

Run as `python floor_pipeline.py DIR`; prints the import, read and pipe seconds as JSON. The pipeline is
built as src/replylint/nlp.py's load() builds the default one: blank English, the sentencizer, and a
component that sets lookup lemmas (spacy-lookups-data, by the lower-cased text, cached per word) after
moving sentence starts off whitespace. It is copied here, not imported, so that the floor pays for spaCy
and nothing of replylint: keep the two in step.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

OVERRIDES = {
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
    "does": "do",
}
BATCH_SIZE = 256


class LookupLemmas:
    """replylint's lemma component: sentence starts moved onto words, then LEMMA from the lookup table."""

    def __init__(self) -> None:
        data = (resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz").read_bytes()
        self.table: dict[str, str] = json.loads(gzip.decompress(data))
        self.cache: dict[int, int] = {}

    def __call__(self, doc: Any) -> Any:
        strings, cache = doc.vocab.strings, self.cache
        if doc.has_annotation("SENT_START"):
            for i in range(1, len(doc) - 1):
                token = doc[i]
                if token.is_space and token.is_sent_start:
                    token.is_sent_start = False
                    doc[i + 1].is_sent_start = True
        for token in doc:
            lemma = cache.get(token.lower)
            if lemma is None:
                lower = token.lower_
                lemma = strings.add(OVERRIDES.get(lower) or self.table.get(lower, lower))
                cache[token.lower] = lemma
            token.lemma = lemma
        return doc


def main(folder: str) -> None:
    """Import and build, read, and pipe, each timed apart."""
    t0 = time.perf_counter()
    import spacy
    from spacy.language import Language

    Language.factory("bench_lemmas", func=lambda nlp, name: LookupLemmas())
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("bench_lemmas")
    nlp.max_length = 10**8
    t1 = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    t2 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    t3 = time.perf_counter()
    print(json.dumps({"import": t1 - t0, "read": t2 - t1, "pipe": t3 - t2, "tokens": tokens}))


if __name__ == "__main__":
    main(sys.argv[1])
