"""What a collection that yielded no reply held, and the verdict: an error naming its keys, or not replies."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from replylint.inputs.drafts import InputError
from replylint.inputs.layouts import named_like_replies
from replylint.inputs.skips import NotReplies

if TYPE_CHECKING:
    from replylint.inputs.drafts import Source

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[.,!?;:)]?|\(?[^\W\d_][\w'\u2019-]*")
_SHOWN = 8


# Keys whose prose describes an entry to the agent or developer (a macro's or an input's description).
_DESCRIBING = frozenset({"description", "desc", "summary", "help", "about", "note", "notes", "comment_internal"})


@dataclass(slots=True)
class Survey:
    """The strings a walk passed over: how many, the keys that held them, and which keys held prose where.

    Prose is evidence of a reply collection only inside entries (not a manifest's top-level description) and
    under a key that does not describe or name the entry; `prose` counts it per key.
    """

    strings: int = 0
    keys: Counter[str] = field(default_factory=Counter)
    prose: Counter[str] = field(default_factory=Counter)

    def note(self, key: str | None, value: str, *, depth: int) -> None:
        self.strings += 1
        if key is None:
            return
        if len(value.split()) > 1:
            self.keys[key] += 1
        if depth >= 2 and key.lower() not in _DESCRIBING and is_prose(value):
            self.prose[key] += 1

    @property
    def collection_like(self) -> bool:
        """Two or more entries hold prose under the same unknown key: replies under a key we do not know."""
        return any(count >= 2 for count in self.prose.values())


def is_prose(value: str) -> bool:
    """Whether a string reads like sentences (a reply), not a command, a path, a version or a tag list."""
    tokens = value.split()
    if len(tokens) < 4:
        return False
    words = sum(bool(_WORD.fullmatch(token)) for token in tokens)
    return words >= 0.7 * len(tokens) and (len(tokens) >= 8 or bool(re.search(r"[.!?]", value)))


def no_replies(source: Source, survey: Survey, *, configured: bool, nothing: str = "") -> InputError | NotReplies:
    """The error for a collection without a reply; NotReplies when the file plainly holds none by design.

    A file the config names, a file (or folder) named like a collection, or one holding prose under unknown keys is an
    error that names the keys found (a reply collection misread is worse than a failed run); `nothing` is the
    reason given when the file holds no candidate at all (a script without a reply array).
    """
    found = ", ".join(key for key, _ in survey.keys.most_common(_SHOWN)) or "none holding text"
    if len(survey.keys) > _SHOWN:
        found += f" and {len(survey.keys) - _SHOWN} more"
    collection = configured or named_like_replies(source.path, folder=True)
    if not survey.strings:
        reason = nothing or "empty collection: no replies in it"
        return InputError(f"{source.path}: {reason}") if collection else NotReplies(nothing or "no text in it")
    if collection or survey.collection_like:
        how = "the configured fields match none of them" if configured else "none is a known reply key"
        return InputError(
            f"{source.path}: no reply text found: {how} (keys found: {found}); name the key that holds replies "
            'in the config: [[collections]] glob = "..." keys = ["..."]'
        )
    return NotReplies(nothing or f"no reply text (keys found: {found})")
