"""`.gitignore` and `.ignore` files, read with pathspec and applied below their folder as git applies them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pathspec

# Within one folder .ignore is asked before .gitignore (as ripgrep does): it is where a project says what only
# tools should leave out. .git/info/exclude, the repository's private list, ranks below the root .gitignore.
IGNORE_FILES = (".ignore", ".gitignore")
# An ignore file is a few kilobytes; a huge one is not read whole.
MAX_IGNORE_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class IgnoreFile:
    """The patterns of one ignore file, anchored at `base` (an absolute folder)."""

    base: str
    label: str  # how the file is named in a skip reason
    kind: str  # ".gitignore" or ".ignore"
    spec: pathspec.GitIgnoreSpec
    lines: tuple[int, ...]  # the line number of each pattern, for the reason a user sees
    # The patterns' own regexes: a path none of them matches is passed over without pathspec's full check,
    # which costs ten times more and would be most of a 10,000-file walk.
    regexes: tuple[re.Pattern[str], ...] = ()


def read_ignore_files(folder: str, shown: str) -> list[IgnoreFile]:
    """The ignore files directly in `folder` (absolute), named through `shown`, deepest precedence first."""
    found = []
    for name in IGNORE_FILES:
        label = name if shown in ("", ".") else os.path.join(shown, name)
        parsed = _read(os.path.join(folder, name), folder, label, name)
        if parsed is not None:
            found.append(parsed)
    return found


def repository_ignores(start: str) -> list[IgnoreFile]:
    """Ignore files above `start` (absolute) up to the repository root, nearest first; [] outside a repository.

    Outside a repository (no folder at or above `start` holds .git) only the ignore files from `start` down
    apply, so a stray .gitignore in a home or temporary folder never hides a project's files.
    """
    above: list[IgnoreFile] = []
    for folder in (start, *_parents(start)):
        if folder != start:
            above.extend(read_ignore_files(folder, os.path.relpath(folder)))
        if os.path.exists(os.path.join(folder, ".git")):
            private = _read(os.path.join(folder, ".git", "info", "exclude"), folder, ".git/info/exclude", ".gitignore")
            return above + ([private] if private else [])
    return []


def ignored_by(ignores: Sequence[IgnoreFile], path: str, *, folder: bool) -> str | None:
    """Why `path` (absolute) is ignored, or None: the deepest file with a matching pattern decides, like git."""
    for ignore in ignores:
        relative = path[len(ignore.base) :].lstrip(os.sep).replace(os.sep, "/") + ("/" if folder else "")
        if not any(regex.search(relative) for regex in ignore.regexes):
            continue
        result = ignore.spec.check_file(relative)
        if result.include is None:
            continue  # no pattern here speaks of the path: a folder further up may
        if not result.include:
            return None  # a negation ("!keep.md") takes the path back
        pattern = ignore.spec.patterns[result.index]
        text = getattr(pattern, "pattern", None)
        where = f"{ignore.label} line {ignore.lines[result.index]}" if ignore.lines else ignore.label
        return f"ignored by {ignore.kind} ({where}{f': {text}' if text else ''})"
    return None


def _parents(start: str) -> list[str]:
    folders, current = [], os.path.dirname(start)
    while current and current != start:
        folders.append(current)
        start, current = current, os.path.dirname(current)
    return folders


def _read(file: str, base: str, label: str, kind: str) -> IgnoreFile | None:
    try:
        with open(file, "rb") as stream:
            data = stream.read(MAX_IGNORE_BYTES)
    except OSError:
        return None  # absent (the common case) or unreadable: git too goes on without it
    numbered = [
        (number, line.rstrip("\r"))
        for number, line in enumerate(data.decode("utf-8", "replace").split("\n"), 1)
        if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        return None
    import pathspec  # only when an ignore file has patterns: `--help` and `rules` never need it

    spec = pathspec.GitIgnoreSpec.from_lines(text for _, text in numbered)
    # Line numbers are shown only when pathspec kept one pattern per line given (it drops none of these).
    lines = tuple(n for n, _ in numbered) if len(spec.patterns) == len(numbered) else ()
    regexes = tuple(p.regex for p in spec.patterns if p.include is not None and getattr(p, "regex", None))
    if len(regexes) != sum(p.include is not None for p in spec.patterns):
        regexes = (re.compile(""),)  # a pattern without a regex: always ask pathspec
    return IgnoreFile(base, label, kind, spec, lines, regexes)
