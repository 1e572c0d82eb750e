"""Source, Draft and Span: one reply's text with its place in the file; long drafts cut in parts."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from replylint.findings import LINE_BREAK, Entry

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it.rules_inline import StateInline

    from replylint.inputs.drafts import Source

    InlineRule = Callable[[StateInline, bool], bool]


# A draft longer than this is linted in parts cut at line breaks, so memory and time per part stay bounded;
# document-level rules (a missing thanks) do not apply to such a text, which is not a reply.
PART_CHARS = 50_000
_QUOTE_LINE = re.compile(r"^[ \t]*>")
# "On Mon, 3 Jun 2024 at 10:02, Ana <ana@example.com> wrote:" and the Outlook separator start a quoted original.
_WROTE = re.compile(r"^[ \t]*On\b.{0,300}\bwrote:[ \t]*$", re.IGNORECASE)
_ORIGINAL = re.compile(r"^[ \t]*-{2,}[ \t]*(Original Message|Forwarded message)[ \t]*-{2,}[ \t]*$", re.IGNORECASE)


class InputError(Exception):
    """An input that cannot be linted; the message names the file."""


@dataclass(frozen=True)
class Source:
    """A file's decoded text; maps character offsets to 1-based line and column."""

    path: str
    text: str

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *(m.end() for m in LINE_BREAK.finditer(self.text))]

    def locate(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1


@dataclass(frozen=True, slots=True)
class Draft:
    """One reply to lint: its text, where its characters sit in the source, and spans that are not its prose.

    `ignored` spans (quoted customer text, code, markup) are blanked before analysis; `placeholders` (template
    fields such as {{ name }}) stand in as a neutral name-like word and never match.

    `anchors` maps the draft onto its source piecewise: (draft offset, source offset) pairs sorted by draft
    offset; a character maps through the last anchor at or before it. A whole file is ((0, 0),); a reply inside
    a JSON string gains an anchor after each escape sequence.
    """

    source: Source
    text: str
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)
    ignored: tuple[tuple[int, int], ...] = ()
    placeholders: tuple[tuple[int, int], ...] = ()
    # Rule prefixes silenced for the whole draft (() = all rules), e.g. a collection entry's replylint-disable.
    disabled: tuple[str, ...] | None = None
    # Placeholders to report as left unfilled (a draft about to be sent, not a template).
    unfilled: tuple[tuple[int, int], ...] = ()
    # True for one part of a very long text: document-level rules do not apply to it.
    part: bool = False
    # Which reply of a many-reply file this is (a collection item, a saved-replies section); None for a whole file.
    entry: Entry | None = None
    # The customer's message this draft replies to (--in-reply-to, a collection's context key); the context
    # rules run only when it is given.
    context: str | None = None

    @property
    def path(self) -> str:
        return self.source.path

    def source_offset(self, position: int) -> int:
        """The character offset in the source file of a character offset in the draft text."""
        anchors = self.anchors
        if len(anchors) == 1:
            return anchors[0][1] + position
        index = bisect_right(anchors, (position, float("inf"))) - 1
        draft_at, source_at = anchors[max(index, 0)]
        return source_at + position - draft_at

    def locate(self, position: int) -> tuple[int, int]:
        """1-based line and column in the source file of a character offset in the draft text."""
        return self.source.locate(self.source_offset(position))


def split_long(draft: Draft, size: int = PART_CHARS) -> list[Draft]:
    """A very long draft as parts of about `size` characters, cut after a line break where there is one."""
    if len(draft.text) <= size:
        return [draft]
    parts = []
    start = 0
    while start < len(draft.text):
        end = min(start + size, len(draft.text))
        if end < len(draft.text):
            cut = draft.text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        parts.append(
            Draft(
                draft.source,
                draft.text[start:end],
                anchors=((0, draft.source_offset(start)),) if len(draft.anchors) == 1 else _shift_anchors(draft, start),
                ignored=_clip(draft.ignored, start, end),
                placeholders=_clip(draft.placeholders, start, end),
                disabled=draft.disabled,
                unfilled=_clip(draft.unfilled, start, end),
                part=True,
                entry=draft.entry,
                context=draft.context,
            )
        )
        start = end
    return parts


def _clip(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple((max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start)


def _shift_anchors(draft: Draft, start: int) -> tuple[tuple[int, int], ...]:
    shifted = [(0, draft.source_offset(start))]
    shifted.extend((a - start, s) for a, s in draft.anchors if a > start)
    return tuple(shifted)


def draft_from_text(path: str, text: str) -> Draft:
    """A draft that is a whole file (or stdin, or --text)."""
    return Draft(Source(path, text), text, ignored=quoted_spans(text))


def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of e-mail quoted text: '>' lines, and everything after an 'On ... wrote:' line."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if _WROTE.match(body) or _ORIGINAL.match(body):
            spans.append((position, len(text)))
            break
        if _QUOTE_LINE.match(body):
            spans.append((position, position + len(body)))
        position += len(line)
    return tuple(spans)


Span = tuple[int, int]
