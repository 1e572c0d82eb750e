"""The config of each linted path: --config for all, else the nearest file upward from the path, flags over each."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint.config.building import absolute
from replylint.config.loading import config_in, display_path, is_repository_root, load_config, merge_flags, read_config

if TYPE_CHECKING:
    from replylint.config.settings import Config

_UNFILES = ("-", "<stdin>", "<text>")


class Configs:
    """Configs found from each linted file's folder upward (as ruff and yamllint do), read once per file.

    `base` is the working directory's config (or --config), used for stdin and --text, and for a path with no
    config above it (as before the search followed paths). With --config every path uses it.
    """

    def __init__(self, explicit: Path | None = None, start: Path | None = None, **flags: Any) -> None:
        self.explicit = explicit
        self.flags = flags
        self.base = merge_flags(load_config(explicit, start), **flags)
        self._files: dict[Path, Config] = {}
        if self.base.path is not None:
            self._files[self.base.path] = self.base
        self._folders: dict[str, Path | None] = {}
        self._parsed: dict[Path, dict[str, Any]] = {}
        self._given: dict[str, Config] = {}  # by the folder as the walk spells it

    def for_path(self, path: str) -> Config:
        """The config that applies to one file: the nearest above it; `base` for stdin and --text."""
        if path in _UNFILES:
            return self.base
        return self.for_folder(os.path.dirname(path) or ".")

    def for_folder(self, folder: str) -> Config:
        """The config that applies to the files directly in `folder`."""
        if self.explicit is not None:
            return self.base
        if (known := self._given.get(folder)) is not None:
            return known
        self._given[folder] = self._for_absolute(str(absolute(folder)))
        return self._given[folder]

    __call__ = for_folder  # a walk asks for the filter of each folder it enters

    def _for_absolute(self, folder: str) -> Config:
        found = self._nearest(folder)
        if found is None:
            return self.base
        if found not in self._files:
            config = read_config(found, self._parsed.pop(found), display_path(found))
            self._files[found] = merge_flags(config, **self.flags)
        return self._files[found]

    def _nearest(self, folder: str) -> Path | None:
        """The config file nearest above `folder`, remembered for every folder on the way (one stat per folder)."""
        passed: list[str] = []
        found: Path | None = None
        current = folder
        while True:
            if current in self._folders:
                found = self._folders[current]
                break
            passed.append(current)
            here = Path(current)
            located = config_in(here)
            if located is not None:
                found = located[0]
                self._parsed.setdefault(found, located[1])
                break
            parent = os.path.dirname(current)
            if is_repository_root(here) or parent == current:
                break
            current = parent
        for seen in passed:
            self._folders[seen] = found
        return found
