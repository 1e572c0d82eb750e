"""The workloads built from the corpus at run time: 10,000 files, one collection, one draft."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from settings import COLLECTION_CONFIG, DRAFT_MIN_WORDS, PLAIN_CONFIG


@dataclass(frozen=True, slots=True)
class Workloads:
    """The three workload directories made from the corpus, and what is needed to describe them."""

    files: Path  # replylint.toml + texts/00000.txt ... one reply a file
    collection: Path  # replylint.toml + collection.json
    draft: Path  # replylint.toml + draft.txt
    replies: int
    words: int
    draft_words: int


def read_corpus(path: Path) -> list[str]:
    """The reply texts, in corpus order (the corpus is read at run time only: it is third-party text)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def build_workloads(texts: list[str], root: Path) -> Workloads:
    """Write the 10k-files, collection and single-draft workloads under `root`."""
    files, collection, draft = root / "files", root / "collection", root / "draft"
    (files / "texts").mkdir(parents=True)
    for index, text in enumerate(texts):
        (files / "texts" / f"{index:05d}.txt").write_text(text + "\n", encoding="utf-8")
    collection.mkdir()
    replies = [{"id": index + 1, "text": text} for index, text in enumerate(texts)]
    document = json.dumps({"replies": replies}, ensure_ascii=False, indent=1)
    (collection / "collection.json").write_text(document, encoding="utf-8")
    draft.mkdir()
    # Deterministic: the first reply long enough to be a real draft rather than a one-line acknowledgement.
    chosen = next((t for t in texts if len(t.split()) >= DRAFT_MIN_WORDS), max(texts, key=len))
    (draft / "draft.txt").write_text(chosen + "\n", encoding="utf-8")
    for directory, config in ((files, PLAIN_CONFIG), (collection, COLLECTION_CONFIG), (draft, PLAIN_CONFIG)):
        (directory / "replylint.toml").write_text(config, encoding="utf-8")
    return Workloads(files, collection, draft, len(texts), sum(len(t.split()) for t in texts), len(chosen.split()))


def executable(name: str) -> str | None:
    """The console script of the running interpreter's environment, else PATH's.

    Preferring the one beside sys.executable skips version-manager shims (pyenv's cost ~50 ms a call).
    """
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def count_findings(report: str) -> int:
    """Findings in a replylint JSON report."""
    return sum(len(entry.get("findings", [])) for entry in json.loads(report).get("files", []))
