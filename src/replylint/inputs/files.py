"""Find the input files (walk, include/exclude, skips), read them with limits, and decode their bytes."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.inputs.drafts import InputError
from replylint.inputs.layouts import COLLECTION_SUFFIXES
from replylint.inputs.reasons import skipped_summary
from replylint.inputs.skips import Skip
from replylint.inputs.walking import Filter, walk

if TYPE_CHECKING:
    from collections.abc import Callable

STDIN = "-"
DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
# Every suffix a walk takes by default: drafts, then collections of replies (JSON, JSON5, YAML, CSV, JS literals).
WALKED_SUFFIXES = (*DRAFT_SUFFIXES, *COLLECTION_SUFFIXES)
# Larger inputs are refused with a notice: nothing a person sends as a reply comes close.
MAX_BYTES = 200_000_000
# How a folder without drafts is reported; --allow-empty turns that error into a warning.
NO_DRAFTS = "no drafts found"


class NotText(InputError):
    """A binary file: in a walk it is skipped with this reason, named on the command line it is an error."""


class TooLarge(InputError):
    """A file over the size limit: skipped in a walk, an error when named."""


@dataclass(frozen=True, slots=True)
class Discovery:
    """The inputs of a run: files to read, entries left out, symlinked files met, and errors.

    `folders` maps each directory named on the command line to the files its walk found, so the run can tell
    a folder all of whose files were skipped while being read.
    """

    files: list[str]
    errors: list[tuple[str, str]]
    skipped: list[Skip]
    linked: list[str]
    folders: dict[str, list[str]]


class _Suffixes:
    """The filter of a run without a config: the walked suffixes, ignore files and default excludes."""

    respect_ignore_files = True
    default_excludes = True
    label = "the defaults"
    looked_for = f"{', '.join(WALKED_SUFFIXES)} files"

    def is_included(self, path: str) -> bool:
        return path.lower().endswith(WALKED_SUFFIXES)

    def is_excluded(self, path: str) -> bool:
        return False

    def names(self, name: str) -> bool:
        return False


def discover(
    paths: list[str], chooser: Filter | Callable[[str], Filter] | None = None, *, follow_links: bool = True
) -> Discovery:
    """Expand directories into their input files (sorted), recording every file a walk leaves out and why.

    `chooser` is one filter, or a function giving the filter of a folder (each folder's own config). Files found
    in a directory must be included by it; any file, named or found, is dropped when it excludes it. A path
    named on the command line is always read otherwise: ignore files and default excludes are for walks.
    """
    choose = _chooser(chooser)
    found = Discovery([], [], [], [], {})
    for raw in paths:
        path = Path(raw)
        if raw == STDIN:
            found.files.append(STDIN)
        elif not path.exists():
            found.errors.append((raw, "no such file or directory"))
        elif path.is_dir():
            walked = walk(raw, choose, follow_links=follow_links, known=WALKED_SUFFIXES)
            found.errors.extend(walked.errors)
            found.skipped.extend(walked.skipped)
            found.linked.extend(walked.linked)
            found.folders[raw] = walked.found
            if not walked.found:
                found.errors.append((raw, no_drafts(walked.skipped, choose(raw).looked_for)))
            found.files.extend(walked.found)
        elif (own := choose(os.path.dirname(raw) or ".")).is_excluded(raw):
            found.skipped.append(Skip(raw, f"excluded by 'exclude' in {own.label}"))
        else:
            found.files.append(raw)
    found.files[:] = dict.fromkeys(found.files)
    return found


def no_drafts(skipped: list[Skip], looked: str) -> str:
    """The error for a folder with nothing to lint, saying what it looked for, what was skipped and why."""
    told = skipped_summary(skipped)
    return f"{NO_DRAFTS} (looked for {looked}" + (f"; {told}; --verbose lists them)" if told else ")")


def _chooser(chooser: Filter | Callable[[str], Filter] | None) -> Callable[[str], Filter]:
    if chooser is None:
        fixed: Filter = _Suffixes()
        return lambda _folder: fixed
    if callable(chooser):
        return chooser
    return lambda _folder: chooser


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
        raise TooLarge(f"file is {told}, over the {most:,}-byte limit for an input{setting}")
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
        raise NotText("binary file (contains NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 at byte {exc.start} (use --encoding to read another encoding)") from None
