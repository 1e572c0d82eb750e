"""Layouts: how a file is read (one vocabulary, shared with the config), chosen by suffix unless configured."""

from __future__ import annotations

import re
from pathlib import PurePath

# "saved-replies" is Markdown read one reply per heading; "markdown" forces one draft for the whole file.
LAYOUTS = ("text", "markdown", "saved-replies", "html", "json", "json5", "jsonl", "yaml", "csv", "javascript")
COLLECTION_LAYOUTS = ("json", "json5", "jsonl", "yaml", "csv", "javascript")
_BY_SUFFIX = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".json5": "json5",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsonp": "javascript",
}
SUFFIXES = tuple(suffix for suffix in _BY_SUFFIX if suffix)
COLLECTION_SUFFIXES = tuple(suffix for suffix in SUFFIXES if _BY_SUFFIX[suffix] in COLLECTION_LAYOUTS)
# Words in a file's name that say it holds many replies (SAVED_REPLIES.md, canned-responses.yml, macros.json).
_REPLY_WORDS = frozenset({"replies", "canned", "responses", "macros", "snippets", "saved", "answers", "templates"})
_JOINED = frozenset({"savedreplies", "cannedresponses", "cannedreplies", "quickreplies"})


def layout_for(path: str, configured: str | None = None) -> str | None:
    """The configured layout, else the one the suffix says; None when replylint does not know the format."""
    if configured:
        return configured
    if path in {"<stdin>", "<text>", "-"}:
        return "text"
    return _BY_SUFFIX.get(PurePath(path).suffix.lower())


def not_understood(path: str) -> str:
    """Why a file of an unknown format is not read as one plain-text draft."""
    suffix = PurePath(path).suffix
    return (
        f"format not understood ({suffix} is none of {', '.join(SUFFIXES)}); to read it anyway, give its glob a "
        'layout in the config: [[collections]] glob = "..." layout = "text"'
    )


def named_like_replies(path: str, *, folder: bool = False) -> bool:
    """Whether the file's name (with `folder`, or its folder's) says it is a collection of replies."""
    pure = PurePath(path)
    names = [pure.name, pure.parent.name] if folder else [pure.name]
    for name in names:
        stem = name.lower().split(".")[0]
        if _REPLY_WORDS.intersection(re.split(r"[\W_]+", stem)) or re.sub(r"[\W_]+", "", stem) in _JOINED:
            return True
    return False
