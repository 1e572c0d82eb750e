"""Find the input files (walk, include/exclude), read them with limits, and decode their bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

from replylint.inputs.drafts import InputError
from replylint.inputs.walking import walk

STDIN = "-"
DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
# Larger inputs are refused with a notice: nothing a person sends as a reply comes close.
MAX_BYTES = 200_000_000
# How a folder without drafts is reported; --allow-empty turns that error into a warning.
NO_DRAFTS = "no drafts found"


class Filter(Protocol):
    """Decides which files a run takes (replylint.config.Config is one)."""

    def is_included(self, path: str) -> bool: ...
    def is_excluded(self, path: str) -> bool: ...


def discover(
    paths: list[str], chooser: Filter | None = None, *, follow_links: bool = True, linked: list[str] | None = None
) -> tuple[list[str], list[tuple[str, str]]]:
    """Expand directories into their draft files (sorted); return (files, [(path, error)]).

    Files found in a directory must be included by `chooser` (default: the draft suffixes); any file, named or
    found, is dropped when `chooser` excludes it. Symlinked files found in a walk are listed in `linked`, and
    taken only with `follow_links`; a path named on the command line is always read.
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
            links: list[str] = []
            found = [f for f in walk(path, errors, follow_links=follow_links, linked=links) if _wanted(f, chooser)]
            if linked is not None:
                linked.extend(f for f in links if _wanted(f, chooser))
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


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """Read one input file; raise InputError for special, oversized (over `limit`) or unreadable files."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a FIFO, device or socket is not read)")
        check_size(info.st_size, limit)
        with open(path, "rb") as stream:
            # read(n) allocates n bytes first: ask for the size stat() gave (plus one), not the limit, and read
            # on, still bounded by one byte past the limit, only if the file grew since: then it is refused.
            data = stream.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += stream.read((limit or MAX_BYTES) + 1 - len(data))
            return check_size(data, limit, bounded=True)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None


def check_size(size_or_data: int | bytes, limit: int | None, *, bounded: bool = False) -> bytes:
    """Raise InputError for an input over `limit` bytes (max-input-size); `bounded`: read only that far."""
    size = size_or_data if isinstance(size_or_data, int) else len(size_or_data)
    most = limit or MAX_BYTES
    if size > most:
        setting = " (max-input-size; raise it in the config or with --max-input-size)" if limit else ""
        told = f"over {most:,} bytes" if bounded else f"{size:,} bytes"
        raise InputError(f"file is {told}, over the {most:,}-byte limit for an input{setting}")
    return b"" if isinstance(size_or_data, int) else size_or_data


def read_draft_file(path: str, encoding: str | None = None) -> str:
    """Read and decode one file; raise InputError for binary, undecodable, oversized or special files."""
    return decode(read_bytes(path), encoding)


def decode_argument(text: str, encoding: str | None = None, limit: int | None = None) -> str:
    """Decode --text like a file: Python hands over argv bytes that are not UTF-8 as surrogate escapes."""
    try:
        data = os.fsencode(text)
    except UnicodeEncodeError as exc:  # a lone surrogate that no bytes stand behind
        raise InputError(f"not valid text at character {exc.start} (a lone surrogate)") from None
    return decode(check_size(data, limit), encoding)


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
