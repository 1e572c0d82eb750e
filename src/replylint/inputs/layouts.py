"""Layouts: how a file is read (one vocabulary, shared with the config), chosen by suffix unless configured."""

from __future__ import annotations

import re
from pathlib import PurePath

# "saved-replies" is Markdown read one reply per heading; "markdown" forces one draft for the whole file.
LAYOUTS = ("text", "markdown", "saved-replies", "html", "json", "json5", "yaml", "csv", "javascript")
COLLECTION_LAYOUTS = ("json", "json5", "yaml", "csv", "javascript")
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
_REPLY_WORDS = frozenset(
    {"replies", "canned", "responses", "macros", "snippets", "saved", "answers", "templates", "cannedresponses"}
)


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


def named_like_replies(path: str) -> bool:
    """Whether the file's own name (not its folder) says it is a collection of replies."""
    stem = PurePath(path).name.lower().split(".")[0]
    return bool(_REPLY_WORDS.intersection(re.split(r"[\W_]+", stem))) or stem.replace("-", "").replace("_", "") in {
        "savedreplies",
        "cannedresponses",
        "cannedreplies",
    }
