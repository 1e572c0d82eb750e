"""Walk a directory for input files without recursion, so no depth of nesting can overflow the stack."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def walk(
    root: Path, errors: list[tuple[str, str]], *, follow_links: bool = True, linked: list[str] | None = None
) -> list[str]:
    """The files under `root` (sorted; hidden names skipped); unreadable folders are added to `errors`.

    A symlinked file is taken only with `follow_links` (it may point outside the repository); either way its
    path is added to `linked`, so the run can say which links it read or left out.
    """
    found: list[str] = []
    # An explicit stack, not os.walk: on Python 3.11 os.walk recurses, and 1,000 nested folders overflow it.
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            errors.append((str(exc.filename or folder), f"cannot read directory: {exc.strerror or exc}"))
            continue
        subfolders = []
        for entry in listed:
            if entry.name.startswith("."):
                continue
            if _is_dir(entry):
                # A symlinked directory can loop: it is not entered; linked files are still read.
                if not entry.is_symlink():
                    subfolders.append(entry.path)
            elif entry.is_symlink():
                if linked is not None:
                    linked.append(os.path.normpath(entry.path))
                if follow_links:
                    found.append(os.path.normpath(entry.path))
            else:
                found.append(os.path.normpath(entry.path))
        stack.extend(reversed(subfolders))
    return sorted(found)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
