"""Read the corpus and write the workloads replylint is run on: files, collection, draft, large files, sizes."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Each workload dir has its own replylint.toml: the upward config search never finds one above the temp dir.
PLAIN_CONFIG = "# Defaults only; this file stops the upward search for a config.\n"
COLLECTION_CONFIG = '[[collections]]\nglob = "*.json"\nkeys = ["text"]\n'
DRAFT_MIN_WORDS = 30
# Replies are joined into long drafts and large files as paragraphs.
JOINER = "\n\n"
CHAR_SIZES = (280, 1_000, 5_000, 20_000, 50_000)
MIN_DRAFTS = 3


@dataclass(frozen=True, slots=True)
class Workloads:
    """The three workload directories made from the corpus, and what is needed to describe them."""

    files: Path  # replylint.toml + texts/00000.txt ... one reply a file
    collection: Path  # replylint.toml + collection.json
    draft: Path  # replylint.toml + draft.txt
    replies: int
    words: int
    draft_words: int


@dataclass(frozen=True, slots=True)
class LargeFile:
    """One plain-text file of replies joined, `megabytes` x 10^6 bytes or a little more."""

    megabytes: int
    directory: Path  # replylint.toml + large.txt
    size: int  # bytes
    words: int


@dataclass(frozen=True, slots=True)
class SizedDrafts:
    """A folder of drafts of one length, for the cost per character at that length."""

    length: int  # the characters each draft was cut to (at most)
    directory: Path  # replylint.toml + drafts/00000.txt ...
    drafts: int
    chars: int  # all drafts together


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


def build_large(texts: list[str], root: Path, megabytes: int) -> LargeFile:
    """One file of the replies joined in corpus order, round and round, until it holds `megabytes` MB."""
    directory = root / f"large-{megabytes}mb"
    directory.mkdir()
    parts, size, goal = [], 0, megabytes * 10**6
    for text in itertools.cycle(texts):
        if size >= goal:
            break
        parts.append(text)
        size += len(text.encode("utf-8")) + len(JOINER)
    body = JOINER.join(parts) + "\n"
    (directory / "large.txt").write_text(body, encoding="utf-8")
    (directory / "replylint.toml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return LargeFile(megabytes, directory, len(body.encode("utf-8")), len(body.split()))


def build_sized(texts: list[str], root: Path, length: int, total: int) -> SizedDrafts:
    """Drafts of `length` characters, replies joined and cut at a space, about `total` characters in all."""
    directory = root / f"chars-{length}"
    (directory / "drafts").mkdir(parents=True)
    replies = itertools.cycle(texts)
    count = max(MIN_DRAFTS, -(-total // length))
    chars = 0
    for index in range(count):
        draft = _draft_of(replies, length)
        (directory / "drafts" / f"{index:05d}.txt").write_text(draft + "\n", encoding="utf-8")
        chars += len(draft)
    (directory / "replylint.toml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return SizedDrafts(length, directory, count, chars)


def _draft_of(replies: Iterator[str], length: int) -> str:
    """The next replies joined until `length` characters, cut back to the last whitespace before it."""
    parts, size = [], 0
    while size < length:
        text = next(replies)
        parts.append(text)
        size += len(text) + len(JOINER)
    joined = JOINER.join(parts)[:length]
    # Cut at a space so no draft ends in half a word (a word cut in two could trigger rules of its own).
    cut = max(joined.rfind(" "), joined.rfind("\n"))
    return (joined[:cut] if cut > length // 2 else joined).rstrip()
