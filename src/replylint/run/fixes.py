"""--fix and --diff: apply safe substitutions without ever losing text; writes are atomic and checked."""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.inputs.drafts import InputError, Source
from replylint.inputs.files import decode
from replylint.inputs.layouts import COLLECTION_SUFFIXES
from replylint.storage import atomic_write

if TYPE_CHECKING:
    from collections.abc import Mapping

    from replylint.findings import FileReport, Finding
    from replylint.packs.records import Rule

# Inside a collection the replacement lands in a quoted or plain scalar: only text that needs no escaping.
_PLAIN = re.compile(r"^[\w ,.!?'-]*$")
# Where a sentence starts: the start of the text or a line, after . ! ?, or after a reply's leading @mentions.
_SENTENCE_END = re.compile(r"(?:^\s*(?:@\w+\s+)*|[.!?]\s+|\n\s*)$")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source characters [start, end) with `text`; `finding` is what it fixes."""

    start: int
    end: int
    text: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class FilePlan:
    """The edits for one file and the text they produce."""

    path: str
    before: str
    after: str
    edits: tuple[Edit, ...]

    def diff(self) -> str:
        """A unified diff of the change, with the file's own line endings kept."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"a/{self.path}",
                tofile=f"b/{self.path}",
            )
        )


def plan(file: FileReport, rules: Mapping[str, Rule]) -> FilePlan | None:
    """The safe edits for a file's findings; overlapping ones are applied once, the first winning."""
    if file.error is not None or file.path.startswith("<"):
        return None
    return plan_text(file, rules)


def plan_text(file: FileReport, rules: Mapping[str, Rule]) -> FilePlan | None:
    """The safe edits for a report's text, wherever it came from (a file, standard input, --text)."""
    if file.error is not None:
        return None
    source = Source(file.path, file.text)
    in_collection = file.path.lower().endswith(COLLECTION_SUFFIXES)
    edits: list[Edit] = []
    for finding in file.findings:
        rule = rules.get(finding.rule)
        if rule is None or not rule.fix or finding.suggestion is None:
            continue
        start = _offset(source, finding.line, finding.column)
        end = _offset(source, finding.end_line, finding.end_column)
        # The span must be the matched text verbatim (no escapes between), or the edit is not safe.
        if file.text[start:end] != finding.match or (in_collection and not _PLAIN.match(finding.suggestion)):
            continue
        if edits and start < edits[-1].end:
            continue
        edit = _smoothed(file.text, start, end, finding.suggestion, finding)
        if edits and edit.start < edits[-1].end:
            continue  # smoothing reached into the previous edit: left for the next pass
        edits.append(edit)
    if not edits:
        return None
    return FilePlan(file.path, file.text, apply(file.text, edits), tuple(edits))


def apply(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    """The text with non-overlapping edits applied (sorted by start)."""
    parts: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts.extend((text[position : edit.start], edit.text))
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def _offset(source: Source, line: int, column: int) -> int:
    return source.line_starts[line - 1] + column - 1


def _smoothed(text: str, start: int, end: int, replacement: str, finding: Finding) -> Edit:
    """A deletion takes one neighbouring space with it and re-capitalises a sentence it started.

    A deletion that leaves its line empty takes the line break too, and the next word is found past line
    breaks: "Thanks. Please note that\nwe ..." becomes "Thanks.\nWe ...".
    """
    if replacement:
        return Edit(start, end, replacement, finding)
    # Whether the deleted words started a sentence is read before the space the deletion may take.
    starts_sentence = _SENTENCE_END.search(text[:start])
    if text[end : end + 1] == " ":
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    elif (start == 0 or text[start - 1] in "\r\n") and (line_break := _break_at(text, end)):
        end += line_break
    rest = end
    while rest < len(text) and text[rest].isspace():
        rest += 1
    following = text[rest : rest + 1]
    if following.islower() and starts_sentence:
        return Edit(start, rest + 1, text[end:rest] + following.upper(), finding)
    return Edit(start, end, "", finding)


def _break_at(text: str, position: int) -> int:
    """The length of the line break at `position` (0 when there is none)."""
    if text.startswith("\r\n", position):
        return 2
    return 1 if text[position : position + 1] in ("\n", "\r") else 0


def write(plan: FilePlan, encoding: str | None) -> None:
    """Replace the file atomically, keeping its encoding, BOM, line endings and permissions.

    Raises InputError when the file changed since it was read; that is checked again right before the rename,
    so an edit made while the fixed copy was being written is never lost.
    """
    path = Path(plan.path)
    try:
        data = path.read_bytes()
        status = path.lstat()
    except OSError as exc:
        raise InputError(f"{plan.path}: cannot read before fixing: {exc.strerror or exc}") from None
    _writable(plan.path, status)
    if decode(data, encoding) != plan.before:
        raise InputError(f"{plan.path}: changed since it was read; not fixed")
    try:
        payload = _encode(plan.after, data, encoding)
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{plan.path}: the fixed text cannot be written in {exc.encoding} (character {exc.object[exc.start]!r}); "
            "not fixed"
        ) from None

    def unchanged() -> None:
        try:
            current = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{plan.path}: cannot read before fixing: {exc.strerror or exc}") from None
        if current != data:
            raise InputError(f"{plan.path}: changed while being fixed; not fixed")

    owner = (status.st_uid, status.st_gid)
    atomic_write(path, payload, mode=stat.S_IMODE(status.st_mode), owner=owner, before_replace=unchanged)


class Skipped(InputError):
    """A file --fix leaves alone on purpose (a link, a read-only file): a notice, not an error."""


def _writable(name: str, status: os.stat_result) -> None:
    """Refuse what an atomic replace would damage: links (replaced by a copy), read-only files."""
    if stat.S_ISLNK(status.st_mode):
        raise Skipped(f"{name}: a symbolic link; fix the file it points to instead")
    if status.st_nlink > 1:
        raise Skipped(f"{name}: has {status.st_nlink} hard links, which a rewrite would split")
    if not status.st_mode & 0o222:
        raise Skipped(f"{name}: read-only")


def _encode(text: str, original: bytes, encoding: str | None) -> bytes:
    if encoding:
        return text.encode(encoding)
    if original.startswith(b"\xff\xfe"):
        return b"\xff\xfe" + text.encode("utf-16-le")
    if original.startswith(b"\xfe\xff"):
        return b"\xfe\xff" + text.encode("utf-16-be")
    if original.startswith(b"\xef\xbb\xbf"):
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def fix_report(files: tuple[FileReport, ...], rules: Mapping[str, Rule], encoding: str | None) -> list[str]:
    """Write every safe fix; return a line per file touched or refused, for stderr."""
    messages = []
    for file in files:
        change = plan(file, rules)
        if change is None:
            continue
        try:
            write(change, encoding)
        except Skipped as exc:
            messages.append(f"skipped: {exc}")
            continue
        except (InputError, OSError) as exc:
            messages.append(f"not fixed: {exc}")
            continue
        messages.append(f"fixed {len(change.edits)} in {file.path}")
    return messages
