"""Why a file a walk found is not linted: recorded, counted and listed, never silent."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Skip:
    """A file left unread, and the reason a user sees."""

    path: str
    reason: str


class NotReplies(Exception):
    """Raised by a reader for a file that holds no replies by design (a manifest, a workflow); the walk skips it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
