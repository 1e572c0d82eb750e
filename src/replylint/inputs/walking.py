"""Walk a directory for input files without recursion, recording every entry left out and why."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from replylint.inputs.excludes import default_exclude
from replylint.inputs.ignorefiles import ignored_by, read_ignore_files, repository_ignores
from replylint.inputs.skips import Skip

if TYPE_CHECKING:
    from collections.abc import Callable

    from replylint.inputs.ignorefiles import IgnoreFile


class Filter(Protocol):
    """Decides which files a run takes (replylint.config.Config is one)."""

    @property
    def respect_ignore_files(self) -> bool: ...
    @property
    def default_excludes(self) -> bool: ...
    @property
    def label(self) -> str: ...  # the config file, for reasons: "replylint.toml"
    @property
    def looked_for(self) -> str: ...  # what a walk takes: ".txt, .md files", "files matching 'include' in ..."
    def is_included(self, path: str) -> bool: ...
    def is_excluded(self, path: str) -> bool: ...
    def names(self, name: str) -> bool: ...  # an include glob names this entry, taking it back


@dataclass
class Walk:
    """What one walk found: the files to read, the entries left out, symlinked files met, unreadable folders."""

    found: list[str] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def walk(root: str, choose: Callable[[str], Filter], *, follow_links: bool = True, known: tuple[str, ...] = ()) -> Walk:
    """The files under `root`, sorted; `choose(folder)` gives the filter for the files directly in a folder.

    A symlinked file is taken only with `follow_links` (it may point outside the repository); either way its
    path is added to `linked`, so the run can say which links it read or left out. `known` are the suffixes
    replylint reads, so a file left out for its suffix is told apart from one the include globs leave out.
    """
    walker = _Walker(choose, follow_links, known)
    top = os.path.abspath(root)
    # An explicit stack, not os.walk: on Python 3.11 os.walk recurses, and 1,000 nested folders overflow it.
    above = repository_ignores(top) if choose(root).respect_ignore_files else []
    if above and ignored_by(above, top, folder=True):
        above = []  # a folder named on the command line is read even if an ignore file above names it
    stack = [_Folder(root, top, tuple(above))]
    while stack:
        stack.extend(reversed(walker.visit(stack.pop())))
    walker.result.found.sort()
    return walker.result


@dataclass(frozen=True, slots=True)
class _Folder:
    """A folder to walk: as the walk spells it, absolute, and the ignore files above it (deepest first)."""

    path: str
    absolute: str
    ignores: tuple[IgnoreFile, ...]


class _Walker:
    """One walk's settings and results; visit() lists one folder and returns the subfolders to enter."""

    def __init__(self, choose: Callable[[str], Filter], follow_links: bool, known: tuple[str, ...]) -> None:
        self.choose, self.follow_links, self.known = choose, follow_links, known
        self.result = Walk()

    def visit(self, folder: _Folder) -> list[_Folder]:
        chooser = self.choose(folder.path)
        ignores = folder.ignores
        if chooser.respect_ignore_files:
            ignores = (*read_ignore_files(folder.absolute, os.path.normpath(folder.path)), *ignores)
        try:
            with os.scandir(folder.path) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            where = str(exc.filename or folder.path)
            self.result.errors.append((where, f"cannot read directory: {exc.strerror or exc}"))
            return []
        here = _Folder(folder.path, folder.absolute, ignores)
        subfolders = []
        for entry in listed:
            is_folder = _is_dir(entry)
            path = os.path.normpath(entry.path)
            full = folder.absolute + os.sep + entry.name  # not os.path.join: this runs for every entry of a walk
            reason = self._left_out(entry.name, path, full, here, chooser, folder=is_folder)
            if reason is None and is_folder and entry.is_symlink():
                reason = "symlinked folder, not entered (it may loop or lead outside the folder)"
            if reason is None and is_folder:
                subfolders.append(_Folder(entry.path, full, ignores))
            elif reason is None:
                reason = self._take_file(entry, path)
            if reason is not None:
                self.result.skipped.append(Skip(path + ("/" if is_folder else ""), reason))
        return subfolders

    def _take_file(self, entry: os.DirEntry[str], path: str) -> str | None:
        """Add a file the filters took to the walk; the reason it is still left out, if it is."""
        if entry.is_symlink():
            self.result.linked.append(path)
            if not self.follow_links:
                return "symlink not followed (--no-follow-links)"
        elif not _is_file(entry):
            return "not a regular file (a FIFO, device or socket is not read)"
        self.result.found.append(path)
        return None

    def _left_out(self, name: str, path: str, full: str, here: _Folder, chooser: Filter, *, folder: bool) -> str | None:
        """Why the walk leaves out one entry, checked cheapest first, or None to take it."""
        parent = os.path.basename(here.absolute)
        why = default_exclude(name, parent, folder=folder) if chooser.default_excludes else None
        if why and not chooser.names(name):
            return why
        if here.ignores and (why := ignored_by(here.ignores, full, folder=folder)):
            return why
        if chooser.is_excluded(path):
            return f"excluded by 'exclude' in {chooser.label}"
        if folder or chooser.is_included(path):
            return None
        suffix = os.path.splitext(name)[1].lower()
        if suffix and suffix in self.known:
            return f"not matching 'include' in {chooser.label}"
        return f"not a reply format ({suffix})" if suffix else "not a reply format (no suffix)"


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
