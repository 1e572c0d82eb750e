"""Read files, directories, stdin and --text into Draft records, marking quoted customer text as not linted."""

from __future__ import annotations

import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

STDIN = "-"
DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
# Larger inputs are refused with a notice: nothing a person sends as a reply comes close.
MAX_BYTES = 200_000_000
# A draft longer than this is linted in parts cut at line breaks, so memory and time per part stay bounded;
# document-level rules (a missing thanks) do not apply to such a text, which is not a reply.
PART_CHARS = 50_000
LINE_BREAK = re.compile(r"\r\n|\r|\n")
NO_DRAFTS = "no drafts found"
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


class Filter(Protocol):
    """Decides which files a run takes (replylint.config.Config is one)."""

    def is_included(self, path: str) -> bool: ...
    def is_excluded(self, path: str) -> bool: ...


def discover(paths: list[str], chooser: Filter | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """Expand directories into their draft files (sorted); return (files, [(path, error)]).

    Files found in a directory must be included by `chooser` (default: the draft suffixes); any file, named or
    found, is dropped when `chooser` excludes it.
    """
    files: list[str] = []
    errors: list[tuple[str, str]] = []
    for raw in paths:
        if raw == STDIN:
            files.append(STDIN)
            continue
        path = Path(raw)
        if not path.exists():
            errors.append((raw, "no such file or directory"))
        elif path.is_dir():
            found = [f for f in _walk(path, errors) if _wanted(f, chooser)]
            if not found:
                errors.append(
                    (
                        raw,
                        f"{NO_DRAFTS} (looked for "
                        + (f"{', '.join(DRAFT_SUFFIXES)} files" if chooser is None else "files matching 'include'")
                        + ")",
                    )
                )
            files.extend(found)
        elif chooser is None or not chooser.is_excluded(raw):
            files.append(raw)
    return list(dict.fromkeys(files)), errors


def _wanted(path: str, chooser: Filter | None) -> bool:
    if chooser is None:
        return path.lower().endswith(DRAFT_SUFFIXES)
    return chooser.is_included(path) and not chooser.is_excluded(path)


def _walk(root: Path, errors: list[tuple[str, str]]) -> list[str]:
    found: list[str] = []

    def onerror(exc: OSError) -> None:
        errors.append((str(exc.filename or root), f"cannot read directory: {exc.strerror or exc}"))

    # followlinks=False: a symlinked directory can loop; linked files are still read.
    for folder, dirs, names in os.walk(root, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.normpath(os.path.join(folder, n)) for n in names if not n.startswith("."))
    return sorted(found)


def read_bytes(path: str) -> bytes:
    """Read one input file; raise InputError for special, oversized or unreadable files."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a FIFO, device or socket is not read)")
        if info.st_size > MAX_BYTES:
            raise InputError(f"file is {info.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit for a draft")
        with open(path, "rb") as stream:
            return stream.read()
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None


def read_draft_file(path: str, encoding: str | None = None) -> str:
    """Read and decode one file; raise InputError for binary, undecodable, oversized or special files."""
    return decode(read_bytes(path), encoding)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode bytes as UTF-8 (BOM allowed), UTF-16 with a BOM, or the given encoding."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {encoding} at byte {exc.start}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 at byte {exc.start} (use --encoding to read another encoding)") from None
