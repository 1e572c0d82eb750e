"""Content-addressed result cache: unchanged files under unchanged rules are answered without spaCy."""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from replylint import __version__
from replylint.findings import Entry, Finding, Severity
from replylint.storage import atomic_write, sign, verified

if TYPE_CHECKING:
    from collections.abc import Iterable

DEFAULT_DIR = ".replylint_cache"
# Entries kept in one cache file; beyond this the least recently written are dropped.
MAX_ENTRIES = 100_000
# Cache files of other rule sets or versions are deleted once they have not been used for this long.
STALE_SECONDS = 7 * 24 * 3600
_FORMAT = 5
_SEVERITIES = frozenset(s.value for s in Severity)


def fingerprint(*parts: object) -> str:
    """A stable hash of everything that decides findings besides the file itself."""
    digest = hashlib.sha256(f"replylint {__version__} cache {_FORMAT}".encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def content_key(data: bytes, *context: str) -> str:
    """The key of one input: its bytes and how it is read (encoding, format)."""
    digest = hashlib.sha256(data)
    for part in context:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def _row(row: object) -> bool:
    """Whether a stored finding has exactly the shape and types put() writes."""
    if not isinstance(row, list) or len(row) not in (11, 12):
        return False
    positions, (rule, severity, message, match, suggestion, entry, index) = row[:4], row[4:11]
    return (
        (len(row) == 11 or row[11] is None or isinstance(row[11], str))
        and all(type(n) is int and n >= 1 for n in positions)
        and ((entry is None and index is None) or (isinstance(entry, str) and type(index) is int))
        and all(isinstance(v, str) for v in (rule, severity, message, match))
        and severity in _SEVERITIES
        and (suggestion is None or isinstance(suggestion, str))
    )


def _entry(name: object, index: object) -> Entry | None:
    return Entry(name, index) if isinstance(name, str) and isinstance(index, int) else None


class ResultCache:
    """Findings per input key for one rule fingerprint, loaded once and saved atomically at the end.

    The file is signed with this user's key (storage.signing_key): an entry that does not verify, such as one
    committed to a repository or written by hand, is never trusted, and a damaged row is a miss, never a crash.
    """

    def __init__(self, directory: Path, rules_fingerprint: str, key: bytes) -> None:
        self.directory = directory
        self.key = key
        self.file = directory / f"results-{rules_fingerprint[:32]}.json"
        self.entries: dict[str, object] = self._read(self.file)
        self.added: dict[str, object] = {}

    def get(self, key: str, path: str) -> tuple[Finding, ...] | None:
        """The cached findings of an input, re-attached to `path`, or None."""
        stored = self.added.get(key) or self.entries.get(key)
        rows = stored.get("findings") if isinstance(stored, dict) else None
        if not isinstance(rows, list) or not all(_row(row) for row in rows):
            return None  # absent, or an entry from a damaged file: lint again
        return tuple(
            Finding(path, *row[:5], Severity(row[5]), *row[6:9], _entry(row[9], row[10]), *row[11:])  # type: ignore[misc]
            for row in rows
        )

    def replies(self, key: str) -> int:
        """How many replies the input held when its findings were cached (1 for an entry without the count)."""
        stored = self.added.get(key) or self.entries.get(key)
        count = stored.get("replies") if isinstance(stored, dict) else None
        return count if type(count) is int and count >= 0 else 1

    def put(self, key: str, findings: Iterable[Finding], replies: int = 1) -> None:
        """Keep an input's findings and its reply count (the summary counts replies, cached or not)."""
        rows = [
            [
                *(f.line, f.column, f.end_line, f.end_column, f.rule, f.severity.value, f.message, f.match),
                *(f.suggestion, f.entry.name if f.entry else None, f.entry.index if f.entry else None),
                *((f.in_reply_to,) if f.in_reply_to is not None else ()),
            ]
            for f in findings
        ]
        self.added[key] = {"replies": replies, "findings": rows}

    def save(self) -> None:
        """Merge with what other processes wrote meanwhile and replace the file atomically; never raises."""
        if not self.added:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                atomic_write(ignore, "# Created by replylint: the cache is local, never commit it.\n*\n")
            merged = {**self._read(self.file), **self.entries, **self.added}
            if len(merged) > MAX_ENTRIES:
                merged = dict(list(merged.items())[-MAX_ENTRIES:])
            payload = json.dumps(merged, separators=(",", ":"), ensure_ascii=False)
            document = {"format": _FORMAT, "mac": sign(self.key, payload.encode()), "entries": payload}
            atomic_write(self.file, json.dumps(document, separators=(",", ":"), ensure_ascii=False))
            self._prune()
        except OSError:
            pass  # a read-only or full disk costs speed, never a run

    def _prune(self) -> None:
        now = time.time()
        for other in self.directory.glob("results-*.json"):
            with contextlib.suppress(OSError):
                if other != self.file and now - other.stat().st_mtime > STALE_SECONDS:
                    other.unlink()

    def _read(self, file: Path) -> dict[str, object]:
        """The signed entries of a cache file; {} for a missing, damaged, foreign or unsigned one."""
        try:
            document = json.loads(file.read_bytes())
            payload = document["entries"]
            if not (isinstance(payload, str) and verified(self.key, payload.encode(), document.get("mac"))):
                return {}
            data = json.loads(payload)
        except (OSError, ValueError, TypeError, KeyError):
            return {}
        return data if isinstance(data, dict) else {}
