"""The tokenizer floor: spaCy's blank English tokenizer over the files, in a fresh process as replylint runs.

Run as `python floor_tokenizer.py DIR`; prints the import, read and tokenize seconds as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(folder: str) -> None:
    """Import, read and tokenize, each timed apart, for the floors."""
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.blank("en")
    t1 = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    t2 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    t3 = time.perf_counter()
    print(json.dumps({"import": t1 - t0, "read": t2 - t1, "tokenize": t3 - t2, "tokens": tokens}))


if __name__ == "__main__":
    main(sys.argv[1])
