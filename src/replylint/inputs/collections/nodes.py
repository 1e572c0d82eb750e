"""The position-keeping tree that the YAML, JSON and CSV scanners build and the collection walker reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.inputs.drafts import InputError

if TYPE_CHECKING:
    from replylint.inputs.drafts import Source

Span = tuple[int, int]
MAX_NODES = 200_000
MAX_DEPTH = 100


@dataclass(slots=True)
class Text:
    """A string value, its offset in the file, and (draft index, file offset) anchors for its characters."""

    value: str
    offset: int
    anchors: tuple[Span, ...]


@dataclass(slots=True)
class Pairs:
    """A mapping (or a CSV row keyed by the header), in file order."""

    offset: int
    items: list[tuple[str, Node]]


@dataclass(slots=True)
class Items:
    """A sequence."""

    offset: int
    items: list[Node]


@dataclass(slots=True)
class Other:
    """A value that is never a reply: a number, a boolean, null, a non-string tag."""

    offset: int


Node = Text | Pairs | Items | Other


def compress(pairs: list[Span]) -> tuple[Span, ...]:
    """Drop anchors implied by the one before (the source advances one character per draft character)."""
    kept: list[Span] = []
    for draft_at, source_at in pairs:
        if kept and kept[-1][0] == draft_at:
            kept[-1] = (draft_at, source_at)
        elif not kept or kept[-1][1] + draft_at - kept[-1][0] != source_at:
            kept.append((draft_at, source_at))
    return tuple(kept) or ((0, 0),)


def error_at(source: Source, offset: int, what: str) -> InputError:
    """An InputError naming the file and the line of `offset`."""
    return InputError(f"{source.path}:{source.locate(offset)[0]}: {what}")
