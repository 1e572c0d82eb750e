"""The benchmark's fixed settings: paths, the workloads' configs, the order of runs, the floor script."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


PEERS = REPO / "bench" / "peers"


DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "replies.jsonl"


CACHE = ".replylint_cache"


# Each workload dir has its own replylint.toml: the upward config search never finds one above the temp dir.
PLAIN_CONFIG = "# Defaults only; this file stops the upward search for a config.\n"


COLLECTION_CONFIG = '[[collections]]\nglob = "*.json"\nkeys = ["text"]\n'


DRAFT_MIN_WORDS = 30


# Children may write bytecode, as in a user's install: under PYTHONDONTWRITEBYTECODE (set in some containers)
# every run compiles replylint's modules again and `--help` costs twice as much.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


ORDER = (
    "files-cold",
    "files-warm",
    "collection-cold",
    "collection-warm",
    "draft-cold",
    "draft-warm",
    "help",
    "rules",
    "write-good",
    "proselint",
    "floor-tokenize",
    "floor-read",
    "floor-process",
    "ratio-write-good",
    "ratio-proselint",
    "ratio-floor-tokenize",
    "ratio-floor-read",
    "ratio-floor-process",
    "memory",
)


INSTALL_HINT = {
    "proselint": f"{sys.executable} -m pip install proselint==0.16.0",
    "write-good": f"npm ci --prefix {PEERS}",
}


# Runs in a fresh process as replylint does; import, reading and tokenizing are timed apart for the floors.
FLOOR_SCRIPT = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import spacy
nlp = spacy.blank("en")
t1 = time.perf_counter()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
t2 = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "read": t2 - t1, "tokenize": t3 - t2, "tokens": tokens}))
"""
